import TobanMIP

/// The restricted master LP, kept alive in the LP solver, with the columns generated so far
/// and the pricing state that column generation hands on to the dive.
///
/// Not `Sendable`, deliberately: it holds an ``TobanMIP/IncrementalLP``, which belongs to
/// the thread that created it; column generation and the dive run on that thread and only
/// the pricing problems go to other threads.
final class ColumnPool {
    /// The master LP: master variables, artificials, then one λ per column of ``columns``.
    let lp: any IncrementalLP
    /// The LP column of the first λ.
    let firstLambda: Int
    /// The LP columns of the artificials.
    let artificialColumns: Range<Int>
    /// Every column added, in the order added (λ number `n` is LP column `firstLambda + n`).
    private(set) var columns: [GeneratedColumn] = []
    private var known: [Set<[Double]>]
    /// Time limit of one pricing problem; grows when a round prices out nothing unproved.
    var cap: Double
    /// Blocks whose pricing problem once ran out of time or stopped unproved: priced with
    /// the hard-problem tuning from then on.
    var hard: [Bool]

    init(master: DantzigWolfeMaster, lpSolver: any LPSolver, penalty: Double, cap: Double) throws {
        let (lpModel, artificialCount) = master.masterLP(penalty: penalty)
        let masters = master.decomposition.masterVariables.count
        lp = try lpSolver.makeIncrementalLP(lpModel)
        artificialColumns = masters..<(masters + artificialCount)
        firstLambda = masters + artificialCount
        known = Array(repeating: [], count: master.blockCount)
        self.cap = cap
        hard = Array(repeating: false, count: master.blockCount)
    }

    /// Adds `column` to the LP unless its block already has the same block solution;
    /// returns whether it was added. `convexityRow` is the LP row of the column's block.
    @discardableResult
    func add(_ column: GeneratedColumn, convexityRow: Int) throws -> Bool {
        guard known[column.block].insert(column.values).inserted else { return false }
        try lp.addColumn(cost: column.cost, lower: 0, upper: .infinity,
                         entries: column.entries + [ColumnEntry(row: convexityRow, coefficient: 1)])
        columns.append(column)
        return true
    }

    /// The value of λ number `n` in an LP solution, which must have been solved with that
    /// column in the LP.
    func lambda(_ n: Int, in values: [Double]) -> Double { values[firstLambda + n] }

    /// Whether an LP solution uses any artificial (some linking row is violated).
    func usesArtificials(_ values: [Double]) -> Bool {
        artificialColumns.contains { values[$0] > 1e-6 }
    }
}
