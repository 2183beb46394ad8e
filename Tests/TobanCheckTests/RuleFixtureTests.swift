import Foundation
import Testing
import TobanCheck
import TobanModel

/// The per-rule fixtures in `Tests/Fixtures/rules/<RULE-ID>/`: a scenario, a rota and the
/// expected violations, gaps and cost. Every rule of the catalogue has at least one.
enum RuleFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules")

    struct Expected: Decodable {
        let violations: [String]
        let costByRule: [String: Double]
        let totalCost: Double
        let gaps: [String]
    }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    static func load(_ name: String) throws -> (Scenario, Rota, Expected) {
        let dir = root.appendingPathComponent(name)
        let scenario = try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)
        let rota = try RotaCSVReader.read(path: dir.appendingPathComponent("rota.csv").path)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent("expected.json")))
        return (scenario, rota, expected)
    }
}

@Suite("Checker rule fixtures")
struct RuleFixtureTests {
    @Test func everyRuleHasAFixture() {
        let names = Set(RuleFixtures.names.map { $0.split(separator: "-").prefix(while: { $0 != "history" }).joined(separator: "-") })
        for rule in RuleCatalogue.all {
            #expect(names.contains(rule.id), "no fixture for \(rule.id)")
        }
    }

    @Test(arguments: RuleFixtures.names)
    func fixture(_ name: String) throws {
        let (scenario, rota, expected) = try RuleFixtures.load(name)
        let report = RotaChecker(scenario: scenario).check(rota)
        #expect(report.violations.map(\.ruleID).sorted() == expected.violations.sorted(), "\(report.violations)")
        #expect(report.costByRule == expected.costByRule)
        #expect(report.totalCost == expected.totalCost)
        #expect(report.gaps.map(\.slotKey) == expected.gaps)
        #expect(report.isFeasible == expected.violations.isEmpty)
        for v in report.violations {
            #expect(!v.message.isEmpty && !v.japaneseMessage.isEmpty)
            #expect(RuleCatalogue.info(v.ruleID)?.severity == .hard)
        }
        for c in report.costs {
            #expect(RuleCatalogue.info(c.ruleID)?.severity == .soft)
        }
    }

    @Test func gapReasonsNameTheCause() throws {
        let (scenario, _, _) = try RuleFixtures.load("S-COVER-GAP")
        var away = scenario
        for i in away.resources.indices { away.resources[i].unavailable = [DateRange(start: CivilDate(iso: "2026-12-02")!, end: CivilDate(iso: "2026-12-02")!)] }
        let report = RotaChecker(scenario: away).check(Rota(assignments: []))
        let gap = try #require(report.gaps.first { $0.date.iso == "2026-12-02" })
        #expect(gap.reason.contains("all 3 eligible resources are unavailable"))
        let other = try #require(report.gaps.first { $0.date.iso == "2026-12-01" })
        #expect(other.reason.contains("held by other rules"))
    }
}
