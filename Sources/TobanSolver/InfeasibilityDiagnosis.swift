import TobanModel

/// Explains, without solving, why a scenario's hard rules cannot all hold.
///
/// Only necessary conditions that can be counted are checked; when none fails, the
/// contradiction lies in a combination of rules and the list is empty.
enum InfeasibilityDiagnosis {
    static func reasons(_ scenario: Scenario) -> [String] {
        let slots = scenario.slots()
        var reasons: [String] = []
        for r in scenario.resources {
            guard let min = r.minDuties, min > 0 else { continue }
            // At most one duty per date: the open dates bound the count.
            let openDates = Set(slots.filter { s in
                scenario.dutyType(s.dutyTypeID).map { r.isEligible(for: $0) } == true && scenario.isAvailable(r, for: s)
            }.map(\.date))
            if openDates.count < min {
                reasons.append("[\(RuleID.minDuties)] \(r.id) needs at least \(min) duties but can take duties on only \(openDates.count) dates (eligibility, availability, one duty per date)")
            }
        }
        for duty in scenario.dutyTypes {
            let capacity = slots.filter { $0.dutyTypeID == duty.id }.map { duty.coverage(of: $0).max }.reduce(0, +)
            let demand = scenario.resources.filter { $0.isEligible(for: duty) && $0.duties == [duty.id] }
                .compactMap(\.minDuties).reduce(0, +)
            if demand > capacity {
                reasons.append("[\(RuleID.minDuties)] resources that take only \(duty.id) need \(demand) duties in total, but its slots hold at most \(capacity)")
            }
        }
        reasons += resourceRuleReasons(scenario, slots: slots)
        reasons += frozenReasons(scenario)
        return reasons
    }
}
