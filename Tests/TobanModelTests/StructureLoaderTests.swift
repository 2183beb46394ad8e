import Foundation
import Testing
@testable import TobanModel

/// A scenario using every structural key, for loading and validation tests.
let structureYAML = """
format: 1
name: 構造テスト
horizon: {start: 2026-12-26, end: 2027-01-04}
organisations:
  - {id: c1, name: 一番クリニック, kind: clinic, quota: {min: 2, max: 6, duties: [night-primary], weight: 40}}
  - {id: c2, name: 二番医院, kind: clinic}
  - {id: h1, name: 中央病院, kind: hospital}
areas:
  - {id: north, name: 北, adjacent: [south]}
  - {id: south, name: 南}
dutyTypes:
  - {id: night-primary, name: 夜間（主）, resourceKind: physician, start: "18:00", end: "09:00", allowance: {default: 20000, year-end: 40000}}
  - {id: night-backup, name: 夜間（副）, resourceKind: physician, start: "18:00", end: "09:00",
     backupOf: night-primary, differentOrganisation: true, backupArea: adjacent, allowance: 10000}
  - {id: north-day, name: 北 日直, resourceKind: physician, start: "09:00", end: "18:00", area: north, category: day}
  - {id: backup-bed, name: 後方支援病床, resourceKind: hospital, start: "09:00", end: "09:00", coverage: {min: 0, max: 2}, beds: {min: 2, max: 4, gapPenalty: 900}}
resources:
  - {id: sato, name: 佐藤, kind: physician, organisation: c1, area: north, qualifications: [pediatric], weekendBlocks: true,
     history: {duties: 3, nights: 2, weekendHoliday: 1, yearEnd: 1}}
  - {id: kato, name: 加藤, kind: physician, organisation: c2, area: south, noConsecutiveWeekends: true}
  - {id: h1, name: 中央病院, kind: hospital, organisation: h1, beds: 2, maxDesignatedDays: 10}
rules:
  weekendBlocks: false
  noConsecutiveWeekends: false
  fairness: {weight: 10, maxDeviationWeight: 50, nights: {weight: 5, maxDeviationWeight: 20}, weekendHoliday: {weight: 4}, yearEnd: {maxDeviationWeight: 30}}
  qualificationCoverage:
    - {qualification: pediatric, duties: [night-primary, night-backup], min: 1, gapPenalty: 3000, days: [weekday, sunday]}
"""

@Suite("Structural scenario keys")
struct StructureLoaderTests {
    @Test func loadsEveryStructuralKey() throws {
        let s = try ScenarioLoader.load(text: structureYAML, file: "s.yaml")
        #expect(s.organisation("c1")?.quota == OrganisationQuota(min: 2, max: 6, dutyTypes: ["night-primary"], weight: 40))
        let primary = try #require(s.dutyType("night-primary"))
        #expect(primary.isNight && primary.allowance(on: .yearEnd) == 40_000 && primary.allowance(on: .weekday) == 20_000)
        let backup = try #require(s.dutyType("night-backup"))
        #expect(backup.backupOf == "night-primary" && backup.differentOrganisation && backup.backupArea == .adjacent)
        #expect(backup.allowance(on: .holiday) == 10_000)
        let day = try #require(s.dutyType("north-day"))
        #expect(day.area == "north" && !day.isNight)
        #expect(s.dutyType("backup-bed")?.beds == BedRequirement(min: 2, max: 4, gapPenalty: 900))
        let sato = try #require(s.resource("sato"))
        #expect(sato.qualifications == ["pediatric"] && sato.weekendBlocks == true)
        #expect(sato.historyDuties == 3 && sato.historyNights == 2 && sato.historyWeekendHoliday == 1 && sato.historyYearEnd == 1)
        #expect(s.resource("h1")?.beds == 2 && s.resource("h1")?.maxDesignatedDays == 10)
        #expect(s.rules.categoryFairness[.nights] == FairnessWeights(weight: 5, maxDeviationWeight: 20))
        #expect(s.rules.categoryFairness[.yearEnd] == FairnessWeights(weight: 0, maxDeviationWeight: 30))
        #expect(s.rules.qualificationCoverage.first?.dayTypes == [.weekday, .sunday])
        // Per-area duty: only north resources are eligible; adjacency is symmetric.
        #expect(sato.isEligible(for: day) && !(s.resource("kato")?.isEligible(for: day) ?? true))
        #expect(s.areasAreNear("south", "north") && s.areasAreNear("north", "north"))
        #expect(s.areas.first { $0.id == "south" }?.adjacent == ["north"])
    }

    @Test func weekendsAreCutAtTheHorizon() throws {
        let s = try ScenarioLoader.load(text: structureYAML, file: "s.yaml")
        // 2026-12-26 is a Saturday, 2027-01-03 a Sunday, 2027-01-04 a Monday.
        let weekends = s.weekends.map { ($0.saturday?.iso ?? "-") + "/" + ($0.sunday?.iso ?? "-") }
        #expect(weekends == ["2026-12-26/2026-12-27", "2027-01-02/2027-01-03"])
    }

    @Test func danglingReferencesAndContradictionsAreNamed() {
        let bad = structureYAML
            .replacingOccurrences(of: "backupOf: night-primary", with: "backupOf: night-primry")
            .replacingOccurrences(of: "area: north, category: day", with: "area: east, category: day")
            .replacingOccurrences(of: "qualification: pediatric,", with: "qualification: pediatrc,")
            .replacingOccurrences(of: "duties: [night-primary], weight: 40", with: "duties: [night], weight: 40")
            .replacingOccurrences(of: "beds: {min: 2, max: 4", with: "beds: {min: 5, max: 4")
        let found = issues(bad)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.path == "dutyTypes[1].backupOf" && $0.message.contains("no duty type has id 'night-primry'") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[2].area" && $0.message.contains("no area has id 'east'") }, "\(text)")
        #expect(found.contains { $0.path == "rules.qualificationCoverage[0].qualification" && $0.message.contains("known: pediatric") }, "\(text)")
        #expect(found.contains { $0.path == "organisations[0].quota.duties[0]" }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[3].beds" && $0.message.contains("min 5 is greater than max 4") }, "\(text)")
        #expect(found.allSatisfy { $0.line != nil }, "\(text)")
    }

    @Test func pairingKeysNeedAPrimaryAndAreas() {
        let noPrimary = structureYAML.replacingOccurrences(of: "backupOf: night-primary, ", with: "")
        let found = issues(noPrimary)
        #expect(found.contains { $0.path == "dutyTypes[1].differentOrganisation" && $0.message.contains("needs backupOf") })
        #expect(found.contains { $0.path == "dutyTypes[1].backupArea" && $0.message.contains("needs backupOf") })
        let noArea = structureYAML.replacingOccurrences(of: "organisation: c2, area: south,", with: "organisation: c2,")
        #expect(issues(noArea).contains { $0.path == "resources[1].area" && $0.message.contains("has no area") })
        let selfBackup = structureYAML.replacingOccurrences(of: "backupOf: night-primary", with: "backupOf: night-backup")
        #expect(issues(selfBackup).contains { $0.path == "dutyTypes[1].backupOf" && $0.message.contains("itself") })
        let selfAdjacent = structureYAML.replacingOccurrences(of: "adjacent: [south]", with: "adjacent: [north]")
        #expect(issues(selfAdjacent).contains { $0.path == "areas[0].adjacent" })
    }

    @Test func proportionalQuotasTakeNoBounds() throws {
        let proportional = structureYAML.replacingOccurrences(of: "quota: {min: 2, max: 6, duties: [night-primary], weight: 40}",
                                                              with: "quota: {proportional: true, tolerance: 1, duties: [night-primary]}")
        let s = try ScenarioLoader.load(text: proportional, file: "s.yaml")
        let c1 = try #require(s.organisation("c1"))
        let quota = try #require(s.resolvedQuota(of: c1))
        // Ten nights shared by sato (c1) and kato (c2) evenly: c1's share is 5, band 4…6.
        #expect(quota.proportionalTolerance == 1 && quota.min == 4 && quota.max == 6)
        let both = structureYAML.replacingOccurrences(of: "quota: {min: 2,", with: "quota: {proportional: true, min: 2,")
        #expect(issues(both).contains { $0.path == "organisations[0].quota" && $0.message.contains("proportional quota takes no min or max") })
        let stray = structureYAML.replacingOccurrences(of: "quota: {min: 2,", with: "quota: {tolerance: 2, min: 2,")
        #expect(issues(stray).contains { $0.path == "organisations[0].quota.tolerance" })
    }

    @Test func wrongTypesAndUnknownKeysAreReported() {
        let bad = structureYAML
            .replacingOccurrences(of: "beds: 2, maxDesignatedDays: 10", with: "beds: -1, maxDesignatedDays: 40")
            .replacingOccurrences(of: "backupArea: adjacent", with: "backupArea: near")
            .replacingOccurrences(of: "weekendBlocks: true,", with: "weekendBlocks: often,")
            .replacingOccurrences(of: "nights: {weight: 5", with: "nights: {wieght: 5")
            .replacingOccurrences(of: "category: day", with: "category: evening")
        let found = issues(bad)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.path == "resources[2].beds" && $0.message.contains("out of range") }, "\(text)")
        #expect(found.contains { $0.path == "resources[2].maxDesignatedDays" }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[1].backupArea" && $0.message.contains("same, adjacent") }, "\(text)")
        #expect(found.contains { $0.path == "resources[0].weekendBlocks" && $0.message.contains("true or false") }, "\(text)")
        #expect(found.contains { $0.path == "rules.fairness.nights.wieght" && $0.message.contains("did you mean 'weight'") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[2].category" }, "\(text)")
    }
}
