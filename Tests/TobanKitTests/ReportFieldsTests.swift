import Foundation
import Testing
import TobanKit

/// `report.json` schema 3: qualification gaps, allowances and category counts and bands.
@Suite("report.json schema 3 fields")
struct ReportFieldsTests {
    /// Three nights (12-05 is a Saturday, 12-06 a Sunday); only 青木 is pediatric and he is away on 12-06.
    let yaml = """
    format: 1
    name: report fields
    horizon: {start: 2026-12-04, end: 2026-12-06}
    organisations:
      - {id: x, name: Xクリニック, kind: clinic}
    dutyTypes:
      - {id: night, name: 夜間当番, resourceKind: physician, start: "18:00", end: "09:00", coverage: {min: 1, max: 1},
         allowance: {default: 20000, saturday: 25000, sunday: 30000}}
    resources:
      - {id: a, name: 青木, kind: physician, organisation: x, qualifications: [pediatric], unavailable: [2026-12-06]}
      - {id: b, name: 馬場, kind: physician, organisation: x}
    rules:
      fairness: {weight: 0, maxDeviationWeight: 0, nights: {weight: 1}}
      qualificationCoverage:
        - {qualification: pediatric, duties: [night], min: 1, gapPenalty: 3000}
    """

    @Test func reportCarriesQualificationGapsAllowancesAndCategories() throws {
        let scenario = try ScenarioLoader.load(text: yaml, file: "fields.yaml")
        let report = try Toban.solve(scenario)
        let object = try #require(try JSONSerialization.jsonObject(with: report.reportJSON()) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 4)

        let gaps = try #require(object["qualificationGaps"] as? [[String: Any]])
        #expect(gaps.count == 1)
        #expect(gaps.first?["date"] as? String == "2026-12-06")
        #expect(gaps.first?["qualification"] as? String == "pediatric")
        #expect(gaps.first?["duties"] as? [String] == ["night"])
        #expect(gaps.first?["missing"] as? Int == 1)
        #expect(gaps.first?["reason"] as? String == "all 1 eligible pediatric resources are unavailable on 2026-12-06")

        // The pediatric requirement puts 青木 on 12-04 and 12-05, 馬場 on 12-06.
        let resources = try #require(object["resources"] as? [[String: Any]])
        let a = try #require(resources.first { $0["id"] as? String == "a" })
        let b = try #require(resources.first { $0["id"] as? String == "b" })
        #expect(a["allowance"] as? Double == 45000)
        #expect(b["allowance"] as? Double == 30000)
        #expect(a["categoryCounts"] as? [String: Int] == ["nights": 2, "weekendHoliday": 1, "yearEnd": 0])
        #expect(b["categoryCounts"] as? [String: Int] == ["nights": 1, "weekendHoliday": 1, "yearEnd": 0])
        // Only the weighed category has a band: nights, a's share 3·(2/3)/(5/3) = 1.2 → 1…2.
        let targets = try #require(a["categoryTargets"] as? [String: [String: Any]])
        #expect(Array(targets.keys) == ["nights"])
        #expect(targets["nights"]?["bandLow"] as? Int == 1)
        #expect(targets["nights"]?["bandHigh"] as? Int == 2)
        #expect(targets["nights"]?["deviation"] as? Int == 0)
        #expect(abs((targets["nights"]?["target"] as? Double ?? 0) - 1.2) < 1e-9)

        // The document decodes back, and a rota without qualification needs lists none.
        let decoded = try JSONDecoder().decode(ReportDocument.self, from: report.reportJSON())
        #expect(decoded.qualificationGaps?.first?.reason.contains("unavailable") == true)
        let plain = try ScenarioLoader.load(text: yaml.replacingOccurrences(of: "unavailable: [2026-12-06]", with: "unavailable: []"), file: "plain.yaml")
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Toban.solve(plain).reportJSON()) as? [String: Any])
        #expect((plainObject["qualificationGaps"] as? [Any])?.isEmpty == true)
    }
}
