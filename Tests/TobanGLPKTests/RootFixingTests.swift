import Foundation
import Testing
import TobanMIP
@testable import TobanGLPK

/// The root fix-and-solve heuristic (`MIPTuning.rootFixing`) on seeded generalised assignment
/// problems: jobs to agents at least cost within each agent's capacity, whose LP relaxation is
/// fractional, so GLPK branches and the heuristic runs at the root.
@Suite("GLPK root fixing")
struct GLPKRootFixingTests {
    /// Least cost, or (`maximising`) most profit with the costs as profits.
    static func assignment(seed: UInt64, agents: Int = 4, jobs: Int = 20, maximising: Bool = false) -> LinearModel {
        var rng = SplitMix64(state: seed)
        var m = LinearModel(name: "gap\(seed)", sense: maximising ? .maximize : .minimize)
        var x: [[VariableID]] = []
        var weights: [[Double]] = []
        for i in 0..<agents {
            x.append((0..<jobs).map { m.addVariable(name: "x\(i)_\($0)", kind: .binary, ruleID: "A") })
            weights.append((0..<jobs).map { _ in Double(Int.random(in: 5...25, using: &rng)) })
            for j in 0..<jobs { m.addObjective(x[i][j], coefficient: Double(Int.random(in: 10...50, using: &rng)), ruleID: "C") }
        }
        for j in 0..<jobs {
            m.addRow(name: "job\(j)", ruleID: "A", terms: (0..<agents).map { LinearTerm(x[$0][j], 1) }, lower: 1, upper: 1)
        }
        for i in 0..<agents {
            let capacity = (0.8 * weights[i].reduce(0, +) / Double(agents)).rounded(.down)
            m.addRow(name: "cap\(i)", ruleID: "A", terms: (0..<jobs).map { LinearTerm(x[i][$0], weights[i][$0]) }, upper: capacity)
        }
        return m
    }

    /// With and without the heuristic GLPK proves the same optimum; on some of the instances
    /// the optimal solution is the heuristic's, and the heuristic's solution is feasible.
    /// (Seed 10 once hung: the sub-problems kept the root's cut rows, and the nested solve
    /// ran until its time limit; there was none then.)
    @Test(arguments: [false, true])
    func provesTheSameOptimaAndSuppliesSomeOfThem(maximising: Bool) throws {
        var supplied = 0
        for seed in UInt64(1)...12 {
            let model = GLPKRootFixingTests.assignment(seed: seed, maximising: maximising)
            var plain = SolveOptions()
            plain.tuning = .allCuts
            var fixing = SolveOptions()
            fixing.tuning = .rotaDefault
            let without = try GLPKSolver().solve(model, options: plain, progress: nil)
            let with = try GLPKSolver().solve(model, options: fixing, progress: nil)
            #expect(with.termination == .optimal && without.termination == .optimal, "seed \(seed): \(with.rawStatus)")
            #expect(abs((with.objective ?? .nan) - (without.objective ?? .nan)) < 1e-6, "seed \(seed)")
            #expect(model.infeasibilities(of: with.values).isEmpty, "seed \(seed)")
            if with.rawStatus.contains("rota from root fixing") { supplied += 1 }
        }
        #expect(supplied > 0, "maximising: \(maximising)")
    }
}
