import Foundation
import TobanMIP

extension ColumnGeneration {
    /// What a dive returned: one column per block (indices into the pool's columns) and the
    /// statistics for `rawStatus`.
    struct Dive: Sendable {
        var chosen: [Int]
        var steps: Int
        var pricingRounds: Int
        /// Whether time ran out and the free blocks took their best columns of the last LP.
        var completed = false
    }

    /// Diving on the master LP, the primal heuristic of branch-and-price: fix a block to the
    /// column the LP likes best, let the free blocks answer with new columns, repeat.
    ///
    /// Each step solves the master LP, then prices the blocks not yet fixed against its duals
    /// (at most ``ColumnGenerationSettings/divingPricingRounds`` rounds, fewer when nothing
    /// prices out) and fixes columns: every free block whose best column already has λ = 1,
    /// and at least ``ColumnGenerationSettings/divingFixShare`` of the free blocks (at least
    /// one), those whose best column has the largest λ (the lowest column number on ties, so
    /// the dive follows the LP, not thread timing). A fixed block is never priced again. When
    /// time runs out after at least one master LP, every free block takes its best column of
    /// the last LP (Instance12 at 600 s with six columns a round: 15 steps of 17 in the
    /// dive's 150 s, three blocks left; the restricted master IP then had no start). Before
    /// its first fixing the dive holds back the pool's columns of large reduced cost
    /// (``ColumnGenerationSettings/divingColumnsPerBlock``, above
    /// ``ColumnGenerationSettings/divingPoolThreshold``; branch-and-price frees them again):
    /// Instance12's dive over the whole pool took 150 s, over 30 columns a block 28 s. Nil when
    /// no LP was solved in time, the LP fails, or the fixed columns force an artificial (a
    /// linking row they cannot satisfy together): the restricted master IP still runs after it.
    ///
    /// Why: the restricted master IP only combines columns found for the fractional LP
    /// optimum, which often fit badly together (Instance6: master LP 1949.1, IP over its
    /// 540 columns 2603, the dive 1953); fixing a few blocks at a time lets the others be
    /// re-priced around them.
    func dive(_ master: DantzigWolfeMaster, pool: ColumnPool, until deadline: Double, threads: Int,
              elapsed: () -> Double) throws -> Dive? {
        let blocks = master.blockCount
        var fixed = [Int?](repeating: nil, count: blocks)
        var steps = 0
        var rounds = 0
        let trace = ProcessInfo.processInfo.environment["TOBAN_CG_TRACE"] != nil
        var lastSolved: LPResult?
        // Out of time: the free blocks take their best columns of the last LP.
        func completed() -> Dive? {
            guard let lastSolved else { return nil }
            let best = bestColumns(pool: pool, solved: lastSolved, fixed: fixed)
            var chosen = fixed
            for b in 0..<blocks where chosen[b] == nil { chosen[b] = best[b] }
            guard chosen.allSatisfy({ $0 != nil }) else { return nil }
            return Dive(chosen: chosen.compactMap { $0 }, steps: steps, pricingRounds: rounds, completed: true)
        }
        while elapsed() < deadline {
            var solved = try pool.lp.solve(timeLimit: Swift.max(0.1, deadline - elapsed()))
            guard solved.status == .optimal else { return solved.status == .timeLimit ? completed() : nil }
            if steps == 0, settings.divingColumnsPerBlock > 0, pool.columns.count > settings.divingPoolThreshold {
                let held = try holdBack(master, pool: pool, solved: solved, keeping: settings.divingColumnsPerBlock)
                if trace { FileHandle.standardError.write(Data("cg dive holds back \(held) of \(pool.columns.count) columns\n".utf8)) }
                solved = try pool.lp.solve(timeLimit: Swift.max(0.1, deadline - elapsed()))
                guard solved.status == .optimal else { return solved.status == .timeLimit ? completed() : nil }
            }
            lastSolved = solved
            let free = Set((0..<blocks).filter { fixed[$0] == nil })
            if free.isEmpty {
                if pool.usesArtificials(solved.values) { return nil }
                return Dive(chosen: fixed.compactMap { $0 }, steps: steps, pricingRounds: rounds)
            }
            // Re-price the free blocks around what is fixed.
            for _ in 0..<settings.divingPricingRounds where elapsed() < deadline {
                let (duals, convexityDuals) = master.duals(of: solved)
                // At the first pricing limit, not the pool's (which only grows, while column
                // generation tries to prove a stalled round): an unproved pricing problem still
                // gives a column, and the grown limit spent the dive's whole share on one step
                // (Instance14 at 600 s: 150 s).
                let priced = try price(master, duals: duals, deadline: deadline, threads: threads, elapsed: elapsed,
                                       cap: settings.pricingTimeLimit, hard: pool.hard, only: free)
                noteHardBlocks(priced, pool: pool)
                rounds += 1
                var added = 0
                for b in free.sorted() {
                    // The alternatives too: with the optimum only, Instance7's dive ended at 1264
                    // and the search stalled at 1260–1262 (1060 after the dive with them), and
                    // Instance8 ended at 1611–1621 (1317–1409). They slow the dive's master LP
                    // (Instance12 over the whole pool: 17 s a step at the end instead of 2 s).
                    guard case .solved(let values, _, _, let alternatives) = priced[b] else { continue }
                    added += try addPricedOut(values, alternatives: alternatives, block: b, master: master, pool: pool,
                                              duals: duals, convexityDuals: convexityDuals)
                }
                if added == 0 { break }
                solved = try pool.lp.solve(timeLimit: Swift.max(0.1, deadline - elapsed()))
                guard solved.status == .optimal else { return solved.status == .timeLimit ? completed() : nil }
                lastSolved = solved
            }
            let best = bestColumns(pool: pool, solved: solved, fixed: fixed)
            // Fix: every free block already at λ = 1, and at least a share of the free blocks
            // (``ColumnGenerationSettings/divingFixShare``), by largest λ.
            let ranked = free.sorted().compactMap { best[$0] }.sorted { a, b in
                let (la, lb) = (pool.lambda(a, in: solved.values), pool.lambda(b, in: solved.values))
                return la != lb ? la > lb : a < b
            }
            let least = Swift.max(1, Int((Double(free.count) * settings.divingFixShare).rounded(.down)))
            let fixing = ranked.enumerated().filter { k, n in k < least || pool.lambda(n, in: solved.values) >= 1 - 1e-6 }.map(\.element)
            guard !fixing.isEmpty else { return nil }
            for n in fixing {
                try pool.lp.setColumnBounds(pool.firstLambda + n, lower: 1, upper: 1)
                fixed[pool.columns[n].block] = n
            }
            steps += 1
            if trace {
                let text = "cg dive step \(steps) master \(solved.objective ?? .nan) fixed \(fixing.count) free \(free.count - fixing.count) columns \(pool.columns.count) t=\(elapsed())\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
        return completed()
    }

    /// Holds every pool column at 0 except, per block, those with λ > 0 in `solved` and the
    /// `keeping` of least reduced cost at its duals; returns how many were held back.
    func holdBack(_ master: DantzigWolfeMaster, pool: ColumnPool, solved: LPResult, keeping: Int) throws -> Int {
        let (duals, convexityDuals) = master.duals(of: solved)
        var byBlock = [[(reduced: Double, n: Int)]](repeating: [], count: master.blockCount)
        for (n, column) in pool.columns.enumerated() {
            byBlock[column.block].append((reducedCost(of: column, duals: duals, convexityDuals: convexityDuals), n))
        }
        var held = 0
        for list in byBlock {
            let ranked = list.sorted { $0.reduced != $1.reduced ? $0.reduced < $1.reduced : $0.n < $1.n }
            for (k, entry) in ranked.enumerated() where k >= keeping && pool.lambda(entry.n, in: solved.values) <= 1e-9 {
                try pool.lp.setColumnBounds(pool.firstLambda + entry.n, lower: 0, upper: 0)
                held += 1
            }
        }
        return held
    }

    /// For every block not in `fixed`, its column of largest λ in `solved` (the lowest column
    /// number on ties), among the columns `solved` has.
    ///
    /// The pool may have grown since `solved`: a dive step prices columns in after its LP and
    /// then runs out of time in the next, leaving `completed()` with the last LP solved
    /// (Instance8 at 60 s crashed on an index past that solution's end).
    func bestColumns(pool: ColumnPool, solved: LPResult, fixed: [Int?]) -> [Int?] {
        var best = [Int?](repeating: nil, count: fixed.count)
        let known = Swift.max(0, Swift.min(pool.columns.count, solved.values.count - pool.firstLambda))
        for (n, column) in pool.columns.prefix(known).enumerated() where fixed[column.block] == nil {
            if let current = best[column.block], pool.lambda(current, in: solved.values) >= pool.lambda(n, in: solved.values) { continue }
            best[column.block] = n
        }
        return best
    }
}
