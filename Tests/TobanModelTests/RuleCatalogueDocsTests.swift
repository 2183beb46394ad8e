import Foundation
import Testing
import TobanModel

/// The rule catalogue and `docs/rules.md` describe the same rules.
@Suite("Rule catalogue and docs/rules.md")
struct RuleCatalogueDocsTests {
    /// `rule id → severity` from the tables of `docs/rules.md`.
    func documentedRules() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        var rules: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `H-") || line.hasPrefix("| `S-") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            rules[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[1]
        }
        return rules
    }

    @Test func everyCatalogueRuleIsDocumentedWithItsSeverity() throws {
        let documented = try documentedRules()
        #expect(Set(documented.keys) == Set(RuleCatalogue.all.map(\.id)))
        for rule in RuleCatalogue.all {
            #expect(documented[rule.id] == rule.severity.rawValue, "\(rule.id)")
            #expect(!rule.summary.isEmpty && rule.summary.hasSuffix("."), "\(rule.id)")
        }
    }

    @Test func availabilitySummaryCoversPartDayWindows() throws {
        let info = try #require(RuleCatalogue.info(RuleID.available))
        #expect(info.summary.contains("part-day"))
        #expect(info.summary.contains("date it is unavailable"))
    }
}
