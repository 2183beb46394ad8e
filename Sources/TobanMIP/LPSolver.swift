/// Why an LP solve stopped.
public enum LPStatus: String, Sendable, Codable {
    /// An optimal basic solution was found; values and duals are available.
    case optimal
    /// The LP has no feasible point.
    case infeasible
    /// The objective is unbounded over the feasible set.
    case unbounded
    /// The time limit was reached before optimality.
    case timeLimit = "time-limit"
    /// The simplex failed numerically or internally (or stopped for another reason).
    case numericalError = "numerical-error"
}

/// What an LP solve returned.
///
/// Row duals follow the usual convention for a minimisation: the reduced cost of column `j`
/// is `c_j − Σ_i dual_i · a_ij`, a row active at its lower side has a dual ≥ 0 and one active
/// at its upper side a dual ≤ 0 (within the solver's tolerance).
public struct LPResult: Sendable {
    /// Why the solve stopped.
    public var status: LPStatus
    /// The objective value (objective constant included) when ``status`` is ``LPStatus/optimal``.
    public var objective: Double?
    /// One primal value per column when optimal, else empty.
    public var values: [Double]
    /// One dual value per row when optimal, else empty.
    public var rowDuals: [Double]
    /// The solver's own return code and status, for diagnosis.
    public var rawStatus: String

    /// Creates a result.
    public init(status: LPStatus, objective: Double?, values: [Double], rowDuals: [Double], rawStatus: String) {
        self.status = status
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.rawStatus = rawStatus
    }
}

/// One entry of a column to be added to an ``IncrementalLP``: the row and the coefficient.
public struct ColumnEntry: Sendable, Hashable {
    /// Zero-based row index.
    public var row: Int
    /// The coefficient; must be finite.
    public var coefficient: Double
    /// Creates an entry.
    public init(row: Int, coefficient: Double) {
        self.row = row
        self.coefficient = coefficient
    }
}

/// A linear program kept alive in the solver between solves, so that columns can be added
/// and the LP re-solved from the previous basis (column generation).
///
/// Not `Sendable`: an implementation may hold a native handle that belongs to the thread
/// that created it; create, use and release it on one thread.
public protocol IncrementalLP: AnyObject {
    /// The number of columns, those of the initial model included.
    var columnCount: Int { get }
    /// The number of rows (fixed at creation).
    var rowCount: Int { get }
    /// Adds a continuous column `lower ≤ x ≤ upper` with objective `cost` and the given
    /// entries (each row at most once); throws ``InvalidModelError`` on bad input and leaves
    /// the LP unchanged.
    func addColumn(cost: Double, lower: Double, upper: Double, entries: [ColumnEntry]) throws
    /// Changes the bounds of column `column` (zero-based, initial columns included) to
    /// `lower ≤ x ≤ upper`, e.g. to fix a column while diving; throws ``InvalidModelError``
    /// on an index out of range or invalid bounds and leaves the LP unchanged.
    func setColumnBounds(_ column: Int, lower: Double, upper: Double) throws
    /// Solves the LP relaxation (integrality ignored) from the last basis.
    func solve(timeLimit: Double?) throws -> LPResult
}

/// A backend that solves linear programs and reports row duals.
///
/// Integrality of the model's variables is ignored: the LP relaxation is solved. Backends
/// validate the model before touching native code, as ``MIPSolver`` backends do.
public protocol LPSolver: Sendable {
    /// Solves the LP relaxation of `model`.
    func solveLP(_ model: LinearModel, timeLimit: Double?) throws -> LPResult
    /// Loads `model`'s LP relaxation into a problem that columns can be added to.
    func makeIncrementalLP(_ model: LinearModel) throws -> any IncrementalLP
}
