import Foundation
import TobanMIP

/// The pieces of a Dantzig–Wolfe reformulation that do not change during column generation:
/// each block's pricing problem, the linking rows' coefficients per block, the master LP.
struct DantzigWolfeMaster: Sendable {
    let model: LinearModel
    let decomposition: DantzigWolfeDecomposition
    /// The aggregated objective coefficient of every full-model variable.
    let cost: [Double]
    /// For each block, its pricing problem: the block's variables (in the block's order) and
    /// block rows, with no objective yet.
    let pricingTemplates: [LinearModel]
    /// For each block and each of its variables (block order): the linking-row positions and
    /// coefficients of that variable.
    let linkEntries: [[[ColumnEntry]]]
    /// For each master variable (in ``DantzigWolfeDecomposition/masterVariables`` order): its
    /// linking-row positions and coefficients.
    let masterEntries: [[ColumnEntry]]
    /// The linking rows' sides, by position.
    let linkLower: [Double?]
    let linkUpper: [Double?]
    /// For each block, its labelling pricer where one applies (``LabellingPricer``); empty
    /// when every block is priced by GLPK.
    var labellers: [LabellingPricer?] = []
    /// Blocks whose labelling once passed the label limit or its time: GLPK prices them from then on.
    let labellingIntractable: BlockFlags

    init(model: LinearModel, decomposition d: DantzigWolfeDecomposition) {
        self.model = model
        decomposition = d
        cost = model.aggregatedObjective()
        var localIndex = [Int](repeating: -1, count: model.variables.count)
        for block in d.blocks {
            for (k, j) in block.variables.enumerated() { localIndex[j] = k }
        }
        pricingTemplates = d.blocks.enumerated().map { b, block in
            var sub = LinearModel(name: "pricing-\(b)", sense: model.sense)
            for j in block.variables {
                let v = model.variables[j]
                sub.addVariable(name: v.name, kind: v.kind, lower: v.lower, upper: v.upper, ruleID: v.ruleID)
            }
            for i in block.rows {
                let row = model.rows[i]
                sub.addRow(name: row.name, ruleID: row.ruleID,
                           terms: row.terms.map { LinearTerm(VariableID(index: localIndex[$0.variable.index]), $0.coefficient) },
                           lower: row.lower, upper: row.upper)
            }
            return sub
        }
        var links = d.blocks.map { [[ColumnEntry]](repeating: [], count: $0.variables.count) }
        var masterPosition = [Int](repeating: -1, count: model.variables.count)
        for (k, j) in d.masterVariables.enumerated() { masterPosition[j] = k }
        var masters = [[ColumnEntry]](repeating: [], count: d.masterVariables.count)
        for (position, i) in d.linkingRows.enumerated() {
            for t in model.rows[i].terms where t.coefficient != 0 {
                let j = t.variable.index
                if let b = d.blockOfVariable[j] {
                    links[b][localIndex[j]].append(ColumnEntry(row: position, coefficient: t.coefficient))
                } else {
                    masters[masterPosition[j]].append(ColumnEntry(row: position, coefficient: t.coefficient))
                }
            }
        }
        linkEntries = links
        masterEntries = masters
        linkLower = d.linkingRows.map { model.rows[$0].lower }
        linkUpper = d.linkingRows.map { model.rows[$0].upper }
        labellingIntractable = BlockFlags(count: d.blocks.count)
    }

    /// Relative tolerance under which a reduced cost counts as zero (GLPK's `tol_dj` is 1e-7).
    static let reducedCostTolerance = 1e-9

    var blockCount: Int { decomposition.blocks.count }
    var linkCount: Int { decomposition.linkingRows.count }

    /// A block solution (one value per block variable) as a master column: its cost and its
    /// linking-row entries, merged by row and sorted.
    func column(block b: Int, values: [Double]) -> (cost: Double, entries: [ColumnEntry]) {
        let vars = decomposition.blocks[b].variables
        var total = 0.0
        var sums = [Int: Double]()
        for (k, x) in values.enumerated() where x != 0 {
            total += cost[vars[k]] * x
            for e in linkEntries[b][k] { sums[e.row, default: 0] += e.coefficient * x }
        }
        let entries = sums.keys.sorted().compactMap { row -> ColumnEntry? in
            guard let value = sums[row], value != 0 else { return nil }
            return ColumnEntry(row: row, coefficient: value)
        }
        return (total, entries)
    }

    /// Block `b`'s pricing problem for linking-row duals `duals`: the block's costs minus
    /// the duals times the block's linking coefficients.
    func pricingModel(block b: Int, duals: [Double]) -> LinearModel {
        var sub = pricingTemplates[b]
        for (k, c) in pricingCosts(block: b, duals: duals).enumerated() where c != 0 {
            sub.addObjective(VariableID(index: k), coefficient: c, ruleID: "CG-PRICING")
        }
        return sub
    }

    /// Block `b`'s pricing costs for linking-row duals `duals`, one per block variable: its
    /// cost minus the duals times its linking coefficients, zero within the tolerance.
    func pricingCosts(block b: Int, duals: [Double]) -> [Double] {
        decomposition.blocks[b].variables.enumerated().map { k, j in
            var c = cost[j]
            for e in linkEntries[b][k] { c -= duals[e.row] * e.coefficient }
            return Swift.abs(c) <= Self.reducedCostTolerance * (1 + Swift.abs(cost[j])) ? 0 : c
        }
    }

    /// `duals` moved onto the cone of valid Lagrangian multipliers: a row without a lower side
    /// cannot have a positive dual, one without an upper side a negative dual. GLPK's duals
    /// satisfy this up to its tolerances; projecting makes the bound below exact.
    func projected(_ duals: [Double]) -> [Double] {
        duals.indices.map { p in
            var y = duals[p]
            if linkLower[p] == nil { y = Swift.min(y, 0) }
            if linkUpper[p] == nil { y = Swift.max(y, 0) }
            return y
        }
    }

    /// A master LP solution's row duals split into the linking rows' (projected, see
    /// ``projected(_:)``) and the convexity rows'.
    func duals(of lp: LPResult) -> (linking: [Double], convexity: [Double]) {
        (projected(Array(lp.rowDuals[0..<linkCount])), Array(lp.rowDuals[linkCount..<(linkCount + blockCount)]))
    }

    /// The Lagrangian bound at multipliers `duals` (projected):
    /// `const + Σ_i y_i·side_i + Σ_master min over bounds of (c_j − y·a_j)·v + Σ_b pricing_b`,
    /// where `pricing_b` is a lower bound on block `b`'s pricing optimum. It bounds the whole
    /// model's optimum from below for any valid multipliers (weak duality with the block rows
    /// and integrality kept), so it holds for smoothed duals too. Nil when a master variable
    /// makes it −∞.
    func lagrangianBound(duals: [Double], pricingBounds: [Double]) -> Double? {
        var value = model.objectiveConstant
        for (p, y) in duals.enumerated() where y != 0 {
            guard let side = y > 0 ? linkLower[p] : linkUpper[p] else { return nil }
            value += y * side
        }
        for (k, j) in decomposition.masterVariables.enumerated() {
            var reduced = cost[j]
            for e in masterEntries[k] { reduced -= duals[e.row] * e.coefficient }
            // Within the simplex's dual feasibility tolerance a reduced cost is zero: otherwise a
            // −1e-13 left by rounding on a variable without an upper bound would make the bound −∞.
            guard Swift.abs(reduced) > Self.reducedCostTolerance * (1 + Swift.abs(cost[j])) else { continue }
            let v = model.variables[j]
            let at = reduced > 0 ? v.lower : v.upper
            guard at.isFinite else { return nil }
            value += reduced * at
        }
        return pricingBounds.reduce(value, +)
    }

    /// The restricted master LP without λ columns: linking rows and convexity rows, master
    /// variables, and (at cost `penalty`) one artificial per finite side of every linking row,
    /// so that the LP is feasible before the first column. Columns: master variables, then
    /// artificials, then (added later) λ.
    func masterLP(penalty: Double) -> (model: LinearModel, artificials: Int) {
        var lp = LinearModel(name: "cg-master", sense: model.sense)
        var rowTerms = [[LinearTerm]](repeating: [], count: linkCount)
        for (k, j) in decomposition.masterVariables.enumerated() {
            let v = model.variables[j]
            let id = lp.addVariable(name: v.name, kind: .continuous, lower: v.lower, upper: v.upper, ruleID: v.ruleID)
            if cost[j] != 0 { lp.addObjective(id, coefficient: cost[j], ruleID: v.ruleID) }
            for e in masterEntries[k] { rowTerms[e.row].append(LinearTerm(id, e.coefficient)) }
        }
        var artificials = 0
        for p in 0..<linkCount {
            for (sign, side) in [(1.0, linkLower[p]), (-1.0, linkUpper[p])] where side != nil {
                let id = lp.addVariable(name: "cg-artificial\(sign > 0 ? "+" : "-")\(p)", kind: .continuous, lower: 0,
                                        upper: .infinity, ruleID: "CG-ARTIFICIAL")
                lp.addObjective(id, coefficient: penalty, ruleID: "CG-ARTIFICIAL")
                rowTerms[p].append(LinearTerm(id, sign))
                artificials += 1
            }
        }
        for (p, i) in decomposition.linkingRows.enumerated() {
            let row = model.rows[i]
            lp.addRow(name: row.name, ruleID: row.ruleID, terms: rowTerms[p], lower: row.lower, upper: row.upper)
        }
        for b in 0..<blockCount {
            lp.addRow(name: "cg-convexity[\(b)]", ruleID: "CG-CONVEXITY", terms: [], lower: 1, upper: 1)
        }
        lp.addObjectiveConstant(model.objectiveConstant, ruleID: "CONSTANT")
        return (lp, artificials)
    }

    /// The restricted master as an integer program over `columns` (price-and-branch):
    /// master variables with their kinds, one binary per column, each block choosing exactly one.
    func masterIP(columns: [GeneratedColumn]) -> LinearModel {
        var ip = LinearModel(name: "cg-master-ip", sense: model.sense)
        var rowTerms = [[LinearTerm]](repeating: [], count: linkCount)
        for (k, j) in decomposition.masterVariables.enumerated() {
            let v = model.variables[j]
            let id = ip.addVariable(name: v.name, kind: v.kind, lower: v.lower, upper: v.upper, ruleID: v.ruleID)
            if cost[j] != 0 { ip.addObjective(id, coefficient: cost[j], ruleID: v.ruleID) }
            for e in masterEntries[k] { rowTerms[e.row].append(LinearTerm(id, e.coefficient)) }
        }
        var convexity = [[LinearTerm]](repeating: [], count: blockCount)
        for (n, column) in columns.enumerated() {
            let id = ip.addVariable(name: "cg-lambda[\(column.block)#\(n)]", kind: .binary, ruleID: "CG-LAMBDA")
            if column.cost != 0 { ip.addObjective(id, coefficient: column.cost, ruleID: "CG-LAMBDA") }
            for e in column.entries { rowTerms[e.row].append(LinearTerm(id, e.coefficient)) }
            convexity[column.block].append(LinearTerm(id, 1))
        }
        for (p, i) in decomposition.linkingRows.enumerated() {
            let row = model.rows[i]
            ip.addRow(name: row.name, ruleID: row.ruleID, terms: rowTerms[p], lower: row.lower, upper: row.upper)
        }
        for b in 0..<blockCount {
            ip.addRow(name: "cg-convexity[\(b)]", ruleID: "CG-CONVEXITY", terms: convexity[b], lower: 1, upper: 1)
        }
        ip.addObjectiveConstant(model.objectiveConstant, ruleID: "CONSTANT")
        return ip
    }

    /// The full-model point of a master IP solution: master variables from the IP, each
    /// block's variables from its chosen column.
    func fullPoint(ipValues: [Double], columns: [GeneratedColumn]) -> [Double]? {
        var values = [Double](repeating: 0, count: model.variables.count)
        let masters = decomposition.masterVariables
        for (k, j) in masters.enumerated() { values[j] = ipValues[k] }
        var chosen = [Bool](repeating: false, count: blockCount)
        for (n, column) in columns.enumerated() where ipValues[masters.count + n] > 0.5 {
            guard !chosen[column.block] else { return nil }
            chosen[column.block] = true
            for (k, j) in decomposition.blocks[column.block].variables.enumerated() { values[j] = column.values[k] }
        }
        return chosen.allSatisfy { $0 } ? values : nil
    }
}

/// One flag per block, set from any thread.
final class BlockFlags: @unchecked Sendable {
    // Guarded by `lock`.
    private var flags: [Bool]
    private let lock = NSLock()

    init(count: Int) { flags = Array(repeating: false, count: count) }

    subscript(block: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return flags.indices.contains(block) && flags[block]
    }

    func set(_ block: Int) {
        lock.lock()
        defer { lock.unlock() }
        if flags.indices.contains(block) { flags[block] = true }
    }
}

/// One λ column: a block solution with its cost and linking-row entries.
struct GeneratedColumn: Sendable {
    let block: Int
    /// One value per block variable (block order).
    let values: [Double]
    let cost: Double
    let entries: [ColumnEntry]
}
