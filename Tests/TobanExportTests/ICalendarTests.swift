import Foundation
import Testing
import TobanExport
import TobanModel

/// The physical lines of an iCalendar text, split at CRLF (the last, empty piece dropped).
private func physicalLines(_ text: String) -> [String] {
    var lines = text.components(separatedBy: "\r\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// The content lines after unfolding.
private func unfolded(_ text: String) -> [String] {
    physicalLines(text.replacingOccurrences(of: "\r\n ", with: "")
                      .replacingOccurrences(of: "\r\n\t", with: ""))
}

/// The VEVENTs of a calendar as dictionaries of their (unfolded) properties.
private func events(_ text: String) -> [[String: String]] {
    var result: [[String: String]] = []
    var current: [String: String]?
    for line in unfolded(text) {
        if line == "BEGIN:VEVENT" { current = [:]; continue }
        if line == "END:VEVENT", let event = current { result.append(event); current = nil; continue }
        guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
        current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
    }
    return result
}

/// `events` keyed by UID.
private func eventsByUID(_ text: String) -> [String: [String: String]] {
    Dictionary(uniqueKeysWithValues: events(text).compactMap { e in e["UID"].map { ($0, e) } })
}

@Suite("iCalendar")
struct ICalendarTests {
    let writer = ICalendarWriter(input: Fixture.input, options: Fixture.options)

    // MARK: Text rules

    @Test func escapesText() {
        #expect(ICalendarWriter.escapeText(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarWriter.escapeText("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarWriter.escapeText("tab\tbell\u{7}") == "tab\tbell")
        #expect(ICalendarWriter.escapeText("佐藤 一郎：当番") == "佐藤 一郎：当番")
    }

    @Test("folding never splits UTF-8 and keeps lines within 75 octets",
          arguments: [0, 1, 40, 74, 75, 76, 149, 150, 151, 300, 1000])
    func folding(length: Int) throws {
        let alphabets: [[String]] = [
            ["a"], ["あ"], ["😀"], ["a", "あ"], ["あ", "a", "a"], ["e\u{301}", "が", "😀", "x"], [#"\n"#, "漢"], [#"\,"#, "b"],
        ]
        for alphabet in alphabets {
            // `length` scalars cycling through the alphabet, after a property name.
            var body = ""
            var i = 0
            while body.unicodeScalars.count < length { body += alphabet[i % alphabet.count]; i += 1 }
            let line = "DESCRIPTION:" + body
            let folded = ICalendarWriter.fold(line)
            // Unfolding gives the line back.
            #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
            // Work on the raw bytes: every physical line is valid UTF-8 of at most 75 octets.
            let bytes = Array((folded + "\r\n").utf8)
            var start = 0
            var index = 0
            for j in 0..<(bytes.count - 1) where bytes[j] == 0x0d && bytes[j + 1] == 0x0a {
                let piece = Array(bytes[start..<j])
                #expect(piece.count <= 75, "line of \(piece.count) octets")
                #expect(String(validating: piece, as: UTF8.self) != nil, "a UTF-8 character was split")
                if index > 0 { #expect(piece.first == 0x20) }
                // No line is broken inside a backslash escape.
                let text = String(decoding: piece, as: UTF8.self)
                let trailingBackslashes = text.reversed().prefix { $0 == "\\" }.count
                #expect(trailingBackslashes % 2 == 0)
                start = j + 2
                index += 1
            }
        }
    }

    @Test func everyLineEndsWithCRLFAndFits() {
        for (path, contents) in writer.files() {
            #expect(contents.hasSuffix("\r\n"), "\(path)")
            for line in physicalLines(contents) {
                #expect(!line.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "bare CR or LF in \(path)")
                #expect(line.utf8.count <= 75, "\(path): \(line)")
            }
        }
    }

    @Test func longValuesAreFolded() {
        let text = writer.calendar(forOrganisation: "midori-hp")
        #expect(text.contains("\r\n "))
        #expect(unfolded(text).contains("LOCATION:医療法人社団 緑風会 みどり野総合病院 在宅療養後方支援病棟"))
    }

    // MARK: Calendar and event properties

    @Test func calendarHeader() {
        let lines = unfolded(writer.rotaCalendar())
        #expect(Array(lines.prefix(5)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Toban//Toban 0.1//JA",
                                          "CALSCALE:GREGORIAN", "METHOD:PUBLISH"])
        #expect(lines.contains("NAME:みどり区医師会 2026年11月 夜間当番"))
        #expect(lines.contains("X-WR-CALNAME:みどり区医師会 2026年11月 夜間当番"))
        #expect(lines.contains("X-WR-TIMEZONE:Asia/Tokyo"))
        #expect(lines.last == "END:VCALENDAR")
        // Names with commas are escaped in calendar names too.
        #expect(unfolded(writer.calendar(forOrganisation: "takahashi-cl"))
            .contains(#"X-WR-CALNAME:高橋クリニック\, 在宅診療部 – みどり区医師会 2026年11月 夜間当番"#))
    }

    @Test func assignmentEvent() throws {
        let all = events(writer.rotaCalendar())
        #expect(all.count == 15)  // 14 assignments and 1 gap
        let night = try #require(all.first { $0["SUMMARY"] == "夜間当番（主） 渡辺 美咲" })
        #expect(night["DTSTART"] == "20261123T090000Z")  // 18:00 JST
        #expect(night["DTEND"] == "20261124T000000Z")    // 09:00 JST the next morning
        #expect(night["DTSTAMP"] == "20261101T000000Z")
        #expect(night["SEQUENCE"] == "0")
        #expect(night["STATUS"] == "CONFIRMED")
        #expect(night["TRANSP"] == "OPAQUE")
        #expect(night["LOCATION"] == nil)
        let description = try #require(night["DESCRIPTION"])
        #expect(description.contains("勤労感謝の日"))
        #expect(description.contains(#"・夜間当番（副）: 未充足"#))
        #expect(description.contains(#"・後方支援病床: みどり野総合病院"#))

        let bed = try #require(all.first { $0["SUMMARY"] == "後方支援病床 みどり野総合病院" && $0["DTSTART"] == "20261122T150000Z" })
        #expect(bed["DTEND"] == "20261123T150000Z")  // a 24-hour duty: 00:00 to 00:00
        #expect(bed["LOCATION"] == "医療法人社団 緑風会 みどり野総合病院 在宅療養後方支援病棟")
        #expect(bed["DESCRIPTION"]?.contains("夜間当番（主）: 渡辺 美咲") == true)
    }

    @Test func gapsOnlyInTheWholeRota() throws {
        let gap = try #require(events(writer.rotaCalendar()).first { $0["SUMMARY"] == "未充足: 夜間当番（副）" })
        #expect(gap["UID"] == ICalendarWriter.gapUID(scenarioName: Fixture.scenario.name, date: Fixture.day("2026-11-23"),
                                                     dutyTypeID: "night-backup"))
        #expect(gap["DTSTART"] == "20261123T090000Z")
        for (path, contents) in writer.files() where path != "rota.ics" {
            #expect(!contents.contains("未充足: "), "\(path)")
        }
    }

    @Test func personAndOrganisationCalendars() {
        #expect(events(writer.calendar(forResource: "sato")).map { $0["SUMMARY"] ?? "" }
            == ["夜間当番（主） 佐藤 一郎", "夜間当番（副） 佐藤 一郎", "夜間当番（主） 佐藤 一郎"])
        #expect(events(writer.calendar(forOrganisation: "takahashi-cl")).count == 4)
        // Someone without duties still gets a valid calendar.
        let empty = writer.calendar(forResource: "nobody")
        #expect(empty.hasPrefix("BEGIN:VCALENDAR\r\n") && empty.hasSuffix("END:VCALENDAR\r\n"))
        #expect(events(empty).isEmpty)
    }

    // MARK: UIDs and SEQUENCE

    @Test func uidsAreStableAcrossExports() {
        let later = ICalendarWriter(input: Fixture.input, options: ExportOptions(dtstamp: Date(timeIntervalSince1970: 2_000_000_000)))
        let uids = events(writer.rotaCalendar()).compactMap { $0["UID"] }
        #expect(uids == events(later.rotaCalendar()).compactMap { $0["UID"] })
        #expect(Set(uids).count == uids.count)
        // The same duty has the same UID in every calendar it appears in.
        let personUIDs = Set(events(writer.calendar(forResource: "suzuki")).compactMap { $0["UID"] })
        #expect(personUIDs.isSubset(of: Set(uids)))
        // The UID names only date, duty, resource and scenario name.
        #expect(ICalendarWriter.uid(scenarioName: "A", date: Fixture.day("2026-11-20"), dutyTypeID: "d", resourceID: "r")
            == ICalendarWriter.uid(scenarioName: "A", date: Fixture.day("2026-11-20"), dutyTypeID: "d", resourceID: "r"))
        #expect(ICalendarWriter.uid(scenarioName: "A", date: Fixture.day("2026-11-20"), dutyTypeID: "d", resourceID: "r")
            != ICalendarWriter.uid(scenarioName: "B", date: Fixture.day("2026-11-20"), dutyTypeID: "d", resourceID: "r"))
        #expect(ICalendarWriter.uid(scenarioName: "A", date: Fixture.day("2026-11-20"), dutyTypeID: "d", resourceID: "r")
            .hasPrefix("2026-11-20-"))
    }

    @Test func republishingUnchangedKeepsEverySequence() {
        var previous = writer.publication
        previous.events = previous.events.mapValues { PublicationState.Entry(fingerprint: $0.fingerprint, sequence: 3) }
        let again = ICalendarWriter(input: Fixture.input, options: ExportOptions(dtstamp: Fixture.dtstamp, previousPublication: previous))
        #expect(events(again.rotaCalendar()).allSatisfy { $0["SEQUENCE"] == "3" })
        #expect(again.publication == previous)
    }

    @Test func changingOneAssignmentTouchesOnlyThatNight() throws {
        // Swap the backup of Saturday 21 November from 渡辺 to 佐藤.
        var assignments = Fixture.rota.assignments.filter {
            !($0.date == Fixture.day("2026-11-21") && $0.dutyTypeID == "night-backup")
        }
        assignments.append(Assignment(date: Fixture.day("2026-11-21"), dutyTypeID: "night-backup", resourceID: "sato"))
        let changed = ExportInput(scenario: Fixture.scenario, rota: Rota(assignments: assignments), gaps: Fixture.gaps)
        let next = ICalendarWriter(input: changed, options: ExportOptions(dtstamp: Fixture.dtstamp, previousPublication: writer.publication))

        let before = eventsByUID(writer.rotaCalendar())
        let after = eventsByUID(next.rotaCalendar())
        let name = Fixture.scenario.name, saturday = Fixture.day("2026-11-21")
        let removed = ICalendarWriter.uid(scenarioName: name, date: saturday, dutyTypeID: "night-backup", resourceID: "watanabe")
        let added = ICalendarWriter.uid(scenarioName: name, date: saturday, dutyTypeID: "night-backup", resourceID: "sato")
        #expect(before[removed] != nil && after[removed] == nil)
        #expect(before[added] == nil && after[added]?["SEQUENCE"] == "0")
        #expect(after[added]?["SUMMARY"] == "夜間当番（副） 佐藤 一郎")

        for (uid, event) in after where uid != added {
            let old = try #require(before[uid])
            if uid.hasPrefix("2026-11-21-") {
                // The others of that night now name 佐藤 as their backup: new content, SEQUENCE 1.
                #expect(event["SEQUENCE"] == "1", "\(uid)")
                #expect(event["DESCRIPTION"] != old["DESCRIPTION"])
                #expect(event["DESCRIPTION"]?.contains("夜間当番（副）: 佐藤 一郎") == true)
            } else {
                #expect(event == old, "\(uid) changed")
            }
        }
        // The state remembers the removed event, so a later return never reuses its sequence.
        #expect(next.publication.events[removed] == writer.publication.events[removed])
        #expect(next.publication.events.count == writer.publication.events.count + 1)
    }

    @Test func changedContentKeepsUIDAndRaisesSequence() throws {
        var scenario = Fixture.scenario
        scenario.dutyTypes[2].name = "後方支援ベッド"  // Only the bed duty's events change.
        let input = ExportInput(scenario: scenario, rota: Fixture.rota, gaps: Fixture.gaps)
        let next = ICalendarWriter(input: input, options: ExportOptions(dtstamp: Fixture.dtstamp, previousPublication: writer.publication))
        let before = eventsByUID(writer.rotaCalendar())
        let after = eventsByUID(next.rotaCalendar())
        #expect(Set(before.keys) == Set(after.keys))
        for (uid, event) in after {
            let wasBed = before[uid]?["SUMMARY"]?.hasPrefix("後方支援病床") == true
            // Night events name the bed duty in their description, so they change as well.
            let expected = wasBed || event["DESCRIPTION"]?.contains("後方支援ベッド") == true ? "1" : "0"
            #expect(event["SEQUENCE"] == expected, "\(uid)")
        }
    }

    @Test func publicationStateRoundTrips() throws {
        let state = writer.publication
        #expect(try PublicationState(jsonData: state.jsonData()) == state)
        #expect(PublicationState().jsonText() == "{\n  \"events\": {}\n}\n")
        #expect(PublicationState().sequence(uid: "x", fingerprint: "f") == 0)
        let one = PublicationState(events: ["x": .init(fingerprint: "f", sequence: 4)])
        #expect(one.sequence(uid: "x", fingerprint: "f") == 4)
        #expect(one.sequence(uid: "x", fingerprint: "g") == 5)
    }

    @Test func sourceDateEpoch() {
        #expect(ExportOptions.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "1793491200"]) == Date(timeIntervalSince1970: 1_793_491_200))
        #expect(ExportOptions.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "soon"]) == nil)
        #expect(ExportOptions.sourceDateEpoch(in: [:]) == nil)
    }
}
