import Foundation
import Testing
@testable import TobanModel

private func day(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

/// A small valid scenario with a `calendar` section and a time zone to fill in.
private func scenarioYAML(calendar: String, timeZone: String = "Asia/Tokyo",
                          horizon: String = "{start: 2026-08-10, end: 2026-08-17}") -> String {
    """
    format: 1
    name: テスト
    timeZone: \(timeZone)
    horizon: \(horizon)
    calendar: \(calendar)
    organisations: [{id: c1, name: 一番クリニック, kind: clinic}]
    dutyTypes:
      - {id: night, name: 夜間当番, resourceKind: physician, start: "18:00", end: "09:00"}
    resources:
      - {id: sato, name: 佐藤 一郎, kind: physician, organisation: c1}
    """
}

/// Loads `yaml` and returns the issues it raises (empty when it loads).
private func loadIssues(_ yaml: String, file: String = "s.yaml") -> [ScenarioIssue] {
    do {
        _ = try ScenarioLoader.load(text: yaml, file: file)
        return []
    } catch {
        return error.issues
    }
}

@Suite("calendar: closures, holiday files, countries, time zones")
struct CalendarSettingsTests {
    // MARK: Closures

    @Test func closuresAreNamedAndCountAsTheirDayType() throws {
        var calendar = CalendarSettings()
        calendar.closures = [
            Closure(name: "お盆休み", dates: [DateRange(start: try day("2026-08-13"), end: try day("2026-08-16"))]),
            Closure(name: "医師会の休診日", dates: [DateRange(start: try day("2026-12-28"), end: try day("2026-12-28"))], dayType: .yearEnd),
            Closure(name: "研修日", dates: [DateRange(start: try day("2026-08-19"), end: try day("2026-08-19"))], dayType: .saturday),
        ]
        // Thursday 13 August is a weekday made a holiday; Saturday 15 and Sunday 16 as well.
        #expect(calendar.dayType(of: try day("2026-08-13")) == .holiday)
        #expect(calendar.dayType(of: try day("2026-08-15")) == .holiday)
        #expect(calendar.dayType(of: try day("2026-08-16")) == .holiday)
        #expect(calendar.dayType(of: try day("2026-08-17")) == .weekday)
        #expect(calendar.holidayName(try day("2026-08-14")) == "お盆休み")
        // A closure can lengthen the year-end; one counted as Saturday leaves higher days alone.
        #expect(calendar.dayType(of: try day("2026-12-28")) == .yearEnd)
        #expect(calendar.dayType(of: try day("2026-08-19")) == .saturday)
        // A public holiday keeps its own name inside a closure.
        calendar.closures[0].dates = [DateRange(start: try day("2026-08-10"), end: try day("2026-08-16"))]
        #expect(calendar.holidayName(try day("2026-08-11")) == "山の日")
        #expect(calendar.holidayName(try day("2026-08-12")) == "お盆休み")
        // A closure never lowers a day: the year-end stretch stays year-end.
        calendar.closures.append(Closure(name: "x", dates: [DateRange(start: try day("2026-12-30"), end: try day("2026-12-30"))], dayType: .sunday))
        #expect(calendar.dayType(of: try day("2026-12-30")) == .yearEnd)
    }

    @Test func closuresLoadFromTheScenario() throws {
        let yaml = scenarioYAML(calendar: """
        {closures: [{name: お盆休み, dates: [{start: 2026-08-13, end: 2026-08-16}]}, {name: 院内研修, dates: ["2026-08-10"], dayType: sunday}],
                   extraHolidays: [{date: 2026-08-17, name: 創立記念日}], removedHolidays: [2026-08-11]}
        """)
        let scenario = try ScenarioLoader.load(text: yaml, file: "s.yaml")
        let calendar = scenario.calendar
        #expect(calendar.closures.map(\.name) == ["お盆休み", "院内研修"])
        #expect(calendar.dayType(of: try day("2026-08-10")) == .sunday)
        #expect(calendar.dayType(of: try day("2026-08-11")) == .weekday)  // 山の日 removed
        #expect(calendar.holidayName(try day("2026-08-11")) == nil)
        #expect(calendar.dayType(of: try day("2026-08-14")) == .holiday)
        #expect(calendar.holidayName(try day("2026-08-17")) == "創立記念日")
        // Day types drive the slots: the night of 14 August is a holiday slot.
        #expect(scenario.slots().first { $0.date == (try? day("2026-08-14")) }?.dayType == .holiday)
    }

    @Test func badClosuresAreReportedWithTheirPlace() {
        let empty = loadIssues(scenarioYAML(calendar: "{closures: [{name: お盆休み, dates: []}]}"))
        #expect(empty.contains { $0.path == "calendar.closures[0].dates" && $0.message.contains("lists no dates") && $0.line == 5 })
        let badType = loadIssues(scenarioYAML(calendar: "{closures: [{name: お盆休み, dates: [2026-08-13], dayType: obon}]}"))
        #expect(badType.contains { $0.path == "calendar.closures[0].dayType" })
        let typo = loadIssues(scenarioYAML(calendar: "{closure: []}"))
        #expect(typo.contains { $0.message.contains("did you mean 'closures'") })
        // A broken first closure does not shift the place named for the second.
        let shifted = loadIssues(scenarioYAML(calendar: "{closures: [{name: [x], dates: [2026-08-13]}, {name: y, dates: []}]}"))
        #expect(shifted.contains { $0.path == "calendar.closures[0].name" })
        #expect(shifted.contains { $0.path == "calendar.closures[1].dates" && $0.message.contains("'y' lists no dates") })
        #expect(shifted.count == 2)
        let backwards = loadIssues(scenarioYAML(calendar: "{closures: [{name: x, dates: [{start: 2026-08-16, end: 2026-08-13}]}]}"))
        #expect(backwards.contains { $0.path == "calendar.closures[0].dates[0]" && $0.message.contains("before it starts") })
    }

    // MARK: Countries and holiday files

    @Test func countryNoneDropsTheJapaneseHolidays() throws {
        var calendar = CalendarSettings()
        calendar.country = .none
        #expect(calendar.dayType(of: try day("2026-11-23")) == .weekday)
        #expect(calendar.holidayName(try day("2026-11-23")) == nil)
        // The year-end stretch is not a holiday rule and stays.
        #expect(calendar.dayType(of: try day("2027-01-01")) == .yearEnd)
        let loaded = try ScenarioLoader.load(text: scenarioYAML(calendar: "{country: none}"), file: "s.yaml")
        #expect(loaded.calendar.country == .none)
        #expect(loaded.calendar.dayType(of: try day("2026-08-11")) == .weekday)
        let bad = loadIssues(scenarioYAML(calendar: "{country: US}"))
        #expect(bad.contains { $0.path == "calendar.country" && $0.message.contains("JP") })
    }

    @Test func csvHolidayFile() throws {
        let text = "\u{FEFF}date,name\r\n2026-07-03,\"Independence Day (observed)\"\r\n2026-07-04,Independence Day\r\n\r\n2026-07-04,Independence Day\r\n2026-07-04,Bürgerfest\r\n"
        let holidays = try HolidayFile.parse(text: text, file: "us.csv", format: .csv)
        #expect(holidays.count == 2)
        #expect(holidays[try day("2026-07-03")] == "Independence Day (observed)")
        #expect(holidays[try day("2026-07-04")] == "Independence Day・Bürgerfest")
        // Without a header, as `toban holidays` prints it or without its first line.
        #expect(try HolidayFile.parse(text: "2026-01-01,元日\n", file: "h.csv", format: .csv).count == 1)
        // `toban holidays` output reads back as it is.
        let japanese = "date,name\n" + JapaneseHolidays.holidays(in: 2026).map { "\($0.date.iso),\($0.japaneseName)" }.joined(separator: "\n")
        let parsed = try HolidayFile.parse(text: japanese, file: "jp.csv", format: .csv)
        #expect(parsed.count == JapaneseHolidays.holidays(in: 2026).count)
        #expect(parsed[try day("2026-09-22")] == "国民の休日")
    }

    @Test func csvHolidayFileErrorsNameTheLine() {
        let text = "date,name\n2026-07-04,Independence Day\n07/05/2026,Bad\n2026-07-06\n2026-07-07,\n\"2026-07-08,x\n"
        do {
            _ = try HolidayFile.parse(text: text, file: "us.csv", format: .csv)
            Issue.record("expected errors")
        } catch {
            #expect(error.issues.map(\.file).allSatisfy { $0 == "us.csv" })
            #expect(error.issues.count == 1)  // The unclosed quote stops the parse at line 6.
            #expect(error.issues[0].line == 6 && error.issues[0].message.contains("never closed"))
        }
        do {
            _ = try HolidayFile.parse(text: "date,name\n07/05/2026,Bad\n2026-07-06\n2026-07-07,\n", file: "us.csv", format: .csv)
            Issue.record("expected errors")
        } catch {
            #expect(error.issues.map(\.line) == [2, 3, 4])
            #expect(error.issues[0].message.contains("'07/05/2026' is not a real date"))
            #expect(error.issues[1].message.contains("expected 2 fields (date,name), found 1"))
            #expect(error.issues[2].message.contains("has no name"))
            #expect(error.description.contains("us.csv:2: '07/05/2026'"))
        }
        #expect(throws: ScenarioError.self) { try HolidayFile.parse(text: "date,name\n", file: "e.csv", format: .csv) }
    }

    @Test func icsHolidayFile() throws {
        // Folded SUMMARY lines (space and tab), an escaped comma, a two-day event, an alarm
        // with its own DESCRIPTION, a Japanese name.
        let text = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:a@x", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261227",
            "SUMMARY;LANGUAGE=de:Weihnachten\\, 1. und 2. Fei", " ertag",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:-PT15M", "END:VALARM",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:b@x", "DTSTART:20261003", "SUMMARY:Tag der Deutschen Einh", "\teit", "END:VEVENT",
            "BEGIN:VEVENT", "UID:c@x", "DTSTART;VALUE=DATE:20260813", "SUMMARY:お盆休み（医師", " 会）", "END:VEVENT",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        let holidays = try HolidayFile.parse(text: text, file: "de.ics", format: .iCalendar)
        #expect(holidays.count == 4)
        #expect(holidays[try day("2026-08-13")] == "お盆休み（医師会）")
        #expect(holidays[try day("2026-12-25")] == "Weihnachten, 1. und 2. Feiertag")
        #expect(holidays[try day("2026-12-26")] == "Weihnachten, 1. und 2. Feiertag")
        #expect(holidays[try day("2026-12-27")] == nil)  // DTEND is exclusive
        #expect(holidays[try day("2026-10-03")] == "Tag der Deutschen Einheit")
        // LF line ends are accepted as well.
        #expect(try HolidayFile.parse(text: text.replacingOccurrences(of: "\r\n", with: "\n"), file: "de.ics", format: .iCalendar) == holidays)
        #expect(HolidayFile.format(forPath: "x/Holidays.ICS") == .iCalendar)
        #expect(HolidayFile.format(forPath: "x/holidays.csv") == .csv)
    }

    @Test func icsHolidayFileErrorsNameTheLine() {
        func problems(_ lines: [String]) -> [ScenarioIssue] {
            do {
                _ = try HolidayFile.parse(text: lines.joined(separator: "\r\n") + "\r\n", file: "h.ics", format: .iCalendar)
                return []
            } catch {
                return error.issues
            }
        }
        let timed = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20261225T090000Z", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(timed.count == 1 && timed[0].line == 3 && timed[0].message.contains("not an all-day date"))
        let recurring = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(recurring.count == 1 && recurring[0].line == 4 && recurring[0].message.contains("RRULE"))
        let nameless = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "END:VEVENT", "END:VCALENDAR"])
        #expect(nameless.count == 1 && nameless[0].line == 2 && nameless[0].message.contains("no SUMMARY"))
        let noStart = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(noStart.count == 1 && noStart[0].message.contains("no DTSTART"))
        let badDate = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260230", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(badDate.count == 1 && badDate[0].line == 3)
        let backwards = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261225", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(backwards.count == 1 && backwards[0].line == 4)
        let unclosed = problems(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "SUMMARY:x"])
        #expect(unclosed.count == 1 && unclosed[0].message.contains("never closed"))
        let notCalendar = problems(["date,name", "2026-01-01,x"])
        #expect(notCalendar.count == 1 && notCalendar[0].message.contains("BEGIN:VCALENDAR"))
        let empty = problems(["BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"])
        #expect(empty.count == 1 && empty[0].message.contains("no VEVENT"))
    }

    @Test func holidayFileFromTheScenarioReplacesJapaneseHolidays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toban-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "date,name\n2026-08-14,Assumption Day\n".write(to: dir.appendingPathComponent("sub/at.csv"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("s.yaml").path
        try scenarioYAML(calendar: "{holidayFile: sub/at.csv}").write(toFile: path, atomically: true, encoding: .utf8)

        let (scenario, source) = try ScenarioLoader.loadSource(path: path)
        #expect(scenario.calendar.country == .none)
        #expect(scenario.calendar.dayType(of: try day("2026-08-11")) == .weekday)  // 山の日 replaced
        #expect(scenario.calendar.dayType(of: try day("2026-08-14")) == .holiday)
        #expect(scenario.calendar.holidayName(try day("2026-08-14")) == "Assumption Day")
        #expect(source.text == (try String(contentsOfFile: path, encoding: .utf8)))
        #expect(source.includedFiles == [ScenarioSource.IncludedFile(path: "sub/at.csv", text: "date,name\n2026-08-14,Assumption Day\n")])
        // The saved source loads without the files on disk.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sub"))
        #expect(try ScenarioLoader.load(source: source) == scenario)
        // …but not when the holiday file was not saved with it.
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(source: ScenarioSource(file: path, text: source.text)) }
        // With country JP both apply.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "2026-08-14,Assumption Day\n".write(to: dir.appendingPathComponent("sub/at.csv"), atomically: true, encoding: .utf8)
        try scenarioYAML(calendar: "{holidayFile: sub/at.csv, country: JP}").write(toFile: path, atomically: true, encoding: .utf8)
        let both = try ScenarioLoader.load(path: path)
        #expect(both.calendar.dayType(of: try day("2026-08-11")) == .holiday)
        #expect(both.calendar.dayType(of: try day("2026-08-14")) == .holiday)
    }

    @Test func missingHolidayFileIsReportedAtItsKey() {
        let found = loadIssues(scenarioYAML(calendar: "{holidayFile: no-such.csv}"), file: "/tmp/toban-none/s.yaml")
        #expect(found.count == 1)
        #expect(found.first?.path == "calendar.holidayFile")
        #expect(found.first?.line == 5)
        #expect(found.first?.message.contains("cannot read 'no-such.csv' (/tmp/toban-none/no-such.csv)") == true)
    }

    // MARK: Time zones

    @Test func springForwardNightIsAnHourShorter() throws {
        // Europe/Berlin springs forward at 02:00 on Sunday 29 March 2026.
        let yaml = scenarioYAML(calendar: "{country: none}", timeZone: "Europe/Berlin", horizon: "{start: 2026-03-27, end: 2026-03-29}")
        let slots = try ScenarioLoader.load(text: yaml, file: "s.yaml").slots()
        #expect(slots.map { $0.end.timeIntervalSince($0.start) / 3600 } == [15, 14, 15])
        let iso = ISO8601DateFormatter()
        #expect(iso.string(from: slots[1].start) == "2026-03-28T17:00:00Z")  // 18:00 CET
        #expect(iso.string(from: slots[1].end) == "2026-03-29T07:00:00Z")    // 09:00 CEST
        // New York springs forward on 8 March 2026.
        let ny = try ScenarioLoader.load(text: scenarioYAML(calendar: "{country: none}", timeZone: "America/New_York",
                                                            horizon: "{start: 2026-03-07, end: 2026-03-08}"), file: "s.yaml").slots()
        #expect(ny.map { $0.end.timeIntervalSince($0.start) / 3600 } == [14, 15])
    }

    @Test func aDutyStartingInTheSkippedHourStartsAtTheNextValidInstant() throws {
        var scenario = try ScenarioLoader.load(text: scenarioYAML(calendar: "{country: none}", timeZone: "Europe/Berlin",
                                                                  horizon: "2026-03-29"), file: "s.yaml")
        scenario.dutyTypes[0].start = try #require(TimeOfDay(text: "02:30"))
        scenario.dutyTypes[0].end = try #require(TimeOfDay(text: "06:00"))
        let slot = try #require(scenario.slots().first)
        // 02:30 does not exist that night; the slot starts no earlier than 03:00 CEST (01:00Z)
        // and still ends at 06:00 CEST.
        #expect(slot.start >= Date(timeIntervalSince1970: 1_774_746_000))  // 2026-03-29T01:00:00Z
        #expect(ISO8601DateFormatter().string(from: slot.end) == "2026-03-29T04:00:00Z")
        #expect(slot.end > slot.start)
    }
}
