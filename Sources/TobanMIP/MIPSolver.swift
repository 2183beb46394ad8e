/// Why a solve stopped.
///
/// Kept apart from ``PrimalStatus`` as in JuMP: a time limit may stop the search with or
/// without a feasible point in hand, and only ``optimal`` means the bound was closed.
public enum TerminationStatus: String, Sendable, Codable {
    /// The search finished and proved the incumbent optimal (within the solver's tolerances).
    case optimal
    /// The search stopped because the relative gap fell below the requested limit.
    case gapLimit = "gap-limit"
    /// The time limit was reached.
    case timeLimit = "time-limit"
    /// The model has no feasible point.
    case infeasible
    /// The objective is unbounded over the feasible set.
    case unbounded
    /// The LP relaxation has no dual-feasible solution: infeasible or unbounded, not told apart.
    case infeasibleOrUnbounded = "infeasible-or-unbounded"
    /// The model was rejected before reaching the solver (see ``InvalidModelError``).
    case invalidModel = "invalid-model"
    /// The search was interrupted (a progress handler asked to stop or threw).
    case interrupted
    /// The solver failed numerically or internally.
    case numericalError = "numerical-error"
}

/// Whether a solve returned a feasible point.
public enum PrimalStatus: String, Sendable, Codable {
    /// ``SolveResult/values`` holds a feasible point.
    case feasiblePoint = "feasible-point"
    /// No feasible point is available.
    case noSolution = "no-solution"
}

/// Settings for one solve.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimit: Double?
    /// Relative gap at which the search may stop (0 proves optimality).
    public var relativeGap: Double
    /// Whether the solver's presolver runs.
    public var presolve: Bool
    /// A starting point (one value per variable); used only when it is feasible.
    public var start: [Double]?
    /// Whether the solver prints its own log on stdout.
    public var verbose: Bool
    /// Optional search features (cut families, primal heuristics, branching); the defaults
    /// are the solver's own.
    public var tuning: MIPTuning = MIPTuning()

    /// Creates options; by default no time limit, gap 0, presolve on, silent.
    public init(timeLimit: Double? = nil, relativeGap: Double = 0, presolve: Bool = true,
                start: [Double]? = nil, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.start = start
        self.verbose = verbose
    }
}

/// Optional branch-and-cut features, off by default (GLPK's defaults).
///
/// Each maps to one GLPK `glp_iocp` field: `gmi_cuts`, `mir_cuts`, `cov_cuts`, `clq_cuts`,
/// `fp_heur`, `ps_heur`, `br_tech`, `bt_tech`; ``rootFixing`` is Toban's own heuristic, run
/// from GLPK's callback. Other backends may ignore them.
public struct MIPTuning: Sendable, Hashable {
    /// Gomory mixed-integer cuts.
    public var gomoryCuts = false
    /// Mixed-integer rounding cuts.
    public var mirCuts = false
    /// Mixed cover cuts.
    public var coverCuts = false
    /// Clique cuts.
    public var cliqueCuts = false
    /// The feasibility pump heuristic.
    public var feasibilityPump = false
    /// The proximity search heuristic (improves an incumbent).
    public var proximitySearch = false
    /// Time limit of one proximity search call in seconds (GLPK's `ps_tm_lim`).
    public var proximityTimeLimit: Double = 60
    /// A fix-and-solve heuristic at the end of the root node (CLI word `fix`).
    ///
    /// Once the root's cuts are in and no rota is known, the binaries at 1 in the root LP are
    /// fixed and the rest is solved as a small sub-problem, then improved by sub-problems that
    /// fix what that rota and the LP agree on (RINS). Every sub-problem has a node limit, not a
    /// time limit, so the result is the same on every run. The rota is handed to the search
    /// only when it closes the gap (GLPK stops at once) or when the time limit is near: an
    /// early incumbent that is not optimal turns GLPK's tree from diving to best-bound search,
    /// which on some districts made the proof several times slower.
    public var rootFixing = false
    /// How to pick the branching variable.
    public var branching: Branching = .driebeekTomlin
    /// How to pick the next node.
    public var backtracking: Backtracking = .bestLocalBound

    /// Branching rules (GLPK `br_tech`).
    public enum Branching: String, Sendable, Hashable, CaseIterable {
        case firstFractional = "ffv", lastFractional = "lfv", mostFractional = "mfv", driebeekTomlin = "dth", hybridPseudoCost = "pch"
    }

    /// Node selection (GLPK `bt_tech`).
    public enum Backtracking: String, Sendable, Hashable, CaseIterable {
        case depthFirst = "dfs", breadthFirst = "bfs", bestLocalBound = "blb", bestProjection = "bph"
    }

    /// Creates the default tuning (every optional feature off).
    public init() {}

    /// All four cut families (Gomory, MIR, cover, clique), nothing else. On the bundled
    /// 30-physician district GLPK proves the optimum in seconds with them and not in minutes
    /// without (the fairness bands' integrality is what the Gomory cuts capture).
    public static let allCuts = MIPTuning(gomoryCuts: true, mirCuts: true, coverCuts: true, cliqueCuts: true)

    /// The four cut families and ``rootFixing``: what ``RotaSolveOptions`` uses unless told
    /// otherwise (CLI `cuts,fix`).
    public static let rotaDefault: MIPTuning = {
        var tuning = MIPTuning.allCuts
        tuning.rootFixing = true
        return tuning
    }()

    init(gomoryCuts: Bool, mirCuts: Bool, coverCuts: Bool, cliqueCuts: Bool) {
        (self.gomoryCuts, self.mirCuts, self.coverCuts, self.cliqueCuts) = (gomoryCuts, mirCuts, coverCuts, cliqueCuts)
    }

    /// Parses a comma-separated list such as `gmi,mir,cov,clq,fp,ps,fix,br=pch,bt=bph` (`cuts`
    /// for the four cut families, `none` for nothing, e.g. to turn off the default cuts); nil
    /// with an unknown word.
    public init?(list: String) {
        for word in list.split(separator: ",").map({ String($0.filter { $0 != " " }) }) where !word.isEmpty {
            switch word {
            case "gmi": gomoryCuts = true
            case "mir": mirCuts = true
            case "cov": coverCuts = true
            case "clq": cliqueCuts = true
            case "cuts": (gomoryCuts, mirCuts, coverCuts, cliqueCuts) = (true, true, true, true)
            case "fp": feasibilityPump = true
            case "ps": proximitySearch = true
            case "fix": rootFixing = true
            case "none": break
            default:
                if word.hasPrefix("br="), let b = Branching(rawValue: String(word.dropFirst(3))) { branching = b }
                else if word.hasPrefix("bt="), let b = Backtracking(rawValue: String(word.dropFirst(3))) { backtracking = b }
                else { return nil }
            }
        }
    }
}

/// A snapshot of a running search, passed to the progress handler.
public struct SolveProgress: Sendable {
    /// The best objective found so far, nil before the first incumbent.
    public var incumbent: Double?
    /// The best proven bound, nil before the root LP is solved.
    public var bound: Double?
    /// Seconds since the solve started.
    public var elapsed: Double

    /// The relative gap `|incumbent − bound| / max(|incumbent|, 1e-10)`, nil when either is missing.
    public var relativeGap: Double? {
        guard let incumbent, let bound else { return nil }
        return Swift.abs(incumbent - bound) / Swift.max(Swift.abs(incumbent), 1e-10)
    }

    /// Creates a snapshot.
    public init(incumbent: Double?, bound: Double?, elapsed: Double) {
        self.incumbent = incumbent
        self.bound = bound
        self.elapsed = elapsed
    }
}

/// Receives progress during a search; throwing stops the search and the error is rethrown
/// from ``MIPSolver/solve(_:options:progress:)`` once the solver has returned.
public typealias ProgressHandler = (SolveProgress) throws -> Void

/// What a solve returned.
public struct SolveResult: Sendable {
    /// Why the solve stopped.
    public var termination: TerminationStatus
    /// Whether ``values`` holds a feasible point.
    public var primal: PrimalStatus
    /// One value per variable when ``primal`` is ``PrimalStatus/feasiblePoint``, else empty.
    public var values: [Double]
    /// The objective of ``values``, nil without a point.
    public var objective: Double?
    /// The best proven bound on the objective, nil when unknown.
    public var bound: Double?
    /// Seconds spent in the solver.
    public var time: Double
    /// The solver's own return code and status, for diagnosis (e.g. `glp_intopt=0 status=GLP_OPT`).
    public var rawStatus: String

    /// Creates a result.
    public init(termination: TerminationStatus, primal: PrimalStatus, values: [Double],
                objective: Double?, bound: Double?, time: Double, rawStatus: String) {
        self.termination = termination
        self.primal = primal
        self.values = values
        self.objective = objective
        self.bound = bound
        self.time = time
        self.rawStatus = rawStatus
    }

    /// True only when the solve finished with a proven optimum and a point — conservative:
    /// a time limit with an incumbent is feasible but not solved.
    public var isOptimal: Bool { termination == .optimal && primal == .feasiblePoint }

    /// The relative gap between ``objective`` and ``bound``, nil when either is missing.
    public var relativeGap: Double? {
        SolveProgress(incumbent: objective, bound: bound, elapsed: time).relativeGap
    }
}

/// A MIP solver backend.
///
/// Backends validate the model before touching native code, so that no model can abort
/// the process; an invalid model throws ``InvalidModelError``.
public protocol MIPSolver: Sendable {
    /// A short name for reports, e.g. `glpk 5.0`.
    var name: String { get }
    /// Solves `model`; errors thrown by `progress` are rethrown after the solver has stopped.
    func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult
}
