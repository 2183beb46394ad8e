import Foundation
import TobanMIP

/// Exact pricing by dynamic programming over days, for a block made of one resource's
/// assignment variables and penalty variables derived from them (``CompiledModel/derived``).
///
/// The block's rows and the derived variables' pieces are *expressions* over the block's
/// variables. Every variable has a day: an assignment its slot's date, a derived variable the
/// last day its pieces read. Going through the days in order, a *label* holds the cost so far
/// and the partial sums of the expressions still *open* (reading days on both sides of the
/// boundary). Two labels with the same partial sums have the same feasible completions at the
/// same costs, so only the cheaper one is kept. A row is checked on its last day; an open row
/// that the later days can no longer bring within its sides prunes the label, and one that they
/// can no longer push out of them is dropped from the state (its partial sum stops mattering,
/// which is what keeps sliding windows small). Nothing here knows what a rule means: every
/// block row is obeyed as written.
///
/// Derived variables take their least value `max(lower, floor, pieces)`. That is optimal, and
/// feasible whenever any value is, because they cost nothing negative (checked per call) and
/// every row and piece they appear in is eased by a lower value (checked when the pricer is
/// made). A block that breaks a condition gets no pricer and is priced by GLPK.
///
/// The result is the pricing optimum itself (its bound is its objective). Past a label limit
/// or the deadline the search stops, and column generation prices the block with GLPK from
/// then on.
struct LabellingPricer: Sendable {
    /// What one call returned.
    enum Outcome: Sendable, Equatable {
        /// An optimal block solution (block order) and its cost, and up to the requested
        /// number of other block solutions among the cheapest completions on the last day
        /// (cheapest first; not necessarily the second-best solutions overall).
        case solved(values: [Double], objective: Double, alternatives: [[Double]] = [])
        /// The block rows and bounds have no solution.
        case infeasible
        /// More labels on one day than the limit allows, or a derived variable with a negative
        /// cost (its least value would not be optimal): GLPK has to price this block.
        case notTractable
        /// The deadline came first; nothing is known.
        case outOfTime
    }

    /// Why a block gets no pricer (for the trace).
    struct NotApplicable: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// A derived variable, in the block's order of the variables it reads.
    struct Derived: Sendable {
        let variable: Int
        /// `max(lower bound, floor)`.
        let floor: Double
        let upper: Double
        let integral: Bool
        /// Expression indices of its pieces.
        let pieces: [Int]
    }

    let variableCount: Int
    let dayCount: Int
    /// Whether the block has a violated row without variables: no solution ever.
    let neverFeasible: Bool
    /// Expressions: rows (`isRow`, sides) and pieces (constant).
    let isRow: [Bool]
    let lower: [Double]
    let upper: [Double]
    let constant: [Double]
    /// Per variable: (expression, coefficient).
    let entries: [[(expression: Int, coefficient: Double)]]
    /// Per day: the assignment variables of that day, whether at most one of them may be 1
    /// (a block row says so), the derived variables of the day in dependency order, the
    /// expressions starting and the rows ending that day.
    let assignmentsOfDay: [[Int]]
    let atMostOne: [Bool]
    let derivedOfDay: [[Derived]]
    let startingOn: [[Int]]
    let rowsEndingOn: [[Int]]
    /// Per boundary after day `t`: the open expressions (the state's layout), and for the rows
    /// among them the least and greatest contribution the later days can make.
    let open: [[Int]]
    let futureLeast: [[Double]]
    let futureMost: [[Double]]
    /// Per boundary, the state positions compared exactly in dominance (two-sided rows) and
    /// those ordered (one-sided rows and pieces; `flip` for a lower side, where more is better).
    let exactPositions: [[Int]]
    let orderedPositions: [[(position: Int, flip: Bool)]]
    /// The model's bounds of the assignment variables (block order; derived ones unused).
    let modelLower: [Double]
    let modelUpper: [Double]
    let derivedVariables: Set<Int>

    /// Kept labels a new label is compared with at most in the dominance filter.
    static let dominanceScan = 256
    /// Tolerance on row sides and costs.
    static let tolerance = 1e-9

    /// A pricer for block `b` of `master`, or why the labelling does not apply to it.
    static func make(_ compiled: CompiledModel, master: DantzigWolfeMaster, block b: Int) -> Result<LabellingPricer, NotApplicable> {
        do {
            return .success(try LabellingPricer(compiled, master: master, block: b))
        } catch let error as NotApplicable {
            return .failure(error)
        } catch {
            return .failure(NotApplicable(description: "\(error)"))
        }
    }

    private init(_ compiled: CompiledModel, master: DantzigWolfeMaster, block b: Int) throws {
        let block = master.decomposition.blocks[b]
        let template = master.pricingTemplates[b]
        let n = block.variables.count
        variableCount = n
        var local = [Int: Int]()
        for (k, j) in block.variables.enumerated() { local[j] = k }

        // Days of the assignment variables.
        var dateOf = [Int: Int]()  // local variable → slot index
        for a in compiled.assignments { if let k = local[a.variable.index] { dateOf[k] = a.slot } }
        let dates = Set(dateOf.values.map { compiled.slots[$0].date }).sorted()
        let dayIndex = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
        guard !dates.isEmpty else { throw NotApplicable(description: "no assignment variables") }
        dayCount = dates.count
        var day = [Int](repeating: -1, count: n)
        for (k, s) in dateOf {
            let v = template.variables[k]
            guard v.kind == .binary || (v.kind == .integer && v.lower >= 0 && v.upper <= 1) else {
                throw NotApplicable(description: "assignment \(v.name) is not binary")
            }
            day[k] = dayIndex[compiled.slots[s].date] ?? 0
        }

        // Derived variables and their pieces, in the compiler's dependency order.
        var exprIsRow: [Bool] = [], exprLower: [Double] = [], exprUpper: [Double] = [], exprConstant: [Double] = []
        var exprTerms: [[(variable: Int, coefficient: Double)]] = []
        var derivedList: [(spec: Derived, day: Int)] = []
        var definingRows = Set<[String]>()
        var derivedSet = Set<Int>()
        for d in compiled.derived {
            guard let k = local[d.variable.index] else { continue }
            let v = template.variables[k]
            var pieces: [Int] = []
            var latest = 0
            for piece in d.pieces {
                var terms: [(variable: Int, coefficient: Double)] = []
                for t in piece.terms where t.coefficient != 0 {
                    guard let q = local[t.variable.index] else { throw NotApplicable(description: "\(v.name) reads another block") }
                    guard day[q] >= 0 else { throw NotApplicable(description: "\(v.name) reads a variable of no day") }
                    if derivedSet.contains(q) && t.coefficient < 0 {
                        throw NotApplicable(description: "\(v.name) falls as a derived variable rises")
                    }
                    terms.append((q, t.coefficient))
                    latest = Swift.max(latest, day[q])
                }
                pieces.append(exprTerms.count)
                exprTerms.append(terms)
                exprIsRow.append(false)
                exprLower.append(-.infinity)
                exprUpper.append(.infinity)
                exprConstant.append(piece.constant)
                // The row `v − Σ terms ≥ constant` that addDerived wrote holds by construction.
                definingRows.insert(Self.signature([(k, 1)] + terms.map { ($0.variable, -$0.coefficient) }, lower: piece.constant, upper: nil))
            }
            day[k] = latest
            derivedSet.insert(k)
            derivedList.append((Derived(variable: k, floor: Swift.max(d.floor, v.lower), upper: v.upper,
                                        integral: v.kind != .continuous, pieces: pieces), latest))
        }
        derivedVariables = derivedSet
        if let stray = (0..<n).first(where: { day[$0] < 0 }) {
            throw NotApplicable(description: "\(template.variables[stray].name) is neither an assignment nor derived")
        }

        // Rows, merged when their terms are the same (e.g. minimum and maximum minutes).
        var never = false
        var rowByTerms = [[String]: Int]()
        for row in template.rows {
            let terms = row.terms.filter { $0.coefficient != 0 }.map { (variable: $0.variable.index, coefficient: $0.coefficient) }
            if definingRows.contains(Self.signature(terms, lower: row.lower, upper: row.upper)) { continue }
            if terms.isEmpty {
                if let l = row.lower, l > Self.tolerance { never = true }
                if let u = row.upper, u < -Self.tolerance { never = true }
                continue
            }
            for t in terms where derivedSet.contains(t.variable) {
                if t.coefficient > 0 && row.lower != nil || t.coefficient < 0 && row.upper != nil {
                    throw NotApplicable(description: "row \(row.name) is not eased by a lower \(template.variables[t.variable].name)")
                }
            }
            let key = Self.signature(terms, lower: nil, upper: nil)
            if let e = rowByTerms[key] {
                exprLower[e] = Swift.max(exprLower[e], row.lower ?? -.infinity)
                exprUpper[e] = Swift.min(exprUpper[e], row.upper ?? .infinity)
                continue
            }
            rowByTerms[key] = exprTerms.count
            exprTerms.append(terms.sorted { $0.variable < $1.variable })
            exprIsRow.append(true)
            exprLower.append(row.lower ?? -.infinity)
            exprUpper.append(row.upper ?? .infinity)
            exprConstant.append(0)
        }
        neverFeasible = never
        isRow = exprIsRow
        lower = exprLower
        upper = exprUpper
        constant = exprConstant
        let expressionCount = exprTerms.count

        // Each expression's first and last day; a piece lasts until its derived variable's day.
        var first = [Int](repeating: Int.max, count: expressionCount)
        var last = [Int](repeating: -1, count: expressionCount)
        var variableEntries = [[(expression: Int, coefficient: Double)]](repeating: [], count: n)
        for (e, terms) in exprTerms.enumerated() {
            for t in terms {
                first[e] = Swift.min(first[e], day[t.variable])
                last[e] = Swift.max(last[e], day[t.variable])
                variableEntries[t.variable].append((e, t.coefficient))
            }
        }
        for (spec, d) in derivedList {
            for p in spec.pieces {
                first[p] = Swift.min(first[p], d)
                last[p] = d
            }
        }
        entries = variableEntries

        var assignments = [[Int]](repeating: [], count: dayCount)
        for k in 0..<n where !derivedSet.contains(k) { assignments[day[k]].append(k) }
        assignmentsOfDay = assignments
        // At most one assignment a day: a row of coefficients 1 and upper side ≤ 1 holding them all.
        var oneADay = [Bool](repeating: false, count: dayCount)
        for t in 0..<dayCount where assignments[t].count > 1 {
            let members = Set(assignments[t])
            oneADay[t] = (0..<expressionCount).contains { e in
                exprIsRow[e] && exprUpper[e] <= 1 + Self.tolerance
                    && members.isSubset(of: exprTerms[e].filter { $0.coefficient == 1 }.map(\.variable))
                    && exprTerms[e].allSatisfy { $0.coefficient >= 0 && template.variables[$0.variable].lower >= 0 }
            }
            oneADay[t] = oneADay[t] && assignments[t].allSatisfy { template.variables[$0].lower >= 0 }
            guard oneADay[t] || assignments[t].count <= 3 else {
                throw NotApplicable(description: "more than three duties a day without a one-a-day row")
            }
        }
        atMostOne = oneADay
        var derivedByDay = [[Derived]](repeating: [], count: dayCount)
        for (spec, d) in derivedList { derivedByDay[d].append(spec) }
        derivedOfDay = derivedByDay

        var starting = [[Int]](repeating: [], count: dayCount)
        var ending = [[Int]](repeating: [], count: dayCount)
        var openAfter = [[Int]](repeating: [], count: dayCount)
        for e in 0..<expressionCount where last[e] >= 0 {
            starting[first[e]].append(e)
            if exprIsRow[e] { ending[last[e]].append(e) }
            for t in first[e]..<last[e] { openAfter[t].append(e) }
        }
        startingOn = starting
        rowsEndingOn = ending
        open = openAfter

        // Contribution ranges of each variable at the model's bounds (fixings only narrow them).
        modelLower = template.variables.map(\.lower)
        modelUpper = template.variables.map(\.upper)
        let derivedRange = Dictionary(uniqueKeysWithValues: derivedList.map { ($0.spec.variable, ($0.spec.floor, $0.spec.upper)) })
        var least = [[Double]](repeating: [], count: dayCount)
        var most = [[Double]](repeating: [], count: dayCount)
        for t in 0..<dayCount {
            for e in openAfter[t] {
                var lo = 0.0, hi = 0.0
                if exprIsRow[e] {
                    for term in exprTerms[e] where day[term.variable] > t {
                        let v = term.variable
                        let range = derivedRange[v] ?? (Swift.max(0, modelLower[v]), Swift.min(1, modelUpper[v]))
                        let a = term.coefficient * range.0, c = term.coefficient * range.1
                        lo += Swift.min(a, c).isNaN ? -.infinity : Swift.min(a, c)
                        hi += Swift.max(a, c).isNaN ? .infinity : Swift.max(a, c)
                    }
                }
                least[t].append(lo)
                most[t].append(hi)
            }
        }
        futureLeast = least
        futureMost = most
        exactPositions = openAfter.map { list in
            list.indices.filter { exprIsRow[list[$0]] && exprLower[list[$0]].isFinite && exprUpper[list[$0]].isFinite }
        }
        orderedPositions = openAfter.map { list in
            list.indices.compactMap { k -> (position: Int, flip: Bool)? in
                let e = list[k]
                if !exprIsRow[e] { return (k, false) }
                switch (exprLower[e].isFinite, exprUpper[e].isFinite) {
                case (false, true): return (k, false)
                case (true, false): return (k, true)
                default: return nil
                }
            }
        }
    }

    /// A canonical text form of a row for matching (terms sorted by variable).
    private static func signature(_ terms: [(variable: Int, coefficient: Double)], lower: Double?, upper: Double?) -> [String] {
        terms.sorted { $0.variable < $1.variable }.map { "\($0.variable):\($0.coefficient)" }
            + ["L\(lower.map { "\($0)" } ?? "-")", "U\(upper.map { "\($0)" } ?? "-")"]
    }
}
