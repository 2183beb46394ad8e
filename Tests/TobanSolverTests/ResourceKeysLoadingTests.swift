import Foundation
import Testing
import TobanModel

/// Loading and validating the keys of the per-resource rules: history.lastDuties, part-day
/// unavailability, pins, coverage targets and sequence limits.
@Suite("Per-resource keys: loading and validation")
struct ResourceKeysLoadingTests {
    static func yaml(resource: String, dutyExtra: String = "", rules: String = "") -> String {
        """
        format: 1
        name: keys
        horizon: {start: 2026-12-01, end: 2026-12-07}
        organisations:
          - {id: c1, name: 一番クリニック, kind: clinic}
        dutyTypes:
          - {id: night, name: 夜間当番, resourceKind: physician, start: "18:00", end: "09:00"\(dutyExtra)}
          - {id: day, name: 日中当番, resourceKind: physician, start: "09:00", end: "18:00"}
        resources:
          - {id: sato, name: 佐藤, kind: physician, organisation: c1\(resource)}
        \(rules)
        """
    }

    static func problems(_ text: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioLoader.load(text: text, file: "k.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func readsHistoryPartDaysAndSequenceKeys() throws {
        let text = Self.yaml(resource: """
            , history: {duties: 2, lastDuties: [{date: 2026-11-30, duty: night}]}, unavailable: ["2026-12-02", {date: 2026-12-03, from: "13:00"}, {date: 2026-12-04, to: "10:00"}], maxConsecutive: 3, minConsecutive: 2, minDaysOff: 2, maxWeekends: 1, maxPerWeek: 4, minMinutes: 60, maxMinutes: 6000
            """, dutyExtra: ", coverage: {min: 1, max: 2, target: 2}, underTargetPenalty: 5, overTargetPenalty: 1", rules: "rules: {minRestHours: 11, forbiddenSuccessions: [{from: night, to: day}]}")
        let s = try ScenarioLoader.load(text: text, file: "k.yaml")
        let r = try #require(s.resource("sato"))
        #expect(r.historyDuties == 2)
        #expect(r.lastDuties == [PastDuty(date: CivilDate(iso: "2026-11-30")!, dutyTypeID: "night")])
        #expect(r.unavailable == [DateRange(start: CivilDate(iso: "2026-12-02")!, end: CivilDate(iso: "2026-12-02")!)])
        #expect(r.unavailableTimes == [UnavailableTime(date: CivilDate(iso: "2026-12-03")!, from: TimeOfDay(text: "13:00")!, to: TimeOfDay(text: "24:00")!),
                                       UnavailableTime(date: CivilDate(iso: "2026-12-04")!, from: TimeOfDay(text: "00:00")!, to: TimeOfDay(text: "10:00")!)])
        #expect(r.maxConsecutive == 3 && r.minConsecutive == 2 && r.minDaysOff == 2 && r.maxWeekends == 1 && r.maxPerWeek == 4)
        #expect(r.minMinutes == 60 && r.maxMinutes == 6000)
        #expect(s.rules.minRestHours == 11 && s.rules.forbiddenSuccessions == [ForbiddenSuccession(from: "night", to: "day")])
        #expect(s.dutyType("night")?.coverageTarget == 2)
        // The windows decide availability by instants: the night of the 3rd overlaps 13:00–24:00,
        // the night of the 2nd is a whole unavailable date, the night of the 3rd also ends in
        // the window of the 4th, and the day duty of the 4th starts 09:00 inside 00:00–10:00.
        let open = s.slots().filter { s.isAvailable(r, for: $0) }.map(\.key)
        #expect(!open.contains("2026-12-03/night") && !open.contains("2026-12-02/night") && !open.contains("2026-12-04/day"))
        #expect(open.contains("2026-12-01/night") && open.contains("2026-12-03/day") == false && open.contains("2026-12-04/night"))
    }

    @Test func badHistoryIsReportedWithItsPlace() {
        let found = Self.problems(Self.yaml(resource: """
            , history: {lastDuties: [{date: 2026-12-01, duty: night}, {date: 2026-11-29, duty: nite}, {date: 2026-11-28, duty: day}, {date: 2026-11-28, duty: night}, {date: 2026-11-27}]}
            """))
        let text = found.map(\.description).joined(separator: "\n")
        #expect(text.contains("resources[0].history.lastDuties[0].date: 2026-12-01 is not before the horizon's first day 2026-12-01"), "\(text)")
        #expect(text.contains("resources[0].history.lastDuties[1].duty: no duty type has id 'nite'"), "\(text)")
        #expect(text.contains("resources[0].history.lastDuties[4].duty: missing required key 'duty'"), "\(text)")
        #expect(found.allSatisfy { $0.line != nil })
    }

    @Test func duplicatePastDatesAreReportedWhenEverythingElseIsValid() {
        let found = Self.problems(Self.yaml(resource: ", history: {lastDuties: [{date: 2026-11-28, duty: day}, {date: 2026-11-28, duty: night}]}"))
        #expect(found.map(\.path) == ["resources[0].history.lastDuties[1].date"])
        #expect(found.first?.message.contains("listed twice") == true)
    }

    @Test func badPartDaysAreReported() {
        for (entry, expected) in [
            ("{date: 2026-12-03}", "a part-day entry needs from, to or both"),
            ("{date: 2026-12-03, from: \"13:00\", to: \"12:00\"}", "ends (12:00) at or before it starts (13:00)"),
            ("{date: 2026-12-03, from: \"25:00\"}", "'25:00' is not a time of day"),
            ("{date: 2026-12-03, form: \"13:00\"}", "unknown key 'form'; did you mean 'from'?"),
            ("{date: 2026-12-20, from: \"13:00\"}", "the part-day window on 2026-12-20 lies outside the horizon"),
        ] {
            let found = Self.problems(Self.yaml(resource: ", unavailable: [\(entry)]"))
            #expect(found.contains { $0.path.hasPrefix("resources[0].unavailable") && $0.message.contains(expected) }, "\(entry): \(found)")
        }
    }

    @Test func contradictionsAreReported() {
        let pins = Self.problems(Self.yaml(resource: ", pins: [{date: 2026-12-02, duty: night}, {date: 2026-12-02, duty: day}]"))
        #expect(pins.contains { $0.path == "resources[0].pins[1]" && $0.message.contains("already pinned to night on 2026-12-02") }, "\(pins)")
        let window = Self.problems(Self.yaml(resource: ", pins: [{date: 2026-12-02, duty: night}], unavailable: [{date: 2026-12-03, to: \"08:00\"}]"))
        #expect(window.contains { $0.path == "resources[0].pins[0]" && $0.message.contains("unavailable 00:00–08:00") }, "\(window)")
        let runs = Self.problems(Self.yaml(resource: ", maxConsecutive: 2, minConsecutive: 3"))
        #expect(runs.contains { $0.path == "resources[0].minConsecutive" })
        let target = Self.problems(Self.yaml(resource: "", dutyExtra: ", coverage: {min: 1, max: 3, target: 2}, gapPenalty: 10, underTargetPenalty: 50"))
        #expect(target.contains { $0.path == "dutyTypes[0].underTargetPenalty" && $0.message.contains("greater than gapPenalty") }, "\(target)")
        // With min 0 (the Curtois shape) any under-target penalty is fine.
        #expect(Self.problems(Self.yaml(resource: "", dutyExtra: ", coverage: {min: 0, max: 3, target: 2}, gapPenalty: 10, underTargetPenalty: 50")).isEmpty)
    }
}
