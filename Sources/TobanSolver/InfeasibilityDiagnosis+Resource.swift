import TobanModel

extension InfeasibilityDiagnosis {
    /// Countable contradictions among the per-resource rules: minimums that the open dates
    /// cannot reach, and pins that break another hard rule on their own.
    static func resourceRuleReasons(_ scenario: Scenario, slots: [Slot]) -> [String] {
        var reasons: [String] = []
        for r in scenario.resources {
            let open = slots.filter { s in
                scenario.dutyType(s.dutyTypeID).map { r.isEligible(for: $0) } == true && scenario.isAvailable(r, for: s)
            }
            for limit in r.limits {
                guard let min = limit.min, min > 0 else { continue }
                let dates = Set(open.filter { limit.counts(dutyTypeID: $0.dutyTypeID, dayType: $0.dayType) }.map(\.date)).count
                if dates < min {
                    reasons.append("[\(RuleID.dutyLimit)] \(r.id) needs at least \(min) duties of \(limit.label) but can take them on only \(dates) date\(dates == 1 ? "" : "s")")
                }
            }
            if let min = r.minMinutes, min > 0 {
                let most = Dictionary(grouping: open, by: \.date).values.map { $0.map(\.minutes).max() ?? 0 }.reduce(0, +)
                if most < min {
                    reasons.append("[\(RuleID.minMinutes)] \(r.id) needs at least \(min) minutes of duty but its open duties hold at most \(most) (one per date)")
                }
            }
            reasons += pinReasons(scenario, r)
        }
        return reasons
    }

    /// Pins of one resource that contradict each other or its own maxima.
    static func pinReasons(_ scenario: Scenario, _ r: Resource) -> [String] {
        let pinned = Set(r.pins).compactMap { scenario.slot(dutyTypeID: $0.dutyTypeID, on: $0.date) }.sorted()
        guard !pinned.isEmpty else { return [] }
        var reasons: [String] = []
        if let max = r.maxDuties, pinned.count > max {
            reasons.append("[\(RuleID.pin)] \(r.id) is pinned to \(pinned.count) duties but may take at most \(max) (\(RuleID.maxDuties))")
        }
        let forbidden = Set(scenario.rules.forbiddenSuccessions.map { "\($0.from)>\($0.to)" })
        let past = scenario.pastSlots(of: r)
        for (j, b) in pinned.enumerated() {
            for a in past + pinned[..<j] where a.date != b.date && scenario.restConflict(a, b) {
                reasons.append("[\(RuleID.pin)] \(r.id) is pinned to \(b.key), too close to \(a.key) (\(RuleID.rest))")
            }
            for a in past + pinned[..<j] where a.date.adding(days: 1) == b.date && forbidden.contains("\(a.dutyTypeID)>\(b.dutyTypeID)") {
                reasons.append("[\(RuleID.pin)] \(r.id) is pinned to \(b.key) right after \(a.key), a forbidden succession (\(RuleID.succession))")
            }
            for a in pinned[..<j] where a.date == b.date {
                reasons.append("[\(RuleID.pin)] \(r.id) is pinned to \(a.key) and \(b.key) on the same date (\(RuleID.oneDutyPerDate))")
            }
        }
        return reasons
    }
}
