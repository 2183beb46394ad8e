import Foundation
import TobanMIP
import TobanModel

/// How ``RotaSolver`` solves a compiled model.
public enum SolveStrategy: Sendable, Hashable {
    /// One branch-and-cut run on the whole model: the default, best for small scenarios.
    case direct
    /// A large-neighbourhood search (fix-and-optimise over resources and date windows, many
    /// small GLPK sub-problems on several threads), then a proof run on the whole model
    /// seeded with the best rota; see ``LargeNeighbourhoodSearch``.
    case largeNeighbourhood(LNSSettings)
    /// Dantzig–Wolfe column generation with one block per resource (GLPK's simplex on the
    /// master LP, GLPK's MIP on the pricing problems), then price-and-branch and, while a gap
    /// remains, the neighbourhood search from that rota; the bound is column generation's
    /// Lagrangian bound. Falls back to the neighbourhood search when the model does not
    /// decompose; see ``ColumnGeneration``.
    case columnGeneration(ColumnGenerationSettings)
    /// ``direct`` for a model with at most ``automaticThreshold`` integer variables, else
    /// ``largeNeighbourhood(_:)`` with default settings: small scenarios are proved fastest
    /// by one run, large ones get a rota from the neighbourhoods long before one run would.
    case automatic

    /// Integer variables above which ``automatic`` chooses the neighbourhood search.
    public static let automaticThreshold = 8_000

    /// The strategy ``automatic`` stands for on a model with `integers` integer variables;
    /// any other strategy is itself.
    public func resolved(integers: Int) -> SolveStrategy {
        guard case .automatic = self else { return self }
        return integers > SolveStrategy.automaticThreshold ? .largeNeighbourhood(LNSSettings()) : .direct
    }
}

/// Settings of ``LargeNeighbourhoodSearch``.
public struct LNSSettings: Sendable, Hashable {
    /// Seed of the neighbourhood choice, so that runs are reproducible (up to time limits).
    public var seed: UInt64
    /// Share of the time limit for the first run on the whole model, which finds the starting
    /// rota (and may already prove it optimal).
    public var initialShare: Double
    /// Share of the time limit kept for the final proof run on the whole model; 0: no proof
    /// run (the caller has a stronger bound, as column generation does).
    public var proofShare: Double
    /// Integer variables up to which a search whose first rota is not from a whole-model run
    /// solves the LP relaxation on another thread for a bound during the search
    /// (``RelaxationBound``); 0: never.
    ///
    /// A rota that meets that bound ends the search, proved: the 60-physician quarter
    /// (16,056 integer variables) has its LP bound, 820, as its optimum, which the search
    /// reaches in 17–37 s. Above the limit the LP's copy of the model costs more memory than
    /// its bound is worth (500 resources × a year, 317,501 variables: peak 1,171 MB instead of
    /// 762, and no rota near the bound at 60 s).
    public var relaxationBoundLimit = 50_000
    /// Time limit of one sub-problem, in seconds.
    public var subproblemTimeLimit: Double
    /// How many resources a neighbourhood frees at first; grows when sub-problems are easy
    /// and shrinks when they time out.
    public var initialResources: Int
    /// Search time in seconds when the solve has no time limit; the proof run then gets its
    /// share on top (``proofShare``), so the whole takes about `untimedBudget / (1 − proofShare)`.
    public var untimedBudget: Double
    /// GLPK features for the sub-problems: by default every cut family, which on small
    /// fixed-context sub-problems pays for itself many times over.
    public var subproblemTuning: MIPTuning
    /// Integer variables above which the first rota is built by a sweep instead of a
    /// whole-model run: on large models that run spends its share in the root LP and usually
    /// finds nothing. The sweep goes over date windows from the empty rota when elastic
    /// coverage makes it feasible, or over resources one at a time when the empty rota breaks
    /// only per-resource rules (a minimum of minutes, as in Curtois Instance13).
    public var sweepThreshold: Int = 8_000
    /// Days per window of that sweep. One day by default: a window's proof grows much faster
    /// than its length (on a year for 250 resources, 7-day windows covered 60 days in the
    /// sweep's 42 s and one-day windows the whole year).
    public var sweepWindow: Int = 1
    /// Time limit of one resource's sub-problem in the sweep that builds the first rota one
    /// resource at a time, in seconds (less when its even share of the time left is less).
    ///
    /// On Curtois Instance13 (120 staff) a resource's sub-problem is either solved in well
    /// under a second or not proved in 4 s (49 of 120); with 4 s the sweep ended at 8731 after
    /// 235 s, with 1 s at 8255 after 76 s, leaving the neighbourhoods 160 s more.
    public var sweepResourceTimeLimit: Double = 1
    /// Whether a model with several duty types gets a fourth kind of neighbourhood: everyone's
    /// assignments to a few duty types over the whole horizon, where each resource is off or on
    /// one of them (the rest of its work fixed).
    ///
    /// Curtois Instance13 (120 staff, 18 shift types): everyone on one type over the horizon
    /// was proved in every sub-problem and improved 24 of 62 times (4882 at 600 s against
    /// 4969 without); Instance14 reached the best known, 1278 (1279 without). One run each.
    public var dutyTypeNeighbourhoods = true

    /// Creates settings.
    public init(seed: UInt64 = 1, initialShare: Double = 0.15, proofShare: Double = 0.3, subproblemTimeLimit: Double = 4,
                initialResources: Int = 3, untimedBudget: Double = 30) {
        self.seed = seed
        self.initialShare = initialShare
        self.proofShare = proofShare
        self.subproblemTimeLimit = subproblemTimeLimit
        self.initialResources = initialResources
        self.untimedBudget = untimedBudget
        subproblemTuning = MIPTuning(list: "cuts") ?? MIPTuning()
    }
}

/// Fix-and-optimise large-neighbourhood search on a compiled scenario, with GLPK on every
/// sub-problem.
///
/// 1. A run on the whole model, for a share of the time, gives the first rota (if it proves
///    optimality, the search ends there). A large model whose empty rota is feasible (elastic
///    coverage) is instead swept window by window from the empty rota; one whose empty rota
///    breaks only per-resource rules is built resource by resource
///    (``resourceSweep(from:until:threads:elapsed:trace:)``, ``LNSSettings/sweepThreshold``).
/// 2. Neighbourhoods: each worker thread picks one — a few resources over the whole horizon,
///    a few more over a window of dates, or everyone over a short window — frees the
///    assignment variables inside it, fixes all others at the incumbent, substitutes the fixed
///    ones out (``RestrictedModel``) and solves the small sub-problem seeded with the
///    incumbent; when it ends, a better rota becomes the incumbent (grafted onto the current
///    one if another worker moved it meanwhile, see ``accept(_:startedFrom:version:incumbent:best:)``)
///    and the worker starts the next neighbourhood at once (``SubproblemWorkers``). The
///    neighbourhood grows while sub-problems are solved to optimality without improvement and
///    shrinks when they time out; a kind that has never succeeded and fails at its least size pauses
///    (``NeighbourhoodKinds``).
/// 3. A final run on the whole model, seeded with the best rota (`glp_ios_heur_sol`), tries
///    to close the gap and gives the bound.
///
/// On models up to ``LNSSettings/relaxationBoundLimit`` integer variables, when the first rota does not come from a whole-model
/// run (the sweep, or a given rota), the LP relaxation is solved on another thread meanwhile (``RelaxationBound``); its optimum,
/// rounded up to the objective's step, is the bound during the search: a rota that meets it
/// ends the search, proved. (The proof run keeps its share: with 10 % instead of 30 % it did
/// not reach its root bound on undersized districts, whose LP bound is weak.) When that LP is
/// still unsolved at the end of the search's share, the proof run — which starts from the same
/// LP with less time — is skipped and the search runs to the time limit instead.
///
/// Nothing here knows about particular rules: it works on any scenario, and every rota it
/// returns is an ordinary model solution that ``RotaSolver``'s callers re-check.
public struct LargeNeighbourhoodSearch: Sendable {
    let compiled: CompiledModel
    let backend: any MIPSolver
    let settings: LNSSettings

    /// Creates a search over `compiled` with `backend` for every sub-problem.
    public init(compiled: CompiledModel, backend: any MIPSolver, settings: LNSSettings = LNSSettings()) {
        self.compiled = compiled
        self.backend = backend
        self.settings = settings
    }

    /// One neighbourhood: which resources and which slot indices it frees.
    struct Neighbourhood: Sendable {
        var resources: Set<String>
        var dayRange: ClosedRange<Int>
        /// When set, only assignments to these duty types are freed, and only on the days
        /// where the resource's incumbent assignment is off or one of them: everyone's other
        /// work stays as it is, so the per-resource rows stay loose.
        var dutyTypes: Set<String>? = nil
    }

    /// Runs the search; `timeLimit` bounds the whole (nil: ``LNSSettings/untimedBudget`` for
    /// the search and the proportional share, ``LNSSettings/proofShare``, for the proof run).
    ///
    /// `initial`, when given and feasible (one value per model variable, e.g. from
    /// ``CompiledModel/values(for:)`` of a published rota), replaces the first run on the whole model.
    /// `stopAt`, when given, is a lower bound on the optimum that the caller has proven (e.g.
    /// column generation's): the search stops as soon as the incumbent reaches it, skips the
    /// proof run and reports ``TobanMIP/TerminationStatus/optimal`` with that bound.
    public func solve(timeLimit: Double?, relativeGap: Double, threads: Int, verbose: Bool, tuning: MIPTuning = MIPTuning(),
                      initial: [Double]? = nil, stopAt: Double? = nil, progress: ProgressHandler?) throws -> SolveResult {
        func options(_ limit: Double?, presolve: Bool, start: [Double]?, verbose: Bool) -> SolveOptions {
            var o = SolveOptions(timeLimit: limit, relativeGap: relativeGap, presolve: presolve, start: start, verbose: verbose)
            o.tuning = tuning
            return o
        }
        let clock = ContinuousClock()
        let started = clock.now
        @Sendable func elapsed() -> Double {
            let d = clock.now - started
            return d.inSeconds
        }
        let model = compiled.model
        let trace = ProcessInfo.processInfo.environment["TOBAN_LNS_TRACE"] != nil
        let total = timeLimit ?? settings.untimedBudget / Swift.max(0.01, 1 - settings.proofShare)

        // 1. The first rota.
        var incumbent: [Double]
        var bound: Double?
        // Without a first run on the whole model there is no bound until the proof run; with
        // `relaxationBoundLimit` the LP relaxation gives one meanwhile, on its own thread (started
        // before the sweep, which leaves a core idle).
        var searchEnd = total * (1 - settings.proofShare)
        var relaxation: RelaxationBound?
        func startRelaxation() {
            guard model.integerVariableCount <= settings.relaxationBoundLimit, stopAt == nil,  // a caller's bound is stronger
                  let lpSolver = backend as? any LPSolver else { return }
            let compiled = compiled
            relaxation = RelaxationBound(model: model, solver: lpSolver, timeLimit: Swift.max(0.1, searchEnd - elapsed())) { compiled.roundedUp(bound: $0) }
        }
        // The LP thread never outlives the search.
        defer { _ = relaxation?.wait() }
        let integers = model.integerVariableCount
        let empty = compiled.values(for: Rota(assignments: []))
        let emptyFeasible = model.infeasibilities(of: empty).isEmpty
        let given = initial.map(compiled.tightened).flatMap { $0.count == model.variables.count && model.infeasibilities(of: $0).isEmpty ? $0 : nil }
        // A large model whose empty rota breaks only per-resource rules is built one resource at
        // a time instead (nil when that fails, and then the whole-model run below tries).
        var swept: [Double]?
        if given == nil, integers > settings.sweepThreshold, !emptyFeasible, violationsArePerResource(empty) {
            // The LP thread, started now, has the search's whole share, so that if it is still
            // unsolved then, the proof run is known to be hopeless (see `stopping`); it has a
            // core of its own. (Instance13 at 600 s: with both cores sweeping beside it, pairs
            // that each see the other still empty cover the same shortfalls: 10067 after 228 s
            // against 8830 after 228 s one at a time, and 5620 at the end against 5036.)
            startRelaxation()
            swept = resourceSweep(from: empty, until: searchEnd, threads: relaxation == nil ? threads : Swift.max(1, threads - 1),
                                  elapsed: elapsed, trace: trace)
        }
        if let given {
            incumbent = given
            startRelaxation()
        } else if let swept {
            incumbent = swept
        } else if integers > settings.sweepThreshold, emptyFeasible {
            // The sweep may use the whole search share: until every window is filled, a window
            // improves the rota far more than a random neighbourhood would.
            startRelaxation()
            incumbent = try sweep(from: empty, until: searchEnd, elapsed: elapsed, trace: trace)
        } else {
            let first = try backend.solve(model, options: options(Swift.max(1, total * settings.initialShare), presolve: true, start: nil, verbose: verbose),
                                          progress: nil)
            if first.primal == .feasiblePoint {
                if first.termination == .optimal || first.termination == .gapLimit { return first }
                incumbent = compiled.tightened(first.values)
                bound = first.bound
            } else if first.termination == .timeLimit, emptyFeasible {
                // No rota from the whole model in its share of the time (large models spend it in
                // the root LP and cuts). Elastic coverage usually makes the empty rota feasible:
                // start the neighbourhoods from it rather than giving up.
                incumbent = empty
                bound = first.bound
            } else if first.termination == .timeLimit {
                // Nothing to start the neighbourhoods from: the whole model gets the rest of the
                // time, as one direct run would have had it (a rota matters more than the search).
                let rest = Swift.max(1, (timeLimit ?? total) - elapsed())
                let second = try backend.solve(model, options: options(rest, presolve: true, start: nil, verbose: verbose),
                                               progress: nil)
                guard second.primal == .feasiblePoint else {
                    return SolveResult(termination: second.termination, primal: second.primal, values: second.values,
                                       objective: nil, bound: second.bound ?? first.bound, time: elapsed(),
                                       rawStatus: "lns: no first rota; " + second.rawStatus)
                }
                if second.termination == .optimal || second.termination == .gapLimit { return second }
                incumbent = compiled.tightened(second.values)
                bound = second.bound
            } else {
                return first
            }
        }
        var best = model.objectiveValue(of: incumbent)
        try progress?(SolveProgress(incumbent: best, bound: bound, elapsed: elapsed()))

        // 2. Neighbourhoods, one per worker at a time; a worker that ends starts the next.
        let resourceIDs = Array(Set(compiled.assignments.map(\.resourceID))).sorted()
        let (dates, dayOfSlot) = dayIndex()
        let partners = tradingPartners(of: resourceIDs)
        var random = SplitMix64(seed: settings.seed)
        // Each kind of neighbourhood has its own size: a window over everyone times out at a
        // size where a few resources over the whole horizon are still solved in milliseconds.
        let dutyTypeIDs = Array(Set(compiled.slots.map(\.dutyTypeID))).sorted()
        let kindCount = settings.dutyTypeNeighbourhoods && dutyTypeIDs.count > 1 ? 4 : 3
        var kinds = NeighbourhoodKinds(count: kindCount, initialSize: settings.initialResources, largest: resourceIDs.count)
        let workers = SubproblemWorkers()
        // Sub-problems still running when the search ends (or throws) are stopped and joined.
        defer { workers.drain() }
        let threadCount = Swift.max(1, threads)
        var solved = 0
        var version = 0  // bumped whenever the incumbent changes
        var wholeProved = false
        var reachedStop = false
        var proofHopeless = false
        func stopping() -> Bool {
            if resourceIDs.isEmpty || dates.isEmpty { return true }
            if elapsed() >= searchEnd {
                // The LP relaxation, unsolved in more time than the proof run would get: that
                // run could not finish its root either (Instance13's LP takes GLPK over 500 s),
                // so the search keeps the proof's share.
                guard !proofHopeless, searchEnd < total, let relaxation, relaxation.wait() == nil,
                      let lpSeconds = relaxation.unsolvedSeconds, lpSeconds >= total - searchEnd else { return true }
                proofHopeless = true
                if trace {
                    FileHandle.standardError.write(Data("lns: LP unsolved after \(lpSeconds) s, no proof run; search until \(total) s\n".utf8))
                }
                searchEnd = total
                if elapsed() >= searchEnd { return true }
            }
            if bound == nil, let lp = relaxation?.bound { bound = lp }
            if let bound, Self.gap(best, bound) <= relativeGap { return true }
            if let stopAt, Self.meets(best, bound: stopAt) { reachedStop = true; return true }
            return wholeProved
        }
        func launch() {
            let kind = kinds.next()
            let neighbourhood = pick(kind: kind, size: kinds.sizes[kind], resources: resourceIDs, partners: partners, days: dates.count,
                                     dutyTypes: dutyTypeIDs, random: &random)
            var subOptions = options(Swift.min(settings.subproblemTimeLimit, Swift.max(0.5, searchEnd - elapsed())),
                                     presolve: false, start: nil, verbose: false)
            subOptions.tuning = settings.subproblemTuning
            let start = incumbent
            workers.launch(SubproblemWorkers.Ticket(kind: kind, version: version)) { [self, workers, subOptions] in
                solveSubproblem(neighbourhood, incumbent: start, dayOfSlot: dayOfSlot, options: subOptions) { _ in
                    if workers.isCancelled { throw SubproblemCancelled() }
                }
            }
        }
        while true {
            while workers.inFlight < threadCount, !stopping() { launch() }
            guard let done = workers.next() else { break }
            solved += 1
            let kind = done.ticket.kind
            guard let outcome = done.outcome else {
                kinds.record(kind: kind, found: false, proved: false, improved: false)  // nothing found in its time: too large
                continue
            }
            if outcome.proved && outcome.coversEverything, model.infeasibilities(of: outcome.values).isEmpty {
                // A neighbourhood that frees every assignment is the whole problem: its proof is
                // global, whichever incumbent it started from.
                best = model.objectiveValue(of: outcome.values)
                incumbent = outcome.values
                version += 1
                wholeProved = true
                workers.cancel()
                try progress?(SolveProgress(incumbent: best, bound: best, elapsed: elapsed()))
                continue
            }
            let improved = accept(outcome, startedFrom: done.ticket.version, version: &version, incumbent: &incumbent, best: &best)
            if trace {
                let text = "lns subproblem \(solved) kind \(kind) size \(kinds.sizes[kind]) best \(best) proved \(outcome.proved) improved \(improved) t=\(elapsed())\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
            kinds.record(kind: kind, found: true, proved: outcome.proved, improved: improved)
            try progress?(SolveProgress(incumbent: best, bound: bound, elapsed: elapsed()))
        }

        if !reachedStop, let stopAt, Self.meets(best, bound: stopAt) { reachedStop = true }
        if reachedStop {
            return SolveResult(termination: .optimal, primal: .feasiblePoint, values: incumbent, objective: best, bound: Swift.min(best, stopAt ?? best),
                               time: elapsed(), rawStatus: "lns subproblems=\(solved) sizes=\(kinds.sizeText); reached the given bound")
        }
        if wholeProved {
            return SolveResult(termination: .optimal, primal: .feasiblePoint, values: incumbent, objective: best, bound: best,
                               time: elapsed(), rawStatus: "lns subproblems=\(solved) sizes=\(kinds.sizeText); whole problem proved")
        }

        // 3. The proof run, seeded with the best rota.
        // Without a time limit the proof run gets the rest of the untimed budget: an unlimited
        // branch-and-cut on a model too large for one run (why the search was chosen) might not
        // return for hours.
        if bound == nil, let lp = relaxation?.wait() { bound = lp }
        let remaining = Swift.max(1, (timeLimit ?? total) - elapsed())
        let closed = bound.map { Self.gap(best, $0) <= relativeGap } ?? false
        var termination: TerminationStatus = .timeLimit
        var finalBound = bound
        var raw = "lns subproblems=\(solved) sizes=\(kinds.sizeText)"
        if !closed && settings.proofShare > 0 && !proofHopeless {
            let proof = try backend.solve(model, options: options(remaining, presolve: false, start: incumbent, verbose: verbose),
                                          progress: progress.map { handler in
                                              { [bound] p in
                                                  try handler(SolveProgress(incumbent: p.incumbent.map { Swift.min($0, best) } ?? best,
                                                                            bound: Self.stronger(p.bound, bound), elapsed: elapsed()))
                                              }
                                          })
            raw += "; proof " + proof.rawStatus
            if proof.primal == .feasiblePoint {
                let values = compiled.tightened(proof.values)
                let objective = model.objectiveValue(of: values)
                if objective < best - 1e-9 {
                    best = objective
                    incumbent = values
                }
            }
            finalBound = Self.stronger(proof.bound, finalBound)
            termination = proof.termination == .optimal ? .optimal : proof.termination
        } else {
            // Without a proof run the search stopped at its time, unless its bound closed the gap.
            termination = closed ? .gapLimit : .timeLimit
        }
        if let b = finalBound, b > best { finalBound = best }
        if termination != .optimal, let b = finalBound, Self.gap(best, b) <= 1e-9 { termination = .optimal }
        return SolveResult(termination: termination, primal: .feasiblePoint, values: incumbent, objective: best,
                           bound: termination == .optimal ? best : finalBound, time: elapsed(), rawStatus: raw)
    }

    /// Takes a sub-problem's rota into the incumbent when it is better; returns whether it
    /// improved the cost.
    ///
    /// A sub-problem that started from the current incumbent (`startedFrom == version`) also
    /// moves it at equal cost: that lets the search drift across plateaus instead of
    /// re-solving the same neighbourhood. One that started from an older incumbent (another
    /// worker improved it meanwhile) is first grafted onto the current one: its freed
    /// assignments replace the current incumbent's, which keeps both workers' changes when
    /// their neighbourhoods do not interact; the graft is taken when it is feasible and
    /// better, else the sub-problem's own rota when that is better than the current one.
    func accept(_ outcome: SubproblemOutcome, startedFrom: Int, version: inout Int, incumbent: inout [Double],
                best: inout Double) -> Bool {
        let model = compiled.model
        var candidates: [[Double]] = []
        if startedFrom != version {
            var grafted = incumbent
            for j in outcome.freedAssignments { grafted[j] = outcome.values[j] }
            candidates.append(compiled.tightened(grafted))
        }
        candidates.append(outcome.values)
        for values in candidates {
            let objective = model.objectiveValue(of: values)
            let better = objective < best - 1e-9
            let sideways = startedFrom == version && objective <= best + 1e-9 && values != incumbent
            guard better || sideways, model.infeasibilities(of: values).isEmpty else { continue }
            best = Swift.min(best, objective)
            incumbent = values
            version += 1
            return better
        }
        return false
    }

    /// The larger of two lower bounds, either of which may be unknown.
    static func stronger(_ a: Double?, _ b: Double?) -> Double? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }

    /// The first rota of a large model: every resource free over one window of dates at a
    /// time, in date order, each window solved with the earlier ones fixed at their new values
    /// and the later ones still empty (a rolling horizon). Stops early at `deadline` seconds;
    /// each window only ever improves on `start`, so the result stays feasible.
    ///
    /// Each window gets an even share of the time left (at most
    /// ``LNSSettings/subproblemTimeLimit``): the fairness rows over the whole horizon make some
    /// windows hard to prove, and a window that spends its full limit on a proof starves the
    /// later ones, which then stay empty (on a year for 100 resources the sweep reached day 217
    /// of 365). The window is not seeded with the rota: that start, empty inside the window,
    /// is a poor incumbent that turns GLPK from diving to best-bound search, and diving finds a
    /// near-optimal filling long before a time-limited window ends.
    func sweep(from start: [Double], until deadline: Double, elapsed: () -> Double, trace: Bool) throws -> [Double] {
        let model = compiled.model
        let (dates, dayOfSlot) = dayIndex()
        let everyone = Set(compiled.assignments.map(\.resourceID))
        let window = Swift.max(1, settings.sweepWindow)
        var incumbent = start
        var best = model.objectiveValue(of: start)
        var first = 0
        while first < dates.count, elapsed() < deadline {
            let last = Swift.min(dates.count - 1, first + window - 1)
            let windowsLeft = Double((dates.count - first + window - 1) / window)
            let share = Swift.max(Self.minimumWindowTime, (deadline - elapsed()) / windowsLeft)
            var options = SolveOptions(timeLimit: Swift.min(settings.subproblemTimeLimit, share),
                                       relativeGap: 0, presolve: false, start: nil, verbose: false)
            options.tuning = settings.subproblemTuning
            if let outcome = solveSubproblem(Neighbourhood(resources: everyone, dayRange: first...last), incumbent: incumbent,
                                             dayOfSlot: dayOfSlot, options: options, seeded: false) {
                let objective = model.objectiveValue(of: outcome.values)
                if objective < best - 1e-9, model.infeasibilities(of: outcome.values).isEmpty {
                    best = objective
                    incumbent = outcome.values
                }
            }
            if trace {
                FileHandle.standardError.write(Data("lns sweep days \(first)...\(last) best \(best) t=\(elapsed())\n".utf8))
            }
            first = last + 1
        }
        return incumbent
    }

    /// The horizon's dates in order and, for each slot, the index of its date among them.
    func dayIndex() -> (dates: [CivilDate], dayOfSlot: [Int]) {
        let dates = Array(Set(compiled.slots.map(\.date))).sorted()
        return (dates, compiled.slots.map { slot in dates.firstIndex(of: slot.date) ?? 0 })
    }

    /// The least time limit of one sweep window, in seconds, however late the sweep runs.
    static let minimumWindowTime = 0.3

    static func gap(_ incumbent: Double, _ bound: Double) -> Double {
        Swift.abs(incumbent - bound) / Swift.max(Swift.abs(incumbent), 1e-10)
    }

    /// Whether `bound` proves `incumbent` optimal: they meet within a relative 1e-7, GLPK's
    /// objective tolerance (conservative, as GLPK's own status).
    static func meets(_ incumbent: Double, bound: Double) -> Bool {
        incumbent - bound <= 1e-7 * Swift.max(1, Swift.abs(incumbent))
    }

    /// For each resource (by index into `resources`), the others that can take one of its
    /// duty types, in index order: the resources it can trade duties with.
    func tradingPartners(of resources: [String]) -> [[Int]] {
        var dutyTypes: [String: Set<String>] = [:]
        for a in compiled.assignments { dutyTypes[a.resourceID, default: []].insert(compiled.slots[a.slot].dutyTypeID) }
        let types = resources.map { dutyTypes[$0] ?? [] }
        return types.indices.map { i in types.indices.filter { $0 != i && !types[i].isDisjoint(with: types[$0]) } }
    }

    /// Kind 0: `size` resources, whole horizon; 1: `2·size` resources over half the horizon;
    /// 2: every resource over a window of about `2·size` days; 3 (with `dutyTypes`): every
    /// resource's assignments to `size` of the duty types over the whole horizon, only where
    /// the resource is off or on one of them (see ``Neighbourhood/dutyTypes``).
    ///
    /// The resources of kinds 0 and 1 are one drawn at random and then its trading partners
    /// (`partners`, from ``tradingPartners(of:)``), the others only when those run out: freeing a
    /// hospital next to a physician frees nothing the physician could hand over (on the
    /// 60-physician quarter, 95 resources, a random draw freed 31 physicians out of 50).
    func pick(kind: Int, size: Int, resources: [String], partners: [[Int]], days: Int, dutyTypes: [String] = [],
              random: inout SplitMix64) -> Neighbourhood {
        func draw(_ k: Int, from pool: inout [Int]) -> ArraySlice<Int> {
            // A partial Fisher–Yates shuffle: exactly k draws.
            let k = Swift.max(0, Swift.min(k, pool.count))
            for i in 0..<k {
                pool.swapAt(i, i + Int(random.next() % UInt64(pool.count - i)))
            }
            return pool.prefix(k)
        }
        func some(_ n: Int) -> Set<String> {
            let k = Swift.min(n, resources.count)
            guard k > 0 else { return [] }
            let first = Int(random.next() % UInt64(resources.count))
            var pool = partners.indices.contains(first) ? partners[first] : []
            var chosen = Set([first]).union(draw(k - 1, from: &pool))
            if chosen.count < k {
                var others = resources.indices.filter { !chosen.contains($0) }
                chosen.formUnion(draw(k - chosen.count, from: &others))
            }
            return Set(chosen.map { resources[$0] })
        }
        func window(_ length: Int) -> ClosedRange<Int> {
            let n = Swift.max(1, Swift.min(days, length))
            let start = Int(random.next() % UInt64(days - n + 1))
            return start...(start + n - 1)
        }
        switch kind {
        case 0: return Neighbourhood(resources: some(size), dayRange: 0...(days - 1))
        case 1: return Neighbourhood(resources: some(2 * size), dayRange: window((days + 1) / 2))
        case 3 where !dutyTypes.isEmpty:
            var pool = Array(dutyTypes.indices)
            let types = draw(size, from: &pool).map { dutyTypes[$0] }
            return Neighbourhood(resources: Set(resources), dayRange: 0...(days - 1), dutyTypes: Set(types))
        default: return Neighbourhood(resources: Set(resources), dayRange: window(Swift.max(2, 2 * size)))
        }
    }

    /// A resource on one day of the horizon.
    struct ResourceDay: Hashable {
        let resourceID: String
        let day: Int
    }

    struct SubproblemOutcome: Sendable {
        var values: [Double]
        var proved: Bool
        /// Whether the neighbourhood freed every assignment variable.
        var coversEverything: Bool
        /// Indices of the assignment variables the neighbourhood freed.
        var freedAssignments: [Int]
    }

    /// Which model variables the neighbourhood frees: its assignments and the penalty and
    /// auxiliary variables, which follow the assignments.
    ///
    /// With `fixingSettledPenalties`, a penalty variable whose defining terms are all fixed is
    /// fixed too, at the incumbent's value, which is its least one (the incumbent is always
    /// tightened): freeing it could only raise it. Without this every sub-problem carried the
    /// penalty variables and rows of the whole horizon (a 7-day window of a 100-resource year:
    /// 3,850 variables instead of 1,530).
    func freeVariables(_ n: Neighbourhood, dayOfSlot: [Int], incumbent: [Double]? = nil, fixingSettledPenalties: Bool = true) -> [Bool] {
        let model = compiled.model
        var isFree = [Bool](repeating: false, count: model.variables.count)
        var assignment = [Bool](repeating: false, count: model.variables.count)
        // With duty types: the resource-days whose incumbent has other work stay fixed.
        var busyElsewhere = Set<ResourceDay>()
        if let types = n.dutyTypes, let incumbent {
            for a in compiled.assignments where incumbent[a.variable.index] > 0.5 && !types.contains(compiled.slots[a.slot].dutyTypeID) {
                busyElsewhere.insert(ResourceDay(resourceID: a.resourceID, day: dayOfSlot[a.slot]))
            }
        }
        for a in compiled.assignments {
            assignment[a.variable.index] = true
            guard n.resources.contains(a.resourceID), n.dayRange.contains(dayOfSlot[a.slot]) else { continue }
            if let types = n.dutyTypes {
                guard types.contains(compiled.slots[a.slot].dutyTypeID),
                      !busyElsewhere.contains(ResourceDay(resourceID: a.resourceID, day: dayOfSlot[a.slot])) else { continue }
            }
            isFree[a.variable.index] = true
        }
        for (j, v) in model.variables.enumerated() where !assignment[j] && v.lower < v.upper { isFree[j] = true }
        for (j, v) in model.variables.enumerated() where v.lower == v.upper { isFree[j] = false }
        guard fixingSettledPenalties else { return isFree }
        // In dependency order, so a penalty fed only by fixed penalties is fixed as well.
        for d in compiled.derived where !d.pieces.contains(where: { $0.terms.contains { isFree[$0.variable.index] } }) {
            isFree[d.variable.index] = false
        }
        return isFree
    }

    /// Frees the neighbourhood's variables (``freeVariables(_:dayOfSlot:incumbent:fixingSettledPenalties:)``),
    /// fixes the rest, solves; nil when nothing was found.
    ///
    /// `seeded`: whether GLPK gets the incumbent as its start (it then only returns something
    /// better). `progress` goes to GLPK; an error it throws ends the sub-problem with nothing.
    func solveSubproblem(_ n: Neighbourhood, incumbent: [Double], dayOfSlot: [Int], options: SolveOptions,
                         seeded: Bool = true, progress: ProgressHandler? = nil) -> SubproblemOutcome? {
        let model = compiled.model
        let isFree = freeVariables(n, dayOfSlot: dayOfSlot, incumbent: incumbent)
        let restricted = RestrictedModel(model, values: incumbent, isFree: isFree)
        var subOptions = options
        subOptions.relativeGap = 0
        subOptions.start = seeded ? restricted.restrict(incumbent) : nil
        guard let result = try? backend.solve(restricted.model, options: subOptions, progress: progress),
              result.primal == .feasiblePoint else { return nil }
        let everything = compiled.assignments.allSatisfy { isFree[$0.variable.index] || model.variables[$0.variable.index].lower == model.variables[$0.variable.index].upper }
        let freed = compiled.assignments.map(\.variable.index).filter { isFree[$0] }
        return SubproblemOutcome(values: compiled.tightened(restricted.expand(result.values)), proved: result.termination == .optimal,
                                 coversEverything: everything, freedAssignments: freed)
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so that neighbourhoods are
/// the same from run to run.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
