import TobanGLPK
import TobanMIP
import TobanModel

/// Settings of one rota solve.
public struct RotaSolveOptions: Sendable {
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimit: Double?
    /// Relative gap at which the search may stop; 0 proves optimality.
    public var relativeGap: Double
    /// Whether GLPK prints its own log.
    public var verbose: Bool
    /// How the model is solved: chosen by model size (the default), one branch-and-cut run, or
    /// a large-neighbourhood search over many small sub-problems followed by a proof run (see
    /// ``SolveStrategy``).
    public var strategy: SolveStrategy = .automatic
    /// Threads the strategy may use for sub-problems (GLPK itself is single-threaded).
    public var threads: Int = 1
    /// Optional GLPK features (cuts, heuristics, branching) for every run; by default the four
    /// cut families and the root fix-and-solve heuristic (``TobanMIP/MIPTuning/rotaDefault``).
    public var tuning: MIPTuning = .rotaDefault

    /// Creates options; by default no limit, gap 0, silent.
    public init(timeLimit: Double? = nil, relativeGap: Double = 0, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.verbose = verbose
    }
}

/// What a rota solve returned.
public struct RotaSolution: Sendable {
    /// The rota (assignments only; gaps are named by the checker).
    public var rota: Rota
    /// Why the solve stopped.
    public var termination: TerminationStatus
    /// Whether a rota was found.
    public var primal: PrimalStatus
    /// The objective of the rota: the sum of soft-rule costs.
    public var objective: Double
    /// The best proven bound, if known.
    public var bound: Double?
    /// The objective broken down by rule id (rules with cost 0 left out).
    public var costByRule: [String: Double]
    /// Seconds spent compiling and solving.
    public var time: Double
    /// The solver's raw status, for diagnosis.
    public var rawStatus: String
    /// Model size: variables, integer variables, rows.
    public var modelSize: (variables: Int, integers: Int, rows: Int)
}

/// No rota could be produced: the hard rules contradict each other, or the solver stopped
/// before finding any rota.
public struct NoRotaError: Error, Sendable, CustomStringConvertible {
    /// Why the solve stopped.
    public var termination: TerminationStatus
    /// The solver's raw status.
    public var rawStatus: String
    /// What in the scenario makes it impossible, when it can be told without solving.
    public var reasons: [String]

    public var description: String {
        var text: String
        switch termination {
        case .infeasible: text = "no rota satisfies every hard rule"
        case .timeLimit: text = "the time limit was reached before any rota was found; allow more time (--time-limit)"
        case .interrupted: text = "the solve was interrupted before any rota was found"
        default: text = "the solver stopped without a rota (\(termination.rawValue))"
        }
        text += " [\(rawStatus)]"
        if !reasons.isEmpty { text += "\n" + reasons.map { "  - " + $0 }.joined(separator: "\n") }
        return text
    }
}

/// Compiles a scenario, solves it with GLPK and decodes the rota.
public struct RotaSolver: Sendable {
    let backend: any MIPSolver

    /// Creates a solver using GLPK.
    public init() { backend = GLPKSolver() }

    /// Creates a solver with another MIP backend (e.g. for tests).
    public init(backend: any MIPSolver) { self.backend = backend }

    /// Solves `scenario`; throws ``NoRotaError`` when no rota exists or none was found in time.
    public func solve(_ scenario: Scenario, options: RotaSolveOptions = RotaSolveOptions(),
                      progress: ProgressHandler? = nil) throws -> RotaSolution {
        let clock = ContinuousClock()
        let started = clock.now
        let compiled = ModelCompiler.compile(scenario)
        let model = compiled.model
        let integers = model.integerVariableCount
        let result: SolveResult
        if scenario.rules.priorities == .lexicographic {
            // Level by level; each level is a direct solve of the whole model, whatever the strategy.
            result = try PrioritySolve.solve(model, backend: backend, options: options, progress: progress, tightened: compiled.tightened)
        } else {
            switch options.strategy.resolved(integers: integers) {
            case .direct, .automatic:
                var solveOptions = SolveOptions(timeLimit: options.timeLimit, relativeGap: options.relativeGap,
                                                presolve: true, start: nil, verbose: options.verbose)
                solveOptions.tuning = options.tuning
                result = try backend.solve(model, options: solveOptions, progress: progress)
            case .largeNeighbourhood(let settings):
                let search = LargeNeighbourhoodSearch(compiled: compiled, backend: backend, settings: settings)
                result = try search.solve(timeLimit: options.timeLimit, relativeGap: options.relativeGap, threads: options.threads,
                                          verbose: options.verbose, tuning: options.tuning, progress: progress)
            case .columnGeneration(let settings):
                let lpSolver = (backend as? any LPSolver) ?? GLPKSolver()
                let strategy = ColumnGeneration(compiled: compiled, backend: backend, lpSolver: lpSolver, settings: settings)
                result = try strategy.solve(timeLimit: options.timeLimit, relativeGap: options.relativeGap, threads: options.threads,
                                            verbose: options.verbose, tuning: options.tuning, progress: progress)
            }
        }
        guard result.primal == .feasiblePoint else {
            throw NoRotaError(termination: result.termination, rawStatus: result.rawStatus,
                              reasons: result.termination == .infeasible ? InfeasibilityDiagnosis.reasons(scenario) : [])
        }
        let values = compiled.tightened(result.values)
        let breakdown = model.objectiveBreakdown(of: values).filter { $0.value != 0 }
        let elapsed = clock.now - started
        let seconds = elapsed.inSeconds
        return RotaSolution(rota: compiled.rota(from: values), termination: result.termination, primal: result.primal,
                            objective: model.objectiveValue(of: values), bound: result.bound, costByRule: breakdown,
                            time: seconds, rawStatus: result.rawStatus,
                            modelSize: (model.variables.count, integers, model.rows.count))
    }
}
