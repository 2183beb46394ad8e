import CGLPK
import TobanMIP

/// Owns one `glp_prob` and frees it in `deinit`.
///
/// Deliberately not `Sendable`: GLPK's environment is thread-local in this build
/// (`glp_config("TLS")`), so a problem object must be created, used and freed on one thread.
/// ``GLPKSolver`` keeps every `GLPKProblem` inside one synchronous call for that reason.
final class GLPKProblem {
    let pointer: OpaquePointer

    init() {
        pointer = glp_create_prob()
    }

    deinit {
        glp_delete_prob(pointer)
    }

    /// Loads a model that has already passed ``LinearModel/validate()``.
    ///
    /// Only validated models reach this point: GLPK aborts the process on bad indices,
    /// duplicate entries or over-long names instead of returning an error.
    func load(_ model: LinearModel, objective: [Double]? = nil) {
        glp_set_prob_name(pointer, String(model.name.prefix(255)))
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        let m = model.rows.count
        let n = model.variables.count
        if m > 0 { glp_add_rows(pointer, Int32(m)) }
        if n > 0 { glp_add_cols(pointer, Int32(n)) }
        let c = objective ?? model.aggregatedObjective()
        glp_set_obj_coef(pointer, 0, objective == nil ? model.objectiveConstant : 0)
        for (j, v) in model.variables.enumerated() {
            let col = Int32(j + 1)
            glp_set_col_name(pointer, col, v.name)
            switch v.kind {
            case .binary: glp_set_col_kind(pointer, col, GLP_BV)
            case .integer: glp_set_col_kind(pointer, col, GLP_IV)
            case .continuous: glp_set_col_kind(pointer, col, GLP_CV)
            }
            // GLP_BV sets the bounds to [0, 1]; narrower ones (a branching decision, a
            // fixing) are set after it, or GLPK would silently drop them.
            if v.kind != .binary || v.lower > 0 || v.upper < 1 {
                let (type, lo, hi) = v.kind == .binary
                    ? GLPKProblem.boundType(lower: Swift.max(0, v.lower), upper: Swift.min(1, v.upper))
                    : GLPKProblem.boundType(lower: v.lower, upper: v.upper)
                glp_set_col_bnds(pointer, col, type, lo, hi)
            }
            glp_set_obj_coef(pointer, col, c[j])
        }
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        for (i, row) in model.rows.enumerated() {
            let r = Int32(i + 1)
            glp_set_row_name(pointer, r, row.name)
            let (type, lo, hi) = GLPKProblem.boundType(lower: row.lower ?? -.infinity, upper: row.upper ?? .infinity)
            glp_set_row_bnds(pointer, r, type, lo, hi)
            for t in row.terms where t.coefficient != 0 {
                ia.append(r)
                ja.append(Int32(t.variable.index + 1))
                ar.append(t.coefficient)
            }
        }
        if ia.count > 1 {
            glp_load_matrix(pointer, Int32(ia.count - 1), &ia, &ja, &ar)
        }
    }

    static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}
