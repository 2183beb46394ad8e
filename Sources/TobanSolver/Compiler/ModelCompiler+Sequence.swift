import Foundation
import TobanMIP
import TobanModel

/// The per-resource sequence rules. A resource's *work* on a date is the sum of its assignment
/// variables on that date: at most 1 thanks to `H-ONE-DUTY-PER-DATE`, so it serves as the
/// "works that day" indicator without a variable of its own; a date without variables is a
/// day off by force (the constant 0).
extension ModelCompiler {
    /// The resource's assignment variables grouped by date, each list in slot order.
    func assignmentsByDate(_ r: Resource) -> [CivilDate: [CompiledModel.AssignmentVariable]] {
        Dictionary(grouping: byResource[r.id] ?? []) { compiled.slots[$0.slot].date }
    }

    /// `Σ x` of a date's variables with coefficient `sign`.
    func work(_ byDate: [CivilDate: [CompiledModel.AssignmentVariable]], _ date: CivilDate, _ sign: Double = 1) -> [LinearTerm] {
        (byDate[date] ?? []).map { LinearTerm($0.variable, sign) }
    }

    /// `H-SUCCESSION`: no duty of type `to` on the date after a duty of type `from`.
    ///
    /// Aggregated into biclique rows: for duty types `F` on date `d` and `T` on `d + 1` with
    /// every pair in `F × T` forbidden, `Σ x[d, F] + Σ x[d+1, T] ≤ 1`, valid because each
    /// date holds at most one duty of the resource. The bicliques are the maximal ones
    /// around each `from` (its successors and every type forbidding at least those) and each
    /// `to` (its predecessors and every type they all forbid), which cover every forbidden
    /// pair. A forbidden successor of a past duty (`history.lastDuties`) on the horizon's first
    /// day is fixed to 0.
    mutating func compileSuccessions() {
        let pairs = scenario.rules.forbiddenSuccessions
        guard !pairs.isEmpty else { return }
        let successors = Dictionary(grouping: pairs, by: \.from).mapValues { Set($0.map(\.to)) }
        let bicliques = ModelCompiler.successionBicliques(pairs)
        for r in scenario.resources {
            let byDate = assignmentsByDate(r)
            for past in r.lastDuties where past.date == scenario.horizon.start.adding(days: -1) {
                let banned = (byDate[scenario.horizon.start] ?? []).filter { successors[past.dutyTypeID]?.contains(compiled.slots[$0.slot].dutyTypeID) == true }
                guard !banned.isEmpty else { continue }
                compiled.model.addRow(name: "\(RuleID.succession)[\(r.id)/\(past.date.iso)/\(past.dutyTypeID)]", ruleID: RuleID.succession,
                                      terms: banned.map { LinearTerm($0.variable) }, upper: 0)
            }
            for date in byDate.keys.sorted() {
                guard let next = byDate[date.adding(days: 1)], let today = byDate[date] else { continue }
                for (k, biclique) in bicliques.enumerated() {
                    let first = today.filter { biclique.from.contains(compiled.slots[$0.slot].dutyTypeID) }
                    let second = next.filter { biclique.to.contains(compiled.slots[$0.slot].dutyTypeID) }
                    guard !first.isEmpty, !second.isEmpty else { continue }
                    let label = biclique.from.sorted().joined(separator: "+") + ">" + biclique.to.sorted().joined(separator: "+")
                    let labelled = "\(RuleID.succession)[\(r.id)/\(date.iso)/\(label)]"
                    compiled.model.addRow(name: labelled.utf8.count <= 200 ? labelled : "\(RuleID.succession)[\(r.id)/\(date.iso)/\(k)]",
                                          ruleID: RuleID.succession, terms: (first + second).map { LinearTerm($0.variable) }, upper: 1)
                }
            }
        }
    }

    /// Maximal sets `F × T` of forbidden successions, in a stable order, none inside another.
    static func successionBicliques(_ pairs: [ForbiddenSuccession]) -> [(from: Set<String>, to: Set<String>)] {
        let successors = Dictionary(grouping: pairs, by: \.from).mapValues { Set($0.map(\.to)) }
        let predecessors = Dictionary(grouping: pairs, by: \.to).mapValues { Set($0.map(\.from)) }
        var found: [(from: Set<String>, to: Set<String>)] = []
        for f in successors.keys.sorted() {
            let to = successors[f] ?? []
            found.append((Set(successors.keys.filter { successors[$0]?.isSuperset(of: to) == true }), to))
        }
        for t in predecessors.keys.sorted() {
            let from = predecessors[t] ?? []
            found.append((from, Set(predecessors.keys.filter { predecessors[$0]?.isSuperset(of: from) == true })))
        }
        var result: [(from: Set<String>, to: Set<String>)] = []
        for (i, b) in found.enumerated() {
            let covered = found.enumerated().contains { j, other in
                j != i && other.from.isSuperset(of: b.from) && other.to.isSuperset(of: b.to)
                    && (other.from != b.from || other.to != b.to || j < i)
            }
            if !covered { result.append(b) }
        }
        return result
    }

    /// `H-DUTY-LIMIT`: the count of a resource's duties of some duty types and/or day types
    /// within the limit's `min` and `max`.
    mutating func compileDutyTypeLimits() {
        for r in scenario.resources {
            for (k, limit) in r.limits.enumerated() {
                let terms = (byResource[r.id] ?? []).filter { a in
                    let slot = compiled.slots[a.slot]
                    return limit.counts(dutyTypeID: slot.dutyTypeID, dayType: slot.dayType)
                }.map { LinearTerm($0.variable) }
                // The label names the limit; a long list of duty types falls back to its index alone.
                let labelled = "\(RuleID.dutyLimit)[\(r.id)/\(k)/\(limit.label)]"
                let name = labelled.utf8.count <= 200 ? labelled : "\(RuleID.dutyLimit)[\(r.id)/\(k)]"
                if let max = limit.max, terms.count > max {
                    compiled.model.addRow(name: name + "#max", ruleID: RuleID.dutyLimit, terms: terms, upper: Double(max))
                }
                if let min = limit.min, min > 0 {
                    // Kept when it cannot hold, so that GLPK proves infeasibility with a named row.
                    compiled.model.addRow(name: name + "#min", ruleID: RuleID.dutyLimit, terms: terms, lower: Double(min))
                }
            }
        }
    }

    /// `H-MAX-CONSECUTIVE`: at most `k` duty days in a row, as a sliding window: every `k + 1`
    /// consecutive days ending inside the horizon hold at most `k` duty days. Days before the
    /// horizon count as worked when `history.lastDuties` lists them.
    mutating func compileMaxConsecutive() {
        for r in scenario.resources {
            guard let k = r.maxConsecutive else { continue }
            let byDate = assignmentsByDate(r)
            let past = Set(r.lastDuties.map(\.date))
            for t in scenario.horizon.dates {
                let window = (0...k).map { t.adding(days: -$0) }
                let worked = window.filter { $0 < scenario.horizon.start && past.contains($0) }.count
                let terms = window.filter(scenario.horizon.contains).sorted().flatMap { work(byDate, $0) }
                let open = Set(window.filter { byDate[$0] != nil }).count
                guard open + worked > k else { continue }
                compiled.model.addRow(name: "\(RuleID.maxConsecutive)[\(r.id)/\(t.iso)]", ruleID: RuleID.maxConsecutive,
                                      terms: terms, upper: Double(k - worked))
            }
        }
    }

    /// `H-MIN-CONSECUTIVE`: a block of duty days that has a day off on both sides inside the
    /// horizon is at least `k` days long. Blocks touching the horizon's first or last day are
    /// exempt (history does not change that).
    ///
    /// Strong form (Rajan and Takriti's minimum up-time inequalities): a start indicator
    /// `u[i] ≥ w[i] − w[i−1]` for each day `i` whose previous day lies inside the horizon, and
    /// for each day `t`: `Σ u[i] over t−k+1 … t ≤ w[t]` — a block that started within the
    /// last `k − 1` days still runs on `t`. It implies every `w[i] − w[i−1] ≤ w[i+j]` (`j < k`)
    /// and is tighter in the LP. A block reaching the horizon's end is never asked to go on
    /// past it, so only the left side needs an inside day.
    mutating func compileMinConsecutive() {
        for r in scenario.resources {
            guard let k = r.minConsecutive, k > 1 else { continue }
            compileMinimumRun(r, length: k, ruleID: RuleID.minConsecutive, working: true)
        }
    }

    /// `H-MIN-DAYS-OFF`: a stretch of days off that has a duty day on both sides inside the
    /// horizon is at least `k` days long; stretches touching the first or last day are exempt.
    /// The same strong form on the days off: `v[i] ≥ w[i−1] − w[i]` and
    /// `Σ v[i] over t−k+1 … t ≤ 1 − w[t]`.
    mutating func compileMinDaysOff() {
        for r in scenario.resources {
            guard let k = r.minDaysOff, k > 1 else { continue }
            compileMinimumRun(r, length: k, ruleID: RuleID.minDaysOff, working: false)
        }
    }

    /// Minimum run lengths of duty days (`working`) or days off, edge blocks exempt.
    mutating func compileMinimumRun(_ r: Resource, length k: Int, ruleID: String, working: Bool) {
        let dates = scenario.horizon.dates
        let byDate = assignmentsByDate(r)
        // on(d) = w[d] for duty days, 1 − w[d] for days off: (constant, terms).
        func on(_ d: CivilDate) -> (Double, [LinearTerm]) { working ? (0, work(byDate, d)) : (1, work(byDate, d, -1)) }
        func constantOnly(_ d: CivilDate) -> Bool { byDate[d] == nil }
        // A run can start on day i only if on(i) can be 1 and on(i−1) can be 0.
        var starts: [Int: VariableID] = [:]
        for i in dates.indices.dropFirst() {
            let (c0, t0) = on(dates[i]), (c1, t1) = on(dates[i - 1])
            let canStart = (!constantOnly(dates[i]) || c0 == 1) && (!constantOnly(dates[i - 1]) || c1 == 0)
            guard canStart else { continue }
            // start ≥ on(i) − on(i−1)
            starts[i] = addDerived(name: "\(ruleID)[\(r.id)/\(dates[i].iso)]", kind: .continuous, ruleID: ruleID, floor: 0, upper: 1,
                                   pieces: [(c0 - c1, t0 + t1.map { LinearTerm($0.variable, -$0.coefficient) })], cost: 0)
        }
        for t in dates.indices.dropFirst() {
            // Only earlier starts bind: start[t] ≤ on(t) holds at start[t]'s least value anyway.
            let earlier = (Swift.max(1, t - k + 1)..<t).compactMap { starts[$0] }
            guard !earlier.isEmpty else { continue }
            let recent = earlier + (starts[t].map { [$0] } ?? [])
            let (c, terms) = on(dates[t])
            // Σ starts ≤ on(t)  ⇔  Σ starts − terms ≤ c
            compiled.model.addRow(name: "\(ruleID)[\(r.id)/\(dates[t].iso)]#run", ruleID: ruleID,
                                  terms: recent.map { LinearTerm($0) } + terms.map { LinearTerm($0.variable, -$0.coefficient) }, upper: c)
        }
    }

    /// `H-MAX-WEEKENDS`: at most `m` weekends (Saturday and Sunday by the calendar, whatever
    /// their day type) with a duty on either day. A weekend with both days open gets an
    /// indicator `≥` each day's work and `≤` their sum; with one day open, that day's work is the indicator.
    mutating func compileMaxWeekends() {
        for r in scenario.resources {
            guard let m = r.maxWeekends else { continue }
            let byDate = assignmentsByDate(r)
            let saturdays = Set(scenario.horizon.dates.compactMap(\.weekendSaturday)).sorted()
            let weekends = saturdays.map { sat in [sat, sat.adding(days: 1)].filter { byDate[$0] != nil } }.filter { !$0.isEmpty }
            guard weekends.count > m else { continue }
            var terms: [LinearTerm] = []
            for days in weekends {
                guard days.count == 2 else {
                    terms += work(byDate, days[0])
                    continue
                }
                let name = "\(RuleID.maxWeekends)[\(r.id)/\(days[0].iso)]"
                let indicator = addDerived(name: name, kind: .continuous, ruleID: RuleID.maxWeekends, floor: 0, upper: 1,
                                           pieces: days.map { (0, work(byDate, $0)) }, cost: 0)
                compiled.model.addRow(name: name + "#sum", ruleID: RuleID.maxWeekends,
                                      terms: [LinearTerm(indicator)] + days.flatMap { work(byDate, $0, -1) }, upper: 0)
                terms.append(LinearTerm(indicator))
            }
            compiled.model.addRow(name: "\(RuleID.maxWeekends)[\(r.id)]", ruleID: RuleID.maxWeekends, terms: terms, upper: Double(m))
        }
    }

    /// `H-MIN-MINUTES` and `H-MAX-MINUTES`: total duty minutes, each duty counted at its
    /// slot's true length (``TobanModel/Slot/minutes``).
    mutating func compileMinutes() {
        for r in scenario.resources where r.minMinutes != nil || r.maxMinutes != nil {
            let terms = (byResource[r.id] ?? []).map { LinearTerm($0.variable, Double(compiled.slots[$0.slot].minutes)) }
            let most = terms.reduce(0) { $0 + $1.coefficient }
            if let max = r.maxMinutes, most > Double(max) {
                compiled.model.addRow(name: "\(RuleID.maxMinutes)[\(r.id)]", ruleID: RuleID.maxMinutes, terms: terms, upper: Double(max))
            }
            if let min = r.minMinutes, min > 0 {
                compiled.model.addRow(name: "\(RuleID.minMinutes)[\(r.id)]", ruleID: RuleID.minMinutes, terms: terms, lower: Double(min))
            }
        }
    }

    /// `H-MAX-PER-WEEK`: at most `m` duties per ISO week (Monday–Sunday). A week cut by the
    /// horizon counts its days inside the horizon plus the past duties of `history.lastDuties`
    /// in that week.
    mutating func compileMaxPerWeek() {
        for r in scenario.resources {
            guard let m = r.maxPerWeek else { continue }
            let byWeek = Dictionary(grouping: byResource[r.id] ?? []) { compiled.slots[$0.slot].date.weekMonday }
            for monday in byWeek.keys.sorted() {
                let terms = (byWeek[monday] ?? []).map { LinearTerm($0.variable) }
                let past = r.lastDuties.filter { $0.date.weekMonday == monday }.count
                let room = Swift.max(0, m - past)
                guard terms.count > room else { continue }
                compiled.model.addRow(name: "\(RuleID.maxPerWeek)[\(r.id)/\(monday.iso)]", ruleID: RuleID.maxPerWeek,
                                      terms: terms, upper: Double(room))
            }
        }
    }

    /// `H-REST`: no two duties of a resource overlap or lie less than `rules.minRestHours`
    /// apart (slot instants, so a night ending 09:00 excludes a 09:00 duty when the rest is
    /// positive).
    ///
    /// Each duty's interval `[start, end + rest)` conflicts with another exactly when the two
    /// intervals overlap, so the conflict graph is an interval graph: one clique row
    /// `Σ x ≤ 1` per maximal set of intervals sharing a point replaces all pairwise rows.
    /// Cliques within one date are left to `H-ONE-DUTY-PER-DATE`. Duties that conflict with a
    /// past duty (`history.lastDuties`) are fixed to 0.
    mutating func compileRest() {
        let rest = (scenario.rules.minRestHours ?? 0) * 3600
        for r in scenario.resources {
            let vars = (byResource[r.id] ?? []).sorted {
                (compiled.slots[$0.slot].start, $0.slot) < (compiled.slots[$1.slot].start, $1.slot)
            }
            for past in scenario.pastSlots(of: r) {
                let banned = vars.filter { scenario.restConflict(past, compiled.slots[$0.slot]) }
                guard !banned.isEmpty else { continue }
                compiled.model.addRow(name: "\(RuleID.rest)[\(r.id)/past/\(past.key)]", ruleID: RuleID.rest,
                                      terms: banned.map { LinearTerm($0.variable) }, upper: 0)
            }
            let intervals = vars.map { (start: compiled.slots[$0.slot].start, end: compiled.slots[$0.slot].end.addingTimeInterval(rest)) }
            // Intervals are sorted by start and none is longer than `longest`, so those holding
            // a point lie in a short stretch before it (and ties after it).
            let longest = intervals.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0
            var first = 0
            for i in vars.indices {
                let point = intervals[i].start
                while point.timeIntervalSince(intervals[first].start) > longest { first += 1 }
                var last = i
                while last + 1 < vars.count && intervals[last + 1].start == point { last += 1 }
                let members = (first...last).filter { point < intervals[$0].end }
                // Maximal unless every member still runs when the next interval starts.
                if i + 1 < vars.count {
                    let next = intervals[i + 1].start
                    if members.allSatisfy({ intervals[$0].end > next }) { continue }
                }
                guard members.count > 1, Set(members.map { compiled.slots[vars[$0].slot].date }).count > 1 else { continue }
                compiled.model.addRow(name: "\(RuleID.rest)[\(r.id)/\(compiled.slots[vars[i].slot].key)]", ruleID: RuleID.rest,
                                      terms: members.map { LinearTerm(vars[$0].variable) }, upper: 1)
            }
        }
    }
}
