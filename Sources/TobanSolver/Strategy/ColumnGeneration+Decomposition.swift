import TobanMIP

/// A Dantzig–Wolfe decomposition of a compiled model into one block per resource.
///
/// Every assignment variable belongs to its resource's block. The blocks then grow through
/// rows, in rounds, all rows of a round at once (so the result does not depend on row order):
/// a row whose labelled variables all belong to one block proposes that block to its
/// unlabelled variables; a variable proposed exactly one block joins it; a variable proposed
/// two or more blocks in the same round never joins any and is a *master* variable, as is a
/// variable that no round reaches (e.g. `S-COVER-UNDER`/`S-COVER-OVER` of a coverage row
/// that several resources can fill). Rounds stop when nothing changes.
///
/// Then a row whose variables all lie in one block is a *block row* (kept in that block's
/// pricing problem); every other row is *linking* — it touches two blocks, or a block and
/// master variables, or only master variables — and goes to the master LP, where a block
/// enters through the row's activity over its variables. Any variable may appear in a
/// linking row: a column is a whole block solution, so its coefficient in a linking row is
/// `Σ a_ij x_j` over the block's variables, exact for assignment and auxiliary variables alike.
///
/// The model *decomposes* when there are at least two blocks; otherwise
/// ``NotDecomposable`` says why.
struct DantzigWolfeDecomposition: Sendable {
    /// One block: a resource's variables and the rows that touch only them.
    struct Block: Sendable {
        /// The resource whose assignment variables seeded the block.
        let resourceID: String
        /// Full-model variable indices, ascending.
        let variables: [Int]
        /// Full-model row indices, ascending.
        let rows: [Int]
    }

    /// Why the model does not decompose.
    struct NotDecomposable: Error, Sendable, CustomStringConvertible {
        let reason: String
        var description: String { "not decomposable: \(reason)" }
    }

    /// The blocks, ordered by resource id.
    let blocks: [Block]
    /// For each full-model variable, its block index, or nil for a master variable.
    let blockOfVariable: [Int?]
    /// Master variables (in no block), ascending.
    let masterVariables: [Int]
    /// Linking rows, ascending.
    let linkingRows: [Int]

    /// Decomposes `compiled`; throws ``NotDecomposable`` with fewer than two blocks.
    static func make(_ compiled: CompiledModel) throws(NotDecomposable) -> DantzigWolfeDecomposition {
        let model = compiled.model
        let resources = Array(Set(compiled.assignments.map(\.resourceID))).sorted()
        guard resources.count >= 2 else {
            throw NotDecomposable(reason: "\(resources.count) resource\(resources.count == 1 ? "" : "s") with assignment variables; at least 2 blocks are needed")
        }
        let blockIndex = Dictionary(uniqueKeysWithValues: resources.enumerated().map { ($1, $0) })
        var label = [Int?](repeating: nil, count: model.variables.count)
        for a in compiled.assignments { label[a.variable.index] = blockIndex[a.resourceID] }
        var master = [Bool](repeating: false, count: model.variables.count)

        /// The single block of a row's labelled variables; nil when none, -1 when several.
        func rowBlock(_ row: Row) -> Int? {
            var found: Int?
            for t in row.terms {
                guard let b = label[t.variable.index] else { continue }
                if let f = found, f != b { return -1 }
                found = b
            }
            return found
        }

        var changed = true
        while changed {
            changed = false
            var proposals = [Int?](repeating: nil, count: model.variables.count)
            var conflicted = [Bool](repeating: false, count: model.variables.count)
            for row in model.rows {
                guard let b = rowBlock(row), b >= 0 else { continue }
                for t in row.terms where label[t.variable.index] == nil && !master[t.variable.index] {
                    let j = t.variable.index
                    if let p = proposals[j], p != b { conflicted[j] = true } else { proposals[j] = b }
                }
            }
            for j in 0..<model.variables.count where label[j] == nil && !master[j] {
                if conflicted[j] {
                    master[j] = true
                    changed = true
                } else if let p = proposals[j] {
                    label[j] = p
                    changed = true
                }
            }
        }

        var blockVariables = [[Int]](repeating: [], count: resources.count)
        var masterVariables: [Int] = []
        for j in 0..<model.variables.count {
            if let b = label[j] { blockVariables[b].append(j) } else { masterVariables.append(j) }
        }
        var blockRows = [[Int]](repeating: [], count: resources.count)
        var linking: [Int] = []
        for (i, row) in model.rows.enumerated() {
            let allLabelled = row.terms.allSatisfy { label[$0.variable.index] != nil }
            if allLabelled, let b = rowBlock(row), b >= 0 { blockRows[b].append(i) } else { linking.append(i) }
        }
        let blocks = resources.indices.map { Block(resourceID: resources[$0], variables: blockVariables[$0], rows: blockRows[$0]) }
        return DantzigWolfeDecomposition(blocks: blocks, blockOfVariable: label, masterVariables: masterVariables, linkingRows: linking)
    }
}
