import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

@Suite("Column generation")
struct ColumnGenerationTests {
    func options(_ limit: Double = 20) -> RotaSolveOptions {
        var o = RotaSolveOptions(timeLimit: limit)
        o.strategy = .columnGeneration(ColumnGenerationSettings(lns: LNSSettings(subproblemTimeLimit: 2, initialResources: 1)))
        o.threads = 2
        return o
    }

    // MARK: Decomposition

    /// A Curtois instance decomposes into one block per staff member; only the cover rows link
    /// them, and their under/over penalties are the master variables.
    @Test func curtoisDecomposesIntoStaffBlocksLinkedByCover() throws {
        let scenario = try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny")
        let compiled = ModelCompiler.compile(scenario)
        let model = compiled.model
        let d = try DantzigWolfeDecomposition.make(compiled)
        #expect(d.blocks.map(\.resourceID) == ["A", "B"])
        for a in compiled.assignments {
            #expect(d.blockOfVariable[a.variable.index].map { d.blocks[$0].resourceID } == a.resourceID)
        }
        let masterRules = Set(d.masterVariables.map { model.variables[$0].ruleID })
        #expect(masterRules == [RuleID.coverUnder, RuleID.coverOver])
        #expect(Set(d.linkingRows.map { model.rows[$0].ruleID }) == [RuleID.coverUnder, RuleID.coverOver])
        // Every cover row with both staff eligible links; a block row touches one block only.
        for (b, block) in d.blocks.enumerated() {
            for i in block.rows {
                #expect(model.rows[i].terms.allSatisfy { d.blockOfVariable[$0.variable.index] == b })
            }
        }
        let rowsSeen = d.linkingRows + d.blocks.flatMap(\.rows)
        #expect(rowsSeen.sorted() == Array(model.rows.indices))
        #expect((d.masterVariables + d.blocks.flatMap(\.variables)).sorted() == Array(model.variables.indices))
    }

    /// On ordinary scenarios: every row is a block row or linking, every variable in one block
    /// or master, and each linking row touches two blocks or a master variable.
    @Test func ordinaryScenariosSplitIntoBlockRowsAndLinkingRows() throws {
        for seed in 1...(12 as UInt64) {
            let compiled = ModelCompiler.compile(RandomScenario.make(seed: seed))
            guard let d = try? DantzigWolfeDecomposition.make(compiled) else { continue }
            let model = compiled.model
            #expect(d.blocks.count >= 2)
            for i in d.linkingRows {
                let owners = Set(model.rows[i].terms.map { d.blockOfVariable[$0.variable.index] ?? -1 })
                #expect(owners.count >= 2 || owners.contains(-1) || owners.isEmpty, "seed \(seed): row \(model.rows[i].name)")
            }
            for (b, block) in d.blocks.enumerated() {
                #expect(block.rows.allSatisfy { model.rows[$0].terms.allSatisfy { d.blockOfVariable[$0.variable.index] == b } })
            }
            #expect((d.linkingRows + d.blocks.flatMap(\.rows)).sorted() == Array(model.rows.indices))
        }
    }

    /// A single resource gives one block: not decomposable.
    @Test func oneResourceIsNotDecomposable() throws {
        var text = tinyWeekend
        text = text.replacingOccurrences(of: "B,D=5,2400,960,2,2,2,1\n", with: "")
        text = text.replacingOccurrences(of: "SECTION_DAYS_OFF\nB,0\n", with: "SECTION_DAYS_OFF\n")
        text = text.replacingOccurrences(of: "B,2,D,1\n", with: "")
        let scenario = try CurtoisInstance.parse(text).scenario(name: "one")
        #expect(throws: DantzigWolfeDecomposition.NotDecomposable.self) { try DantzigWolfeDecomposition.make(ModelCompiler.compile(scenario)) }
    }

    // MARK: Bounds

    /// The Lagrangian bound never exceeds the optimum and, the blocks being convexified, is at
    /// least the compact model's LP bound.
    @Test func lagrangianBoundLiesBetweenTheLPBoundAndTheOptimum() throws {
        var tested = 0
        for seed in 1...(40 as UInt64) where tested < 4 {
            let scenario = RandomScenario.make(seed: seed)
            let compiled = ModelCompiler.compile(scenario)
            guard let d = try? DantzigWolfeDecomposition.make(compiled),
                  let direct = try? GLPKSolver().solve(compiled.model, options: SolveOptions(), progress: nil), direct.isOptimal,
                  let optimum = direct.objective else { continue }
            tested += 1
            let lp = try GLPKSolver().solveLP(compiled.model, timeLimit: nil)
            let lpBound = try #require(lp.objective)
            let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver())
            let master = DantzigWolfeMaster(model: compiled.model, decomposition: d)
            let pool = try strategy.makePool(master)
            let outcome = try strategy.generateColumns(master, pool: pool, until: 30, threads: 2,
                                                       elapsed: { 0 }, rounded: { $0 }, progress: nil)
            let bound = try #require(outcome.bound)
            #expect(outcome.converged)
            #expect(bound <= optimum + 1e-6, "seed \(seed): bound \(bound) > optimum \(optimum)")
            #expect(bound >= lpBound - 1e-6, "seed \(seed): bound \(bound) < LP bound \(lpBound)")
            #expect(!pool.columns.isEmpty)
            // Dual smoothing changes the path, not the converged bound.
            let smoothed = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(),
                                            settings: ColumnGenerationSettings(smoothing: 0.5))
            let other = try smoothed.generateColumns(master, pool: try smoothed.makePool(master), until: 30, threads: 1,
                                                     elapsed: { 0 }, rounded: { $0 }, progress: nil)
            #expect(other.converged)
            #expect(abs((other.bound ?? -1) - bound) <= 1e-6 * max(1, abs(bound)), "seed \(seed): smoothed \(other.bound ?? -1) vs \(bound)")
        }
        #expect(tested == 4)
    }

    // MARK: Diving

    /// A random decomposable scenario whose direct solve proves an optimum, with column
    /// generation converged on it; nil for a seed that gives none.
    func convergedMaster(seed: UInt64) throws
        -> (CompiledModel, optimum: Double, ColumnGeneration, DantzigWolfeMaster, ColumnPool, bound: Double)? {
        let compiled = ModelCompiler.compile(RandomScenario.make(seed: seed))
        guard let d = try? DantzigWolfeDecomposition.make(compiled),
              let direct = try? GLPKSolver().solve(compiled.model, options: SolveOptions(), progress: nil), direct.isOptimal,
              let optimum = direct.objective else { return nil }
        let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver())
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: d)
        let pool = try strategy.makePool(master)
        let outcome = try strategy.generateColumns(master, pool: pool, until: 30, threads: 2, elapsed: { 0 }, rounded: { $0 }, progress: nil)
        guard outcome.converged, let bound = outcome.bound else { return nil }
        return (compiled, optimum, strategy, master, pool, bound)
    }

    /// The cost of the dive's rota on a converged master (its columns through the small
    /// master IP); nil when the dive or that IP gives none.
    func diveCost(_ compiled: CompiledModel, _ strategy: ColumnGeneration, _ master: DantzigWolfeMaster, _ pool: ColumnPool) throws -> Double? {
        guard let dive = try strategy.dive(master, pool: pool, until: 30, threads: 2, elapsed: { 0 }) else { return nil }
        let chosen = dive.chosen.map { pool.columns[$0] }
        let small = try GLPKSolver().solve(master.masterIP(columns: chosen), options: SolveOptions(), progress: nil)
        guard let point = master.fullPoint(ipValues: small.values, columns: chosen) else { return nil }
        return compiled.model.objectiveValue(of: compiled.tightened(point))
    }

    /// After convergence the dive fixes every block to exactly one column of the pool; the
    /// chosen columns with their best master variables make a feasible point whose cost lies
    /// between the Lagrangian bound and any rota's — never below the direct optimum.
    @Test func diveFixesOneColumnPerBlockAndGivesAFeasibleRota() throws {
        var tested = 0
        for seed in 1...(40 as UInt64) where tested < 4 {
            guard let (compiled, optimum, strategy, master, pool, bound) = try convergedMaster(seed: seed) else { continue }
            let before = pool.columns.count
            guard let dive = try strategy.dive(master, pool: pool, until: 30, threads: 2, elapsed: { 0 }) else { continue }
            tested += 1
            #expect(pool.columns.count >= before)
            #expect(dive.chosen.map { pool.columns[$0].block } == Array(0..<master.blockCount), "seed \(seed)")
            #expect(dive.steps >= 1 && dive.steps <= master.blockCount)
            let chosen = dive.chosen.map { pool.columns[$0] }
            let small = try GLPKSolver().solve(master.masterIP(columns: chosen), options: SolveOptions(), progress: nil)
            let point = try #require(master.fullPoint(ipValues: small.values, columns: chosen), "seed \(seed)")
            let values = compiled.tightened(point)
            #expect(compiled.model.infeasibilities(of: values).isEmpty, "seed \(seed)")
            #expect(strategy.feasiblePoint(ipValues: small.values, columns: chosen, master: master) == values)
            let cost = compiled.model.objectiveValue(of: values)
            #expect(cost >= optimum - 1e-6 && cost >= bound - 1e-6, "seed \(seed): dive \(cost), optimum \(optimum), bound \(bound)")
        }
        #expect(tested == 4)
    }

    /// Held back, the pool's columns of large reduced cost leave the master LP's value where it
    /// was (they are at 0 with a non-negative reduced cost); the dive over what is left gives a
    /// feasible rota, and branch-and-price after it, over the whole pool again, proves the
    /// direct optimum.
    @Test func aDiveOverALargePoolHoldsColumnsBackAndTheTreeFreesThem() throws {
        var tested = 0
        for seed in 1...(60 as UInt64) where tested < 3 {
            guard let (compiled, optimum, _, master, pool, root) = try convergedMaster(seed: seed) else { continue }
            let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(),
                                            settings: ColumnGenerationSettings(divingColumnsPerBlock: 1, divingPoolThreshold: 0))
            let solved = try pool.lp.solve(timeLimit: 30)
            let z = try #require(solved.objective)
            let held = try strategy.holdBack(master, pool: pool, solved: solved, keeping: 1)
            guard held > 0 else { continue }
            tested += 1
            #expect(held <= pool.columns.count - master.blockCount, "seed \(seed)")
            let again = try #require(try pool.lp.solve(timeLimit: 30).objective)
            #expect(abs(again - z) <= 1e-6 * max(1, abs(z)), "seed \(seed): \(again) after holding back, \(z) before")
            let cost = try #require(try diveCost(compiled, strategy, master, pool), "seed \(seed)")
            #expect(cost >= optimum - 1e-6)
            let tree = try strategy.branchAndPrice(master, pool: pool, incumbent: cost, rootBound: root, until: 60, threads: 2,
                                                   elapsed: { 0 }, rounded: { $0 }, progress: nil)
            #expect(tree.finished, "seed \(seed): \(tree.nodes) nodes")
            #expect(abs(tree.best - optimum) < 1e-6, "seed \(seed): tree \(tree.best), optimum \(optimum), dive \(cost)")
        }
        #expect(tested == 3)
    }

    // MARK: Branch-and-price

    /// Given time, branch-and-price closes every node: it reaches the direct optimum from
    /// the dive's rota (or keeps it when it is optimal) and its bound is that optimum;
    /// a tree stopped before its first node keeps the root's bound.
    @Test func branchAndPriceProvesTheDirectOptimum() throws {
        var tested = 0
        for seed in 1...(60 as UInt64) where tested < 4 {
            guard let (compiled, optimum, strategy, master, pool, root) = try convergedMaster(seed: seed),
                  let diveCost = try diveCost(compiled, strategy, master, pool) else { continue }
            tested += 1
            let stopped = try strategy.branchAndPrice(master, pool: pool, incumbent: diveCost, rootBound: root, until: 1, threads: 2,
                                                      elapsed: { 2 }, rounded: { $0 }, progress: nil)
            #expect(stopped.nodes == 0)
            // Unfinished unless the root bound already meets the dive's rota.
            #expect(stopped.finished == (root >= diveCost - 1e-7 * max(1, abs(diveCost))), "seed \(seed)")
            #expect(stopped.bound == (stopped.finished ? diveCost : root))
            let tree = try strategy.branchAndPrice(master, pool: pool, incumbent: diveCost, rootBound: root, until: 60, threads: 2,
                                                   elapsed: { 0 }, rounded: { $0 }, progress: nil)
            #expect(tree.finished, "seed \(seed): \(tree.nodes) nodes")
            #expect(abs(tree.best - optimum) < 1e-6, "seed \(seed): tree \(tree.best), optimum \(optimum), dive \(diveCost)")
            #expect(abs(tree.bound - optimum) < 1e-6)
            if let values = tree.improved {
                #expect(compiled.model.infeasibilities(of: values).isEmpty, "seed \(seed)")
                #expect(abs(compiled.model.objectiveValue(of: values) - tree.best) < 1e-9)
                #expect(tree.best < diveCost)
            } else {
                #expect(abs(diveCost - optimum) < 1e-6, "seed \(seed): nothing improved on a dive above the optimum")
            }
        }
        #expect(tested == 4)
    }

    /// A tiny Curtois instance with column generation converged on it.
    func convergedTiny(_ text: String) throws -> (CompiledModel, ColumnGeneration, DantzigWolfeMaster, ColumnPool) {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(text).scenario(name: "tiny"))
        let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver())
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: try DantzigWolfeDecomposition.make(compiled))
        let pool = try strategy.makePool(master)
        _ = try strategy.generateColumns(master, pool: pool, until: 30, threads: 1, elapsed: { 0 }, rounded: { $0 }, progress: nil)
        return (compiled, strategy, master, pool)
    }

    /// A dive with no time for its first LP gives nothing rather than a partial fixing.
    /// A dive that runs out of time after pricing columns in takes the best columns of its last
    /// LP, which does not have the new ones: they are passed over, not read past its end.
    @Test func bestColumnsIgnoreColumnsAddedAfterTheLP() throws {
        var checked = 0
        for seed in 1...(60 as UInt64) where checked < 1 {
            guard let (_, _, strategy, master, pool, _) = try convergedMaster(seed: seed) else { continue }
            let solved = try pool.lp.solve(timeLimit: 30)
            try #require(solved.status == .optimal)
            let before = pool.columns.count
            let blocks = master.blockCount
            let fresh = pool.columns.filter { $0.block == 0 }.map {
                GeneratedColumn(block: 0, values: $0.values.map { 1 - $0 }, cost: $0.cost + 1_000, entries: $0.entries)
            }
            for column in fresh { try pool.add(column, convexityRow: master.linkCount + column.block) }
            try #require(pool.columns.count > before)
            let best = strategy.bestColumns(pool: pool, solved: solved, fixed: [Int?](repeating: nil, count: blocks))
            #expect(best.allSatisfy { $0.map { $0 < before } ?? false }, "seed \(seed): \(best)")
            checked += 1
        }
        #expect(checked == 1)
    }

    /// When the master IP gives no rota, one column a block does: a feasible point, priced by
    /// the checker at its objective, no better than the optimum.
    @Test func oneColumnPerBlockIsARota() throws {
        var checked = 0
        for seed in 1...(60 as UInt64) where checked < 2 {
            guard let (compiled, optimum, strategy, master, pool, _) = try convergedMaster(seed: seed),
                  let point = try strategy.oneColumnPerBlock(master, pool: pool, total: 30, elapsed: { 0 }, tuning: MIPTuning()) else { continue }
            checked += 1
            #expect(compiled.model.infeasibilities(of: point).isEmpty, "seed \(seed)")
            let objective = compiled.model.objectiveValue(of: point)
            #expect(objective >= optimum - 1e-6, "seed \(seed)")
            let check = RotaChecker(scenario: RandomScenario.make(seed: seed)).check(compiled.rota(from: point))
            #expect(check.violations.isEmpty, "seed \(seed): \(check.violations)")
            #expect(abs(check.totalCost - objective) < 1e-6, "seed \(seed)")
        }
        #expect(checked == 2)
        // The Curtois cover is elastic: any one column a block is a rota, even before any master LP.
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyWeekend).scenario(name: "tiny"))
        let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver())
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: try DantzigWolfeDecomposition.make(compiled))
        let pool = try strategy.makePool(master)
        _ = try strategy.generateColumns(master, pool: pool, until: 30, threads: 1, elapsed: { 0 }, rounded: { $0 }, progress: nil)
        let point = try #require(try strategy.oneColumnPerBlock(master, pool: pool, total: 30, elapsed: { 0 }, tuning: MIPTuning()))
        #expect(compiled.model.infeasibilities(of: point).isEmpty)
    }

    @Test func diveWithoutTimeGivesNothing() throws {
        let (_, strategy, master, pool) = try convergedTiny(tinyTwoShifts)
        #expect(try strategy.dive(master, pool: pool, until: 1, threads: 1, elapsed: { 2 }) == nil)
    }

    /// A dive whose time runs out after its first step completes with every free block's
    /// best column of the last LP: one column per block, and a rota the master IP accepts.
    @Test func diveOutOfTimeCompletesWithTheBestColumns() throws {
        let (compiled, strategy, master, pool) = try convergedTiny(tinyWeekend)
        // The clock: 0 for the loop test and the first LP, then past the deadline.
        var calls = 0
        let dive = try #require(try strategy.dive(master, pool: pool, until: 1, threads: 1, elapsed: {
            calls += 1
            return calls <= 2 ? 0 : 100
        }))
        #expect(dive.completed)
        #expect(dive.steps == 1)
        #expect(Set(dive.chosen.map { pool.columns[$0].block }) == Set(0..<master.blockCount))
        #expect(dive.chosen.count == master.blockCount)
        let chosen = dive.chosen.map { pool.columns[$0] }
        let small = try GLPKSolver().solve(master.masterIP(columns: chosen), options: SolveOptions(), progress: nil)
        let point = try #require(master.fullPoint(ipValues: small.values, columns: chosen))
        #expect(compiled.model.infeasibilities(of: compiled.tightened(point)).isEmpty)
    }

    /// Curtois costs are integral; a fractional weight makes rounding the bound invalid.
    @Test func boundsAreRoundedOnlyForIntegralObjectives() throws {
        let curtois = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        #expect(curtois.hasIntegralObjective)
        var fractional = curtois
        fractional.model.addObjective(curtois.assignments[0].variable, coefficient: 0.5, ruleID: "TEST")
        #expect(!fractional.hasIntegralObjective)
        var continuous = curtois
        let v = continuous.model.addVariable(name: "free", kind: .continuous, lower: 0, upper: 1, ruleID: "TEST")
        continuous.model.addObjective(v, coefficient: 1, ruleID: "TEST")
        #expect(!continuous.hasIntegralObjective)
    }

    // MARK: The whole strategy

    /// On tiny Curtois instances, column generation reaches the brute-force optimum, proves it,
    /// and the checker prices its rota at the objective.
    @Test(arguments: [tinyTwoShifts, tinyWeekend])
    func curtoisOptimumIsReachedAndProved(text: String) throws {
        let instance = try CurtoisInstance.parse(text)
        let scenario = try instance.scenario(name: "tiny")
        let solution = try RotaSolver().solve(scenario, options: options())
        let brute = try #require(bruteForceOptimum(instance))
        #expect(solution.objective == Double(brute), "\(solution.rawStatus)")
        #expect(solution.termination == .optimal)
        #expect(solution.bound == solution.objective)
        #expect(solution.rawStatus.hasPrefix("cg iterations="))
        let check = RotaChecker(scenario: scenario).check(solution.rota)
        #expect(check.violations.isEmpty)
        #expect(check.totalCost == Double(brute))
        #expect(instance.objective(of: CurtoisInstance.roster(solution.rota)) == brute)
    }

    /// On ordinary scenarios: the rota passes the checker at the objective, the bound is at
    /// most the objective, and where the direct solve proves an optimum, the same optimum.
    @Test func ordinaryScenariosMatchTheDirectOptimum() throws {
        var tested = 0
        for seed in 1...(60 as UInt64) where tested < 4 {
            let scenario = RandomScenario.make(seed: seed)
            guard (try? DantzigWolfeDecomposition.make(ModelCompiler.compile(scenario))) != nil,
                  let direct = try? RotaSolver().solve(scenario), direct.termination == .optimal else { continue }
            tested += 1
            let cg = try RotaSolver().solve(scenario, options: options())
            #expect(cg.rawStatus.hasPrefix("cg iterations="), "seed \(seed): \(cg.rawStatus)")
            #expect(abs(cg.objective - direct.objective) < 1e-6, "seed \(seed): cg \(cg.objective) vs direct \(direct.objective)")
            let bound = try #require(cg.bound)
            #expect(bound <= cg.objective + 1e-9)
            #expect(cg.termination == .optimal, "seed \(seed): \(cg.rawStatus)")
            let check = RotaChecker(scenario: scenario).check(cg.rota)
            #expect(check.violations.isEmpty, "seed \(seed)")
            #expect(abs(check.totalCost - cg.objective) < 1e-6, "seed \(seed)")
        }
        #expect(tested == 4)
    }

    /// With a closing-gap limit of 0, a rota still above the settled bound after
    /// branch-and-price is searched without the neighbourhood search's proof run; the rota
    /// still passes the checker at the objective and the bound stays valid.
    @Test func aLargeGapGoesStraightToTheNeighbourhoodSearch() throws {
        var gated = 0
        for seed in 1...(40 as UInt64) where gated < 2 {
            let scenario = RandomScenario.make(seed: seed)
            guard (try? DantzigWolfeDecomposition.make(ModelCompiler.compile(scenario))) != nil,
                  let direct = try? RotaSolver().solve(scenario), direct.termination == .optimal else { continue }
            var o = RotaSolveOptions(timeLimit: 6)
            o.strategy = .columnGeneration(ColumnGenerationSettings(divingShare: 0, branchingShare: 0, closingGapLimit: 0,
                                                                    lns: LNSSettings(subproblemTimeLimit: 1, initialResources: 1)))
            o.threads = 2
            let cg = try RotaSolver().solve(scenario, options: o)
            let check = RotaChecker(scenario: scenario).check(cg.rota)
            #expect(check.violations.isEmpty, "seed \(seed)")
            #expect(abs(check.totalCost - cg.objective) < 1e-6, "seed \(seed)")
            #expect((cg.bound ?? -.infinity) <= direct.objective + 1e-6, "seed \(seed): bound above the optimum")
            guard cg.rawStatus.contains("no proof run") else { continue }
            gated += 1
            #expect(!cg.rawStatus.contains("; proof "), "seed \(seed): \(cg.rawStatus)")
        }
        #expect(gated >= 1, "no scenario left a gap after the master IP")
    }

    /// A tree told to stop after one node without movement stops there, keeping the root's
    /// bound; without that limit the same tree goes on (the test above proves it closes).
    @Test func aTreeThatDoesNotMoveStops() throws {
        var stalled = 0
        for seed in 1...(60 as UInt64) where stalled < 2 {
            guard let (compiled, _, strategy, master, pool, root) = try convergedMaster(seed: seed),
                  let diveCost = try diveCost(compiled, strategy, master, pool) else { continue }
            let tree = try strategy.branchAndPrice(master, pool: pool, incumbent: diveCost, rootBound: root, until: 60, threads: 2,
                                                   elapsed: { 0 }, rounded: { $0 }, stallNodes: 1, progress: nil)
            guard tree.stalled else { continue }
            stalled += 1
            #expect(tree.nodes == 1, "seed \(seed)")
            #expect(!tree.finished && tree.improved == nil, "seed \(seed)")
            #expect(abs(tree.bound - root) <= 1e-6 * max(1, abs(root)), "seed \(seed): \(tree.bound) against the root's \(root)")
        }
        #expect(stalled == 2)
    }

    @Test func invalidSettingsAreRejected() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        for settings in [ColumnGenerationSettings(columnGenerationShare: 1.5), ColumnGenerationSettings(smoothing: 1),
                         ColumnGenerationSettings(pricingTimeLimit: .nan), ColumnGenerationSettings(artificialPenalty: 0),
                         ColumnGenerationSettings(divingShare: -0.1), ColumnGenerationSettings(divingPricingRounds: -1),
                         ColumnGenerationSettings(divingFixShare: 2), ColumnGenerationSettings(branchingShare: .nan),
                         ColumnGenerationSettings(closingGapLimit: -0.01), ColumnGenerationSettings(columnsPerBlock: 0),
                         ColumnGenerationSettings(branchingStallNodes: -1), ColumnGenerationSettings(divingColumnsPerBlock: -1),
                         ColumnGenerationSettings(divingPoolThreshold: -1), ColumnGenerationSettings(seededMasterIPTimeLimit: 0),
                         { var s = ColumnGenerationSettings(); s.minimumPricingRounds = -1; return s }()] {
            #expect(!settings.defects.isEmpty)
            let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(), settings: settings)
            #expect(throws: InvalidModelError.self) { try strategy.solve(timeLimit: 5, relativeGap: 0, threads: 1, verbose: false, progress: nil) }
        }
        #expect(ColumnGenerationSettings().defects.isEmpty)
    }

    /// Pricing rounds too slow for column generation's share, judged by the first: the
    /// neighbourhood search gets the time, says so, keeps column generation's bound (valid,
    /// at most the objective) and still reaches the optimum on a tiny instance.
    @Test(arguments: [tinyTwoShifts, tinyWeekend])
    func slowPricingRoundsHandOverToTheNeighbourhoodSearch(text: String) throws {
        let instance = try CurtoisInstance.parse(text)
        let scenario = try instance.scenario(name: "tiny")
        let brute = try #require(bruteForceOptimum(instance))
        var settings = ColumnGenerationSettings()
        // Every first round is too slow for a million rounds in the share.
        settings.minimumPricingRounds = 1_000_000
        var o = options()
        o.strategy = .columnGeneration(settings)
        let solution = try RotaSolver().solve(scenario, options: o)
        #expect(solution.rawStatus.hasPrefix("cg: a pricing round takes "), "\(solution.rawStatus)")
        #expect(solution.rawStatus.contains("fell back to the neighbourhood search"))
        #expect(solution.objective == Double(brute), "\(solution.rawStatus)")
        let bound = try #require(solution.bound)
        #expect(bound <= solution.objective + 1e-9)
        #expect(RotaChecker(scenario: scenario).check(solution.rota).totalCost == solution.objective)
        // With the default, the same instance is solved by column generation itself.
        #expect(try RotaSolver().solve(scenario, options: options()).rawStatus.hasPrefix("cg iterations="))
    }

    /// A model that does not decompose falls back to the neighbourhood search and says so.
    @Test func nonDecomposableModelsFallBackToTheNeighbourhoodSearch() throws {
        var text = tinyWeekend
        text = text.replacingOccurrences(of: "B,D=5,2400,960,2,2,2,1\n", with: "")
        text = text.replacingOccurrences(of: "SECTION_DAYS_OFF\nB,0\n", with: "SECTION_DAYS_OFF\n")
        text = text.replacingOccurrences(of: "B,2,D,1\n", with: "")
        let instance = try CurtoisInstance.parse(text)
        let scenario = try instance.scenario(name: "one")
        let cg = try RotaSolver().solve(scenario, options: options())
        #expect(cg.rawStatus.hasPrefix("cg: not decomposable"), "\(cg.rawStatus)")
        #expect(cg.rawStatus.contains("fell back to the neighbourhood search"))
        let direct = try RotaSolver().solve(scenario)
        #expect(cg.objective == direct.objective)
        #expect(RotaChecker(scenario: scenario).check(cg.rota).totalCost == cg.objective)
    }
}
