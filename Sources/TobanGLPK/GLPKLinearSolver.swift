import CGLPK
import TobanMIP

/// GLPK's simplex (`glp_simplex`) as an ``TobanMIP/LPSolver``: primal values and row duals.
extension GLPKSolver: LPSolver {
    /// Solves the LP relaxation of `model` with the primal simplex (presolve off, so that the
    /// basis and the duals are those of the model as given).
    public func solveLP(_ model: LinearModel, timeLimit: Double? = nil) throws -> LPResult {
        try GLPKLinearProgram(model).solve(timeLimit: timeLimit)
    }

    /// Loads `model`'s LP relaxation into a ``GLPKLinearProgram``.
    public func makeIncrementalLP(_ model: LinearModel) throws -> any IncrementalLP {
        try GLPKLinearProgram(model)
    }
}

/// One GLPK problem kept alive between simplex solves, so that column generation can add
/// columns and re-solve from the previous optimal basis.
///
/// Not `Sendable`, deliberately: GLPK's environment is thread-local in this build, so the
/// problem must be created, solved and freed (in `deinit`) on the thread that made it.
/// Every input is validated in Swift before it reaches GLPK, which aborts the process on bad
/// indices or duplicate entries.
public final class GLPKLinearProgram: IncrementalLP {
    private let problem = GLPKProblem()
    /// The number of rows.
    public let rowCount: Int
    /// The number of columns.
    public private(set) var columnCount: Int
    private let objectiveConstant: Double

    /// Loads `model` (validated first; throws ``TobanMIP/InvalidModelError``).
    public init(_ model: LinearModel) throws {
        try model.validate()
        problem.load(model)
        rowCount = model.rows.count
        columnCount = model.variables.count
        objectiveConstant = model.objectiveConstant
    }

    /// Adds a column after checking every input in Swift (rows in range and distinct, finite
    /// numbers, valid bounds); the basis is kept, the new column starts non-basic.
    public func addColumn(cost: Double, lower: Double, upper: Double, entries: [ColumnEntry]) throws {
        var defects: [ModelDefect] = []
        if !cost.isFinite { defects.append(ModelDefect("new column: cost is \(cost)")) }
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity || lower > upper {
            defects.append(ModelDefect("new column: bounds [\(lower), \(upper)] are invalid"))
        }
        var seen = Set<Int>()
        for e in entries {
            if !(0..<rowCount).contains(e.row) { defects.append(ModelDefect("new column: row \(e.row) out of range 0..<\(rowCount)")) }
            if !seen.insert(e.row).inserted { defects.append(ModelDefect("new column: row \(e.row) appears twice")) }
            if !e.coefficient.isFinite { defects.append(ModelDefect("new column: coefficient in row \(e.row) is \(e.coefficient)")) }
        }
        if !defects.isEmpty { throw InvalidModelError(defects: defects) }
        let col = glp_add_cols(problem.pointer, 1)
        let (type, lo, hi) = GLPKProblem.boundType(lower: lower, upper: upper)
        glp_set_col_bnds(problem.pointer, col, type, lo, hi)
        glp_set_obj_coef(problem.pointer, col, cost)
        let nonzero = entries.filter { $0.coefficient != 0 }
        if !nonzero.isEmpty {
            var indices: [Int32] = [0] + nonzero.map { Int32($0.row + 1) }
            var values: [Double] = [0] + nonzero.map(\.coefficient)
            glp_set_mat_col(problem.pointer, col, Int32(nonzero.count), &indices, &values)
        }
        columnCount += 1
    }

    /// Changes a column's bounds after checking the index and the bounds in Swift; the basis
    /// is kept (GLPK moves a non-basic column to its new bound on the next solve).
    public func setColumnBounds(_ column: Int, lower: Double, upper: Double) throws {
        var defects: [ModelDefect] = []
        if !(0..<columnCount).contains(column) { defects.append(ModelDefect("column \(column) out of range 0..<\(columnCount)")) }
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity || lower > upper {
            defects.append(ModelDefect("column \(column): bounds [\(lower), \(upper)] are invalid"))
        }
        if !defects.isEmpty { throw InvalidModelError(defects: defects) }
        let (type, lo, hi) = GLPKProblem.boundType(lower: lower, upper: upper)
        glp_set_col_bnds(problem.pointer, Int32(column + 1), type, lo, hi)
    }

    /// Runs the primal simplex from the current basis (once more from an advanced basis if
    /// GLPK reports the kept one invalid or ill-conditioned) and maps every return code.
    public func solve(timeLimit: Double? = nil) throws -> LPResult {
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw InvalidModelError(defects: [ModelDefect("time limit must be a positive number of seconds, got \(t)")])
        }
        if rowCount == 0 || columnCount == 0 { return solveTrivially() }
        let previousTerminal = glp_term_out(GLP_OFF)
        defer { glp_term_out(previousTerminal) }
        var smcp = glp_smcp()
        glp_init_smcp(&smcp)
        smcp.msg_lev = GLP_MSG_OFF
        smcp.presolve = GLP_OFF
        if let t = timeLimit { smcp.tm_lim = GLPKSolver.milliseconds(t) }
        var code = glp_simplex(problem.pointer, &smcp)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND {
            // The kept basis is invalid or ill-conditioned: start once more from an advanced one.
            glp_adv_basis(problem.pointer, 0)
            code = glp_simplex(problem.pointer, &smcp)
        }
        let status = glp_get_status(problem.pointer)
        let raw = "glp_simplex=\(GLPKSolver.codeName(code)) status=\(GLPKSolver.statusName(status))"
        let lpStatus: LPStatus
        switch (code, status) {
        case (0, GLP_OPT): lpStatus = .optimal
        case (0, GLP_NOFEAS): lpStatus = .infeasible
        case (0, GLP_UNBND): lpStatus = .unbounded
        case (GLP_ETMLIM, _): lpStatus = .timeLimit
        default: lpStatus = .numericalError  // GLP_EFAIL, GLP_EITLIM, basis failures twice, GLP_INFEAS/UNDEF after 0
        }
        guard lpStatus == .optimal else {
            return LPResult(status: lpStatus, objective: nil, values: [], rowDuals: [], rawStatus: raw)
        }
        let values = (0..<columnCount).map { glp_get_col_prim(problem.pointer, Int32($0 + 1)) }
        let duals = (0..<rowCount).map { glp_get_row_dual(problem.pointer, Int32($0 + 1)) }
        return LPResult(status: .optimal, objective: glp_get_obj_val(problem.pointer), values: values, rowDuals: duals, rawStatus: raw)
    }

    /// An LP without rows or without columns, which `glp_simplex` refuses (`GLP_EFAIL`):
    /// every column at the bound its cost prefers, every row checked at activity 0.
    private func solveTrivially() -> LPResult {
        var values: [Double] = []
        var objective = objectiveConstant
        let minimise = glp_get_obj_dir(problem.pointer) == GLP_MIN
        for j in 0..<columnCount {
            let col = Int32(j + 1)
            let c = glp_get_obj_coef(problem.pointer, col) * (minimise ? 1 : -1)
            let type = glp_get_col_type(problem.pointer, col)
            let lo = (type == GLP_LO || type == GLP_DB || type == GLP_FX) ? glp_get_col_lb(problem.pointer, col) : -Double.infinity
            let hi = (type == GLP_UP || type == GLP_DB || type == GLP_FX) ? glp_get_col_ub(problem.pointer, col) : Double.infinity
            let x = c > 0 ? lo : (c < 0 ? hi : (lo.isFinite ? lo : (hi.isFinite ? hi : 0)))
            if !x.isFinite {
                return LPResult(status: .unbounded, objective: nil, values: [], rowDuals: [], rawStatus: "no rows: unbounded column \(j)")
            }
            values.append(x)
            objective += glp_get_obj_coef(problem.pointer, col) * x
        }
        for i in 0..<rowCount {
            let row = Int32(i + 1)
            let type = glp_get_row_type(problem.pointer, row)
            let lo = (type == GLP_LO || type == GLP_DB || type == GLP_FX) ? glp_get_row_lb(problem.pointer, row) : -Double.infinity
            let hi = (type == GLP_UP || type == GLP_DB || type == GLP_FX) ? glp_get_row_ub(problem.pointer, row) : Double.infinity
            if lo > 1e-9 || hi < -1e-9 {
                return LPResult(status: .infeasible, objective: nil, values: [], rowDuals: [], rawStatus: "no columns: row \(i) excludes 0")
            }
        }
        return LPResult(status: .optimal, objective: objective, values: values,
                        rowDuals: [Double](repeating: 0, count: rowCount), rawStatus: "trivial LP")
    }
}
