import Foundation
import Testing
@testable import TobanModel

let minimalYAML = """
format: 1
name: テスト区 夜間当番
horizon: {start: 2026-12-01, end: 2026-12-07}
organisations:
  - {id: c1, name: 一番クリニック, kind: clinic}
dutyTypes:
  - id: night
    name: 夜間当番
    resourceKind: physician
    start: "18:00"
    end: "09:00"
resources:
  - {id: sato, name: 佐藤 一郎, kind: physician, organisation: c1, maxDuties: 4}
  - {id: kato, name: 加藤 二郎, kind: physician, organisation: c1, unavailable: ["2026-12-03", {start: 2026-12-05, end: 2026-12-06}]}
"""

func issues(_ text: String, file: String = "s.yaml") -> [ScenarioIssue] {
    do {
        _ = try ScenarioLoader.load(text: text, file: file)
        return []
    } catch {
        return error.issues
    }
}

@Suite("Scenario loading and validation")
struct ScenarioLoaderTests {
    @Test func loadsAMinimalScenarioWithDefaults() throws {
        let s = try ScenarioLoader.load(text: minimalYAML, file: "s.yaml")
        #expect(s.name == "テスト区 夜間当番")
        #expect(s.timeZone == "Asia/Tokyo")
        #expect(s.horizon.count == 7)
        let night = try #require(s.dutyType("night"))
        #expect(night.coverageMin == 1 && night.coverageMax == 1)
        #expect(night.durationMinutes == 15 * 60)
        #expect(night.dayTypes == Set(DayType.allCases))
        let kato = try #require(s.resource("kato"))
        #expect(kato.unavailable.count == 2)
        #expect(!kato.isAvailable(on: CivilDate(iso: "2026-12-06")!))
        #expect(kato.isAvailable(on: CivilDate(iso: "2026-12-07")!))
        #expect(s.resource("sato")?.maxDuties == 4)
    }

    @Test func jsonLoadsWithLineNumbers() throws {
        let json = """
        {"format": 1, "name": "j", "horizon": {"start": "2026-12-01", "end": "2026-12-02"},
         "organisations": [{"id": "c", "name": "C", "kind": "clinic"}],
         "dutyTypes": [{"id": "n", "name": "N", "resourceKind": "physician", "start": "18:00", "end": "09:00"}],
         "resources": [{"id": "a", "name": "A", "kind": "physician", "organisation": "c",
                        "maxDutis": 3}]}
        """
        let found = issues(json, file: "s.json")
        #expect(found.count == 1)
        #expect(found.first?.line == 5)
        #expect(found.first?.path == "resources[0].maxDutis")
        #expect(found.first?.message.contains("did you mean 'maxDuties'") == true)
        #expect(found.first?.description.hasPrefix("s.json:5:") == true)
    }

    @Test func unknownKeysAreNamedWithASuggestion() {
        let found = issues(minimalYAML.replacingOccurrences(of: "maxDuties: 4", with: "maxDuty: 4"))
        #expect(found.count == 1)
        let issue = found.first
        #expect(issue?.path == "resources[0].maxDuty")
        #expect(issue?.line == 13)
        #expect(issue?.message.contains("did you mean 'maxDuties'") == true)
    }

    @Test func everyProblemIsListedNotJustTheFirst() {
        let bad = minimalYAML
            .replacingOccurrences(of: "maxDuties: 4", with: "maxDuties: -4")
            .replacingOccurrences(of: "\"2026-12-03\"", with: "\"2026-02-30\"")
            .replacingOccurrences(of: "end: \"09:00\"", with: "end: \"25:00\"")
        let found = issues(bad)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.path == "resources[0].maxDuties" && $0.message.contains("out of range") })
        #expect(found.contains { $0.path == "resources[1].unavailable[0]" && $0.message.contains("not a real date") })
        #expect(found.contains { $0.path == "dutyTypes[0].end" && $0.message.contains("not a time of day") })
        #expect(found.allSatisfy { $0.line != nil && $0.file == "s.yaml" })
    }

    @Test func danglingReferencesAndDuplicatesAreReportedWithLines() {
        let bad = minimalYAML
            .replacingOccurrences(of: "organisation: c1, maxDuties", with: "organisation: c9, maxDuties")
            .replacingOccurrences(of: "{id: kato", with: "{id: sato")
        let found = issues(bad)
        #expect(found.contains { $0.path == "resources[0].organisation" && $0.message.contains("no organisation has id 'c9'") && $0.message.contains("known: c1") && $0.line == 13 })
        #expect(found.contains { $0.path == "resources[1].id" && $0.message.contains("duplicate id 'sato'") })
    }

    @Test func contradictoryAndOutOfHorizonValues() {
        let bad = minimalYAML
            .replacingOccurrences(of: "maxDuties: 4", with: "maxDuties: 2, minDuties: 3")
            .replacingOccurrences(of: "start: 2026-12-05, end: 2026-12-06", with: "start: 2027-03-01, end: 2027-03-02")
            .replacingOccurrences(of: "name: 夜間当番\n", with: "name: 夜間当番\n    coverage: {min: 3, max: 2}\n")
        let found = issues(bad)
        #expect(found.contains { $0.path == "resources[0].minDuties" && $0.message.contains("greater than maxDuties") })
        #expect(found.contains { $0.path == "resources[1].unavailable[1]" && $0.message.contains("outside the horizon") })
        #expect(found.contains { $0.path == "dutyTypes[0].coverage" && $0.message.contains("min 3 is greater than max 2") })
    }

    @Test func wrongTypesAndMissingKeys() {
        let bad = minimalYAML
            .replacingOccurrences(of: "name: テスト区 夜間当番\n", with: "")
            .replacingOccurrences(of: "kind: clinic", with: "kind: [clinic]")
            .replacingOccurrences(of: "resourceKind: physician", with: "resourceKind: doctor")
        let found = issues(bad)
        #expect(found.contains { $0.path == "name" && $0.message.contains("missing required key") })
        #expect(found.contains { $0.path == "organisations[0].kind" && $0.message.contains("expected text, found a list") })
        #expect(found.contains { $0.path == "dutyTypes[0].resourceKind" && $0.message.contains("unknown value 'doctor'") })
    }

    @Test func absurdNumbersAndNaNAreRejected() {
        for value in [".nan", ".inf", "1e400", "abc", "100001"] {
            let found = issues(minimalYAML.replacingOccurrences(of: "maxDuties: 4", with: "maxDuties: 4, history: {duties: \(value)}"))
            #expect(found.count == 1, "\(value): \(found)")
            #expect(found.first?.path == "resources[0].history.duties")
        }
        let fte = issues(minimalYAML.replacingOccurrences(of: "maxDuties: 4", with: "fte: .nan"))
        #expect(fte.first?.message.contains("finite number") == true)
    }

    @Test func malformedYAMLNamesLineAndColumn() {
        let found = issues("format: 1\nname: [unclosed\nhorizon: x\n")
        #expect(found.count == 1)
        #expect(found.first?.line != nil)
        #expect(found.first?.message.contains("malformed") == true)
        let dup = issues(minimalYAML + "\nname: again\n")
        #expect(dup.first?.message.contains("duplicate key") == true)
        #expect(issues("").first?.message.contains("empty") == true)
        #expect(issues("- just\n- a list\n").first?.message.contains("expected a mapping") == true)
    }

    @Test func unsupportedFormatAndUnknownZone() {
        #expect(issues(minimalYAML.replacingOccurrences(of: "format: 1", with: "format: 2")).first?.message.contains("not supported") == true)
        let zone = issues(minimalYAML + "\ntimeZone: Mars/Olympus\n")
        #expect(zone.first?.path == "timeZone")
        #expect(zone.first?.message.contains("IANA") == true)
    }

    @Test func idsWithSpacesAreRejected() {
        let found = issues(minimalYAML.replacingOccurrences(of: "{id: sato,", with: "{id: \"sa to\","))
        #expect(found.first?.message.contains("not a valid id") == true)
    }

    @Test func missingFileAndDirectoryGiveClearErrors() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/x.yaml") }
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/x.yaml")
        } catch {
            #expect(error.description.contains("/nonexistent/x.yaml") && error.description.contains("no such file"))
        }
        do {
            _ = try ScenarioLoader.load(path: "/tmp")
        } catch {
            #expect(error.description.contains("directory"))
        }
    }
}

@Suite("Calendar and slots")
struct CalendarTests {
    @Test func civilDateArithmetic() throws {
        let d = try #require(CivilDate(iso: "2024-02-28"))
        #expect(d.adding(days: 1).iso == "2024-02-29")
        #expect(d.adding(days: 2).iso == "2024-03-01")
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "26-12-01") == nil)
        #expect(CivilDate(iso: "2026-12-01")?.weekday == .tuesday)
        #expect(CivilDate(dayNumber: 0).iso == "1970-01-01")
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test func dayTypesFollowPrecedence() throws {
        let cal = CalendarSettings()
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2026-12-29"))) == .yearEnd)
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2027-01-01"))) == .yearEnd)
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2027-01-04"))) == .weekday)
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2026-11-23"))) == .holiday)  // 勤労感謝の日
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2026-12-05"))) == .saturday)
        #expect(cal.dayType(of: try #require(CivilDate(iso: "2026-12-06"))) == .sunday)
        var custom = CalendarSettings()
        custom.extraHolidays[try #require(CivilDate(iso: "2026-08-14"))] = "お盆休み"
        custom.removedHolidays = [try #require(CivilDate(iso: "2026-11-23"))]
        #expect(custom.dayType(of: try #require(CivilDate(iso: "2026-08-14"))) == .holiday)
        #expect(custom.dayType(of: try #require(CivilDate(iso: "2026-11-23"))) == .weekday)
    }

    @Test func nightSlotsCrossMidnightAndDaylightSaving() throws {
        var s = try ScenarioLoader.load(text: minimalYAML, file: "s.yaml")
        let slots = s.slots()
        #expect(slots.count == 7)
        let first = try #require(slots.first)
        #expect(first.end.timeIntervalSince(first.start) == 15 * 3600)
        let iso = ISO8601DateFormatter()
        #expect(iso.string(from: first.start) == "2026-12-01T09:00:00Z")  // 18:00 JST
        // New York falls back on 1 Nov 2026: that night is an hour longer.
        s.timeZone = "America/New_York"
        s.horizon = DateRange(start: try #require(CivilDate(iso: "2026-10-31")), end: try #require(CivilDate(iso: "2026-11-01")))
        let ny = s.slots()
        #expect(ny[0].end.timeIntervalSince(ny[0].start) == 16 * 3600)
        #expect(ny[1].end.timeIntervalSince(ny[1].start) == 15 * 3600)
    }

    @Test func fairnessTargetsFollowFTEAvailabilityAndHistory() throws {
        let loaded = try ScenarioLoader.load(text: minimalYAML, file: "s.yaml")
        var s = loaded
        s.resources[0].maxDuties = nil
        let t = s.fairnessTargets()
        // 7 nights; kato is away 3 of them: weights 1 and 4/7.
        #expect(abs(t[0].target - 7 * 1 / (1 + 4.0 / 7)) < 1e-9)
        #expect(abs(t[0].target + t[1].target - 7) < 1e-9)
        #expect(t[0].band == 4...5)
        // With sato's maxDuties 4 his share of 4.45 cannot be met: capped at 4, kato takes the rest.
        let capped = loaded.fairnessTargets()
        #expect(capped[0].target == 4 && capped[0].band == 4...4)
        #expect(abs(capped[1].target - 3) < 1e-9 && capped[1].band == 3...3)
        var h = s
        h.resources[0].historyDuties = 3
        let th = h.fairnessTargets()
        #expect(th[0].target < t[0].target)
        #expect(abs(th[0].target + th[1].target - 7) < 1e-9)
    }
}

@Suite("rota.csv reader")
struct RotaCSVReaderTests {
    @Test func readsQuotedFieldsBOMAndSkipsGaps() throws {
        let text = "\u{FEFF}date,duty,resource,name,status\r\n2026-12-01,night,sato,\"佐藤, 一郎\",assigned\r\n2026-12-02,night,,,gap\r\n2026-12-03,night,kato,\"加藤 \"\"二郎\"\"\",assigned\r\n"
        let rota = try RotaCSVReader.read(text: text, file: "r.csv")
        #expect(rota.assignments.map(\.resourceID) == ["sato", "kato"])
    }

    @Test func reportsBadRowsWithLineNumbers() {
        let text = "date,duty,resource\n2026-12-01,night,sato\n2026-12-32,night,kato\n2026-12-03,night\n"
        do {
            _ = try RotaCSVReader.read(text: text, file: "r.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 2)
            #expect(error.issues[0].line == 3 && error.issues[0].message.contains("not a real date"))
            #expect(error.issues[1].line == 4 && error.issues[1].message.contains("expected 3 fields"))
        }
        #expect(throws: ScenarioError.self) { try RotaCSVReader.read(text: "who,when\nx,y\n", file: "r.csv") }
        #expect(throws: ScenarioError.self) { try RotaCSVReader.read(text: "date,duty,resource\n\"open,x,y\n", file: "r.csv") }
    }
}
