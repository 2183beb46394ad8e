/// Which kind of neighbourhood the search launches next, and how large.
///
/// Kinds take turns (see ``LargeNeighbourhoodSearch/pick(kind:size:resources:partners:days:random:)``).
/// Each has its own size: it shrinks when a sub-problem is not proved in its time and grows
/// when one is proved without improving. A kind that has never once succeeded on this model
/// (no sub-problem of it proved or improving) and fails at size 1 skips its next turn, then
/// 2, 4, … up to ``longestPause`` after each such failure in a row; its first success ends the
/// pause for good. On Curtois Instance13 (120 staff) everyone over two days never once
/// finished in its 4 s and took a third of the workers' time. A kind that has succeeded is
/// never paused: on Instance14 everyone over a short window fails often at size 1 but makes
/// the search (pausing it on every failure gave 1386 instead of 1278 at 600 s).
struct NeighbourhoodKinds: Sendable {
    /// The current size of each kind.
    private(set) var sizes: [Int]
    /// The largest size (the number of resources).
    let largest: Int
    /// Per kind, the launch count before which it is skipped.
    private var resumeAt: [Int]
    /// Per kind, how many of its turns the next failure at size 1 skips.
    private var pause: [Int]
    /// Per kind, whether a sub-problem of it was ever proved or improved the incumbent.
    private(set) var succeeded: [Bool]
    /// The kind whose turn is next.
    private var turn = 0
    /// Neighbourhoods launched so far.
    private(set) var launched = 0

    /// The longest pause of a kind, in its turns.
    static let longestPause = 32

    /// `count` kinds, each starting at `initialSize` (clamped to 1...`largest`).
    init(count: Int, initialSize: Int, largest: Int) {
        self.largest = Swift.max(1, largest)
        sizes = [Int](repeating: Swift.max(1, Swift.min(initialSize, self.largest)), count: count)
        resumeAt = [Int](repeating: 0, count: count)
        pause = [Int](repeating: 1, count: count)
        succeeded = [Bool](repeating: false, count: count)
    }

    /// The kind to launch now (the next in turn that is not paused; the next in turn when all
    /// are), counted as launched.
    mutating func next() -> Int {
        let count = sizes.count
        let kind = (0..<count).map { (turn + $0) % count }.first { resumeAt[$0] <= launched } ?? turn % count
        turn = (kind + 1) % count
        launched += 1
        return kind
    }

    /// Records how a sub-problem of `kind` ended: `found` whether it returned a rota at all,
    /// `proved` whether it was solved to optimality, `improved` whether its rota lowered the
    /// incumbent's cost.
    mutating func record(kind: Int, found: Bool, proved: Bool, improved: Bool) {
        let failedAtSmallest = sizes[kind] == 1 && !improved && !(found && proved)
        if !found || !proved {
            if sizes[kind] > 1 { sizes[kind] -= 1 }
        } else if !improved {
            sizes[kind] = Swift.min(largest, sizes[kind] + 1)
        }
        if improved || (found && proved) {
            // A sub-problem launched before the pause began has paid off: back in turn now,
            // and for good.
            succeeded[kind] = true
            resumeAt[kind] = 0
        } else if failedAtSmallest && !succeeded[kind] {
            resumeAt[kind] = launched + pause[kind] * sizes.count
            pause[kind] = Swift.min(Self.longestPause, 2 * pause[kind])
        }
    }

    /// The sizes as `a/b/c`, for the status text.
    var sizeText: String { sizes.map(String.init).joined(separator: "/") }
}
