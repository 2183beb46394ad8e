import CGLPK

/// The root fix-and-solve heuristic of ``TobanMIP/MIPTuning/rootFixing``.
///
/// It works on the problem GLPK's tree works on (presolved), so its solution is in that
/// problem's columns and can be handed back with `glp_ios_heur_sol` without mapping. The root
/// LP it fixes from has the root's cuts; the sub-problems leave the cut rows out (with them,
/// the nested solve of a 4 × 20 assignment problem ran for its whole time limit, its node
/// limit never reached; without them it takes milliseconds). Every sub-problem is a copy
/// solved by a nested `glp_intopt` with a node limit: the same model gives the same rota on
/// every run.
enum RootFixing {
    /// Root-LP value from which a binary is fixed at 1 in the first sub-problem.
    static let fixedAtOne = 0.99
    /// Nodes the first sub-problem may open.
    static let firstNodeLimit = 200
    /// Improvement rounds (RINS): each fixes the binaries on which the rota and the root LP agree.
    static let improvementRounds = 3
    /// Nodes each improvement sub-problem may open.
    static let improvementNodeLimit = 200
    /// Seconds any one sub-problem may take at most.
    static let subproblemTimeCap = 5.0

    /// A solution of the tree's problem: 1-based values (index 0 unused, as GLPK wants them)
    /// and its objective.
    struct Solution {
        var values: [Double]
        var objective: Double
    }

    /// Runs the heuristic on the current (root) LP of `tree`, whose first `modelRows` rows are
    /// the model's (the rest are cuts); nil when no sub-problem found a solution. Stops
    /// improving once `isGoodEnough` holds; stays within `deadline` seconds of `elapsed`.
    static func run(tree: OpaquePointer, modelRows: Int32, deadline: Double?, elapsed: @escaping () -> Double,
                    isGoodEnough: @escaping (Double) -> Bool) -> Solution? {
        guard let problem = glp_ios_get_prob(tree) else { return nil }
        let columns = glp_get_num_cols(problem)
        guard columns > 0 else { return nil }
        let sign: Double = glp_get_obj_dir(problem) == GLP_MAX ? -1 : 1  // improving means smaller sign × objective
        let binaries = (1...columns).filter { glp_get_col_kind(problem, $0) == GLP_BV }
        let lp = [0.0] + (1...columns).map { glp_get_col_prim(problem, $0) }

        var fixings: [(column: Int32, value: Double)] = binaries.compactMap { lp[Int($0)] >= fixedAtOne ? ($0, 1) : nil }
        guard !fixings.isEmpty,
              var best = solve(problem, modelRows: modelRows, fixing: fixings, nodeLimit: firstNodeLimit, deadline: deadline, elapsed: elapsed,
                                isGoodEnough: isGoodEnough)
        else { return nil }
        for _ in 0..<improvementRounds where !isGoodEnough(best.objective) {
            fixings = binaries.compactMap { column in
                let value = best.values[Int(column)]
                return Swift.abs(lp[Int(column)] - value) < 0.01 ? (column, value) : nil
            }
            guard let next = solve(problem, modelRows: modelRows, fixing: fixings, nodeLimit: improvementNodeLimit, deadline: deadline,
                                   elapsed: elapsed, isGoodEnough: isGoodEnough),
                  sign * next.objective < sign * best.objective - 1e-9 * Swift.max(1, Swift.abs(best.objective))
            else { break }
            best = next
        }
        return best
    }

    /// Solves a copy of `problem`'s first `modelRows` rows with `fixing` applied; nil without
    /// a solution. The search stops early at a solution for which `isGoodEnough` holds.
    private static func solve(_ problem: OpaquePointer, modelRows: Int32, fixing: [(column: Int32, value: Double)], nodeLimit: Int,
                              deadline: Double?, elapsed: @escaping () -> Double, isGoodEnough: @escaping (Double) -> Bool) -> Solution? {
        let remaining = deadline.map { $0 - elapsed() }
        if let remaining, remaining <= 0 { return nil }
        guard let copy = glp_create_prob() else { return nil }
        defer { glp_delete_prob(copy) }
        glp_copy_prob(copy, problem, GLP_OFF)
        let rows = glp_get_num_rows(copy)
        if rows > modelRows {
            var cuts = [Int32(0)] + Array((modelRows + 1)...rows)  // 1-based, as GLPK wants it
            glp_del_rows(copy, rows - modelRows, &cuts)
        }
        for fixed in fixing { glp_set_col_bnds(copy, fixed.column, GLP_FX, fixed.value, fixed.value) }

        let limits = SubproblemLimits(nodeLimit: nodeLimit, deadline: deadline, elapsed: elapsed, isGoodEnough: isGoodEnough)
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = GLP_MSG_OFF
        iocp.presolve = GLP_ON
        iocp.clq_cuts = GLP_ON  // cheap; the Gomory cuts made the sub-problems slower
        // A solution, not a proof, is wanted: the most fractional variable with the best
        // projection found the district-30 rota in 0.2 s, GLPK's defaults (Driebeck–Tomlin,
        // best local bound) in 0.8–1.3 s.
        iocp.br_tech = GLP_BR_MFV
        iocp.bt_tech = GLP_BT_BPH
        // The node limit normally ends a sub-problem in well under a second; the time cap is
        // a safety net (GLPK's callback is not called inside a long LP solve).
        iocp.tm_lim = GLPKSolver.milliseconds(Swift.min(remaining ?? subproblemTimeCap, subproblemTimeCap))
        iocp.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SubproblemLimits>.fromOpaque(info).takeUnretainedValue().check(tree)
        }
        let unmanaged = Unmanaged.passRetained(limits)
        defer { unmanaged.release() }
        iocp.cb_info = unmanaged.toOpaque()

        // The nested search stays silent, also when the outer one prints GLPK's log.
        let terminal = glp_term_out(GLP_OFF)
        _ = glp_intopt(copy, &iocp)  // any stop is fine: only a solution counts
        glp_term_out(terminal)
        let status = glp_mip_status(copy)
        guard status == GLP_OPT || status == GLP_FEAS else { return nil }
        let columns = glp_get_num_cols(copy)
        var values = [0.0]
        values.reserveCapacity(Int(columns) + 1)
        for j in 1...columns {
            let value = glp_mip_col_val(copy, j)
            values.append(glp_get_col_kind(copy, j) == GLP_CV ? value : value.rounded())
        }
        return Solution(values: values, objective: glp_mip_obj_val(copy))
    }
}

/// The node limit, deadline and target of one sub-problem, checked from its callback.
///
/// Not `Sendable`: it lives on the solving thread for one nested `glp_intopt` call.
private final class SubproblemLimits {
    let nodeLimit: Int
    let deadline: Double?
    let elapsed: () -> Double
    /// Whether a solution of that objective is all the outer search needs.
    let isGoodEnough: (Double) -> Bool

    init(nodeLimit: Int, deadline: Double?, elapsed: @escaping () -> Double, isGoodEnough: @escaping (Double) -> Bool) {
        self.nodeLimit = nodeLimit
        self.deadline = deadline
        self.elapsed = elapsed
        self.isGoodEnough = isGoodEnough
    }

    func check(_ tree: OpaquePointer) {
        var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        if Int(total) > nodeLimit { glp_ios_terminate(tree); return }
        if let deadline, elapsed() > deadline { glp_ios_terminate(tree); return }
        if let problem = glp_ios_get_prob(tree), glp_mip_status(problem) == GLP_FEAS, isGoodEnough(glp_mip_obj_val(problem)) {
            glp_ios_terminate(tree)  // proving it optimal for the sub-problem would add nothing
        }
    }
}
