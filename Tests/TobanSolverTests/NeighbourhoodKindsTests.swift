import Testing
@testable import TobanSolver

/// The neighbourhood search's choice of kind and size: turns, growth and shrinking, and the
/// pause of a kind that fails at size 1.
@Suite("Neighbourhood kinds")
struct NeighbourhoodKindsTests {
    @Test("kinds take turns while none fails at size 1")
    func kindsTakeTurns() {
        var kinds = NeighbourhoodKinds(count: 3, initialSize: 3, largest: 10)
        #expect((0..<7).map { _ in kinds.next() } == [0, 1, 2, 0, 1, 2, 0])
        #expect(kinds.launched == 7)
    }

    @Test("a size shrinks on a timeout, grows on a proof without improvement, stays on an improvement; clamped to 1...largest")
    func sizesFollowOutcomes() {
        var kinds = NeighbourhoodKinds(count: 2, initialSize: 9, largest: 4)
        #expect(kinds.sizes == [4, 4])
        kinds.record(kind: 0, found: true, proved: false, improved: true)
        kinds.record(kind: 1, found: false, proved: false, improved: false)
        #expect(kinds.sizes == [3, 3])
        kinds.record(kind: 0, found: true, proved: true, improved: false)
        kinds.record(kind: 1, found: true, proved: true, improved: true)
        #expect(kinds.sizes == [4, 3])
        kinds.record(kind: 0, found: true, proved: true, improved: false)
        #expect(kinds.sizes == [4, 3])
        #expect(kinds.sizeText == "4/3")
    }

    @Test("a kind failing at size 1 skips 1, 2, 4… of its turns, and is back in turn after an improvement")
    func failingAtSizeOnePauses() {
        var kinds = NeighbourhoodKinds(count: 3, initialSize: 1, largest: 5)
        var order: [Int] = []
        func launch() -> Int {
            let k = kinds.next()
            order.append(k)
            return k
        }
        // Kind 2 times out with nothing better at size 1 every time; 0 and 1 improve.
        for _ in 0..<30 {
            let k = launch()
            kinds.record(kind: k, found: true, proved: k != 2, improved: k != 2)
        }
        let twos = order.indices.filter { order[$0] == 2 }
        // The gaps between kind 2's launches grow: it skips 1, then 2, then 4 of its turns
        // (3 launches each; the others fill them).
        let gaps = zip(twos.dropFirst(), twos).map { $0 - $1 }
        #expect(gaps == [5, 7, 13])
        #expect(order.filter { $0 != 2 }.count == 30 - twos.count)
        // An improvement ends the pause: kind 2 is back every third launch.
        kinds.record(kind: 2, found: true, proved: false, improved: true)
        order = []
        for _ in 0..<9 {
            let k = launch()
            kinds.record(kind: k, found: true, proved: true, improved: true)
        }
        #expect(order.filter { $0 == 2 }.count >= 2)
    }

    @Test("a kind failing above size 1 only shrinks; a proof without improvement at size 1 is no failure")
    func onlyFailuresAtSizeOnePause() {
        var kinds = NeighbourhoodKinds(count: 2, initialSize: 2, largest: 5)
        #expect(kinds.next() == 0)
        kinds.record(kind: 0, found: false, proved: false, improved: false)  // shrinks 2 → 1, no pause
        #expect(kinds.next() == 1)
        #expect(kinds.next() == 0)
        kinds.record(kind: 0, found: true, proved: true, improved: false)  // proved at 1: grows, no pause
        #expect(kinds.sizes[0] == 2)
        #expect(kinds.next() == 1)
        #expect(kinds.next() == 0)
    }

    @Test("when every kind is paused the next in turn still runs")
    func allPausedStillLaunches() {
        var kinds = NeighbourhoodKinds(count: 2, initialSize: 1, largest: 3)
        for _ in 0..<6 {
            let k = kinds.next()
            kinds.record(kind: k, found: false, proved: false, improved: false)
        }
        #expect(kinds.launched == 6)
        let k = kinds.next()
        #expect(k == 0 || k == 1)
    }

    @Test("a kind that has once been proved or improved keeps its turns however often it fails at size 1")
    func aKindThatSucceededNeverPauses() {
        var kinds = NeighbourhoodKinds(count: 3, initialSize: 1, largest: 5)
        // Kind 2's first sub-problem is proved (without improving); every later one fails.
        var order: [Int] = []
        var twosSeen = 0
        for _ in 0..<30 {
            let k = kinds.next()
            order.append(k)
            if k == 2 {
                twosSeen += 1
                kinds.record(kind: 2, found: true, proved: twosSeen == 1, improved: false)
                // Keep it at size 1, where failures would pause a kind that never succeeded.
                if kinds.sizes[2] > 1 { kinds.record(kind: 2, found: false, proved: false, improved: false) }
            } else {
                kinds.record(kind: k, found: true, proved: true, improved: true)
            }
        }
        #expect(kinds.succeeded == [true, true, true])
        #expect(order == (0..<30).map { $0 % 3 })
    }

    @Test("an improvement found without a proof also counts as success")
    func anImprovementWithoutProofCounts() {
        var kinds = NeighbourhoodKinds(count: 2, initialSize: 1, largest: 3)
        #expect(kinds.next() == 0)
        kinds.record(kind: 0, found: true, proved: false, improved: true)
        #expect(kinds.succeeded == [true, false])
        #expect(kinds.next() == 1)
        kinds.record(kind: 1, found: false, proved: false, improved: false)
        #expect(kinds.succeeded == [true, false])
    }
}
