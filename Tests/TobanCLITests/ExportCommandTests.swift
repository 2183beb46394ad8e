import Foundation
import Testing

/// The events of an iCalendar text by UID, each as its unfolded property lines by name.
private func eventsByUID(_ text: String) -> [String: [String: String]] {
    let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
    var result: [String: [String: String]] = [:]
    for block in unfolded.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
        var properties: [String: String] = [:]
        for line in block.components(separatedBy: "\r\n") {
            if line == "END:VEVENT" { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            properties[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        if let uid = properties["UID"] { result[uid] = properties }
    }
    return result
}

private func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

private let epoch = ["SOURCE_DATE_EPOCH": "1764547200"]

@Suite("toban export", .serialized)
struct ExportCommandTests {
    /// Solves the bundled example once into a fresh folder.
    private func solved() throws -> URL {
        let dir = try Toban.temporaryDirectory()
        let solve = try Toban.run(["solve", example, "--out", dir.path, "--quiet"], environment: epoch)
        #expect(solve.status == 0, "\(solve.stderr)")
        return dir
    }

    @Test func reRendersEveryFileByteForByte() throws {
        let solve = try solved()
        let out = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: solve); try? FileManager.default.removeItem(at: out) }

        // report.json embeds the scenario's exact text, file name and SHA-256.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: solve.appendingPathComponent("report.json"))) as? [String: Any])
        #expect(report["schemaVersion"] as? Int == 4)
        let source = try #require(report["scenarioSource"] as? [String: Any])
        let original = try String(contentsOfFile: Toban.packageRoot.appendingPathComponent(example).path, encoding: .utf8)
        #expect(source["text"] as? String == original)
        #expect(source["file"] as? String == example)
        #expect((source["sha256"] as? String)?.count == 64)

        let export = try Toban.run(["export", solve.appendingPathComponent("report.json").path, "--out", out.path], environment: epoch)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("18 files written"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: solve.path).filter { $0.contains(".") }.sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.contains(".") }.sorted()))
        for file in files {
            #expect(try Data(contentsOf: solve.appendingPathComponent(file)) == Data(contentsOf: out.appendingPathComponent(file)),
                    "\(file) differs")
        }
    }

    @Test func republishingKeepsUIDsAndChangingOneDutyTouchesOnlyItsNight() throws {
        let dir = try solved()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reportURL = dir.appendingPathComponent("report.json")
        let first = eventsByUID(try read(dir.appendingPathComponent("rota.ics")))
        #expect(first.count == 69)

        // The same rota again into the same folder: same UIDs, every SEQUENCE still 0.
        let again = try Toban.run(["export", reportURL.path, "--format", "ics", "--out", dir.path], environment: epoch)
        #expect(again.status == 0, "\(again.stderr)")
        let second = eventsByUID(try read(dir.appendingPathComponent("rota.ics")))
        #expect(second == first)

        // Hand the night-primary duty of 2026-12-15 to someone else in the saved report.
        var report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reportURL)) as? [String: Any])
        var assignments = try #require(report["assignments"] as? [[String: Any]])
        let index = try #require(assignments.firstIndex { $0["date"] as? String == "2026-12-15" && $0["duty"] as? String == "night-primary" })
        let before = try #require(assignments[index]["resource"] as? String)
        let after = before == "yamamoto" ? "ito" : "yamamoto"
        assignments[index]["resource"] = after
        report["assignments"] = assignments
        let edited = dir.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]).write(to: edited)

        let changed = try Toban.run(["export", edited.path, "--format", "ics", "--out", dir.path], environment: epoch)
        #expect(changed.status == 0, "\(changed.stderr)")
        let third = eventsByUID(try read(dir.appendingPathComponent("rota.ics")))
        let removed = first.keys.filter { third[$0] == nil }
        let added = third.keys.filter { first[$0] == nil }
        #expect(removed.count == 1 && added.count == 1)
        #expect(removed.allSatisfy { $0.hasPrefix("2026-12-15-") } && added.allSatisfy { $0.hasPrefix("2026-12-15-") })
        for uid in added { #expect(third[uid]?["SEQUENCE"] == "0") }
        for (uid, event) in third where first[uid] != nil {
            if uid.hasPrefix("2026-12-15-") {
                // The backup of that night now names a different primary: a new SEQUENCE.
                #expect(event["SEQUENCE"] == "1", "\(uid)")
            } else {
                #expect(event == first[uid], "\(uid) changed")
            }
        }
        // The person who lost the duty no longer has it in their calendar.
        let person = eventsByUID(try read(dir.appendingPathComponent("people/\(before).ics")))
        #expect(!person.keys.contains { $0.hasPrefix("2026-12-15-") && removed.contains($0) })
    }

    @Test func formatsCanBeChosenAndCSVCanBeForExcel() throws {
        let solve = try solved()
        let out = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: solve); try? FileManager.default.removeItem(at: out) }
        let result = try Toban.run(["export", solve.appendingPathComponent("report.json").path, "--format", "csv,html",
                                    "--excel", "--out", out.path], environment: epoch)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["grid.csv", "rota.csv", "rota.html", "summary.csv"])
        let csv = try Data(contentsOf: out.appendingPathComponent("rota.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: csv, as: UTF8.self).contains("\r\n"))
        #expect(String(decoding: csv, as: UTF8.self).contains("夜間当番（主）"))

        let json = try Toban.run(["export", solve.appendingPathComponent("report.json").path, "--format", "json", "--out", out.path])
        #expect(json.status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("report.json")) == Data(contentsOf: solve.appendingPathComponent("report.json")))
    }

    @Test func badReportsFailWithAClearMessage() throws {
        let solve = try solved()
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: solve); try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path

        let missing = try Toban.run(["export", dir.appendingPathComponent("none.json").path, "--out", out])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.json: cannot read the file: no such file"))

        let garbage = dir.appendingPathComponent("garbage.json")
        try "{\"schemaVersion\": 2, ".write(to: garbage, atomically: true, encoding: .utf8)
        let notJSON = try Toban.run(["export", garbage.path, "--out", out])
        #expect(notJSON.status == 2)
        #expect(notJSON.stderr.contains("garbage.json: not a Toban report.json"))

        var report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: solve.appendingPathComponent("report.json"))) as? [String: Any])
        var source = try #require(report["scenarioSource"] as? [String: Any])
        report["scenarioSource"] = nil
        let inCode = dir.appendingPathComponent("in-code.json")
        try JSONSerialization.data(withJSONObject: report).write(to: inCode)
        let noSource = try Toban.run(["export", inCode.path, "--out", out])
        #expect(noSource.status == 2)
        #expect(noSource.stderr.contains("its scenario was built in code"))

        source["text"] = (source["text"] as? String ?? "") + "\n# edited\n"
        report["scenarioSource"] = source
        let tampered = dir.appendingPathComponent("tampered.json")
        try JSONSerialization.data(withJSONObject: report).write(to: tampered)
        let mismatch = try Toban.run(["export", tampered.path, "--out", out])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("does not match scenarioSource.sha256"))

        let badFormat = try Toban.run(["export", solve.appendingPathComponent("report.json").path, "--format", "pdf", "--out", out])
        #expect(badFormat.status != 0)
        #expect(badFormat.stderr.contains("unknown format 'pdf'"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func holidayFileTravelsInTheReportAndDaylightSavingIsHonoured() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A week in New York across the spring-forward change (Sunday 8 March 2026), with
        // holidays from a file next to the scenario instead of the Japanese ones.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenario/cal"), withIntermediateDirectories: true)
        try "date,name\n2026-03-09,Founders' Day\n".write(to: dir.appendingPathComponent("scenario/cal/holidays.csv"), atomically: true, encoding: .utf8)
        let scenario = dir.appendingPathComponent("scenario/ny.yaml")
        try """
        format: 1
        name: Test NY March
        timeZone: America/New_York
        horizon: {start: 2026-03-07, end: 2026-03-10}
        calendar: {holidayFile: cal/holidays.csv}
        organisations: [{id: c1, name: Clinic One, kind: clinic}, {id: c2, name: Clinic Two, kind: clinic}]
        dutyTypes:
          - {id: night, name: Night, resourceKind: physician, start: "18:00", end: "09:00"}
          - {id: holiday-day, name: Holiday day, resourceKind: physician, start: "09:00", end: "18:00", days: [holiday]}
        resources:
          - {id: ann, name: Ann, kind: physician, organisation: c1}
          - {id: bob, name: Bob, kind: physician, organisation: c2}
        """.write(to: scenario, atomically: true, encoding: .utf8)
        let first = dir.appendingPathComponent("first")
        let solve = try Toban.run(["solve", scenario.path, "--out", first.path, "--quiet"], environment: epoch)
        #expect(solve.status == 0, "\(solve.stderr)")
        let csv = try read(first.appendingPathComponent("rota.csv"))
        // 9 March is a holiday from the file; 1 January rules of Japan do not apply.
        #expect(csv.contains("2026-03-09,Mon,holiday,holiday-day"))
        // The night of 7 March ends at 09:00 EDT (-04:00) after starting at 18:00 EST (-05:00).
        #expect(csv.contains("2026-03-07T18:00-05:00,2026-03-08T09:00-04:00"))
        let ics = try read(first.appendingPathComponent("rota.ics"))
        #expect(ics.contains("DTSTART:20260307T230000Z\r\nDTEND:20260308T130000Z"))

        // The holiday file is embedded, so the report renders again after the files are gone.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("scenario"))
        let second = dir.appendingPathComponent("second")
        let export = try Toban.run(["export", first.appendingPathComponent("report.json").path, "--out", second.path], environment: epoch)
        #expect(export.status == 0, "\(export.stderr)")
        for file in ["rota.csv", "rota.ics", "rota.html", "people/ann.ics"] {
            #expect(try Data(contentsOf: first.appendingPathComponent(file)) == Data(contentsOf: second.appendingPathComponent(file)), "\(file)")
        }
    }

    @Test func badHolidayFileRowsNameFileAndLine() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "date,name\n2026-03-09,Founders' Day\n2026-02-30,Nope\n2026-03-10\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: Toban.packageRoot.appendingPathComponent(example).path, encoding: .utf8)
            .replacingOccurrences(of: "horizon: {start: 2026-12-01, end: 2026-12-31}",
                                  with: "horizon: {start: 2026-12-01, end: 2026-12-31}\ncalendar: {holidayFile: bad.csv}")
        let scenario = dir.appendingPathComponent("s.yaml")
        try text.write(to: scenario, atomically: true, encoding: .utf8)
        let result = try Toban.run(["solve", scenario.path, "--out", dir.appendingPathComponent("out").path])
        #expect(result.status == 2)
        let csvPath = dir.appendingPathComponent("bad.csv").standardizedFileURL.path
        #expect(result.stderr.contains("\(csvPath):3: '2026-02-30' is not a real date"), "\(result.stderr)")
        #expect(result.stderr.contains("\(csvPath):4: expected 2 fields (date,name), found 1"), "\(result.stderr)")
    }
}
