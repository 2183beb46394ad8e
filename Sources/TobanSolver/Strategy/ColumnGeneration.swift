import Foundation
import TobanMIP
import TobanModel

/// Settings of ``ColumnGeneration``.
public struct ColumnGenerationSettings: Sendable, Hashable {
    /// Share of the time limit for column generation (the master LP and pricing rounds).
    public var columnGenerationShare: Double
    /// Share of the time limit for diving on the master LP after column generation (a primal
    /// heuristic: fix one block's column, re-price the others, repeat); 0 turns it off.
    public var divingShare: Double
    /// Pricing rounds after each fixing of the dive, at most.
    public var divingPricingRounds: Int
    /// Share of the free blocks the dive fixes at least per step (at least one), those whose
    /// best column has the largest λ; blocks already at λ = 1 are fixed too.
    public var divingFixShare: Double
    /// Columns per block of column generation's pool the dive works with when the pool has
    /// more than ``divingPoolThreshold`` columns: those with λ > 0 in the converged master LP
    /// and this many of least reduced cost (the rest are held at 0 during the dive); 0 keeps
    /// every column. A dive over the whole pool of a large instance spends its share in the
    /// master LP (Instance12: 13,500 columns at the end, 17–20 s a step, 150 s; over 30
    /// columns a block, 28 s).
    public var divingColumnsPerBlock: Int
    /// Pool size above which the dive holds columns back (``divingColumnsPerBlock``). On the
    /// smaller pools the held-back columns are what the dive needs (Instance7, 2,285 columns:
    /// 1163 with them held back, 1060 without; Instance8 1616 against 1317).
    public var divingPoolThreshold: Int
    /// Share of the time left after the restricted master IP for branch-and-price (while a
    /// gap remains after convergence); 0 turns it off.
    public var branchingShare: Double
    /// Relative gap between the rota after branch-and-price and a settled column-generation
    /// bound (converged, or stalled) above which the neighbourhood search runs without its own
    /// proof run, searching until the time limit: a gap that large is closed by better rotas,
    /// not by a higher bound.
    public var closingGapLimit: Double
    /// Nodes after which branch-and-price stops when its least open bound is still the
    /// root's and it found no rota (0: never): such a tree does not close the gap, and the
    /// neighbourhood search gets its time.
    public var branchingStallNodes: Int
    /// Share of the time limit for the restricted master solved as an integer program over
    /// the generated columns (price-and-branch).
    public var masterIPShare: Double
    /// Seconds for that master IP at most when the dive gave it a start rota: seeded with the
    /// dive's rota it improved it only on Instance5, within 3 s, while on Instance12 and 14 its
    /// share (90 s of 600) went to the neighbourhood search's cost.
    public var seededMasterIPTimeLimit: Double
    /// Time limit of one pricing problem, in seconds, at first: a pricing problem stopped early
    /// still gives a column (its incumbent) and a valid bound, and one hard pricing problem
    /// does not stall a whole round. When a round prices out nothing without every pricing
    /// problem proved, the limit is multiplied by 4 and the round repeated; a second such
    /// round that leaves the rounded bound where it was ends column generation as stalled.
    public var pricingTimeLimit: Double
    /// Share of the time left after price-and-branch for one run on the whole model seeded
    /// with its rota (which may prove it where the compact bound is the stronger one).
    public var seededRunShare: Double
    /// Whether blocks made of one resource's days are priced by dynamic programming over the
    /// days (``LabellingPricer``, exact) instead of GLPK's branch-and-cut.
    public var labelling: Bool
    /// Labels on one day at most before the labelling of a block gives up for good (GLPK
    /// prices it from then on).
    public var labelLimit: Int
    /// Seconds one labelling run may take at most (and at most the pricing time limit) before
    /// it gives up for good, the block going to GLPK: a block whose labelling is slow has too
    /// many states, and GLPK's branch-and-cut may still solve it in milliseconds.
    public var labellingTimeLimit: Double
    /// Columns one labelled pricing problem may add per round, at most: its optimum and the
    /// next cheapest completions of its last day with a negative reduced cost. More columns a
    /// round mean fewer rounds (each a master LP and a pricing problem per block).
    public var columnsPerBlock: Int
    /// GLPK features for the pricing problems.
    public var pricingTuning: MIPTuning
    /// GLPK features for the pricing problems of a block whose pricing once ran out of time:
    /// by default MIR cuts, which solved such a problem in milliseconds where plain GLPK took
    /// more than 30 s (they slow the easy ones down, hence not for every block).
    public var hardPricingTuning: MIPTuning
    /// Wentges dual smoothing: pricing uses `α·(best duals so far) + (1 − α)·(master duals)`;
    /// 0 turns it off.
    public var smoothing: Double
    /// Cost of an artificial variable of the master LP per unit of violation of a linking row.
    public var artificialPenalty: Double
    /// Time budget in seconds for column generation and the master IP when the solve has no
    /// time limit (the neighbourhood search then uses its own untimed budget).
    public var untimedBudget: Double
    /// The neighbourhood search that improves the price-and-branch rota when a gap remains,
    /// and that runs instead when the model does not decompose.
    public var lns: LNSSettings
    /// Pricing rounds that must fit in column generation's share, judged by the second round's
    /// time, or the neighbourhood search gets the time instead; 0: never.
    ///
    /// A model whose rounds are that slow gets neither a converged bound nor a useful rota
    /// from column generation. Curtois Instance13 at 600 s: a round takes 41–83 s (120 blocks,
    /// most of them priced by GLPK) against a 300 s share; column generation then gave 7243
    /// with the bound 220, the neighbourhood search alone 5036. The others' second rounds fit
    /// 40 times or more: Instance8 at 60 s 0.7 s against a 30 s share, Instance14 at 600 s
    /// 3.7–7 s, Instance9–12 under 1.6 s.
    public var minimumPricingRounds = 10

    /// Creates settings; the defaults are those measured in `docs/benchmarks.md`.
    public init(columnGenerationShare: Double = 0.5, divingShare: Double = 0.25, divingPricingRounds: Int = 2, divingFixShare: Double = 0.2,
                divingColumnsPerBlock: Int = 30, divingPoolThreshold: Int = 8_000,
                masterIPShare: Double = 0.15, seededMasterIPTimeLimit: Double = 10, branchingShare: Double = 0.35, closingGapLimit: Double = 0.05, branchingStallNodes: Int = 30,
                pricingTimeLimit: Double = 1,
                seededRunShare: Double = 0.15, labelling: Bool = true, labelLimit: Int = 40_000, labellingTimeLimit: Double = 0.5,
                columnsPerBlock: Int = 6, pricingTuning: MIPTuning = MIPTuning(),
                hardPricingTuning: MIPTuning = MIPTuning(list: "mir") ?? MIPTuning(), smoothing: Double = 0,
                artificialPenalty: Double = 1e5, untimedBudget: Double = 60, lns: LNSSettings = LNSSettings()) {
        self.columnGenerationShare = columnGenerationShare
        self.divingShare = divingShare
        self.divingPricingRounds = divingPricingRounds
        self.divingFixShare = divingFixShare
        self.divingColumnsPerBlock = divingColumnsPerBlock
        self.divingPoolThreshold = divingPoolThreshold
        self.branchingShare = branchingShare
        self.masterIPShare = masterIPShare
        self.seededMasterIPTimeLimit = seededMasterIPTimeLimit
        self.closingGapLimit = closingGapLimit
        self.branchingStallNodes = branchingStallNodes
        self.pricingTimeLimit = pricingTimeLimit
        self.seededRunShare = seededRunShare
        self.labelling = labelling
        self.labelLimit = labelLimit
        self.labellingTimeLimit = labellingTimeLimit
        self.columnsPerBlock = columnsPerBlock
        self.pricingTuning = pricingTuning
        self.hardPricingTuning = hardPricingTuning
        self.smoothing = smoothing
        self.artificialPenalty = artificialPenalty
        self.untimedBudget = untimedBudget
        self.lns = lns
    }

    /// What is wrong with these settings, if anything (shares outside [0, 1], a smoothing
    /// factor outside [0, 1), non-positive times or penalty).
    public var defects: [ModelDefect] {
        var found: [ModelDefect] = []
        for (name, share) in [("columnGenerationShare", columnGenerationShare), ("divingShare", divingShare), ("divingFixShare", divingFixShare),
                              ("masterIPShare", masterIPShare), ("branchingShare", branchingShare), ("seededRunShare", seededRunShare)]
        where !(share.isFinite && share >= 0 && share <= 1) {
            found.append(ModelDefect("column generation: \(name) must be in [0, 1], got \(share)"))
        }
        if !(smoothing.isFinite && smoothing >= 0 && smoothing < 1) {
            found.append(ModelDefect("column generation: smoothing must be in [0, 1), got \(smoothing)"))
        }
        if labelLimit < 1 {
            found.append(ModelDefect("column generation: labelLimit must be positive, got \(labelLimit)"))
        }
        if !(closingGapLimit.isFinite && closingGapLimit >= 0) {
            found.append(ModelDefect("column generation: closingGapLimit must be a non-negative number, got \(closingGapLimit)"))
        }
        if branchingStallNodes < 0 {
            found.append(ModelDefect("column generation: branchingStallNodes must not be negative, got \(branchingStallNodes)"))
        }
        if columnsPerBlock < 1 {
            found.append(ModelDefect("column generation: columnsPerBlock must be positive, got \(columnsPerBlock)"))
        }
        for (name, count) in [("divingColumnsPerBlock", divingColumnsPerBlock), ("divingPoolThreshold", divingPoolThreshold)] where count < 0 {
            found.append(ModelDefect("column generation: \(name) must not be negative, got \(count)"))
        }
        if minimumPricingRounds < 0 {
            found.append(ModelDefect("column generation: minimumPricingRounds must not be negative, got \(minimumPricingRounds)"))
        }
        if divingPricingRounds < 0 {
            found.append(ModelDefect("column generation: divingPricingRounds must not be negative, got \(divingPricingRounds)"))
        }
        for (name, value) in [("pricingTimeLimit", pricingTimeLimit), ("labellingTimeLimit", labellingTimeLimit),
                              ("seededMasterIPTimeLimit", seededMasterIPTimeLimit),
                              ("artificialPenalty", artificialPenalty), ("untimedBudget", untimedBudget)]
        where !(value.isFinite && value > 0) {
            found.append(ModelDefect("column generation: \(name) must be a positive number, got \(value)"))
        }
        return found
    }
}

/// Dantzig–Wolfe column generation (price-and-branch) on a compiled scenario, with GLPK's
/// simplex on the master LP; a pricing problem is solved by dynamic programming over the
/// resource's days (``LabellingPricer``, exact) where its block allows, else by GLPK's
/// branch-and-cut.
///
/// 1. The model is decomposed into one block per resource (``DantzigWolfeDecomposition``);
///    rows touching several blocks or master variables are linking rows. A model with fewer
///    than two blocks falls back to the ``LargeNeighbourhoodSearch`` and says so in `rawStatus`.
/// 2. Column generation: the master LP has the master variables, one λ per generated block
///    solution, a convexity row per block and artificials on the linking rows (so it is
///    feasible from the first iteration). Each block's pricing problem (its block rows, cost
///    = block costs − duals × linking coefficients) is solved exactly as a small MIP; columns
///    with negative reduced cost are added. Every pricing round gives a Lagrangian bound,
///    valid for the whole model; the best one is kept, and rounded up when the objective is
///    provably integral (``CompiledModel/hasIntegralObjective``). When the second round shows
///    that fewer than ``ColumnGenerationSettings/minimumPricingRounds`` fit in the share, the
///    neighbourhood search gets the rest of the time instead, with that bound.
/// 3. After convergence, a dive on the master LP (``dive(_:pool:until:threads:elapsed:)``)
///    gives a first rota.
/// 4. Price-and-branch: the master over every generated column is solved as an integer
///    program seeded with the dive's rota; its solution maps back to a full model point. If it
///    finds none in its time, one column a block gives the first rota
///    (``oneColumnPerBlock(_:pool:total:elapsed:tuning:)``).
/// 5. While a gap remains after convergence, branch-and-price
///    (``branchAndPrice(_:pool:incumbent:rootBound:until:threads:elapsed:rounded:progress:)``)
///    for a share of the time left: it raises the bound, may find a better rota, or proves it.
///    Then, if the tree added columns, the restricted master IP again over all of them.
/// 6. If a gap remains, a short run on the whole model seeded with the best rota (the compact
///    bound is sometimes the stronger one), then the neighbourhood search from it, which
///    stops as soon as it reaches the bound. The result's bound is the best of the column
///    generation and tree bounds and the compact model's; ``TerminationStatus/optimal``
///    only when the bound meets the incumbent.
public struct ColumnGeneration: Sendable {
    let compiled: CompiledModel
    let backend: any MIPSolver
    let lpSolver: any LPSolver
    let settings: ColumnGenerationSettings

    /// Creates the strategy over `compiled`: `backend` solves the pricing problems, the master
    /// IP and the neighbourhood search's sub-problems; `lpSolver` solves the master LP.
    public init(compiled: CompiledModel, backend: any MIPSolver, lpSolver: any LPSolver,
                settings: ColumnGenerationSettings = ColumnGenerationSettings()) {
        self.compiled = compiled
        self.backend = backend
        self.lpSolver = lpSolver
        self.settings = settings
    }

    /// What column generation alone reached: the best bound and the statistics (the columns
    /// are in the ``ColumnPool``).
    struct Outcome: Sendable {
        var bound: Double?
        var iterations: Int
        var converged: Bool
        /// Whether the last full pricing round added no column although not every pricing
        /// problem was proved: the master LP is optimal over every column the pricing finds.
        var stalled = false
        /// The second round's time when it showed that fewer than
        /// ``ColumnGenerationSettings/minimumPricingRounds`` fit the share, and column
        /// generation stopped there; nil otherwise.
        var tooSlowRound: Double?
        var lastMasterObjective: Double?
        var artificialsInUse: Bool
        var infeasibleBlock: String?
    }

    struct PricingFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the strategy; `timeLimit` bounds the whole (nil: ``ColumnGenerationSettings/untimedBudget``
    /// for column generation and the master IP).
    public func solve(timeLimit: Double?, relativeGap: Double, threads: Int, verbose: Bool, tuning: MIPTuning = MIPTuning(),
                      progress: ProgressHandler?) throws -> SolveResult {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return d.inSeconds
        }
        let model = compiled.model
        if !settings.defects.isEmpty { throw InvalidModelError(defects: settings.defects) }
        func fallback(_ why: String) throws -> SolveResult {
            let lns = LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: settings.lns)
            var result = try lns.solve(timeLimit: timeLimit.map { Swift.max(1, $0 - elapsed()) }, relativeGap: relativeGap, threads: threads,
                                       verbose: verbose, tuning: tuning, progress: progress)
            result.rawStatus = "cg: \(why); fell back to the neighbourhood search: " + result.rawStatus
            result.time = elapsed()
            return result
        }
        guard model.sense == .minimize else { return try fallback("only minimisation is supported") }
        let decomposition: DantzigWolfeDecomposition
        do {
            decomposition = try DantzigWolfeDecomposition.make(compiled)
        } catch {
            return try fallback(error.description)
        }
        var master = DantzigWolfeMaster(model: model, decomposition: decomposition)
        if settings.labelling { master.labellers = makeLabellers(master) }
        let total = timeLimit ?? settings.untimedBudget
        let integral = compiled.hasIntegralObjective
        func rounded(_ bound: Double) -> Double { integral ? (bound - 1e-6).rounded(.up) : bound }

        // 1–2. Column generation.
        let pool = try makePool(master)
        let outcome: Outcome
        do {
            outcome = try generateColumns(master, pool: pool, until: total * settings.columnGenerationShare, threads: threads,
                                          elapsed: elapsed, rounded: rounded, progress: progress)
        } catch let failure as PricingFailure {
            return try fallback(failure.description)
        }
        if let round = outcome.tooSlowRound {
            // The neighbourhood search instead; column generation's bound is still valid.
            var result = try fallback("a pricing round takes \(String(format: "%.1f", round)) s, fewer than \(settings.minimumPricingRounds) fit in its share")
            if let cgBound = outcome.bound.map(rounded), result.primal == .feasiblePoint, let objective = result.objective {
                let bound = Swift.min(objective, Swift.max(result.bound ?? -.infinity, cgBound))
                result.bound = bound
                if LargeNeighbourhoodSearch.meets(objective, bound: bound) { result.termination = .optimal }
            }
            return result
        }
        if let block = outcome.infeasibleBlock {
            return SolveResult(termination: .infeasible, primal: .noSolution, values: [], objective: nil, bound: nil, time: elapsed(),
                               rawStatus: "cg: the block rows of resource \(block) have no solution")
        }
        var cgBound = outcome.bound.map(rounded)
        var raw = "cg iterations=\(outcome.iterations) columns=\(pool.columns.count) converged=\(outcome.converged)"
        if let z = outcome.lastMasterObjective { raw += " master-lp=\(Self.format(z))" }
        if let b = outcome.bound { raw += " lagrangian=\(Self.format(b))" }
        if outcome.artificialsInUse { raw += " artificials-in-use" }

        // 3. Diving (its rota seeds branch-and-price and the restricted master IP below).
        var incumbent: [Double]?
        var best = Double.infinity
        var diveStart: (masters: [Double], chosen: [Int])?
        // Only after convergence, or once the pricing finds no more columns though some of its
        // problems stay unproved (Instance14: the master LP at 1278, the optimum, from 205 s of
        // 600 on; the master IP over those columns then gave 3794 and the neighbourhood search
        // had 85 s left). On a master still gaining columns (Instance8 at 60 s) the dive fixes
        // columns priced against poor duals and takes the time the neighbourhood search needs.
        if outcome.converged || outcome.stalled, !pool.columns.isEmpty, settings.divingShare > 0 {
            let deadline = Swift.min(total, elapsed() + total * settings.divingShare)
            if let dive = try dive(master, pool: pool, until: deadline, threads: threads, elapsed: elapsed) {
                raw += "; dive steps=\(dive.steps) pricing-rounds=\(dive.pricingRounds)" + (dive.completed ? " completed at the deadline" : "")
                // The master variables for the chosen columns, with their integrality.
                let chosen = dive.chosen.map { pool.columns[$0] }
                let (small, point) = try solveMasterIP(master, columns: chosen, timeLimit: Swift.max(0.5, Swift.min(5, total - elapsed())),
                                                       start: nil, verbose: false, tuning: tuning)
                if let values = point {
                    incumbent = values
                    best = model.objectiveValue(of: values)
                    raw += " rota=\(Self.format(best))"
                    diveStart = (Array(small.values[0..<master.decomposition.masterVariables.count]), dive.chosen)
                }
            } else {
                raw += "; dive found no rota"
            }
        }

        // Conservative, as GLPK's own status: optimal only when the bound meets the incumbent
        // within a relative 1e-7 (GLPK's objective tolerance).
        func meets(_ bound: Double?) -> Bool {
            guard let bound, best.isFinite else { return false }
            return LargeNeighbourhoodSearch.meets(best, bound: bound)
        }
        func withinGap(_ bound: Double?) -> Bool {
            guard let bound, best.isFinite, relativeGap > 0 else { return false }
            return LargeNeighbourhoodSearch.gap(best, bound) <= relativeGap
        }
        // Takes `values` as the incumbent when it is cheaper.
        func adopt(_ values: [Double]) {
            let objective = model.objectiveValue(of: values)
            if objective < best - 1e-9 {
                incumbent = values
                best = objective
            }
        }
        func result(values: [Double], bound: Double?) -> SolveResult {
            let termination: TerminationStatus = meets(bound) ? .optimal : (withinGap(bound) ? .gapLimit : .timeLimit)
            return SolveResult(termination: termination, primal: .feasiblePoint, values: values, objective: best,
                               bound: termination == .optimal ? best : bound.map { Swift.min($0, best) }, time: elapsed(), rawStatus: raw)
        }
        // 4. Price-and-branch: the master IP over every generated column, seeded with the dive's
        //    rota.
        let columns = pool.columns
        // Each restricted master IP over the pool: its share of the time, within the time left.
        func masterIPLimit() -> Double { Swift.max(0.5, Swift.min(total * settings.masterIPShare, total - elapsed())) }
        var ipStart: [Double]?
        if let diveStart {
            var start = diveStart.masters + [Double](repeating: 0, count: columns.count)
            for n in diveStart.chosen { start[diveStart.masters.count + n] = 1 }
            ipStart = start
        }
        if !columns.isEmpty {
            let limit = ipStart == nil ? masterIPLimit() : Swift.min(masterIPLimit(), settings.seededMasterIPTimeLimit)
            let (ip, point) = try solveMasterIP(master, columns: columns, timeLimit: limit, start: ipStart, verbose: verbose, tuning: tuning)
            raw += "; master-ip " + ip.rawStatus
            if let point { adopt(point) }
        }
        if incumbent == nil, !columns.isEmpty, let point = try oneColumnPerBlock(master, pool: pool, total: total, elapsed: elapsed,
                                                                                tuning: tuning) {
            // No rota from the master IP in its time (Instance8 at 60 s, unconverged, in about
            // one run of three): one column a block, so that the search below has a start.
            adopt(point)
            raw += "; one column a block rota=\(Self.format(best))"
        }
        if incumbent != nil { try progress?(SolveProgress(incumbent: best, bound: cgBound, elapsed: elapsed())) }
        if let incumbent, meets(cgBound) || withinGap(cgBound) {
            return result(values: incumbent, bound: cgBound)
        }

        // 5. Branch-and-price while a gap remains (the root master LP below the optimum).
        var treeStalled = false
        if outcome.converged, let rootBound = outcome.bound, best.isFinite, settings.branchingShare > 0, elapsed() < total {
            let deadline = elapsed() + (total - elapsed()) * settings.branchingShare
            let tree = try branchAndPrice(master, pool: pool, incumbent: best, rootBound: rootBound, until: deadline, threads: threads,
                                          elapsed: elapsed, rounded: rounded, stallNodes: settings.branchingStallNodes, progress: progress)
            raw += "; branch-and-price nodes=\(tree.nodes) finished=\(tree.finished)" + (tree.stalled ? " stalled" : "")
            treeStalled = tree.stalled
            if let values = tree.improved {
                incumbent = values
                best = tree.best
            }
            cgBound = Swift.max(cgBound ?? -.infinity, rounded(tree.bound))
            if tree.finished { cgBound = best }
            try progress?(SolveProgress(incumbent: best, bound: cgBound, elapsed: elapsed()))
            if let incumbent, meets(cgBound) || withinGap(cgBound) {
                return result(values: incumbent, bound: cgBound)
            }
        }

        // 5b. The restricted master IP again, over the tree's columns too: they were priced
        //     under the tree's decisions and combine into rotas the root's columns do not
        //     (Instance6: the dive 2059, this 1950, the optimum, so proved at 31 s of 60).
        //     Not after a tree that stalled at the root's bound: it found nothing new.
        let phaseTrace = ProcessInfo.processInfo.environment["TOBAN_CG_TRACE"] != nil
        func tracePhase(_ what: String) {
            if phaseTrace { FileHandle.standardError.write(Data("cg \(what) t=\(elapsed())\n".utf8)) }
        }
        if pool.columns.count > columns.count, !treeStalled, elapsed() < total {
            tracePhase("master IP over the tree's columns")
            let all = pool.columns
            let before = best
            let (second, point) = try solveMasterIP(master, columns: all, timeLimit: masterIPLimit(), start: nil, verbose: verbose,
                                                    tuning: tuning)
            raw += "; master-ip over \(all.count) columns " + second.rawStatus
            if let point { adopt(point) }
            if best < before { try progress?(SolveProgress(incumbent: best, bound: cgBound, elapsed: elapsed())) }
            if let incumbent, meets(cgBound) || withinGap(cgBound) {
                return result(values: incumbent, bound: cgBound)
            }
        }

        // A rota still far above a bound that column generation has settled (converged, or
        // stalled at the master LP's value) is a primal problem: the compact model's bound is
        // no stronger than that one, so the neighbourhood search's own proof run gives its time
        // to the search itself. (The seeded run below stays: skipping it too was measured only
        // together with a dive without the labelling's alternatives, whose worse rota was what
        // stopped Instance7 at 1262.)
        let primalGap: Bool
        if let cgBound, best.isFinite, outcome.converged || outcome.stalled {
            primalGap = LargeNeighbourhoodSearch.gap(best, cgBound) > settings.closingGapLimit
        } else {
            primalGap = false
        }
        if primalGap { raw += "; gap above \(settings.closingGapLimit): no proof run" }

        // 6. A short run on the whole model seeded with that rota: where the compact model's
        //    bound is the stronger one (the Dantzig–Wolfe bound is not always tight), GLPK may
        //    prove the rota optimal at once.
        var compactBound: Double?
        // Both remaining phases take at least a second; with less left, a time limit means the
        // result now (Instance8 at 60 s: the master IP over the tree's columns ended at 60.6 s,
        // and the two took the run to 64 s).
        let outOfTime = timeLimit != nil && total - elapsed() < 1
        tracePhase(outOfTime ? "out of time before the seeded run" : "seeded run")
        if let start = incumbent, !outOfTime {
            let share = Swift.max(1, (total - elapsed()) * settings.seededRunShare)
            var seeded = SolveOptions(timeLimit: share, relativeGap: relativeGap, presolve: false, start: start, verbose: verbose)
            seeded.tuning = tuning
            let run = try backend.solve(model, options: seeded, progress: nil)
            raw += "; seeded " + run.rawStatus
            if run.primal == .feasiblePoint {
                let values = compiled.tightened(run.values)
                if model.infeasibilities(of: values).isEmpty { adopt(values) }
            }
            compactBound = run.termination == .optimal ? run.objective : run.bound
            let bound = [compactBound, cgBound].compactMap { $0 }.max()
            try progress?(SolveProgress(incumbent: best, bound: bound, elapsed: elapsed()))
            if let incumbent, meets(bound) || withinGap(bound) { return result(values: incumbent, bound: bound) }
        }

        // 7. The neighbourhood search from the best rota so far (or from scratch).
        if outOfTime, let incumbent {
            raw += "; no time left for the neighbourhood search"
            return result(values: incumbent, bound: [cgBound, compactBound].compactMap { $0 }.max())
        }
        tracePhase("neighbourhood search")
        let remaining = timeLimit.map { Swift.max(1, $0 - elapsed()) }
        var lnsSettings = settings.lns
        if primalGap { lnsSettings.proofShare = 0 }
        let lns = LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: lnsSettings)
        let provenBound = [cgBound, compactBound].compactMap { $0 }.max()
        let search = try lns.solve(timeLimit: remaining, relativeGap: relativeGap, threads: threads, verbose: verbose, tuning: tuning,
                                   initial: incumbent, stopAt: provenBound,
                                   progress: progress.map { handler in
                                       { p in
                                           let bound = [p.bound, provenBound].compactMap { $0 }.max()
                                           try handler(SolveProgress(incumbent: p.incumbent, bound: bound, elapsed: elapsed()))
                                       }
                                   })
        raw += "; " + search.rawStatus
        guard search.primal == .feasiblePoint, let objective = search.objective else {
            if let incumbent { return result(values: incumbent, bound: [cgBound, compactBound].compactMap { $0 }.max()) }
            var failed = search
            failed.rawStatus = raw
            failed.time = elapsed()
            return failed
        }
        var values = incumbent ?? search.values
        if objective < best || incumbent == nil {
            best = objective
            values = search.values
        }
        // The search's own bound is a compact-model bound (valid); having reached stopAt it
        // reports the bound it was given, provenBound. An optimum the search proved itself
        // (its proof run) is its objective.
        var bound = [search.bound, cgBound, compactBound].compactMap { $0 }.max()
        if search.termination == .optimal, objective <= best { bound = Swift.max(bound ?? objective, objective) }
        return result(values: values, bound: bound)
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    /// A ``LabellingPricer`` for every block it applies to (`TOBAN_CG_TRACE` says why not for the others).
    func makeLabellers(_ master: DantzigWolfeMaster) -> [LabellingPricer?] {
        let trace = ProcessInfo.processInfo.environment["TOBAN_CG_TRACE"] != nil
        return (0..<master.blockCount).map { b in
            switch LabellingPricer.make(compiled, master: master, block: b) {
            case .success(let pricer): return pricer
            case .failure(let why):
                if trace {
                    FileHandle.standardError.write(Data("cg block \(master.decomposition.blocks[b].resourceID) priced by GLPK: \(why)\n".utf8))
                }
                return nil
            }
        }
    }

    /// An empty pool over `master`'s LP. The artificials must cost more than any rota could
    /// gain from them, or they would cap the duals (the bound stays valid, but weak).
    func makePool(_ master: DantzigWolfeMaster) throws -> ColumnPool {
        let penalty = Swift.max(settings.artificialPenalty, 10 * (master.cost.map(Swift.abs).max() ?? 0))
        return try ColumnPool(master: master, lpSolver: lpSolver, penalty: penalty, cap: settings.pricingTimeLimit)
    }

    /// Column generation until convergence or `deadline` (seconds since the start), adding
    /// the columns to `pool`.
    func generateColumns(_ master: DantzigWolfeMaster, pool: ColumnPool, until deadline: Double, threads: Int, elapsed: () -> Double,
                         rounded: (Double) -> Double, progress: ProgressHandler?) throws -> Outcome {
        let blocks = master.blockCount
        let links = master.linkCount
        let lp = pool.lp
        var outcome = Outcome(bound: nil, iterations: 0, converged: false, lastMasterObjective: nil,
                              artificialsInUse: false, infeasibleBlock: nil)
        func add(_ column: GeneratedColumn) throws { try pool.add(column, convexityRow: links + column.block) }

        // The first columns: every block at its own least cost (duals 0).
        let zero = [Double](repeating: 0, count: links)
        var first = try price(master, duals: zero, deadline: deadline, threads: threads, elapsed: elapsed,
                              cap: Swift.max(pool.cap, 5), mustFinish: true)
        // Every block needs a first column. A block whose pricing problem found none in time is
        // priced again with the hard-problem tuning (MIR cuts: 3 ms instead of > 30 s on
        // Instance8's) and a longer limit before the strategy gives up on it.
        let late = Set(first.indices.filter { if case .skipped = first[$0] { return true } else { return false } })
        if !late.isEmpty {
            for b in late { pool.hard[b] = true }
            let retry = try price(master, duals: zero, deadline: deadline, threads: threads, elapsed: elapsed,
                                  cap: Swift.max(pool.cap, 30), hard: pool.hard, mustFinish: true, only: late)
            for b in late { first[b] = retry[b] }
        }
        for (b, p) in first.enumerated() {
            switch p {
            case .infeasible: outcome.infeasibleBlock = master.decomposition.blocks[b].resourceID; return outcome
            case .failed(let why): throw PricingFailure(description: "pricing of block \(master.decomposition.blocks[b].resourceID) failed: \(why)")
            case .skipped: throw PricingFailure(description: "pricing of block \(master.decomposition.blocks[b].resourceID) found no block solution in time")
            case .solved(let values, _, _, _): try add(makeColumn(master, block: b, values: values))
            }
        }
        outcome.bound = master.lagrangianBound(duals: zero, pricingBounds: first.map(\.bound))

        var center: [Double]?          // the duals of the best Lagrangian bound, for smoothing
        var centerBound = -Double.infinity
        if let b = outcome.bound { (center, centerBound) = (zero, b) }
        let trace = ProcessInfo.processInfo.environment["TOBAN_CG_TRACE"] != nil
        if trace {
            let d = master.decomposition
            let masterRules = Dictionary(grouping: d.masterVariables, by: { master.model.variables[$0].ruleID }).mapValues(\.count)
            let linkRules = Dictionary(grouping: d.linkingRows, by: { master.model.rows[$0].ruleID }).mapValues(\.count)
            let text = "cg blocks \(d.blocks.count) master variables \(masterRules.sorted { $0.key < $1.key }) linking rows \(linkRules.sorted { $0.key < $1.key })\n"
            FileHandle.standardError.write(Data(text.utf8))
        }
        var stalledBound: Double?
        var firstRoundEnd: Double?
        while elapsed() < deadline {
            let solved = try lp.solve(timeLimit: Swift.max(0.1, deadline - elapsed()))
            guard solved.status == .optimal, let z = solved.objective else {
                if solved.status == .timeLimit { break }
                throw PricingFailure(description: "master LP: \(solved.rawStatus)")
            }
            outcome.iterations += 1
            outcome.lastMasterObjective = z
            outcome.artificialsInUse = pool.usesArtificials(solved.values)
            let (masterDuals, convexityDuals) = master.duals(of: solved)
            if let b = outcome.bound, rounded(b) >= z - 1e-6 * Swift.max(1, Swift.abs(z)) {
                // The bound cannot rise above the master LP's value: nothing more to gain.
                outcome.converged = true
                break
            }
            var alpha = center == nil ? 0 : settings.smoothing
            var added = 0
            var allProved = true
            var outOfTime = false
            while true {
                allProved = true
                let duals: [Double]
                if alpha > 0, let center {
                    duals = master.projected(zip(center, masterDuals).map { alpha * $0 + (1 - alpha) * $1 })
                } else {
                    duals = masterDuals
                }
                let priced = try price(master, duals: duals, deadline: deadline, threads: threads, elapsed: elapsed, cap: pool.cap, hard: pool.hard)
                noteHardBlocks(priced, pool: pool)
                var bounds: [Double] = []
                if priced.allSatisfy({ if case .skipped = $0 { return true } else { return false } }) {
                    outOfTime = true  // the deadline came before any pricing problem ran
                    break
                }
                for (b, p) in priced.enumerated() {
                    guard case .solved(let values, let objective, let bound, let alternatives) = p else {
                        allProved = false
                        if case .failed(let why) = p {
                            throw PricingFailure(description: "pricing of block \(master.decomposition.blocks[b].resourceID) failed: \(why)")
                        }
                        continue
                    }
                    bounds.append(bound)
                    if objective - bound > 1e-9 * Swift.max(1, Swift.abs(objective)) { allProved = false }
                    // Against the master's own duals, whatever the pricing duals were.
                    added += try addPricedOut(values, alternatives: alternatives, block: b, master: master, pool: pool,
                                              duals: masterDuals, convexityDuals: convexityDuals)
                }
                if bounds.count == blocks, let value = master.lagrangianBound(duals: duals, pricingBounds: bounds) {
                    if value > (outcome.bound ?? -.infinity) { outcome.bound = value }
                    if value > centerBound { (center, centerBound) = (duals, value) }
                }
                if added > 0 || alpha == 0 || elapsed() >= deadline { break }
                alpha = 0  // mis-priced: the smoothed duals found nothing, price with the master's own
            }
            if outOfTime { break }
            if trace {
                let text = "cg iteration \(outcome.iterations) master \(z) bound \(outcome.bound ?? -.infinity) added \(added) columns \(pool.columns.count) t=\(elapsed())\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
            try progress?(SolveProgress(incumbent: nil, bound: outcome.bound.map(rounded), elapsed: elapsed()))
            // The second round, without the set-up and the first master LP, is the one that
            // shows the pace (Instance8: 1.9 s, then 0.7 s a round).
            if outcome.iterations == 1 { firstRoundEnd = elapsed() }
            if outcome.iterations == 2, added > 0, settings.minimumPricingRounds > 0, let firstRoundEnd {
                let round = elapsed() - firstRoundEnd
                if round * Double(settings.minimumPricingRounds) > deadline {
                    outcome.tooSlowRound = round
                    break
                }
            }
            outcome.stalled = added == 0 && !allProved
            if added == 0 {
                // No column prices out. Only with every pricing problem proved is the master LP
                // optimal; otherwise give the pricing problems more time and price again.
                if allProved || elapsed() >= deadline {
                    outcome.converged = allProved
                    break
                }
                let bound = outcome.bound.map(rounded) ?? -.infinity
                // Proving a stalled round with ever longer limits did not move the bound
                // (Instance14 at 600 s: 166 s to 300 s for 1276.37 → 1276.5, 1277 either way).
                if let previous = stalledBound, bound <= previous { break }
                stalledBound = bound
                pool.cap *= 4
            }
        }
        return outcome
    }

    /// Marks the blocks whose pricing problem ran out of time or stopped unproved as hard.
    func noteHardBlocks(_ priced: [Priced], pool: ColumnPool) {
        for (b, p) in priced.enumerated() where !pool.hard[b] {
            switch p {
            case .skipped: pool.hard[b] = true
            case .solved(_, let objective, let bound, _): pool.hard[b] = objective - bound > 1e-9 * Swift.max(1, Swift.abs(objective))
            default: break
            }
        }
    }

    /// What one pricing problem returned.
    enum Priced: Sendable {
        /// A block solution (block order), its pricing objective, a lower bound on the pricing
        /// optimum, and other block solutions worth offering as columns (the labelling's).
        case solved(values: [Double], objective: Double, bound: Double, alternatives: [[Double]] = [])
        case infeasible
        /// Out of time without a block solution: no column and no bound this round.
        case skipped
        case failed(String)

        var bound: Double {
            if case .solved(_, _, let b, _) = self { return b }
            return -.infinity
        }
    }

    /// Solves every block's pricing problem for `duals`, on up to `threads` threads; results in block order.
    ///
    /// Each pricing problem gets at most the time left until `deadline` (and at most `cap`);
    /// `fixings` (by block) narrow the bounds of block variables (branch-and-price);
    /// past the deadline the remaining blocks are skipped (``Priced/skipped``), unless
    /// `mustFinish` (the first round, which every block needs a column from) gives each at
    /// least 0.2 s.
    func price(_ master: DantzigWolfeMaster, duals: [Double], deadline: Double, threads: Int, elapsed: () -> Double,
               cap: Double, hard: [Bool] = [], mustFinish: Bool = false, only: Set<Int>? = nil,
               fixings: [[BranchFixing]] = []) throws -> [Priced] {
        let blocks = master.blockCount
        let results = IndexedResults<Priced>(count: blocks)
        let workers = Swift.max(1, Swift.min(threads, blocks))
        let end = ContinuousClock.now + .milliseconds(Int(Swift.max(0, Swift.min(deadline - elapsed(), 1e9)) * 1000))
        let backend = self.backend
        let pricingTuning = settings.pricingTuning
        let hardTuning = settings.hardPricingTuning
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for b in stride(from: w, to: blocks, by: workers) {
                if let only, !only.contains(b) {
                    results.set(b, .skipped)
                    continue
                }
                let left = ContinuousClock.now.duration(to: end)
                let seconds = left.inSeconds
                guard mustFinish || seconds > 0.05 else {
                    results.set(b, .skipped)
                    continue
                }
                let limit = Swift.min(cap, Swift.max(mustFinish ? 0.2 : 0.05, seconds))
                let labellingStart = ContinuousClock.now
                if let labelled = labellingPrice(master, block: b, duals: duals, fixings: fixings.indices.contains(b) ? fixings[b] : [],
                                                 limit: limit) {
                    results.set(b, labelled)
                    continue
                }
                let spent = labellingStart.duration(to: .now)
                let glpkLimit = Swift.max(0.05, limit - spent.inSeconds)
                var sub = master.pricingModel(block: b, duals: duals)
                if fixings.indices.contains(b) {
                    for f in fixings[b] {
                        let v = sub.variables[f.variable]
                        let (lower, upper) = f.narrowed(lower: v.lower, upper: v.upper)
                        sub.setBounds(VariableID(index: f.variable), lower: lower, upper: upper)
                    }
                }
                var options = SolveOptions(timeLimit: glpkLimit, relativeGap: 0, presolve: true, start: nil, verbose: false)
                options.tuning = hard.indices.contains(b) && hard[b] ? hardTuning : pricingTuning
                let outcome: Priced
                do {
                    let r = try backend.solve(sub, options: options, progress: nil)
                    if r.termination == .infeasible {
                        outcome = .infeasible
                    } else if r.primal == .feasiblePoint, let objective = r.objective {
                        // A pricing run stopped early only gives its bound, not its optimum.
                        let bound = r.termination == .optimal ? objective : (r.bound ?? -.infinity)
                        outcome = .solved(values: r.values, objective: objective, bound: Swift.min(bound, objective))
                    } else if r.termination == .timeLimit {
                        outcome = .skipped
                    } else {
                        outcome = .failed(r.rawStatus)
                    }
                } catch {
                    outcome = .failed("\(error)")
                }
                results.set(b, outcome)
            }
        }
        return results.all().map { $0 ?? .failed("not run") }
    }

    /// Block `b`'s pricing problem solved by its ``LabellingPricer``, or nil when it has none,
    /// a decision falls on a derived variable, or the labelling passes its label limit or its
    /// time (at most ``ColumnGenerationSettings/labellingTimeLimit``): GLPK prices the block
    /// then, and from then on.
    func labellingPrice(_ master: DantzigWolfeMaster, block b: Int, duals: [Double], fixings: [BranchFixing], limit: Double) -> Priced? {
        guard master.labellers.indices.contains(b), let pricer = master.labellers[b], !master.labellingIntractable[b],
              !fixings.contains(where: { pricer.derivedVariables.contains($0.variable) }) else { return nil }
        var lower = pricer.modelLower, upper = pricer.modelUpper
        for f in fixings { (lower[f.variable], upper[f.variable]) = f.narrowed(lower: lower[f.variable], upper: upper[f.variable]) }
        let deadline = ContinuousClock.now + .milliseconds(Int(Swift.min(limit, settings.labellingTimeLimit) * 1000))
        switch pricer.solve(costs: master.pricingCosts(block: b, duals: duals), lower: lower, upper: upper, deadline: deadline,
                            labelLimit: settings.labelLimit, alternatives: settings.columnsPerBlock - 1) {
        case .solved(let values, let objective, let alternatives):
            return .solved(values: values, objective: objective, bound: objective, alternatives: alternatives)
        case .infeasible: return .infeasible
        case .notTractable:
            master.labellingIntractable.set(b)
            return nil
        case .outOfTime:
            // Slower than it should be (Instance13's 18 shift types of five lengths): GLPK
            // prices the block, now and from then on.
            master.labellingIntractable.set(b)
            return nil
        }
    }

    func makeColumn(_ master: DantzigWolfeMaster, block b: Int, values: [Double]) -> GeneratedColumn {
        let (cost, entries) = master.column(block: b, values: values)
        return GeneratedColumn(block: b, values: values, cost: cost, entries: entries)
    }

    /// Adds block `b`'s solution to `pool` when its reduced cost against `duals` (linking rows)
    /// and `convexityDuals` is negative; returns whether it was added (a block solution the
    /// pool already has is not added twice).
    func addIfPricedOut(_ values: [Double], block b: Int, master: DantzigWolfeMaster, pool: ColumnPool,
                        duals: [Double], convexityDuals: [Double]) throws -> Bool {
        let column = makeColumn(master, block: b, values: values)
        guard reducedCost(of: column, duals: duals, convexityDuals: convexityDuals) < -1e-6 else { return false }
        return try pool.add(column, convexityRow: master.linkCount + b)
    }

    /// The reduced cost of `column` against `duals` (linking rows) and `convexityDuals`.
    func reducedCost(of column: GeneratedColumn, duals: [Double], convexityDuals: [Double]) -> Double {
        var reduced = column.cost - convexityDuals[column.block]
        for e in column.entries { reduced -= duals[e.row] * e.coefficient }
        return reduced
    }

    /// Adds block `b`'s pricing solution and each of its alternatives that prices out (see
    /// ``addIfPricedOut(_:block:master:pool:duals:convexityDuals:)``); returns how many were added.
    func addPricedOut(_ values: [Double], alternatives: [[Double]], block b: Int, master: DantzigWolfeMaster, pool: ColumnPool,
                      duals: [Double], convexityDuals: [Double]) throws -> Int {
        var added = 0
        for candidate in [values] + alternatives {
            if try addIfPricedOut(candidate, block: b, master: master, pool: pool, duals: duals, convexityDuals: convexityDuals) { added += 1 }
        }
        return added
    }

    /// The restricted master IP over `columns` (``DantzigWolfeMaster/masterIP(columns:)``),
    /// seeded with `start` (one value per IP variable) when given: GLPK's result and, when it
    /// has a feasible one, its whole-model point (``feasiblePoint(ipValues:columns:master:)``).
    func solveMasterIP(_ master: DantzigWolfeMaster, columns: [GeneratedColumn], timeLimit: Double, start: [Double]?,
                       verbose: Bool, tuning: MIPTuning) throws -> (result: SolveResult, point: [Double]?) {
        var options = SolveOptions(timeLimit: timeLimit, relativeGap: 0, presolve: true, start: start, verbose: verbose)
        options.tuning = tuning
        let result = try backend.solve(master.masterIP(columns: columns), options: options, progress: nil)
        guard result.primal == .feasiblePoint else { return (result, nil) }
        return (result, feasiblePoint(ipValues: result.values, columns: columns, master: master))
    }

    /// A rota of one pool column per block: each block's column of largest λ in the master LP
    /// (re-solved; each block's first column if that fails), with the master variables at
    /// their best for them (the master IP over those columns only). Nil when no block has a
    /// column, or the columns together break a hard linking row.
    ///
    /// With elastic linking rows (the Curtois cover) any one column a block is a rota; the
    /// master IP over the whole pool may still find none in its time.
    func oneColumnPerBlock(_ master: DantzigWolfeMaster, pool: ColumnPool, total: Double, elapsed: () -> Double,
                           tuning: MIPTuning) throws -> [Double]? {
        let blocks = master.blockCount
        var chosen = [Int?](repeating: nil, count: blocks)
        let solved = try pool.lp.solve(timeLimit: Swift.max(0.1, Swift.min(5, total - elapsed())))
        if solved.status == .optimal { chosen = bestColumns(pool: pool, solved: solved, fixed: chosen) }
        for (n, column) in pool.columns.enumerated() where chosen[column.block] == nil { chosen[column.block] = n }
        guard chosen.allSatisfy({ $0 != nil }) else { return nil }
        let columns = chosen.compactMap { $0 }.map { pool.columns[$0] }
        return try solveMasterIP(master, columns: columns, timeLimit: Swift.max(0.5, Swift.min(5, total - elapsed())), start: nil,
                                 verbose: false, tuning: tuning).point
    }

    /// The whole-model point of a master IP solution over `columns` (``DantzigWolfeMaster/fullPoint(ipValues:columns:)``,
    /// penalties lowered by ``CompiledModel/tightened(_:)``); nil unless it is feasible.
    func feasiblePoint(ipValues: [Double], columns: [GeneratedColumn], master: DantzigWolfeMaster) -> [Double]? {
        guard let point = master.fullPoint(ipValues: ipValues, columns: columns) else { return nil }
        let values = compiled.tightened(point)
        return compiled.model.infeasibilities(of: values).isEmpty ? values : nil
    }
}

/// Results written from several threads, one slot per index, read back in index order.
final class IndexedResults<Value: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private var results: [Value?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = value
    }

    func all() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

extension CompiledModel {
    /// Whether every integral assignment's least-cost completion has an integral objective,
    /// so that a lower bound `L` on the optimum may be rounded up to `⌈L − ε⌉`.
    ///
    /// The argument: every objective coefficient and the objective constant are integers, and
    /// every variable with a non-zero cost is either integral by kind, or a penalty variable
    /// (``addDerived``) with a positive cost whose floor, piece constants and piece
    /// coefficients are integers and whose pieces only use variables that are themselves
    /// integral by kind or such penalty variables (checked in dependency order). For any
    /// feasible point, ``tightened(_:)`` lowers each penalty variable to its least value — the
    /// maximum of integers, an integer — which stays feasible and, the costs being positive,
    /// costs no more. So some optimum has integral objective variables, the optimal value is
    /// an integer, and no integer below `⌈L − ε⌉` can be it.
    var hasIntegralObjective: Bool {
        func isInteger(_ x: Double) -> Bool { x.isFinite && Swift.abs(x - x.rounded()) <= 1e-9 }
        let cost = model.aggregatedObjective()
        guard isInteger(model.objectiveConstant), cost.allSatisfy(isInteger) else { return false }
        var integral = model.variables.map { $0.kind != .continuous }
        for d in derived {
            let ok = isInteger(d.floor) && d.pieces.allSatisfy { piece in
                isInteger(piece.constant) && piece.terms.allSatisfy { isInteger($0.coefficient) && integral[$0.variable.index] }
            }
            if ok && cost[d.variable.index] >= 0 { integral[d.variable.index] = true }
        }
        return cost.indices.allSatisfy { cost[$0] == 0 || integral[$0] }
    }

    /// The largest step that every rota's objective moves in: the greatest common divisor of
    /// the non-zero costs when ``hasIntegralObjective`` holds (10 for the districts, whose
    /// weights are multiples of 10), else nil.
    ///
    /// With every costed variable integral at some optimum (``hasIntegralObjective``'s
    /// argument), the objective minus its constant is a sum of integer multiples of the step.
    var objectiveStep: Double? {
        guard hasIntegralObjective else { return nil }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let costs = model.aggregatedObjective().filter { $0 != 0 }
        guard costs.allSatisfy({ Swift.abs($0) < 1e15 }) else { return nil }  // beyond Int's exact range
        let step = costs.reduce(0) { gcd($0, Int(Swift.abs($1).rounded())) }
        return step > 0 ? Double(step) : nil
    }

    /// A lower bound on the optimum raised to the next value a rota can cost (the objective
    /// constant plus a multiple of ``objectiveStep``); unchanged without a step.
    func roundedUp(bound: Double) -> Double {
        guard let step = objectiveStep, bound.isFinite else { return bound }
        let constant = model.objectiveConstant
        return constant + ((bound - constant) / step - 1e-6).rounded(.up) * step
    }
}
