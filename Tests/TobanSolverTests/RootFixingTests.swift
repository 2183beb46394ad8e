import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The root fix-and-solve heuristic (`MIPTuning.rootFixing`, on by default in `toban solve`).
@Suite("Root fixing")
struct RootFixingTests {
    @Test func isPartOfTheRotaDefaultAndParses() throws {
        #expect(RotaSolveOptions().tuning == .rotaDefault)
        #expect(MIPTuning.rotaDefault.rootFixing && !MIPTuning.allCuts.rootFixing)
        var expected = MIPTuning.allCuts
        expected.rootFixing = true
        #expect(MIPTuning.rotaDefault == expected)
        #expect(MIPTuning(list: "cuts,fix") == .rotaDefault)
        #expect(MIPTuning(list: "fix")?.rootFixing == true)
        #expect(MIPTuning(list: "cuts")?.rootFixing == false)
    }

    /// The 30-physician district: GLPK's root bound is the optimum 470 once its cuts are in,
    /// and without the heuristic the tree needs several seconds to find a rota of that cost.
    /// With it the rota comes from the heuristic, the solve ends at the root, and the rota is
    /// the same on a second run.
    @Test func givesTheDistrictItsOptimalRotaAtTheRoot() throws {
        let scenario = try ScenarioLoader.load(path: instancesRoot.appendingPathComponent("district-30-physicians.yaml").path)
        var options = RotaSolveOptions()
        options.strategy = .direct
        let first = try RotaSolver().solve(scenario, options: options)
        #expect(first.termination == .optimal)
        #expect(first.objective == 470)
        #expect(first.rawStatus.contains("rota from root fixing"), "\(first.rawStatus)")
        #expect(RotaChecker(scenario: scenario).check(first.rota).totalCost == 470)
        let second = try RotaSolver().solve(scenario, options: options)
        #expect(second.rota == first.rota)
    }

    /// Seeded random scenarios: with and without the heuristic GLPK proves the same optimum,
    /// and the rota passes the checker at that cost.
    @Test func keepsTheOptimumOfRandomScenarios() throws {
        for seed in feasibleSeeds(8, from: 300) {
            let scenario = RandomScenario.make(seed: seed)
            let model = ModelCompiler.compile(scenario).model
            var plain = SolveOptions()
            plain.tuning = .allCuts
            var fixing = SolveOptions()
            fixing.tuning = .rotaDefault
            let without = try GLPKSolver().solve(model, options: plain, progress: nil)
            let with = try GLPKSolver().solve(model, options: fixing, progress: nil)
            #expect(without.termination == .optimal && with.termination == .optimal, "seed \(seed)")
            #expect(abs((with.objective ?? .nan) - (without.objective ?? .nan)) < 1e-6, "seed \(seed)")
            let solution = try RotaSolver().solve(scenario)
            #expect(abs(RotaChecker(scenario: scenario).check(solution.rota).totalCost - (without.objective ?? .nan)) < 1e-6, "seed \(seed)")
        }
    }
}
