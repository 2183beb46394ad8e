import Foundation
import TobanMIP

/// Sub-problems of the neighbourhood search running on worker threads, each handed back as
/// soon as it ends.
///
/// The search keeps every core busy: a worker that finishes picks the next neighbourhood at
/// once instead of waiting for the slowest sub-problem of a round (with rounds, a 4 s
/// sub-problem next to a 0.05 s one left a core idle for most of the search: 101 % CPU on two
/// cores for the 60-physician quarter). All search state stays on the thread that calls
/// ``next()``; the workers only solve.
///
/// `@unchecked Sendable`: `finished` and `running` are guarded by `condition`; `cancelled`
/// by `lock`.
final class SubproblemWorkers: @unchecked Sendable {
    /// One finished sub-problem.
    struct Finished: Sendable {
        /// What the search launched it with, handed back unchanged.
        var ticket: Ticket
        /// The sub-problem's rota, nil when it found nothing (or was cancelled).
        var outcome: LargeNeighbourhoodSearch.SubproblemOutcome?
    }

    /// What the search needs to know about a sub-problem when it ends.
    struct Ticket: Sendable {
        /// The neighbourhood's kind (see ``LargeNeighbourhoodSearch/pick(kind:size:resources:partners:days:random:)``).
        var kind: Int
        /// The incumbent's version the sub-problem started from.
        var version: Int
    }

    private let condition = NSCondition()
    private var finished: [Finished] = []  // guarded by `condition`
    private var running = 0  // guarded by `condition`
    private let lock = NSLock()
    private var cancelled = false  // guarded by `lock`

    /// Sub-problems launched and not yet handed back by ``next()``.
    var inFlight: Int { condition.withLock { running } }

    /// Whether ``cancel()`` was called; sub-problems poll it through their progress handler.
    var isCancelled: Bool { lock.withLock { cancelled } }

    /// Runs `work` on a worker thread; its result comes back from ``next()`` with `ticket`.
    func launch(_ ticket: Ticket, _ work: @escaping @Sendable () -> LargeNeighbourhoodSearch.SubproblemOutcome?) {
        condition.withLock { running += 1 }
        DispatchQueue.global().async { [self] in
            let outcome = work()
            condition.withLock {
                finished.append(Finished(ticket: ticket, outcome: outcome))
                condition.signal()
            }
        }
    }

    /// Waits for the next sub-problem to end; nil when none is running.
    func next() -> Finished? {
        condition.lock()
        defer { condition.unlock() }
        while finished.isEmpty {
            guard running > 0 else { return nil }
            condition.wait()
        }
        running -= 1
        return finished.removeFirst()
    }

    /// Asks the running sub-problems to stop (at their next GLPK callback).
    func cancel() { lock.withLock { cancelled = true } }

    /// Cancels the running sub-problems and waits for them all: no worker outlives the search.
    func drain() {
        cancel()
        while next() != nil {}
    }
}

/// Thrown from a sub-problem's progress handler to stop it once the search has ended.
struct SubproblemCancelled: Error {}
