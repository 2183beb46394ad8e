import Foundation
import Testing
import TobanCheck
import TobanMIP
import TobanModel
@testable import TobanSolver

/// Per-area duties (`perArea: true`): one slot per area and date, coverage per area, gaps
/// named `date/duty@area`, pairing area by area; solver and checker agree on every one.
@Suite("Per-area duties")
struct PerAreaSolverTests {
    func fixture(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("\(name)/scenario.yaml").path)
    }

    func day(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

    @Test func threeAreasAreCoveredSeparatelyAndGapsNamedPerArea() throws {
        let scenario = try fixture("S-COVER-GAP-perarea")
        let (solution, report) = try solveAndCheck(scenario)
        #expect(solution.termination == .optimal)
        // South's only physician is away on 12-02: that slot alone is open.
        #expect(report.gaps.map(\.slotKey) == ["2026-12-02/night@south"])
        #expect(report.gaps.first?.area == "south")
        #expect(report.gaps.first?.reason == "all 1 eligible resources of area south are unavailable on 2026-12-02")
        #expect(solution.objective == 100)
        let resolver = SlotResolver(scenario)
        let perSlot = Dictionary(grouping: solution.rota.assignments) { resolver.key(of: $0) }.mapValues(\.count)
        // North needs two (coverageByArea), centre and south one each.
        #expect(perSlot == ["2026-12-01/night@north": 2, "2026-12-01/night@centre": 1, "2026-12-01/night@south": 1,
                            "2026-12-02/night@north": 2, "2026-12-02/night@centre": 1])
    }

    @Test func fairShareIsSplitAreaByArea() throws {
        var scenario = try fixture("S-COVER-GAP-perarea")
        scenario.areas.removeAll { $0.id == "centre" }
        scenario.resources.removeAll { $0.id == "c" }
        for i in scenario.resources.indices { scenario.resources[i].unavailable = [] }
        scenario.dutyTypes[0].coverageByArea = []
        // Two nights in each area: north's two shared by a and b, south's two all d's
        // (district-wide the four would be split three ways).
        #expect(scenario.fairnessTargets().map(\.target) == [1, 1, 2])
    }

    /// `scenario` with each per-area duty type split into one duty type per area (`area: A`,
    /// id `duty-A`, that area's coverage): the older way of writing the same district.
    func splitPerArea(_ scenario: Scenario) -> Scenario {
        var split = scenario
        split.dutyTypes = scenario.dutyTypes.flatMap { duty -> [DutyType] in
            guard duty.perArea else { return [duty] }
            return scenario.slotAreas(of: duty).compactMap { $0 }.map { area in
                var one = duty
                one.id = "\(duty.id)-\(area)"
                one.perArea = false
                one.areas = nil
                one.coverageByArea = []
                one.area = area
                let coverage = duty.coverageByArea.first { $0.area == area }?.coverage
                    ?? Coverage(min: duty.coverageMin, max: duty.coverageMax, target: duty.coverageTarget)
                one.coverageMin = coverage.min
                one.coverageMax = coverage.max
                one.coverageTarget = coverage.target
                return one
            }
        }
        return split
    }

    @Test func perAreaDutyCostsWhatOneDutyTypePerAreaCosts() throws {
        // A week, fairness of duties and nights on, absences: the two ways of writing per-area
        // coverage are the same model, so they reach the same optimum.
        var scenario = try fixture("S-COVER-GAP-perarea")
        scenario.horizon = DateRange(start: try day("2026-12-01"), end: try day("2026-12-07"))
        scenario.rules.fairnessWeight = 10
        scenario.rules.fairnessMaxWeight = 50
        scenario.rules.categoryFairness[.nights] = FairnessWeights(weight: 7, maxDeviationWeight: 20)
        scenario.resources.append(Resource(id: "e", name: "遠藤", kind: .physician, organisation: "x", area: "centre", fte: 0.5))
        scenario.resources[0].unavailable = [DateRange(start: try day("2026-12-03"), end: try day("2026-12-05"))]
        scenario.resources[2].maxDuties = 3
        let (perArea, perAreaReport) = try solveAndCheck(scenario)
        let (split, splitReport) = try solveAndCheck(splitPerArea(scenario))
        #expect(perArea.termination == .optimal && split.termination == .optimal)
        #expect(abs(perArea.objective - split.objective) < 1e-6, "per area \(perArea.objective), split \(split.objective)")
        #expect(perArea.objective > 0)
        #expect(scenario.fairnessTargets() == splitPerArea(scenario).fairnessTargets())
        #expect(perAreaReport.gaps.map(\.date) == splitReport.gaps.map(\.date))
    }

    @Test func modelHasVariablesOnlyForTheAreasResources() throws {
        let compiled = ModelCompiler.compile(try fixture("S-COVER-GAP-perarea"))
        #expect(compiled.model.defects().isEmpty)
        let names = Set(compiled.model.variables.map(\.name))
        #expect(names.contains("x[2026-12-01/night@north/a]") && names.contains("x[2026-12-01/night@centre/c]"))
        #expect(!names.contains("x[2026-12-01/night@north/c]") && !names.contains("x[2026-12-01/night@south/a]"))
        let rows = Set(compiled.model.rows.map(\.name))
        #expect(rows.contains("S-COVER-GAP[2026-12-01/night@north]") && rows.contains("S-COVER-GAP[2026-12-02/night@south]"))
        // The gap of north is up to two (its coverage), of centre up to one.
        let gapNorth = try #require(compiled.model.variables.first { $0.name == "S-COVER-GAP[2026-12-01/night@north]" })
        let gapCentre = try #require(compiled.model.variables.first { $0.name == "S-COVER-GAP[2026-12-01/night@centre]" })
        #expect(gapNorth.upper == 2 && gapCentre.upper == 1)
    }

    @Test func areaWithoutAnyResourceIsAGapWithItsReason() throws {
        var scenario = try fixture("S-COVER-GAP-perarea")
        scenario.areas.append(Area(id: "west", name: "西地区"))
        let (_, report) = try solveAndCheck(scenario)
        let west = report.gaps.filter { $0.area == "west" }
        #expect(west.map(\.slotKey) == ["2026-12-01/night@west", "2026-12-02/night@west"])
        #expect(west.allSatisfy { $0.reason == "no resource of area west is eligible for night" })
    }

    @Test func perAreaBackupPairsWithinItsArea() throws {
        let scenario = try fixture("H-BACKUP-ORG-perarea")
        let (solution, report) = try solveAndCheck(scenario)
        #expect(solution.objective == 0 && report.gaps.isEmpty)
        let resolver = SlotResolver(scenario)
        for area in ["north", "south"] {
            let primary = solution.rota.assignments.filter { $0.dutyTypeID == "primary" && resolver.area(of: $0) == area }
            let backup = solution.rota.assignments.filter { $0.dutyTypeID == "backup" && resolver.area(of: $0) == area }
            #expect(primary.count == 1 && backup.count == 1)
            let orgs = Set((primary + backup).compactMap { scenario.resource($0.resourceID)?.organisation })
            #expect(orgs.count == 2, "\(area): \(primary) \(backup)")
        }
        // No pairing row mixes the two areas.
        let compiled = ModelCompiler.compile(scenario)
        let pairing = compiled.model.rows.filter { $0.ruleID == RuleID.backupOrganisation || $0.ruleID == RuleID.backupDistinct }
        #expect(!pairing.isEmpty)
        for row in pairing {
            let areas = Set(row.terms.compactMap { term in compiled.assignments.first { $0.variable == term.variable }.flatMap { compiled.slots[$0.slot].area } })
            #expect(areas.count == 1, "\(row.name)")
        }
    }

    /// Primaries per area (north, south), one district-wide backup from another organisation
    /// than every primary of the date.
    func districtBackupScenario() throws -> Scenario {
        try ScenarioLoader.load(text: """
        format: 1
        name: 地区別の主と地区共通の副
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations:
          - {id: x, name: X, kind: clinic}
          - {id: y, name: Y, kind: clinic}
          - {id: z, name: Z, kind: clinic}
        areas:
          - {id: north, name: 北地区}
          - {id: south, name: 南地区}
        dutyTypes:
          - {id: primary, name: 夜間（主）, resourceKind: physician, start: "18:00", end: "09:00", perArea: true, gapPenalty: 1000}
          - {id: backup, name: 夜間（副）, resourceKind: physician, start: "18:00", end: "09:00", backupOf: primary,
             differentOrganisation: true, gapPenalty: 1000}
        resources:
          - {id: a, name: 青木, kind: physician, organisation: x, area: north}
          - {id: b, name: 馬場, kind: physician, organisation: x, area: north}
          - {id: c, name: 千葉, kind: physician, organisation: y, area: south}
          - {id: d, name: 土屋, kind: physician, organisation: y, area: south}
          - {id: g, name: 後藤, kind: physician, organisation: z}
        rules:
          fairness: {weight: 0, maxDeviationWeight: 0}
        """, file: "district-backup.yaml")
    }

    @Test func districtWideBackupPairsWithEveryAreasPrimary() throws {
        let scenario = try districtBackupScenario()
        let (solution, report) = try solveAndCheck(scenario)
        #expect(report.gaps.isEmpty && solution.objective == 0)
        // x and y hold the primaries of north and south, so only z may back them up.
        #expect(solution.rota.assignments.filter { $0.dutyTypeID == "backup" }.map(\.resourceID) == ["g", "g", "g"])

        // By hand: b (x) backing up north's a (x) and south's c (y) breaks H-BACKUP-ORG once, against a.
        let d1 = try day("2026-12-01")
        let rota = Rota(assignments: [Assignment(date: d1, dutyTypeID: "primary", resourceID: "a"),
                                      Assignment(date: d1, dutyTypeID: "primary", resourceID: "c"),
                                      Assignment(date: d1, dutyTypeID: "backup", resourceID: "b")])
        let check = RotaChecker(scenario: scenario).check(rota)
        #expect(check.violations.map(\.ruleID) == [RuleID.backupOrganisation])
        #expect(check.violations.first?.message.contains("primary a") == true)
    }

    @Test func checkerNamesTheAreaWhenAResourceCannotTakeAPerAreaDuty() throws {
        let scenario = try fixture("H-ELIGIBLE-perarea")
        let d1 = try day("2026-12-01")
        let report = RotaChecker(scenario: scenario).check(Rota(assignments: [
            Assignment(date: d1, dutyTypeID: "night", resourceID: "e"), Assignment(date: d1, dutyTypeID: "night", resourceID: "f"),
        ]))
        let messages = report.violations.map(\.message)
        #expect(messages.contains("e is not eligible for night on 2026-12-01: the duty is per area and has no slot in area east (areas: north, south)"))
        #expect(messages.contains("f is not eligible for night on 2026-12-01: the duty is per area and f has no area"))
        #expect(report.violations.allSatisfy { $0.japaneseMessage.contains("地区") })
        #expect(report.gaps.map(\.slotKey) == ["2026-12-01/night@north", "2026-12-01/night@south"])
    }

    @Test func coverMaxIsPerAreaSlot() throws {
        let scenario = try fixture("S-COVER-GAP-perarea")
        let d1 = try day("2026-12-01")
        // Two in north (max 2) is fine; centre's max is 1, but only c lives there, so exceed it by moving b to centre.
        var moved = scenario
        if let i = moved.resources.firstIndex(where: { $0.id == "b" }) { moved.resources[i].area = "centre" }
        let rota = Rota(assignments: ["a", "b", "c", "d"].map { Assignment(date: d1, dutyTypeID: "night", resourceID: $0) })
        #expect(RotaChecker(scenario: scenario).check(rota).violations.isEmpty)
        let report = RotaChecker(scenario: moved).check(rota)
        #expect(report.violations.map(\.message) == ["2026-12-01/night@centre has 2 resources, more than the maximum 1"])
        #expect(report.gaps.map(\.slotKey).contains("2026-12-01/night@north"))
    }

    @Test func replanCountsChangesPerAreaSlot() throws {
        var scenario = try fixture("S-COVER-GAP-perarea")
        for i in scenario.resources.indices { scenario.resources[i].unavailable = [] }
        let d1 = try day("2026-12-01"), d2 = try day("2026-12-02")
        let published = Rota(assignments: [Assignment(date: d2, dutyTypeID: "night", resourceID: "a"),
                                           Assignment(date: d2, dutyTypeID: "night", resourceID: "c"),
                                           Assignment(date: d2, dutyTypeID: "night", resourceID: "d")])
        var replan = ReplanSettings(published: published, from: d1)
        replan.changesFirst = false
        scenario.replan = replan
        scenario.dutyTypes[0].coverageByArea = [AreaCoverage(area: "north", coverage: Coverage(min: 1, max: 2))]
        // d (south) dropped and b (north) added: district-wide that would be one seat changing
        // hands, per area it is two changes (south loses d, north gains b).
        let actual = Rota(assignments: ["a", "b", "c"].map { Assignment(date: d2, dutyTypeID: "night", resourceID: $0) })
        let changes = replan.changes(to: actual, in: scenario)
        #expect(changes.map(\.slotKey) == ["2026-12-02/night@north", "2026-12-02/night@south"])
        #expect(changes.map(\.count) == [1, 1])
        #expect(actual.changes(from: published).map(\.count) == [1])
        // A published north seat left open below the minimum is filled for free.
        scenario.dutyTypes[0].coverageByArea = [AreaCoverage(area: "north", coverage: Coverage(min: 2, max: 2))]
        #expect(replan.changes(to: actual, in: scenario).map(\.count) == [0, 1])
        // The solver counts the same way as the checker.
        let (solution, report) = try solveAndCheck(scenario)
        #expect(report.violations.isEmpty && solution.termination == .optimal)
    }
}
