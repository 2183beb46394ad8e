import Foundation
import Testing
import TobanCheck
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The root fix-and-solve heuristic (`MIPTuning.rootFixing`, on by default in `toban solve`)
/// on a real district. The property tests (seeded assignment problems, whose LP is fractional;
/// the random scenarios here mostly have integral root LPs and never reach the heuristic) are
/// in `TobanGLPKTests/RootFixingTests.swift`.
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
}
