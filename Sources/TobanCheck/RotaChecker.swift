import TobanModel

/// Re-evaluates every rule on a rota, independently of the solver.
///
/// The checker is the second opinion: it never sees the linear model, only the scenario and
/// the rota, and it must agree with the solver's objective on every solve. One function per
/// rule, hard rules in `RotaChecker+Hard.swift`, soft rules in `RotaChecker+Soft.swift`.
public struct RotaChecker: Sendable {
    /// The scenario the rota is judged against.
    public let scenario: Scenario
    /// The scenario's slots, by key.
    let slotsByKey: [String: Slot]
    let slots: [Slot]
    let resourcesByID: [String: Resource]
    let dutyTypesByID: [String: DutyType]

    /// Creates a checker for `scenario`.
    public init(scenario: Scenario) {
        self.scenario = scenario
        slots = scenario.slots()
        slotsByKey = Dictionary(slots.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        resourcesByID = Dictionary(scenario.resources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        dutyTypesByID = Dictionary(scenario.dutyTypes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks `rota` against every rule.
    public func check(_ rota: Rota) -> CheckReport {
        let (valid, structural) = checkWellFormed(rota)
        var violations = structural
        violations += checkEligible(valid)
        violations += checkAvailable(valid)
        violations += checkCoverMax(valid)
        violations += checkOneDutyPerDate(valid)
        violations += checkMaxDuties(valid)
        violations += checkMinDuties(valid)
        violations += checkSuccessions(valid)
        violations += checkDutyTypeLimits(valid)
        violations += checkMaxConsecutive(valid)
        violations += checkMinConsecutive(valid)
        violations += checkMinDaysOff(valid)
        violations += checkMaxWeekends(valid)
        violations += checkMinutes(valid)
        violations += checkPins(valid)
        violations += checkMaxPerWeek(valid)
        violations += checkRest(valid)

        let (gapCosts, gaps) = costCoverGaps(valid)
        let tallies = tally(valid)
        var costs = gapCosts
        costs += costFairDuties(tallies)
        costs += costFairDutiesMax(tallies)
        costs += costCoverTarget(valid)
        costs += costRequests(valid)
        return CheckReport(violations: violations, costs: costs, gaps: gaps, tallies: tallies)
    }

    /// Per-resource counts and deviations from the fair band.
    func tally(_ rota: [Assignment]) -> [ResourceTally] {
        let targets = scenario.fairnessTargets(slots: slots)
        var counts: [String: Int] = [:]
        var byDayType: [String: [DayType: Int]] = [:]
        for a in rota {
            counts[a.resourceID, default: 0] += 1
            if let slot = slotsByKey[a.slotKey] { byDayType[a.resourceID, default: [:]][slot.dayType, default: 0] += 1 }
        }
        return zip(scenario.resources, targets).map { resource, target in
            let n = counts[resource.id] ?? 0
            return ResourceTally(resourceID: resource.id, duties: n, dutiesByDayType: byDayType[resource.id] ?? [:],
                                 target: target, deviation: target.deviation(of: n))
        }
    }
}
