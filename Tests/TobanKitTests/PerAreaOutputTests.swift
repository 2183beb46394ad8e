import Foundation
import Testing
import TobanKit

/// A per-area night over three areas; south's only physician is away on 12-02 and east has
/// nobody at all, so two gaps of the same date and duty differ only by their area.
private let perAreaYAML = """
format: 1
name: 地区別出力テスト
horizon: {start: 2026-12-01, end: 2026-12-02}
organisations: [{id: c1, name: 一番クリニック, kind: clinic}, {id: c2, name: 二番医院, kind: clinic}]
areas:
  - {id: north, name: 北地区}
  - {id: south, name: 南地区}
  - {id: east, name: 東地区}
dutyTypes:
  - {id: night, name: 夜間当番, resourceKind: physician, start: "18:00", end: "09:00", perArea: true, gapPenalty: 1000,
     coverageByArea: [{area: north, min: 2, max: 2}]}
resources:
  - {id: sato, name: 佐藤 一郎, kind: physician, organisation: c1, area: north}
  - {id: kato, name: 加藤 二郎, kind: physician, organisation: c2, area: north}
  - {id: ito, name: 伊藤 三郎, kind: physician, organisation: c2, area: south, unavailable: ["2026-12-02"]}
"""

@Suite("Per-area outputs")
struct PerAreaOutputTests {
    @Test func gapsKeepTheirAreaThroughReportCSVCalendarAndHTML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toban-perarea-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.yaml").path
        try perAreaYAML.write(toFile: path, atomically: true, encoding: .utf8)
        let (scenario, source) = try Toban.loadScenarioSource(path: path)

        let report = try Toban.solve(scenario)
        #expect(report.check.violations.isEmpty)
        #expect(report.check.gaps.map(\.slotKey) == ["2026-12-01/night@east", "2026-12-02/night@east", "2026-12-02/night@south"])
        #expect(report.solution.rota.assignments.count == 5)

        // report.json names the area of each gap and reads back the same.
        let data = try report.reportJSON(scenarioSource: source)
        let document = try JSONDecoder().decode(ReportDocument.self, from: data)
        #expect(document.gaps.map { "\($0.date)/\($0.duty)@\($0.area ?? "-")" } == report.check.gaps.map(\.slotKey))
        let saved = try SavedReport(data: data, file: "report.json")
        #expect(saved.input.gaps == report.check.gaps)

        let options = ExportOptions(dtstamp: Date(timeIntervalSince1970: 1_764_547_200))
        let bundle = ExportBundle(input: ExportInput(scenario: scenario, rota: report.solution.rota, gaps: report.check.gaps), options: options)
        #expect(ExportBundle(input: saved.input, options: options).files == bundle.files)

        // rota.csv: the gap rows carry the slot's area; the file reads back as the same rota.
        let csv = try #require(bundle.file("rota.csv")?.contents)
        let gapAreas = csv.split(separator: "\n").filter { $0.hasSuffix(",gap") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().last ?? "" }
        #expect(gapAreas == ["east", "east", "south"], "\(csv)")
        #expect(try RotaCSVReader.read(text: csv, file: "rota.csv") == report.solution.rota)

        // rota.ics: one gap event per area slot, each with its own UID and the area in its title.
        let ics = try #require(bundle.file("rota.ics")?.contents)
        let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") && $0.contains("-gap-") }
        #expect(uids.count == 3 && Set(uids).count == 3, "\(uids)")
        #expect(ics.contains("SUMMARY:未充足: 夜間当番（東地区）") && ics.contains("SUMMARY:未充足: 夜間当番（南地区）"))
        // A district-wide slot's gap UID does not change with the new area parameter.
        let day = try #require(CivilDate(iso: "2026-12-02"))
        #expect(ICalendarWriter.gapUID(scenarioName: "x", date: day, dutyTypeID: "night")
                == ICalendarWriter.gapUID(scenarioName: "x", date: day, dutyTypeID: "night", area: nil))
        #expect(ICalendarWriter.gapUID(scenarioName: "x", date: day, dutyTypeID: "night")
                != ICalendarWriter.gapUID(scenarioName: "x", date: day, dutyTypeID: "night", area: "south"))

        let html = try #require(bundle.file("rota.html")?.contents)
        #expect(html.contains("夜間当番（南地区）"))
        // The calendar cell lists each area's people, then its gap.
        #expect(html.contains("夜間当番（東地区）</span><span class=\"miss\">未充足</span>"), "\(html)")

        // grid.csv: area by area, the area's name before each entry.
        let grid = try #require(bundle.file("grid.csv")?.contents)
        let second = try #require(grid.split(separator: "\n").first { $0.hasPrefix("2026-12-02") })
        #expect(second.hasSuffix(",北地区: 加藤 二郎 / 北地区: 佐藤 一郎 / 南地区: 未充足 / 東地区: 未充足"), "\(second)")
        // A person's calendar titles the duty with the area.
        let sato = try #require(bundle.file("people/sato.ics")?.contents)
        #expect(sato.contains("SUMMARY:夜間当番（北地区） 佐藤 一郎"), "\(sato)")
    }

    @Test func swapTakersOfAPerAreaDutyComeFromItsArea() throws {
        let scenario = try ScenarioLoader.load(text: perAreaYAML, file: "s.yaml")
        let d1 = try #require(CivilDate(iso: "2026-12-01"))
        // North's two on 12-01, south open; kato gives his north night away.
        let rota = Rota(assignments: ["sato", "kato"].map { Assignment(date: d1, dutyTypeID: "night", resourceID: $0) })
        let offer = SwapOffer(resourceID: "kato", date: d1, dutyTypeID: "night")
        // Nobody else lives in north, so nobody can take it: south's ito breaks no hard rule
        // (the duty would fill south's open slot instead), but that is not taking kato's night.
        #expect(try Toban.swapTakers(for: offer, in: rota, scenario: scenario).isEmpty)
        var wider = scenario
        wider.resources.append(Resource(id: "ueda", name: "上田 四郎", kind: .physician, organisation: "c1", area: "north"))
        wider.resources.append(Resource(id: "endo", name: "遠藤 五郎", kind: .physician, organisation: "c1", area: "east"))
        let takers = try Toban.swapTakers(for: offer, in: rota, scenario: wider)
        #expect(takers.map(\.takerID) == ["ueda"])
        // Asked explicitly, east's endo may take it, but north is then one short and east filled.
        let verdict = try Toban.swap(offer, to: "endo", in: rota, scenario: wider)
        #expect(verdict.after.gaps.map(\.slotKey).contains("2026-12-01/night@north"))
    }
}
