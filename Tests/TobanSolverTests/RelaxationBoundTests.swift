import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The objective's step, the bounds rounded up to it, and the LP relaxation's bound that the
/// neighbourhood search computes on another thread when its first rota is not from a
/// whole-model run.
@Suite("Relaxation bound")
struct RelaxationBoundTests {
    /// The districts' weights are multiples of 10, so a rota costs the constant plus a
    /// multiple of 10 and an LP bound rounds up to the next such value.
    @Test func theDistrictsObjectiveMovesInStepsOfTen() throws {
        let scenario = try ScenarioLoader.load(path: instancesRoot.appendingPathComponent("district-30-physicians.yaml").path)
        let compiled = ModelCompiler.compile(scenario)
        #expect(compiled.objectiveStep == 10)
        let constant = compiled.model.objectiveConstant
        #expect(compiled.roundedUp(bound: constant + 455) == constant + 460)
        #expect(compiled.roundedUp(bound: constant + 460) == constant + 460)
        #expect(compiled.roundedUp(bound: constant + 460 + 1e-7) == constant + 460)  // LP noise above a step
        #expect(compiled.roundedUp(bound: constant + 460.1) == constant + 470)
    }

    /// On seeded random scenarios: every optimum is the constant plus a multiple of the step,
    /// and the LP relaxation's bound rounded up to it never passes the optimum.
    @Test func roundedLPBoundsNeverPassTheOptimum() throws {
        let cases = StrategyTests.elasticScenarios(4)
        try #require(cases.count == 4)
        for (seed, _, compiled, direct) in cases {
            let step = try #require(compiled.objectiveStep, "seed \(seed)")
            let multiple = (direct.objective - compiled.model.objectiveConstant) / step
            #expect(abs(multiple - multiple.rounded()) < 1e-6, "seed \(seed): \(direct.objective) with step \(step)")
            let lp = try GLPKSolver().solveLP(compiled.model)
            let objective = try #require(lp.objective, "seed \(seed): \(lp.rawStatus)")
            let bound = compiled.roundedUp(bound: objective)
            #expect(bound >= objective - 1e-6)
            #expect(bound <= direct.objective + 1e-6, "seed \(seed): bound \(bound) above the optimum \(direct.objective)")
        }
    }

    /// A cost that is not an integer has no step: bounds stay as they are.
    @Test func aFractionalCostHasNoStep() throws {
        let (_, _, compiled, _) = try #require(StrategyTests.elasticScenarios(1).first)
        var changed = compiled
        let first = try #require(changed.assignments.first)
        changed.model.addObjective(first.variable, coefficient: 2.5, ruleID: "TEST-FRACTIONAL")
        #expect(compiled.objectiveStep != nil)
        #expect(changed.objectiveStep == nil)
        #expect(changed.roundedUp(bound: 1.2) == 1.2)
    }

    /// GLPK, but no sub-problem is ever proved and no whole-model run closes a gap: the only
    /// bound the search can have is the LP relaxation's (this backend solves LPs too).
    final class NeverProvedWithLP: MIPSolver, LPSolver, @unchecked Sendable {
        var name: String { "glpk, never proved, with LPs" }
        func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult {
            var result = try GLPKSolver().solve(model, options: options, progress: progress)
            if result.termination == .optimal { result.termination = .timeLimit }
            result.bound = nil
            return result
        }
        func solveLP(_ model: LinearModel, timeLimit: Double?) throws -> LPResult { try GLPKSolver().solveLP(model, timeLimit: timeLimit) }
        func makeIncrementalLP(_ model: LinearModel) throws -> any IncrementalLP { try GLPKSolver().makeIncrementalLP(model) }
    }

    /// A search swept from the empty rota, without a proof run, reports the LP relaxation's
    /// rounded bound (below or at the optimum); a rota that meets it is reported optimal. Its
    /// rota passes the checker at the objective.
    @Test func theSweptSearchReportsTheLPBound() throws {
        let cases = StrategyTests.elasticScenarios(3)
        try #require(cases.count == 3)
        for (seed, scenario, compiled, direct) in cases {
            var settings = LNSSettings(seed: seed, proofShare: 0, subproblemTimeLimit: 0.5, initialResources: 1)
            settings.sweepThreshold = 0  // sweep these small models too
            settings.relaxationBoundLimit = .max
            let result = try LargeNeighbourhoodSearch(compiled: compiled, backend: NeverProvedWithLP(), settings: settings)
                .solve(timeLimit: 2, relativeGap: 0, threads: 2, verbose: false, progress: nil)
            let lp = try #require(try GLPKSolver().solveLP(compiled.model).objective)
            let objective = try #require(result.objective)
            let bound = try #require(result.bound, "seed \(seed): \(result.rawStatus)")
            #expect(abs(bound - Swift.min(objective, compiled.roundedUp(bound: lp))) < 1e-6, "seed \(seed)")
            #expect(bound <= direct.objective + 1e-6, "seed \(seed)")
            #expect(objective >= direct.objective - 1e-6, "seed \(seed)")
            #expect((result.termination == .optimal) == (objective <= bound + 1e-6), "seed \(seed): \(result.termination)")
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: result.values))
            #expect(check.violations.isEmpty, "seed \(seed)")
            #expect(abs(check.totalCost - objective) < 1e-6, "seed \(seed)")
        }
    }

    /// Above ``LNSSettings/relaxationBoundLimit`` no LP runs: the same search has no bound.
    @Test func noLPBoundAboveTheLimit() throws {
        let cases = StrategyTests.elasticScenarios(1)
        let (seed, _, compiled, _) = try #require(cases.first)
        var settings = LNSSettings(seed: seed, proofShare: 0, subproblemTimeLimit: 0.5, initialResources: 1)
        settings.sweepThreshold = 0
        settings.relaxationBoundLimit = compiled.model.integerVariableCount - 1
        let result = try LargeNeighbourhoodSearch(compiled: compiled, backend: NeverProvedWithLP(), settings: settings)
            .solve(timeLimit: 1, relativeGap: 0, threads: 2, verbose: false, progress: nil)
        #expect(result.primal == .feasiblePoint)
        #expect(result.bound == nil, "seed \(seed): \(result.rawStatus)")
        #expect(result.termination == .timeLimit)
    }

    /// GLPK, except that the LP relaxation is never solved: it runs out its whole time limit
    /// (`slow`) or fails at once; and no sub-problem is reported proved, so the search cannot
    /// prove the whole itself. Counts the seeded whole-model runs (the proof run).
    final class UnsolvedLP: MIPSolver, LPSolver, @unchecked Sendable {
        let variables: Int
        let slow: Bool
        // Guarded by `lock`: the search calls the backend from several threads.
        private var seededWholeRuns = 0
        private let lock = NSLock()
        init(variables: Int, slow: Bool) {
            self.variables = variables
            self.slow = slow
        }
        var proofRuns: Int { lock.withLock { seededWholeRuns } }
        var name: String { "glpk, LP never solved" }
        func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult {
            let whole = model.variables.count == variables
            if whole, options.start != nil { lock.withLock { seededWholeRuns += 1 } }
            // A sub-problem never proves the whole: only the proof run could.
            let solver: any MIPSolver = whole ? GLPKSolver() : StrategyTests.NeverProved()
            return try solver.solve(model, options: options, progress: progress)
        }
        func solveLP(_ model: LinearModel, timeLimit: Double?) throws -> LPResult {
            if slow, let timeLimit { Thread.sleep(forTimeInterval: timeLimit) }
            return LPResult(status: .timeLimit, objective: nil, values: [], rowDuals: [], rawStatus: "test: LP not solved")
        }
        func makeIncrementalLP(_ model: LinearModel) throws -> any IncrementalLP { try GLPKSolver().makeIncrementalLP(model) }
    }

    /// An LP relaxation still unsolved after the search's share means a proof run (the same LP,
    /// less time) would finish nothing: the search keeps that share and no proof run is made.
    /// An LP that fails at once says nothing about the proof run's root, which then runs.
    @Test func anLPUnsolvedInTheSearchsShareSkipsTheProofRun() throws {
        let (seed, scenario, compiled, _) = try #require(StrategyTests.elasticScenarios(1).first)
        for slow in [true, false] {
            // The LP gets the search's share, 1.2 s: more than the proof's 0.8 s.
            var settings = LNSSettings(seed: seed, proofShare: 0.4, subproblemTimeLimit: 0.5, initialResources: 1)
            settings.sweepThreshold = 0
            settings.relaxationBoundLimit = .max
            let backend = UnsolvedLP(variables: compiled.model.variables.count, slow: slow)
            let result = try LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: settings)
                .solve(timeLimit: 2, relativeGap: 0, threads: 2, verbose: false, progress: nil)
            #expect(result.primal == .feasiblePoint, "slow \(slow): \(result.rawStatus)")
            #expect(backend.proofRuns == (slow ? 0 : 1), "slow \(slow): \(result.rawStatus)")
            #expect(result.rawStatus.contains("proof") == !slow, "slow \(slow): \(result.rawStatus)")
            if slow { #expect(result.time >= 1.9, "the search ran to the time limit: \(result.time)") }
            let objective = try #require(result.objective)
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: result.values))
            #expect(check.violations.isEmpty)
            #expect(abs(check.totalCost - objective) < 1e-6)
        }
    }
}
