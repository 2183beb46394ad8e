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
    /// Aggregated per first duty: `x[d, from] + Σ x[d+1, to] ≤ 1` over every forbidden `to`,
    /// valid because at most one of the next date's duties is taken. A forbidden successor of
    /// a past duty (`history.lastDuties`) on the horizon's first day is fixed to 0.
    mutating func compileSuccessions() {
        let forbidden = Dictionary(grouping: scenario.rules.forbiddenSuccessions, by: \.from).mapValues { Set($0.map(\.to)) }
        guard !forbidden.isEmpty else { return }
        for r in scenario.resources {
            let byDate = assignmentsByDate(r)
            for past in r.lastDuties where past.date == scenario.horizon.start.adding(days: -1) {
                let banned = (byDate[scenario.horizon.start] ?? []).filter { forbidden[past.dutyTypeID]?.contains(compiled.slots[$0.slot].dutyTypeID) == true }
                guard !banned.isEmpty else { continue }
                compiled.model.addRow(name: "\(RuleID.succession)[\(r.id)/\(past.date.iso)/\(past.dutyTypeID)]", ruleID: RuleID.succession,
                                      terms: banned.map { LinearTerm($0.variable) }, upper: 0)
            }
            for date in byDate.keys.sorted() {
                guard let next = byDate[date.adding(days: 1)] else { continue }
                for a in byDate[date] ?? [] {
                    guard let successors = forbidden[compiled.slots[a.slot].dutyTypeID] else { continue }
                    let banned = next.filter { successors.contains(compiled.slots[$0.slot].dutyTypeID) }
                    guard !banned.isEmpty else { continue }
                    compiled.model.addRow(name: "\(RuleID.succession)[\(r.id)/\(compiled.slots[a.slot].key)]", ruleID: RuleID.succession,
                                          terms: [LinearTerm(a.variable)] + banned.map { LinearTerm($0.variable) }, upper: 1)
                }
            }
        }
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
                let name = "\(RuleID.dutyLimit)[\(r.id)/\(k)/\(limit.label)]"
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
    /// horizon is at least `k` days long. For each block start `t` (day `t − 1` inside the
    /// horizon) and each `j < k` with `t + j` inside: `w[t] − w[t−1] ≤ w[t+j]`. Blocks touching
    /// the horizon's first or last day are exempt (history does not change that).
    mutating func compileMinConsecutive() {
        let dates = scenario.horizon.dates
        for r in scenario.resources {
            guard let k = r.minConsecutive, k > 1 else { continue }
            let byDate = assignmentsByDate(r)
            for i in dates.indices.dropFirst() where byDate[dates[i]] != nil {
                for j in 1..<k where i + j < dates.count {
                    compiled.model.addRow(name: "\(RuleID.minConsecutive)[\(r.id)/\(dates[i].iso)/+\(j)]", ruleID: RuleID.minConsecutive,
                                          terms: work(byDate, dates[i]) + work(byDate, dates[i - 1], -1) + work(byDate, dates[i + j], -1),
                                          upper: 0)
                }
            }
        }
    }

    /// `H-MIN-DAYS-OFF`: a stretch of days off that has a duty day on both sides inside the
    /// horizon is at least `k` days long: `w[t−1] − w[t] + w[t+j] ≤ 1` for each `j < k`.
    /// Stretches touching the horizon's first or last day are exempt.
    mutating func compileMinDaysOff() {
        let dates = scenario.horizon.dates
        for r in scenario.resources {
            guard let k = r.minDaysOff, k > 1 else { continue }
            let byDate = assignmentsByDate(r)
            for i in dates.indices.dropFirst() where byDate[dates[i - 1]] != nil {
                for j in 1..<k where i + j < dates.count && byDate[dates[i + j]] != nil {
                    compiled.model.addRow(name: "\(RuleID.minDaysOff)[\(r.id)/\(dates[i].iso)/+\(j)]", ruleID: RuleID.minDaysOff,
                                          terms: work(byDate, dates[i - 1]) + work(byDate, dates[i], -1) + work(byDate, dates[i + j]),
                                          upper: 1)
                }
            }
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
            let vars = (byResource[r.id] ?? []).sorted { compiled.slots[$0.slot] < compiled.slots[$1.slot] }
            for past in scenario.pastSlots(of: r) {
                let banned = vars.filter { scenario.restConflict(past, compiled.slots[$0.slot]) }
                guard !banned.isEmpty else { continue }
                compiled.model.addRow(name: "\(RuleID.rest)[\(r.id)/past/\(past.key)]", ruleID: RuleID.rest,
                                      terms: banned.map { LinearTerm($0.variable) }, upper: 0)
            }
            let intervals = vars.map { (start: compiled.slots[$0.slot].start, end: compiled.slots[$0.slot].end.addingTimeInterval(rest)) }
            for i in vars.indices {
                let point = intervals[i].start
                let members = vars.indices.filter { intervals[$0].start <= point && point < intervals[$0].end }
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
