import Foundation
import Testing
import TobanCheck
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The per-resource rules: the compiler and the checker agree on every fixture rota, and the
/// solver respects each rule where an unconstrained solve would break it.
@Suite("Per-resource rules")
struct SequenceRuleTests {
    static func load(_ name: String) throws -> (Scenario, Rota) {
        let dir = fixturesRoot.appendingPathComponent(name)
        return (try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path),
                try RotaCSVReader.read(path: dir.appendingPathComponent("rota.csv").path))
    }

    /// Rules compiled by omission (no variable) cannot show up as a broken row.
    static let byOmission: Set<String> = [RuleID.rota, RuleID.eligible, RuleID.available]

    @Test(arguments: SolverTests.fixtureNames)
    func compilerPricesAndJudgesEveryFixtureRotaLikeTheChecker(_ name: String) throws {
        let (scenario, rota) = try Self.load(name)
        let report = RotaChecker(scenario: scenario).check(rota)
        let compiled = ModelCompiler.compile(scenario)
        #expect(compiled.model.defects().isEmpty, "\(compiled.model.defects())")
        let values = compiled.values(for: rota)
        let broken = compiled.model.infeasibilities(of: values)
        let judged = Set(report.violations.map(\.ruleID)).subtracting(Self.byOmission)
        if report.violations.isEmpty {
            #expect(broken.isEmpty, "\(broken)")
            #expect(abs(compiled.model.objectiveValue(of: values) - report.totalCost) < 1e-9)
            let breakdown = compiled.model.objectiveBreakdown(of: values).filter { $0.value != 0 }
            #expect(breakdown == report.costByRule)
        }
        for rule in judged {
            #expect(broken.contains { $0.contains("row \(rule)[") }, "\(rule) broken in the rota but no \(rule) row is: \(broken)")
        }
        for row in compiled.model.rows { #expect(row.name.hasPrefix(row.ruleID + "[")) }
    }
}
