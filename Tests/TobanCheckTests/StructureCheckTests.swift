import Foundation
import Testing
import TobanCheck
import TobanModel

@Suite("Checker: structural reports")
struct StructureCheckTests {
    @Test func qualificationGapsAreNamedWithTheirReason() throws {
        let (scenario, rota, _) = try RuleFixtures.load("S-COVER-QUAL")
        let report = RotaChecker(scenario: scenario).check(rota)
        let gap = try #require(report.qualificationGaps.first)
        #expect(report.qualificationGaps.count == 1)
        #expect(gap.key == "2026-12-02/pediatric@night-primary+night-backup" && gap.missing == 1)
        #expect(gap.reason.contains("held by other rules"))
        var away = scenario
        away.resources[0].unavailable = [DateRange(start: scenario.horizon.start, end: scenario.horizon.end)]
        let empty = RotaChecker(scenario: away).check(Rota(assignments: []))
        #expect(empty.qualificationGaps.map(\.reason).allSatisfy { $0.contains("all 1 eligible pediatric resources are unavailable") })
    }

    @Test func bedGapsCountBedsAndSayWhy() throws {
        let (scenario, rota, _) = try RuleFixtures.load("S-BED-GAP")
        let report = RotaChecker(scenario: scenario).check(rota)
        #expect(report.gaps.map(\.missing) == [1])
        #expect(report.gaps.first?.reason.contains("beds") == true)
    }

    @Test func talliesCarryAllowancesAndCategoryCounts() throws {
        var (scenario, rota, _) = try RuleFixtures.load("S-FAIR-YEAREND")
        scenario.dutyTypes[0].allowanceDefault = 10_000
        scenario.dutyTypes[0].allowanceByDayType = [.yearEnd: 30_000]
        rota = Rota(assignments: rota.assignments)
        let report = RotaChecker(scenario: scenario).check(rota)
        let a = try #require(report.tallies.first { $0.resourceID == "a" })
        let b = try #require(report.tallies.first { $0.resourceID == "b" })
        #expect(a.allowance == 90_000 && b.allowance == 10_000)
        #expect(a.categoryCounts[.yearEnd] == 3 && a.categoryCounts[.weekendHoliday] == 3 && b.categoryCounts[.yearEnd] == nil)
        #expect(a.categoryTargets[.yearEnd]?.band == 1...1)
    }
}
