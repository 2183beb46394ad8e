import CGLPK
import TobanMIP

/// Solves a ``TobanMIP/LinearModel`` with GLPK's branch-and-cut (`glp_intopt`).
///
/// Every model is validated in Swift first (GLPK aborts the process on bad input). Progress
/// is polled from the search tree on every callback — incumbents found by GLPK's own
/// heuristics do not raise `GLP_IBINGO` — and an error thrown by the progress handler
/// terminates the search and is rethrown once GLPK has returned. Silent unless
/// ``TobanMIP/SolveOptions/verbose`` is set.
public struct GLPKSolver: MIPSolver {
    /// Creates a solver.
    public init() {}

    /// `glpk` and the library version, e.g. `glpk 5.0`.
    public var name: String {
        guard let version = glp_version() else { return "glpk" }
        return "glpk " + String(cString: version)
    }

    public func solve(_ model: LinearModel, options: SolveOptions = SolveOptions(),
                      progress: ProgressHandler? = nil) throws -> SolveResult {
        try model.validate()
        try GLPKSolver.validate(options, variableCount: model.variables.count)
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        let previousTerminal = glp_term_out(options.verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previousTerminal) }

        if model.variables.isEmpty {
            // GLPK handles an empty problem, but the answer is immediate and needs no native call.
            let feasible = model.infeasibilities(of: []).isEmpty
            return SolveResult(termination: feasible ? .optimal : .infeasible,
                               primal: feasible ? .feasiblePoint : .noSolution, values: [],
                               objective: feasible ? model.objectiveConstant : nil,
                               bound: feasible ? model.objectiveConstant : nil,
                               time: elapsed(), rawStatus: "empty model")
        }

        // A start is passed with glp_ios_heur_sol, which indexes the problem the tree works on:
        // GLPK's MIP presolver renumbers that problem, so a start turns presolve off.
        let start = options.start.flatMap { model.infeasibilities(of: $0).isEmpty ? $0 : nil }
        let problem = GLPKProblem()
        problem.load(model)

        // A little slack past `tm_lim`, so that GLPK's own limit normally acts first.
        let context = SearchContext(progress: progress, start: start, deadline: options.timeLimit.map { $0 + 0.5 }, elapsed: elapsed)
        context.rootFixing = options.tuning.rootFixing
        context.relativeGap = options.relativeGap
        context.timeLimit = options.timeLimit
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        iocp.presolve = (options.presolve && start == nil) ? GLP_ON : GLP_OFF
        iocp.mip_gap = options.relativeGap
        if let limit = options.timeLimit { iocp.tm_lim = GLPKSolver.milliseconds(limit) }
        GLPKSolver.apply(options.tuning, to: &iocp)
        if options.tuning.proximitySearch, let limit = options.timeLimit {
            // Proximity search has its own clock; keep it inside the solve's limit.
            iocp.ps_tm_lim = GLPKSolver.milliseconds(Swift.max(0.1, Swift.min(limit, options.tuning.proximityTimeLimit)))
        }
        iocp.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
        }
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        iocp.cb_info = unmanaged.toOpaque()

        var rootCode: Int32 = 0
        if iocp.presolve == GLP_OFF {
            // Without the MIP presolver glp_intopt needs the LP relaxation's optimal basis.
            var smcp = glp_smcp()
            glp_init_smcp(&smcp)
            smcp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
            smcp.presolve = GLP_OFF
            if let limit = options.timeLimit { smcp.tm_lim = GLPKSolver.milliseconds(limit) }
            rootCode = glp_simplex(problem.pointer, &smcp)
            let lpStatus = glp_get_status(problem.pointer)
            if rootCode != 0 || lpStatus != GLP_OPT {
                let raw = "glp_simplex=\(GLPKSolver.codeName(rootCode)) status=\(GLPKSolver.statusName(lpStatus))"
                let termination: TerminationStatus
                switch (rootCode, lpStatus) {
                case (GLP_ETMLIM, _): termination = .timeLimit
                case (0, GLP_NOFEAS): termination = .infeasible
                case (0, GLP_UNBND): termination = try refineUnbounded(model, options: options)
                default: termination = .numericalError
                }
                return SolveResult(termination: termination, primal: .noSolution, values: [],
                                   objective: nil, bound: nil, time: elapsed(), rawStatus: raw)
            }
        }

        let code = glp_intopt(problem.pointer, &iocp)
        if let error = context.error { throw error }
        let status = glp_mip_status(problem.pointer)
        let hasPoint = status == GLP_OPT || status == GLP_FEAS
        var raw = "glp_intopt=\(GLPKSolver.codeName(code)) status=\(GLPKSolver.statusName(status))"
        if hasPoint, let taken = context.rootFixingObjective,
           Swift.abs(glp_mip_obj_val(problem.pointer) - taken) <= 1e-6 * Swift.max(1, Swift.abs(taken)) {
            raw += "; rota from root fixing"  // GLPK replaces an incumbent only by a better one
        }
        var termination: TerminationStatus
        switch code {
        case 0:
            switch status {
            case GLP_OPT: termination = .optimal
            case GLP_NOFEAS: termination = .infeasible
            case GLP_FEAS: termination = .gapLimit  // conservative: not proven optimal
            default: termination = .numericalError
            }
        case GLP_EMIPGAP: termination = .gapLimit
        case GLP_ETMLIM: termination = .timeLimit
        case GLP_ESTOP: termination = context.deadlineReached ? .timeLimit : .interrupted
        case GLP_ENOPFS: termination = .infeasible
        case GLP_ENODFS: termination = try refineUnbounded(model, options: options)
        case GLP_EBOUND: termination = .invalidModel
        default: termination = .numericalError  // GLP_EROOT, GLP_EFAIL and anything new
        }
        if termination == .optimal && !hasPoint { termination = .numericalError }
        var values: [Double] = []
        var objective: Double?
        if hasPoint {
            values = (1...model.variables.count).map { glp_mip_col_val(problem.pointer, Int32($0)) }
            // Integral columns come back as doubles within GLPK's tolerance: round them.
            for (j, v) in model.variables.enumerated() where v.kind != .continuous {
                values[j] = values[j].rounded()
            }
            objective = model.objectiveValue(of: values)
        }
        let bound: Double? = termination == .optimal ? objective : context.bound
        return SolveResult(termination: termination, primal: hasPoint ? .feasiblePoint : .noSolution,
                           values: values, objective: objective, bound: bound, time: elapsed(), rawStatus: raw)
    }

    /// Tells an LP relaxation without a dual-feasible solution apart: infeasible, or unbounded
    /// (a feasible MIP whose relaxation is unbounded is unbounded for rational data).
    private func refineUnbounded(_ model: LinearModel, options: SolveOptions) throws -> TerminationStatus {
        let zero = [Double](repeating: 0, count: model.variables.count)
        let feasibility = GLPKProblem()
        feasibility.load(model, objective: zero)
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        iocp.presolve = GLP_ON
        if let limit = options.timeLimit { iocp.tm_lim = GLPKSolver.milliseconds(limit) }
        let code = glp_intopt(feasibility.pointer, &iocp)
        let status = glp_mip_status(feasibility.pointer)
        if code == GLP_ENOPFS || status == GLP_NOFEAS { return .infeasible }
        if status == GLP_OPT || status == GLP_FEAS { return .unbounded }
        return .infeasibleOrUnbounded
    }

    static func validate(_ options: SolveOptions, variableCount: Int) throws(InvalidModelError) {
        var defects: [ModelDefect] = []
        if let t = options.timeLimit, !(t.isFinite && t > 0) {
            defects.append(ModelDefect("time limit must be a positive number of seconds, got \(t)"))
        }
        if !(options.relativeGap.isFinite && options.relativeGap >= 0 && options.relativeGap < 1) {
            defects.append(ModelDefect("relative gap must be in [0, 1), got \(options.relativeGap)"))
        }
        if !(options.tuning.proximityTimeLimit.isFinite && options.tuning.proximityTimeLimit > 0) {
            defects.append(ModelDefect("proximity search time limit must be a positive number of seconds, got \(options.tuning.proximityTimeLimit)"))
        }
        if let start = options.start {
            if start.count != variableCount {
                defects.append(ModelDefect("start has \(start.count) values for \(variableCount) variables"))
            } else if start.contains(where: { !$0.isFinite }) {
                defects.append(ModelDefect("start contains NaN or infinite values"))
            }
        }
        if !defects.isEmpty { throw InvalidModelError(defects: defects) }
    }

    /// Sets the optional branch-and-cut features of `tuning` on `iocp`.
    static func apply(_ tuning: MIPTuning, to iocp: inout glp_iocp) {
        iocp.gmi_cuts = tuning.gomoryCuts ? GLP_ON : GLP_OFF
        iocp.mir_cuts = tuning.mirCuts ? GLP_ON : GLP_OFF
        iocp.cov_cuts = tuning.coverCuts ? GLP_ON : GLP_OFF
        iocp.clq_cuts = tuning.cliqueCuts ? GLP_ON : GLP_OFF
        iocp.fp_heur = tuning.feasibilityPump ? GLP_ON : GLP_OFF
        iocp.ps_heur = tuning.proximitySearch ? GLP_ON : GLP_OFF
        if tuning.proximitySearch { iocp.ps_tm_lim = milliseconds(Swift.max(0.1, tuning.proximityTimeLimit)) }
        switch tuning.branching {
        case .firstFractional: iocp.br_tech = GLP_BR_FFV
        case .lastFractional: iocp.br_tech = GLP_BR_LFV
        case .mostFractional: iocp.br_tech = GLP_BR_MFV
        case .driebeekTomlin: iocp.br_tech = GLP_BR_DTH
        case .hybridPseudoCost: iocp.br_tech = GLP_BR_PCH
        }
        switch tuning.backtracking {
        case .depthFirst: iocp.bt_tech = GLP_BT_DFS
        case .breadthFirst: iocp.bt_tech = GLP_BT_BFS
        case .bestLocalBound: iocp.bt_tech = GLP_BT_BLB
        case .bestProjection: iocp.bt_tech = GLP_BT_BPH
        }
    }

    /// Seconds to GLPK's `Int32` milliseconds, clamped (GLPK takes `INT_MAX` as no limit).
    static func milliseconds(_ seconds: Double) -> Int32 {
        let ms = (seconds * 1000).rounded(.up)
        return ms >= Double(Int32.max - 1) ? Int32.max - 1 : Swift.max(1, Int32(ms))
    }

    static func codeName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
            GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
            GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
            GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
            GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP",
        ]
        return names[code] ?? "code \(code)"
    }

    static func statusName(_ status: Int32) -> String {
        let names: [Int32: String] = [
            GLP_UNDEF: "GLP_UNDEF", GLP_FEAS: "GLP_FEAS", GLP_INFEAS: "GLP_INFEAS",
            GLP_NOFEAS: "GLP_NOFEAS", GLP_OPT: "GLP_OPT", GLP_UNBND: "GLP_UNBND",
        ]
        return names[status] ?? "status \(status)"
    }
}

/// State shared with GLPK's C callback for one search.
///
/// Not `Sendable`: it lives on the solving thread for the duration of one `glp_intopt` call.
private final class SearchContext {
    let progress: ProgressHandler?
    let start: [Double]?
    let elapsed: () -> Double
    var error: (any Error)?
    var incumbent: Double?
    var bound: Double?
    var startOffered = false
    var lastReport = -1.0
    /// Seconds after which the search is stopped from the callback, if set.
    let deadline: Double?
    /// Whether the callback stopped the search at ``deadline``.
    var deadlineReached = false
    /// When GLPK last asked for cuts, until its next call.
    var cutGenerationStarted: Double?
    /// Seconds the longest cut generation took (from GLPK's cut-generation call to its next
    /// call); nil before the first.
    var longestCutGeneration: Double?
    /// When the first LP relaxation was solved (GLPK's first row-generation call).
    var firstLPSolved: Double?
    /// Whether the root fix-and-solve heuristic runs (``TobanMIP/MIPTuning/rootFixing``).
    var rootFixing = false
    var rootFixingDone = false
    /// Whether the heuristic ran at a root cut round that did not move the bound.
    var earlyRootFixingDone = false
    /// The root's bound at the previous root heuristic call.
    var previousRootBound: Double?
    /// Rows of the tree's problem before GLPK added any cut (seen at its first callback).
    var modelRows: Int32?
    /// The heuristic's solution while it is held back: handed over when it closes the gap or
    /// the time limit is near.
    var held: RootFixing.Solution?
    /// The objective of the heuristic's solution once GLPK took it.
    var rootFixingObjective: Double?
    var relativeGap = 0.0
    var timeLimit: Double?

    init(progress: ProgressHandler?, start: [Double]?, deadline: Double?, elapsed: @escaping () -> Double) {
        self.progress = progress
        self.start = start
        self.deadline = deadline
        self.elapsed = elapsed
    }

    func handle(_ tree: OpaquePointer) {
        if error != nil {
            glp_ios_terminate(tree)
            return
        }
        // GLPK checks `tm_lim` between nodes only; cut generation on a large root can run far
        // past it, so the callback, which GLPK calls during cut generation too, enforces it.
        let now = elapsed()
        if let deadline, now > deadline || cutRoundWouldOverrun(tree, now: now, deadline: deadline) {
            deadlineReached = true
            glp_ios_terminate(tree)
        }
        if glp_ios_reason(tree) == GLP_IHEUR, !startOffered, let start {
            startOffered = true
            var x = [0.0] + start  // GLPK arrays are 1-based
            _ = glp_ios_heur_sol(tree, &x)  // non-zero only when not better than the incumbent
        }
        if rootFixing { runRootFixing(tree) }
        let previous = (incumbent, bound)
        if let problem = glp_ios_get_prob(tree) {
            let status = glp_mip_status(problem)
            if status == GLP_FEAS || status == GLP_OPT { incumbent = glp_mip_obj_val(problem) }
        }
        let best = glp_ios_best_node(tree)
        if best != 0 {
            // A node whose LP is not solved yet reports ±DBL_MAX: no bound known.
            let value = glp_ios_node_bound(tree, best)
            if Swift.abs(value) < 1e300 { bound = value }
        }
        guard let progress else { return }
        reportProgress(progress, previous: previous, tree: tree)
    }

    /// Runs the root fix-and-solve heuristic at the root, holds its solution back and hands it
    /// over at a later heuristic call when it closes the gap or the time limit is near.
    ///
    /// It runs at the first cut round that leaves the root's (rounded) bound where the
    /// previous one left it — GLPK's later rounds often add cuts for seconds without moving the
    /// bound — and again when GLPK asks for a branching variable at the root, unless the held
    /// solution already meets the root's bound by then.
    private func runRootFixing(_ tree: OpaquePointer) {
        let reason = glp_ios_reason(tree)
        if modelRows == nil, let problem = glp_ios_get_prob(tree) { modelRows = glp_get_num_rows(problem) }
        let node = glp_ios_curr_node(tree)
        let atRoot = node != 0 && glp_ios_node_level(tree, node) == 0
        if atRoot, !rootFixingDone, reason == GLP_IBRANCH || (reason == GLP_IHEUR && rootBoundStalled(tree, node: node)) {
            if reason == GLP_IBRANCH { rootFixingDone = true }
            guard let problem = glp_ios_get_prob(tree) else { return }
            let status = glp_mip_status(problem)
            guard status != GLP_FEAS && status != GLP_OPT else { return }
            let rootBound = glp_ios_node_bound(tree, node)
            let maximising = glp_get_obj_dir(problem) == GLP_MAX
            let closesGap = { [relativeGap] (objective: Double) in
                SearchContext.closesGap(objective, bound: rootBound, relativeGap: relativeGap, maximising: maximising)
            }
            if let held, closesGap(held.objective) { return }
            if let found = RootFixing.run(tree: tree, modelRows: modelRows ?? glp_get_num_rows(problem), deadline: timeLimit,
                                          elapsed: elapsed, isGoodEnough: closesGap),
               held.map({ maximising ? found.objective > $0.objective : found.objective < $0.objective }) ?? true {
                held = found
            }
            if reason == GLP_IBRANCH { return }  // handed over at a heuristic call only
        }
        guard reason == GLP_IHEUR, let solution = held, let problem = glp_ios_get_prob(tree) else { return }
        let maximising = glp_get_obj_dir(problem) == GLP_MAX
        let status = glp_mip_status(problem)
        if status == GLP_FEAS || status == GLP_OPT {
            let incumbent = glp_mip_obj_val(problem)
            if maximising ? incumbent >= solution.objective : incumbent <= solution.objective {
                held = nil  // GLPK found as good a rota itself
                return
            }
        }
        let best = glp_ios_best_node(tree)
        guard best != 0 else { return }
        let bound = glp_ios_node_bound(tree, best)
        let nearLimit = timeLimit.map { elapsed() >= 0.9 * $0 } ?? false
        guard nearLimit || SearchContext.closesGap(solution.objective, bound: bound, relativeGap: relativeGap, maximising: maximising)
        else { return }
        held = nil
        var values = solution.values
        // Non-zero only when not better than the incumbent.
        if glp_ios_heur_sol(tree, &values) == 0 { rootFixingObjective = solution.objective }
    }

    /// Whether this root cut round left the root's bound where the previous round left it,
    /// the first time it happens (the early run of the root fix-and-solve heuristic).
    private func rootBoundStalled(_ tree: OpaquePointer, node: Int32) -> Bool {
        guard !earlyRootFixingDone else { return false }
        let rootBound = glp_ios_node_bound(tree, node)
        defer { previousRootBound = rootBound }
        guard let previous = previousRootBound,
              Swift.abs(rootBound - previous) <= 1e-9 * Swift.max(1, Swift.abs(rootBound)) else { return false }
        earlyRootFixingDone = true
        return true
    }

    /// Whether GLPK is about to generate cuts and that would end past `deadline`.
    ///
    /// GLPK does not call back while it generates cuts: on the 60-physician quarter one round
    /// took up to 5 s, on 500 resources × a quarter the first one over 15 s, and a time limit
    /// checked only after that overran by as much. A generation is timed from the
    /// cut-generation call to the next call and expected to take as long as the longest so
    /// far; before the first, as long as the search took to its first LP solution (0.1 s on
    /// the 30-physician month, 12 s on 500 × a quarter, whose first round then took longer).
    private func cutRoundWouldOverrun(_ tree: OpaquePointer, now: Double, deadline: Double) -> Bool {
        let reason = glp_ios_reason(tree)
        if firstLPSolved == nil, reason == GLP_IROWGEN { firstLPSolved = now }
        if let started = cutGenerationStarted {
            longestCutGeneration = Swift.max(longestCutGeneration ?? 0, now - started)
            cutGenerationStarted = nil
        }
        guard reason == GLP_ICUTGEN else { return false }
        if now + (longestCutGeneration ?? firstLPSolved ?? 0) > deadline { return true }
        cutGenerationStarted = now
        return false
    }

    /// Whether a solution of `objective` ends a search whose bound is `bound`: it meets the
    /// bound, or is within `relativeGap` of it.
    static func closesGap(_ objective: Double, bound: Double, relativeGap: Double, maximising: Bool) -> Bool {
        guard Swift.abs(bound) < 1e300 else { return false }  // no bound known yet
        let gap = maximising ? bound - objective : objective - bound
        return gap <= 1e-9 * Swift.max(1, Swift.abs(objective)) || gap <= relativeGap * Swift.abs(objective)
    }

    private func reportProgress(_ progress: ProgressHandler, previous: (Double?, Double?), tree: OpaquePointer) {
        let now = elapsed()
        guard previous.0 != incumbent || previous.1 != bound || now - lastReport >= 0.2 else { return }
        lastReport = now
        do {
            try progress(SolveProgress(incumbent: incumbent, bound: bound, elapsed: now))
        } catch {
            self.error = error
            glp_ios_terminate(tree)
        }
    }
}
