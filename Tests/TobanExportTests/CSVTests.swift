import Foundation
import Testing
import TobanExport
import TobanModel

/// A small RFC 4180 reader for the tests, independent of the writer.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, scalars = Array(text.unicodeScalars)[...]
    while let c = scalars.popFirst() {
        if quoted {
            if c == "\"" {
                if scalars.first == "\"" { scalars.removeFirst(); field += "\"" } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\n" || c == "\r" {
            if c == "\r", scalars.first == "\n" { scalars.removeFirst() }
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("CSV")
struct CSVTests {
    let writer = CSVWriter(input: Fixture.input, options: Fixture.options)

    @Test func quotesOnlyWhenNeeded() {
        #expect(CSVWriter.quote("佐藤 一郎") == "佐藤 一郎")
        #expect(CSVWriter.quote("") == "")
        #expect(CSVWriter.quote("a,b") == "\"a,b\"")
        #expect(CSVWriter.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quote("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.quote("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVWriter.quote("cr\ronly") == "\"cr\ronly\"")
        #expect(CSVWriter.encode([["a", "b,c"], ["", "\""]], excelCompatible: false) == "a,\"b,c\"\n,\"\"\"\"\n")
    }

    @Test func excelOptionAddsBOMAndCRLF() throws {
        let plain = CSVWriter.encode([["日付", "名前"], ["2026-11-20", "佐藤"]], excelCompatible: false)
        #expect(Array(plain.utf8.prefix(3)) != [0xEF, 0xBB, 0xBF])
        #expect(!plain.utf8.contains(0x0D))
        let excel = CSVWriter.encode([["日付", "名前"], ["2026-11-20", "佐藤"]], excelCompatible: true)
        #expect(Array(excel.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(excel == "\u{FEFF}日付,名前\r\n2026-11-20,佐藤\r\n")

        let options = ExportOptions(dtstamp: Fixture.dtstamp, excelCompatible: true)
        for (path, contents) in CSVWriter(input: Fixture.input, options: options).files() {
            let bytes = Array(contents.utf8)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path)")
            // Every LF is part of a CRLF.
            for (i, byte) in bytes.enumerated() where byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "\(path)") }
        }
    }

    @Test func rotaHasTheSharedHeaderAndGapRows() throws {
        let lines = writer.rotaCSV().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == RotaCSVColumn.allCases.map(\.rawValue).joined(separator: ","))
        #expect(lines.last == "")  // The last record ends with a line break.
        #expect(lines.count == 1 + 14 + 1 + 1)
        #expect(lines.contains("2026-11-23,Mon,holiday,night-backup,夜間当番（副）,2026-11-23T18:00+09:00,2026-11-24T09:00+09:00,,,,,gap"))
        #expect(lines.contains("2026-11-20,Fri,weekday,backup-bed,後方支援病床,2026-11-20T00:00+09:00,2026-11-21T00:00+09:00,midori,みどり野総合病院,midori-hp,south,assigned"))
    }

    @Test func gapOfTwoGivesTwoRows() {
        let gaps = [Gap(date: Fixture.day("2026-11-23"), dutyTypeID: "night-backup", missing: 2, reason: "x")]
        let csv = CSVWriter(input: ExportInput(scenario: Fixture.scenario, rota: Fixture.rota, gaps: gaps), options: Fixture.options)
        #expect(csv.rotaCSV().components(separatedBy: ",gap\n").count - 1 == 2)
        #expect(csv.gridCSV().contains(",未充足（2名）,"))
    }

    @Test func rotaReadsBackAsTheSameRota() throws {
        #expect(try RotaCSVReader.read(text: writer.rotaCSV(), file: "rota.csv") == Fixture.rota)
        let excel = CSVWriter(input: Fixture.input, options: ExportOptions(dtstamp: Fixture.dtstamp, excelCompatible: true))
        #expect(try RotaCSVReader.read(text: excel.rotaCSV(), file: "rota.csv") == Fixture.rota)
    }

    @Test func gridHasOneRowPerDate() {
        let lines = writer.gridCSV().split(separator: "\n").map(String.init)
        #expect(lines == [
            "date,weekday,day_type,holiday,night-primary,night-backup,backup-bed",
            "2026-11-20,Fri,weekday,,佐藤 一郎,鈴木 花子,みどり野総合病院",
            "2026-11-21,Sat,saturday,,高橋 健太,渡辺 美咲,みどり野総合病院",
            "2026-11-22,Sun,sunday,,鈴木 花子,佐藤 一郎,みどり野総合病院",
            "2026-11-23,Mon,holiday,勤労感謝の日,渡辺 美咲,未充足,みどり野総合病院",
            "2026-11-24,Tue,weekday,,佐藤 一郎,高橋 健太,みどり野総合病院",
        ])
    }

    @Test func gridJoinsSeveralPeople() {
        var scenario = Fixture.scenario
        scenario.dutyTypes[0].coverageMax = 2
        let rota = Rota(assignments: Fixture.rota.assignments + [
            Assignment(date: Fixture.day("2026-11-20"), dutyTypeID: "night-primary", resourceID: "takahashi"),
        ])
        let grid = CSVWriter(input: ExportInput(scenario: scenario, rota: rota, gaps: []), options: Fixture.options).gridCSV()
        #expect(grid.contains("2026-11-20,Fri,weekday,,佐藤 一郎 / 高橋 健太,鈴木 花子,"))
    }

    @Test func summaryCountsAndFairness() throws {
        let rows = parseCSV(writer.summaryCSV())
        let header = try #require(rows.first)
        func value(_ resource: String, _ column: String) -> String? {
            guard let row = rows.first(where: { $0.first == resource }), let i = header.firstIndex(of: column) else { return nil }
            return row[i]
        }
        #expect(header.prefix(9) == ["resource", "name", "organisation", "organisation_name", "kind", "duties",
                                     "duties_night-primary", "duties_night-backup", "duties_backup-bed"])
        #expect(value("sato", "duties") == "3")
        #expect(value("sato", "duties_night-primary") == "2")
        #expect(value("sato", "nights") == "3")
        #expect(value("midori", "nights") == "0")  // 00:00–24:00 does not run into the next day
        #expect(value("midori", "holiday") == "1")
        #expect(value("midori", "weekend") == "2")
        #expect(value("watanabe", "history_duties") == "2")
        let targets = Fixture.scenario.fairnessTargets()
        let sato = try #require(targets.first { $0.resourceID == "sato" })
        #expect(value("sato", "band_min") == String(sato.band.lowerBound))
        #expect(value("sato", "band_max") == String(sato.band.upperBound))
        #expect(value("sato", "deviation") == String(sato.deviation(of: 3)))
        #expect(rows.count == 1 + Fixture.scenario.resources.count)
        #expect(rows.allSatisfy { $0.count == header.count })
        #expect(value("takahashi", "organisation_name") == "高橋クリニック, 在宅診療部")
    }
}

@Suite("Determinism")
struct DeterminismTests {
    @Test func twoRunsAreByteIdentical() {
        let first = ExportBundle(input: Fixture.input, options: Fixture.options).files
        let second = ExportBundle(input: Fixture.input, options: Fixture.options).files
        #expect(first.map(\.data) == second.map(\.data))
        #expect(first.map(\.path) == second.map(\.path))
    }

    @Test func inputOrderDoesNotMatter() {
        let shuffled = ExportInput(scenario: Fixture.scenario, rota: Rota(assignments: Fixture.rota.assignments.reversed()),
                                   gaps: Fixture.gaps.reversed())
        #expect(ExportBundle(input: shuffled, options: Fixture.options).files == ExportBundle(input: Fixture.input, options: Fixture.options).files)
    }

    @Test func onlyTheStampDependsOnTheClock() {
        let later = ExportOptions(dtstamp: Fixture.dtstamp.addingTimeInterval(86_400))
        let a = ExportBundle(input: Fixture.input, options: Fixture.options)
        let b = ExportBundle(input: Fixture.input, options: later)
        for (x, y) in zip(a.files, b.files) where !x.path.hasSuffix(".ics") && x.path != "rota.html" {
            #expect(x == y, "\(x.path)")
        }
        #expect(a.publication == b.publication)
    }
}
