import Foundation
import TobanMIP

/// One branching decision of branch-and-price: a block variable's bounds narrowed.
struct BranchFixing: Sendable, Hashable {
    /// The variable's position in its block (block order).
    let variable: Int
    let lower: Double
    let upper: Double

    /// Bounds `lower`…`upper` narrowed by the decision.
    func narrowed(lower: Double, upper: Double) -> (lower: Double, upper: Double) {
        (Swift.max(lower, self.lower), Swift.min(upper, self.upper))
    }

    /// Whether a block solution obeys the decision.
    func allows(_ values: [Double]) -> Bool {
        values[variable] >= lower - 1e-9 && values[variable] <= upper + 1e-9
    }
}

extension ColumnGeneration {
    /// What branch-and-price reached.
    struct BranchAndPriceOutcome: Sendable {
        /// The best full-model point found in the tree (tightened and feasible), if better
        /// than the incumbent it was given.
        var improved: [Double]?
        /// Its objective (or the given incumbent's when nothing better was found).
        var best: Double
        /// A lower bound on the optimum: the least bound of the nodes left open (the root's
        /// bound when the tree was not finished), or `best` when every node was closed.
        var bound: Double
        var nodes: Int
        /// Whether every node was closed: `best` is then optimal.
        var finished: Bool
        /// Whether the tree was stopped for not moving: after
        /// ``ColumnGenerationSettings/branchingStallNodes`` nodes its least open bound was still
        /// the root's and no rota had been found.
        var stalled = false
    }

    /// One open node: its decisions per block and the bound inherited from its parent.
    private struct Node {
        var fixings: [[BranchFixing]]
        var bound: Double
        var depth: Int
        var order: Int
    }

    /// Branch-and-price over the converged master in `pool`: best-bound search, column
    /// generation at every node, branching on the most fractional integer block variable of
    /// the aggregated solution `x̄_j = Σ λ_c · c_j` (at 0 in one child, at 1 in the other for a
    /// binary).
    ///
    /// A node's columns are those of the pool that obey its decisions (the others are held at
    /// 0) plus those its pricing problems — solved with the decisions as bounds — add. A node
    /// is closed when its bound (the Lagrangian bound of a fully priced round or the converged
    /// master LP value, rounded up when the objective is integral) reaches the incumbent,
    /// when a pricing problem is infeasible under its decisions, or when its aggregated
    /// solution is integral — then a feasible point of the whole model, a candidate
    /// incumbent. The open node of least bound goes first; ties go to the deeper, then the
    /// older node, so the search follows the LPs, not thread timing (up to time limits on
    /// pricing problems).
    ///
    /// Why: on Instance5 and 6 the root master LP lies one or two units below the optimum,
    /// so no rota can be proved optimal without branching.
    ///
    /// A tree that has not moved after `stallNodes` nodes (0: never stop) — its least open
    /// bound still the root's, no rota found — stops: on Instance12 at 600 s, 200 nodes all
    /// at the root's bound 4040 took 150 s from the neighbourhood search, while the trees of
    /// Instance6 and 7 raise their least bound within their first 10 nodes.
    func branchAndPrice(_ master: DantzigWolfeMaster, pool: ColumnPool, incumbent best: Double, rootBound: Double,
                        until deadline: Double, threads: Int, elapsed: () -> Double, rounded: (Double) -> Double,
                        stallNodes: Int = 0, progress: ProgressHandler?) throws -> BranchAndPriceOutcome {
        let blocks = master.blockCount
        let model = master.model
        var outcome = BranchAndPriceOutcome(improved: nil, best: best, bound: rootBound, nodes: 0, finished: false)
        func closes(_ bound: Double) -> Bool {
            outcome.best.isFinite && LargeNeighbourhoodSearch.meets(outcome.best, bound: rounded(bound))
        }
        var open = [Node(fixings: Array(repeating: [], count: blocks), bound: rootBound, depth: 0, order: 0)]
        var created = 1
        // The bounds each λ column was last given, to change only what a node changes.
        var columnUpper = [Double?](repeating: nil, count: 0)
        let trace = ProcessInfo.processInfo.environment["TOBAN_CG_TRACE"] != nil

        while !open.isEmpty {
            guard elapsed() < deadline else { break }
            if stallNodes > 0, outcome.nodes >= stallNodes, outcome.improved == nil,
               let least = open.map(\.bound).min(), least - rootBound <= 1e-6 * Swift.max(1, Swift.abs(rootBound)) {
                outcome.stalled = true
                break
            }
            // Best bound first (the bound is what the tree is for: rotas come from the dive,
            // the master IP and the neighbourhood search; plunging for them measured worse);
            // deeper, then older, on ties.
            let pick = open.indices.min { a, b in
                (open[a].bound, -open[a].depth, open[a].order) < (open[b].bound, -open[b].depth, open[b].order)
            } ?? 0
            let node = open.remove(at: pick)
            if closes(node.bound) { continue }
            outcome.nodes += 1

            // The node's columns: those obeying its decisions.
            func applyColumnBounds() throws {
                if columnUpper.count < pool.columns.count {
                    columnUpper += [Double?](repeating: nil, count: pool.columns.count - columnUpper.count)
                }
                for (n, column) in pool.columns.enumerated() {
                    let upper = node.fixings[column.block].allSatisfy { $0.allows(column.values) } ? Double.infinity : 0
                    if columnUpper[n] != upper {
                        try pool.lp.setColumnBounds(pool.firstLambda + n, lower: 0, upper: upper)
                        columnUpper[n] = upper
                    }
                }
            }
            try applyColumnBounds()

            // Column generation at the node.
            var nodeBound = node.bound
            var closed = false
            var converged = false
            var solved: LPResult?
            while elapsed() < deadline {
                let lp = try pool.lp.solve(timeLimit: Swift.max(0.1, deadline - elapsed()))
                guard lp.status == .optimal, let z = lp.objective else { break }
                solved = lp
                let (duals, convexityDuals) = master.duals(of: lp)
                let priced = try price(master, duals: duals, deadline: deadline, threads: threads, elapsed: elapsed,
                                       cap: pool.cap, hard: pool.hard, fixings: node.fixings)
                noteHardBlocks(priced, pool: pool)
                if priced.contains(where: { if case .infeasible = $0 { return true } else { return false } }) {
                    closed = true  // some block has no solution under the decisions
                    break
                }
                var bounds: [Double] = []
                var allProved = true
                var added = 0
                for (b, p) in priced.enumerated() {
                    guard case .solved(let values, let objective, let bound, let alternatives) = p else { allProved = false; continue }
                    bounds.append(bound)
                    if objective - bound > 1e-9 * Swift.max(1, Swift.abs(objective)) { allProved = false }
                    added += try addPricedOut(values, alternatives: alternatives, block: b, master: master, pool: pool,
                                              duals: duals, convexityDuals: convexityDuals)
                }
                if bounds.count == blocks, let value = master.lagrangianBound(duals: duals, pricingBounds: bounds) {
                    nodeBound = Swift.max(nodeBound, value)
                }
                if added == 0 && allProved {
                    nodeBound = Swift.max(nodeBound, z)
                    converged = true
                    break
                }
                if closes(nodeBound) { break }
                if added == 0 { pool.cap *= 4 }
                try applyColumnBounds()  // the new columns obey the decisions; record their bounds
            }
            if closed || closes(nodeBound) { continue }
            guard converged, let lp = solved else {
                open.append(Node(fixings: node.fixings, bound: nodeBound, depth: node.depth, order: node.order))  // out of time
                break
            }

            // The aggregated block solution x̄.
            var aggregate = [Double](repeating: 0, count: model.variables.count)
            for (k, j) in master.decomposition.masterVariables.enumerated() { aggregate[j] = lp.values[k] }
            for (n, column) in pool.columns.enumerated() {
                let lambda = pool.lambda(n, in: lp.values)
                guard lambda > 1e-9 else { continue }
                for (k, j) in master.decomposition.blocks[column.block].variables.enumerated() { aggregate[j] += lambda * column.values[k] }
            }
            var branch: (block: Int, variable: Int, value: Double)?
            var fractionality = 0.0
            for (b, block) in master.decomposition.blocks.enumerated() {
                for (k, j) in block.variables.enumerated() where model.variables[j].kind != .continuous {
                    let x = aggregate[j]
                    let f = Swift.min(x - x.rounded(.down), x.rounded(.up) - x)
                    if f > 1e-6 && f > fractionality + 1e-12 { (branch, fractionality) = ((b, k, x), f) }
                }
            }
            guard let branch else {
                // Integral: x̄ itself is a point of the whole model, at the node's LP value.
                var point = aggregate
                for j in point.indices where model.variables[j].kind != .continuous { point[j] = point[j].rounded() }
                let values = compiled.tightened(point)
                if model.infeasibilities(of: values).isEmpty {
                    let objective = model.objectiveValue(of: values)
                    if objective < outcome.best - 1e-9 {
                        outcome.best = objective
                        outcome.improved = values
                        try progress?(SolveProgress(incumbent: objective, bound: nil, elapsed: elapsed()))
                    }
                    continue
                }
                // Numerically off (a tolerance): leave the node open rather than trust it.
                open.append(Node(fixings: node.fixings, bound: nodeBound, depth: node.depth, order: node.order))
                break
            }
            for (lower, upper) in [(branch.value.rounded(.up), Double.infinity), (-Double.infinity, branch.value.rounded(.down))] {
                var fixings = node.fixings
                fixings[branch.block].append(BranchFixing(variable: branch.variable, lower: lower, upper: upper))
                open.append(Node(fixings: fixings, bound: nodeBound, depth: node.depth + 1, order: created))
                created += 1
            }
            if trace {
                let least = open.map(\.bound).min() ?? nodeBound
                let text = "cg branch node \(outcome.nodes) depth \(node.depth) bound \(nodeBound) open \(open.count) least \(least) best \(outcome.best) t=\(elapsed())\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
        // Leave the pool's LP as column generation had it: every column free.
        for (n, upper) in columnUpper.enumerated() where upper != .infinity {
            try pool.lp.setColumnBounds(pool.firstLambda + n, lower: 0, upper: .infinity)
        }
        let remaining = open.filter { !closes($0.bound) }
        if remaining.isEmpty {
            outcome.finished = true
            outcome.bound = outcome.best
        } else {
            outcome.bound = Swift.max(rootBound, remaining.map(\.bound).min() ?? rootBound)
        }
        return outcome
    }
}
