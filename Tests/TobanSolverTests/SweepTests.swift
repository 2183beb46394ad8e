import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The neighbourhood search's first rota on large models (the sweep of date windows) and the
/// sub-problems it and the neighbourhoods solve.
@Suite("Sweep and sub-problems")
struct SweepTests {
    /// Random scenarios whose empty rota is feasible and whose direct optimum costs something.
    static func elasticScenarios(_ count: Int) -> [(seed: UInt64, scenario: Scenario, compiled: CompiledModel, direct: RotaSolution)] {
        var found: [(UInt64, Scenario, CompiledModel, RotaSolution)] = []
        for seed in 1...(80 as UInt64) where found.count < count {
            let scenario = StrategyTests.withoutHardMinimums(RandomScenario.make(seed: seed))
            let compiled = ModelCompiler.compile(scenario)
            guard compiled.model.infeasibilities(of: compiled.values(for: Rota(assignments: []))).isEmpty,
                  let direct = try? RotaSolver().solve(scenario), direct.termination == .optimal, direct.objective > 0 else { continue }
            found.append((seed, scenario, compiled, direct))
        }
        return found
    }

    /// Fixing the penalty variables whose terms are all fixed loses nothing: a neighbourhood's
    /// sub-problem has the same optimum as with every penalty variable free.
    @Test func fixingPenaltiesWithFixedInputsKeepsTheSubproblemOptimum() throws {
        let cases = SweepTests.elasticScenarios(3)
        try #require(cases.count == 3)
        var smaller = 0
        for (seed, _, compiled, _) in cases {
            let model = compiled.model
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            let dates = Array(Set(compiled.slots.map(\.date))).sorted()
            let dayOfSlot = compiled.slots.map { slot in dates.firstIndex(of: slot.date) ?? 0 }
            let resources = Array(Set(compiled.assignments.map(\.resourceID))).sorted()
            let empty = compiled.values(for: Rota(assignments: []))
            let days = 0...Swift.min(dates.count - 1, 2)
            let neighbourhood = LargeNeighbourhoodSearch.Neighbourhood(resources: Set(resources.prefix(Swift.max(1, resources.count / 2))),
                                                                       dayRange: days)
            let outcome = try #require(search.solveSubproblem(neighbourhood, incumbent: empty, dayOfSlot: dayOfSlot,
                                                              options: SolveOptions(timeLimit: 20, relativeGap: 0)))
            #expect(outcome.proved, "seed \(seed)")
            #expect(model.infeasibilities(of: outcome.values).isEmpty, "seed \(seed)")

            // The same neighbourhood with every non-fixed penalty variable free, as before.
            var isFree = [Bool](repeating: false, count: model.variables.count)
            var assignment = [Bool](repeating: false, count: model.variables.count)
            for a in compiled.assignments {
                assignment[a.variable.index] = true
                if neighbourhood.resources.contains(a.resourceID), days.contains(dayOfSlot[a.slot]) { isFree[a.variable.index] = true }
            }
            for (j, v) in model.variables.enumerated() where !assignment[j] { isFree[j] = v.lower < v.upper }
            let wide = RestrictedModel(model, values: empty, isFree: isFree)
            let reference = try GLPKSolver().solve(wide.model, options: SolveOptions(timeLimit: 20, relativeGap: 0))
            try #require(reference.termination == .optimal, "seed \(seed): \(reference.rawStatus)")
            let referenceObjective = model.objectiveValue(of: compiled.tightened(wide.expand(reference.values)))
            #expect(abs(model.objectiveValue(of: outcome.values) - referenceObjective) < 1e-6,
                    "seed \(seed): fixed penalties \(model.objectiveValue(of: outcome.values)), all free \(referenceObjective)")
            let fixedCount = compiled.derived.count(where: { d in
                !d.pieces.contains { $0.terms.contains { isFree[$0.variable.index] && assignment[$0.variable.index] } }
            })
            if fixedCount > 0 { smaller += 1 }
        }
        // The reduction actually happens on these scenarios (penalties of other days and people).
        #expect(smaller > 0)
    }

    /// A sweep with one window over the whole horizon is the whole problem: it reaches the
    /// direct optimum. With one-day windows it returns a feasible rota, better than the empty
    /// one, that the checker prices at the model's objective.
    @Test func sweepFromTheEmptyRotaGivesCheckedRotas() throws {
        let cases = SweepTests.elasticScenarios(3)
        try #require(cases.count == 3)
        for (seed, scenario, compiled, direct) in cases {
            let model = compiled.model
            let empty = compiled.values(for: Rota(assignments: []))
            let clock = ContinuousClock()
            let started = clock.now
            let elapsed = { (clock.now - started).inSeconds }
            let days = Set(compiled.slots.map(\.date)).count

            var whole = LNSSettings(seed: seed, subproblemTimeLimit: 20)
            whole.sweepWindow = days
            let one = try LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver(), settings: whole)
                .sweep(from: empty, until: 60, elapsed: elapsed, trace: false)
            #expect(abs(model.objectiveValue(of: one) - direct.objective) < 1e-6, "seed \(seed)")

            var daily = LNSSettings(seed: seed, subproblemTimeLimit: 20)
            daily.sweepWindow = 1
            let swept = try LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver(), settings: daily)
                .sweep(from: empty, until: 60 + elapsed(), elapsed: elapsed, trace: false)
            #expect(model.infeasibilities(of: swept).isEmpty, "seed \(seed)")
            let objective = model.objectiveValue(of: swept)
            #expect(objective < model.objectiveValue(of: empty) - 1e-9, "seed \(seed)")
            #expect(objective >= direct.objective - 1e-6, "seed \(seed)")
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: swept))
            #expect(check.violations.isEmpty, "seed \(seed)")
            #expect(abs(check.totalCost - objective) < 1e-6, "seed \(seed)")
        }
    }

    /// The default sweep window is one day (see ``LNSSettings/sweepWindow``).
    @Test func defaultSweepWindowIsOneDay() {
        #expect(LNSSettings().sweepWindow == 1)
    }
}
