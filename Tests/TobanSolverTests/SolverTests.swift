import Foundation
import Testing
import TobanCheck
import TobanMIP
import TobanModel
@testable import TobanSolver

/// Solves a scenario and asserts the two standing promises: the rota passes the independent
/// checker, and the checker's cost equals the solver's objective, rule by rule.
func solveAndCheck(_ scenario: Scenario, timeLimit: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> (RotaSolution, CheckReport) {
    let solution = try RotaSolver().solve(scenario, options: RotaSolveOptions(timeLimit: timeLimit))
    let report = RotaChecker(scenario: scenario).check(solution.rota)
    #expect(report.violations.isEmpty, "\(report.violations)", sourceLocation: sourceLocation)
    #expect(abs(report.totalCost - solution.objective) < 1e-6, "checker \(report.totalCost) vs solver \(solution.objective)", sourceLocation: sourceLocation)
    for rule in Set(report.costByRule.keys).union(solution.costByRule.keys) {
        #expect(abs((report.costByRule[rule] ?? 0) - (solution.costByRule[rule] ?? 0)) < 1e-6, "\(rule)", sourceLocation: sourceLocation)
    }
    return (solution, report)
}

let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/rules")
let instancesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("instances")

@Suite("RotaSolver")
struct SolverTests {
    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot.path)) ?? []).sorted()
    }

    @Test(arguments: fixtureNames)
    func fixtureScenariosSolveToCheckedOptima(_ name: String) throws {
        let scenario = try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("\(name)/scenario.yaml").path)
        let (solution, _) = try solveAndCheck(scenario)
        #expect(solution.termination == .optimal)
    }

    @Test func fairnessFixtureReachesItsKnownOptimum() throws {
        // Three nights, three physicians, targets 1 each: everyone takes one night, cost 0.
        let scenario = try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("S-FAIR-DUTIES/scenario.yaml").path)
        let (solution, _) = try solveAndCheck(scenario)
        #expect(solution.objective == 0)
        #expect(Set(solution.rota.assignments.map(\.resourceID)) == ["a", "b", "c"])
    }

    @Test func gapsArePaidWhenNobodyCanCover() throws {
        var scenario = try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("S-COVER-GAP/scenario.yaml").path)
        let d = try #require(CivilDate(iso: "2026-12-02"))
        for i in scenario.resources.indices { scenario.resources[i].unavailable = [DateRange(start: d, end: d)] }
        let (solution, report) = try solveAndCheck(scenario)
        #expect(solution.objective == 100)
        #expect(report.gaps.map(\.slotKey) == ["2026-12-02/night"])
    }

    @Test func impossibleMinimumIsReportedWithItsReason() throws {
        var scenario = try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("H-MIN-DUTIES/scenario.yaml").path)
        scenario.resources[2].minDuties = 3
        scenario.resources[2].unavailable = [DateRange(start: try #require(CivilDate(iso: "2026-12-01")), end: try #require(CivilDate(iso: "2026-12-01")))]
        #expect {
            _ = try RotaSolver().solve(scenario)
        } throws: { error in
            guard let e = error as? NoRotaError else { return false }
            return e.termination == .infeasible && e.reasons.contains { $0.contains("H-MIN-DUTIES") && $0.contains("only 2 dates") }
        }
    }

    @Test func rowsAndVariablesAreNamedAfterTheirRules() throws {
        let scenario = try ScenarioLoader.load(path: fixturesRoot.appendingPathComponent("H-MAX-DUTIES/scenario.yaml").path)
        let compiled = ModelCompiler.compile(scenario)
        #expect(compiled.model.defects().isEmpty)
        #expect(compiled.model.rows.contains { $0.name == "H-MAX-DUTIES[a]" && $0.ruleID == RuleID.maxDuties })
        #expect(compiled.model.rows.contains { $0.name == "S-COVER-GAP[2026-12-01/night]" })
        for row in compiled.model.rows { #expect(row.name.hasPrefix(row.ruleID + "[")) }
    }

    @Test func bundledExampleSolvesToOptimality() throws {
        let scenario = try ScenarioLoader.load(path: instancesRoot.appendingPathComponent("ward-association-december.yaml").path)
        let (solution, report) = try solveAndCheck(scenario, timeLimit: 60)
        #expect(solution.termination == .optimal)
        #expect(report.gaps.isEmpty)
    }

    @Test func tightenedStartValuesPriceARotaLikeTheChecker() throws {
        // The compiler's own evaluation of a hand-made rota equals the checker's cost.
        for name in ["S-FAIR-DUTIES", "S-FAIR-DUTIES-MAX", "S-COVER-GAP", "S-FAIR-DUTIES-history"] {
            let dir = fixturesRoot.appendingPathComponent(name)
            let scenario = try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)
            let rota = try RotaCSVReader.read(path: dir.appendingPathComponent("rota.csv").path)
            let compiled = ModelCompiler.compile(scenario)
            let values = compiled.values(for: rota)
            #expect(compiled.model.infeasibilities(of: values).isEmpty, "\(name)")
            #expect(compiled.model.objectiveValue(of: values) == RotaChecker(scenario: scenario).check(rota).totalCost, "\(name)")
        }
    }
}
