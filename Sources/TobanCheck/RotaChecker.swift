import TobanModel

/// Re-evaluates every rule on a rota, independently of the solver.
///
/// The checker is the second opinion: it never sees the linear model, only the scenario and
/// the rota, and it must agree with the solver's objective on every solve. One function per
/// rule, hard rules in `RotaChecker+Hard.swift`, soft rules in `RotaChecker+Soft.swift`.
public struct RotaChecker: Sendable {
    /// The scenario the rota is judged against.
    public let scenario: Scenario
    /// The duty types' occurrences (``Slot/occurrence``, without area), by ``Assignment/slotKey``:
    /// when a duty is, for the rules that read times and days.
    let slotsByKey: [String: Slot]
    /// Which slot an assignment fills (per-area duties: the slot of the resource's area).
    let resolver: SlotResolver
    let slots: [Slot]
    let resourcesByID: [String: Resource]
    let dutyTypesByID: [String: DutyType]

    /// Creates a checker for `scenario`.
    public init(scenario: Scenario) {
        self.scenario = scenario
        slots = scenario.slots()
        slotsByKey = Dictionary(slots.map { ($0.occurrenceKey, $0.occurrence) }, uniquingKeysWith: { first, _ in first })
        resolver = SlotResolver(scenario)
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
        violations += checkPairing(valid)
        violations += checkBedCapacity(valid)
        violations += checkMaxDesignatedDays(valid)
        violations += checkWeekendBlocks(valid)
        violations += checkNoConsecutiveWeekends(valid)
        violations += checkFrozen(valid)

        let (gapCosts, gaps) = costCoverGaps(valid)
        let tallies = withStructureTallies(tally(valid), valid)
        var costs = gapCosts
        costs += costFairDuties(tallies)
        costs += costFairDutiesMax(tallies)
        costs += costCoverTarget(valid)
        costs += costRequests(valid)
        let (qualificationCosts, qualificationGaps) = costQualificationCoverage(valid)
        costs += qualificationCosts
        let (bedCosts, bedGaps) = costBedGaps(valid)
        costs += bedCosts
        costs += costCategoryFairness(tallies)
        costs += costOrganisationQuotas(valid)
        costs += costStability(valid)
        var report = CheckReport(violations: violations, costs: costs, gaps: (gaps + bedGaps).sorted(), tallies: tallies)
        report.qualificationGaps = qualificationGaps
        return report
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
