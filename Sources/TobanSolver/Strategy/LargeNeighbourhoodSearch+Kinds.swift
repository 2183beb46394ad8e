/// Which kind of neighbourhood the search launches next, and how large.
///
/// Kinds take turns (see ``LargeNeighbourhoodSearch/pick(kind:size:resources:partners:days:random:)``).
/// Each has its own size: it shrinks when a sub-problem is not proved in its time and grows
/// when one is proved without improving. A kind that fails already at size 1 — nothing better
/// and no proof — skips its next turn, then 2, 4, … up to ``longestPause`` after each such
/// failure in a row (an improvement ends the pause and resets its length): on Curtois Instance13 (120 staff) everyone over
/// two days never once finished in its 4 s, and took a third of the workers' time.
struct NeighbourhoodKinds: Sendable {
    /// The current size of each kind.
    private(set) var sizes: [Int]
    /// The largest size (the number of resources).
    let largest: Int
    /// Per kind, the launch count before which it is skipped.
    private var resumeAt: [Int]
    /// Per kind, how many of its turns the next failure at size 1 skips.
    private var pause: [Int]
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
        if improved {
            // A sub-problem launched before the pause began has paid off: back in turn now.
            pause[kind] = 1
            resumeAt[kind] = 0
        } else if failedAtSmallest {
            resumeAt[kind] = launched + pause[kind] * sizes.count
            pause[kind] = Swift.min(Self.longestPause, 2 * pause[kind])
        }
    }

    /// The sizes as `a/b/c`, for the status text.
    var sizeText: String { sizes.map(String.init).joined(separator: "/") }
}
