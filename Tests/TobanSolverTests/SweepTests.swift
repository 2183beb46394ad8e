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
    /// Fixing the penalty variables whose terms are all fixed loses nothing: a neighbourhood's
    /// sub-problem has the same optimum as with every penalty variable free.
    @Test func fixingPenaltiesWithFixedInputsKeepsTheSubproblemOptimum() throws {
        let cases = StrategyTests.elasticScenarios(3)
        try #require(cases.count == 3)
        var smaller = 0
        for (seed, _, compiled, _) in cases {
            let model = compiled.model
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            let (dates, dayOfSlot) = search.dayIndex()
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
            let isFree = search.freeVariables(neighbourhood, dayOfSlot: dayOfSlot, fixingSettledPenalties: false)
            let wide = RestrictedModel(model, values: empty, isFree: isFree)
            let reference = try GLPKSolver().solve(wide.model, options: SolveOptions(timeLimit: 20, relativeGap: 0))
            try #require(reference.termination == .optimal, "seed \(seed): \(reference.rawStatus)")
            let referenceObjective = model.objectiveValue(of: compiled.tightened(wide.expand(reference.values)))
            #expect(abs(model.objectiveValue(of: outcome.values) - referenceObjective) < 1e-6,
                    "seed \(seed): fixed penalties \(model.objectiveValue(of: outcome.values)), all free \(referenceObjective)")
            let freed = search.freeVariables(neighbourhood, dayOfSlot: dayOfSlot).count(where: { $0 })
            if freed < isFree.count(where: { $0 }) { smaller += 1 }
        }
        // The reduction actually happens on these scenarios (penalties of other days and people).
        #expect(smaller > 0)
    }

    /// A sweep with one window over the whole horizon is the whole problem: it reaches the
    /// direct optimum. With one-day windows it returns a feasible rota, better than the empty
    /// one, that the checker prices at the model's objective.
    @Test func sweepFromTheEmptyRotaGivesCheckedRotas() throws {
        let cases = StrategyTests.elasticScenarios(3)
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
