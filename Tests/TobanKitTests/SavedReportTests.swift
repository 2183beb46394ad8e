import Foundation
import Testing
import TobanKit

private let yaml = """
format: 1
name: 保存テスト
horizon: {start: 2026-12-28, end: 2027-01-02}
calendar: {closures: [{name: 医師会休診日, dates: ["2026-12-28"]}]}
organisations: [{id: c1, name: 一番クリニック, kind: clinic}, {id: c2, name: 二番医院, kind: clinic}]
dutyTypes:
  - {id: night, name: 夜間当番, resourceKind: physician, start: "18:00", end: "09:00"}
resources:
  - {id: sato, name: 佐藤 一郎, kind: physician, organisation: c1}
  - {id: kato, name: 加藤 二郎, kind: physician, organisation: c2, unavailable: ["2026-12-31"]}
"""

@Suite("report.json read back")
struct SavedReportTests {
    @Test func aReportWithItsSourceRendersTheSameExports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toban-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)

        let (scenario, source) = try Toban.loadScenarioSource(path: path)
        #expect(source.text == yaml)
        let report = try Toban.solve(scenario)
        let data = try report.reportJSON(scenarioSource: source)
        let document = try JSONDecoder().decode(ReportDocument.self, from: data)
        #expect(document.schemaVersion == ReportDocument.currentSchemaVersion)
        #expect(document.scenarioSource?.sha256 == ContentHash.sha256Hex(yaml))
        #expect(document.scenarioSource?.file == path)

        let saved = try SavedReport(data: data, file: "report.json")
        #expect(saved.scenario == scenario)
        #expect(saved.input.rota == report.solution.rota)
        #expect(saved.input.gaps == report.check.gaps)
        #expect(saved.scenario.calendar.holidayName(try #require(CivilDate(iso: "2026-12-28"))) == "医師会休診日")
        let options = ExportOptions(dtstamp: Date(timeIntervalSince1970: 1_764_547_200))
        let direct = ExportBundle(input: ExportInput(scenario: scenario, rota: report.solution.rota, gaps: report.check.gaps), options: options)
        #expect(ExportBundle(input: saved.input, options: options).files == direct.files)
    }

    @Test func aScenarioBuiltInCodeHasNoSourceAndCannotBeReRendered() throws {
        let scenario = try ScenarioLoader.load(text: yaml, file: "in-memory")
        let report = try Toban.solve(scenario)
        let data = try report.reportJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["scenarioSource"] == nil)
        #expect(object["schemaVersion"] as? Int == 4)
        #expect(throws: ReportExportError.self) { try SavedReport(data: data, file: "report.json") }
        do {
            _ = try SavedReport(data: data, file: "report.json")
        } catch {
            #expect(error.description.contains("built in code"))
            #expect(!error.isOutputFailure)
        }
    }

    @Test func sha256MatchesTheStandardDigest() {
        // FIPS 180-4 test vectors.
        #expect(ContentHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
