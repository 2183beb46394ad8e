import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The neighbourhood search's first rota on large models whose empty rota breaks only
/// per-resource rules (the Curtois instances' minimum minutes): one resource at a time.
@Suite("Resource sweep")
struct ResourceSweepTests {
    static let tinyInstances = [("two shifts", tinyTwoShifts), ("weekend", tinyWeekend)]

    /// The Curtois empty rota breaks the minimum minutes, a row of one staff member each; a
    /// broken hard row over several resources is not something one resource can meet.
    @Test func perResourceViolationsAreRecognised() throws {
        for (name, text) in Self.tinyInstances {
            let compiled = ModelCompiler.compile(try CurtoisInstance.parse(text).scenario(name: name))
            let empty = compiled.values(for: Rota(assignments: []))
            let violated = compiled.model.infeasibilities(of: empty)
            try #require(!violated.isEmpty, "\(name)")
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            #expect(search.violationsArePerResource(empty), "\(name)")
        }
        // A hard row over two staff members' first-day duties (like a hard cover minimum),
        // which the empty rota breaks: no one resource's sub-problem owns it.
        var compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let firstDay = compiled.assignments.filter { compiled.slots[$0.slot].date == compiled.slots[0].date }
        try #require(Set(firstDay.map(\.resourceID)).count == 2)
        _ = compiled.model.addRow(name: "test_cover_min", ruleID: "H-TEST-COVER",
                                  terms: firstDay.map { LinearTerm($0.variable) }, lower: 1)
        let empty = compiled.values(for: Rota(assignments: []))
        #expect(!LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver()).violationsArePerResource(empty))
    }

    /// The sweep repairs the empty rota, one resource at a time or two at once: feasible, no
    /// better than the optimum, and priced by the checker at the model's objective.
    @Test func sweepBuildsACheckedRota() throws {
        for (name, text) in Self.tinyInstances {
            let scenario = try CurtoisInstance.parse(text).scenario(name: name)
            let compiled = ModelCompiler.compile(scenario)
            let model = compiled.model
            let direct = try RotaSolver().solve(scenario)
            try #require(direct.termination == .optimal, "\(name)")
            let clock = ContinuousClock()
            let started = clock.now
            let elapsed: @Sendable () -> Double = { (clock.now - started).inSeconds }
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver(), settings: LNSSettings(subproblemTimeLimit: 5))
            // One resource at a time, and two at once (each from the same rota, then combined).
            for threads in [1, 2] {
                let swept = try #require(search.resourceSweep(from: compiled.values(for: Rota(assignments: [])), until: 60 + elapsed(),
                                                              threads: threads, elapsed: elapsed, trace: false), "\(name)")
                #expect(model.infeasibilities(of: swept).isEmpty, "\(name), \(threads) threads")
                let objective = model.objectiveValue(of: swept)
                #expect(objective >= direct.objective - 1e-6, "\(name), \(threads) threads")
                let check = RotaChecker(scenario: scenario).check(compiled.rota(from: swept))
                #expect(check.violations.isEmpty, "\(name), \(threads) threads: \(check.violations)")
                #expect(abs(check.totalCost - objective) < 1e-6, "\(name), \(threads) threads")
            }
        }
    }

    /// Two resources solved at once may together break a hard row over both that each
    /// met alone; the sweep then redoes the second one after the first, and the rota keeps it.
    @Test func combinedBatchBreakingAHardRowIsRedoneInTurn() throws {
        var compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let firstDay = compiled.assignments.filter { compiled.slots[$0.slot].date == compiled.slots[0].date }
        _ = compiled.model.addRow(name: "test_first_day_max", ruleID: "H-TEST-FIRST-DAY",
                                  terms: firstDay.map { LinearTerm($0.variable) }, upper: 1)
        let model = compiled.model
        let empty = compiled.values(for: Rota(assignments: []))
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver(), settings: LNSSettings(subproblemTimeLimit: 5))
        // Alone from the empty rota, each staff member takes a first-day duty (its cover is short).
        let (_, dayOfSlot) = search.dayIndex()
        for resource in ["A", "B"] {
            let alone = try #require(search.solveSubproblem(LargeNeighbourhoodSearch.Neighbourhood(resources: [resource], dayRange: 0...5),
                                                            incumbent: empty, dayOfSlot: dayOfSlot,
                                                            options: SolveOptions(timeLimit: 5, relativeGap: 0), seeded: false))
            try #require(firstDay.contains { $0.resourceID == resource && alone.values[$0.variable.index] > 0.5 }, "\(resource)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let elapsed: @Sendable () -> Double = { (clock.now - started).inSeconds }
        let swept = try #require(search.resourceSweep(from: empty, until: 60, threads: 2, elapsed: elapsed, trace: false))
        #expect(model.infeasibilities(of: swept).isEmpty)
        #expect(firstDay.count(where: { swept[$0.variable.index] > 0.5 }) == 1)
    }

    /// A batch's rotas are combined while the staff not yet swept still break their own rows
    /// (a batch smaller than the staff, as on Instance13): only a row that some outcome meets
    /// alone and the combination breaks (one over several of the batch) refuses it.
    @Test func combiningKeepsTheUnsweptResourcesRowsBrokenButRefusesNewBreaks() throws {
        var compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let empty = compiled.values(for: Rota(assignments: []))
        let (_, dayOfSlot) = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver()).dayIndex()
        func alone(_ resource: String, in compiled: CompiledModel) throws -> LargeNeighbourhoodSearch.SubproblemOutcome {
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            return try #require(search.solveSubproblem(LargeNeighbourhoodSearch.Neighbourhood(resources: [resource], dayRange: 0...(dayOfSlot.max() ?? 0)),
                                                       incumbent: empty, dayOfSlot: dayOfSlot,
                                                       options: SolveOptions(timeLimit: 5, relativeGap: 0), seeded: false), "\(resource)")
        }
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
        let a = try alone("A", in: compiled)
        // A batch of one: B's minimum minutes stay broken, as in A's own outcome.
        try #require(!compiled.model.violatedRows(of: a.values).isEmpty)
        let first = try #require(search.combine(["A"], [a], over: empty))
        #expect(compiled.model.violatedRows(of: first) == compiled.model.violatedRows(of: a.values))
        // Both at once from the empty rota: every per-resource row met.
        let both = try #require(search.combine(["A", "B"], [a, try alone("B", in: compiled)], over: empty))
        #expect(compiled.model.infeasibilities(of: both).isEmpty)

        // An upper-1 row over both staff members' first-day duties: each outcome meets it alone,
        // their combination does not.
        let firstDay = compiled.assignments.filter { compiled.slots[$0.slot].date == compiled.slots[0].date }
        _ = compiled.model.addRow(name: "test_first_day_max", ruleID: "H-TEST-FIRST-DAY",
                                  terms: firstDay.map { LinearTerm($0.variable) }, upper: 1)
        let (a1, b1) = (try alone("A", in: compiled), try alone("B", in: compiled))
        for (resource, outcome) in [("A", a1), ("B", b1)] {
            try #require(firstDay.contains { $0.resourceID == resource && outcome.values[$0.variable.index] > 0.5 }, "\(resource)")
        }
        #expect(LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver()).combine(["A", "B"], [a1, b1], over: empty) == nil)
    }

    /// GLPK recording the time limit of every call.
    final class RecordingLimits: MIPSolver, @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Double?] = []
        var limits: [Double?] { lock.withLock { recorded } }
        var name: String { "glpk, time limits recorded" }
        func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult {
            lock.withLock { recorded.append(options.timeLimit) }
            return try GLPKSolver().solve(model, options: options, progress: progress)
        }
    }

    /// Each resource of the sweep gets `sweepResourceTimeLimit`, not the neighbourhoods'
    /// `subproblemTimeLimit` (Instance13: 49 of 120 staff spent the full 4 s unproved).
    @Test func sweepResourcesGetTheirOwnTimeLimit() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let backend = RecordingLimits()
        var settings = LNSSettings(subproblemTimeLimit: 5)
        settings.sweepResourceTimeLimit = 0.75
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: settings)
        let clock = ContinuousClock()
        let started = clock.now
        let elapsed: @Sendable () -> Double = { (clock.now - started).inSeconds }
        let swept = try #require(search.resourceSweep(from: compiled.values(for: Rota(assignments: [])), until: 60,
                                                      elapsed: elapsed, trace: false))
        #expect(compiled.model.infeasibilities(of: swept).isEmpty)
        #expect(backend.limits.count >= 2)
        #expect(backend.limits.allSatisfy { $0 == 0.75 }, "\(backend.limits)")
    }

    /// Out of time before the first resource, the sweep gives nothing rather than a rota that
    /// still breaks the minimums.
    @Test func sweepWithoutTimeGivesNothing() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
        let pastTheDeadline: @Sendable () -> Double = { 5 }
        #expect(search.resourceSweep(from: compiled.values(for: Rota(assignments: [])), until: 1,
                                     elapsed: pastTheDeadline, trace: false) == nil)
    }

    /// When the whole model gives no rota (as on Instance13), a search above the sweep
    /// threshold starts from the resource sweep and still reaches the optimum.
    @Test func searchStartsFromTheResourceSweepWhenTheWholeModelGivesNothing() throws {
        for (name, text) in Self.tinyInstances {
            let scenario = try CurtoisInstance.parse(text).scenario(name: name)
            let compiled = ModelCompiler.compile(scenario)
            let direct = try RotaSolver().solve(scenario)
            try #require(direct.termination == .optimal, "\(name)")
            var settings = LNSSettings(subproblemTimeLimit: 5, initialResources: 2)
            settings.sweepThreshold = 0
            let backend = StrategyTests.NoRotaOnWholeModel(variables: compiled.model.variables.count)
            let result = try LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: settings)
                .solve(timeLimit: 30, relativeGap: 0, threads: 2, verbose: false, initial: nil, progress: nil)
            #expect(result.primal == .feasiblePoint, "\(name): \(result.rawStatus)")
            let objective = try #require(result.objective, "\(name)")
            #expect(abs(objective - direct.objective) < 1e-6, "\(name): \(objective) against \(direct.objective)")
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: result.values))
            #expect(check.violations.isEmpty, "\(name)")
            #expect(abs(check.totalCost - objective) < 1e-6, "\(name)")
        }
    }
}
