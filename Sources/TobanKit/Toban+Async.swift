import Dispatch
import Foundation

/// One event of a solve observed as a stream: progress snapshots, then the report.
public enum SolveEvent: Sendable {
    /// The search's incumbent, bound and elapsed time (at most a few per second).
    case progress(SolveProgress)
    /// The solve finished; the stream ends after this event.
    case finished(SolveReport)
}

extension Toban {
    /// Where solves run: their own threads, so that GLPK's blocking search never occupies the
    /// cooperative thread pool. GLPK keeps its state per thread, so solves on separate threads
    /// do not interfere.
    static let solveQueue = DispatchQueue(label: "toban.solve", qos: .userInitiated, attributes: .concurrent)

    /// Solves `scenario` off the calling task, reporting progress and honouring cancellation.
    ///
    /// The same as ``solve(_:options:progress:)-swift.type.method`` (validate, solve, check, and
    /// insist that checker and solver agree), but `async`: cancelling the calling task stops
    /// GLPK's branch-and-bound at its next callback (typically well within a second) and the
    /// call throws `CancellationError`. `progress` is called on the solving thread.
    ///
    /// ```swift
    /// let report = try await Toban.solve(scenario) { print($0.incumbent ?? .nan) }
    /// ```
    public static func solve(_ scenario: Scenario, options: RotaSolveOptions = RotaSolveOptions(),
                             onProgress progress: (@Sendable (SolveProgress) -> Void)? = nil) async throws -> SolveReport {
        try await offThread(progress: progress) { handler in
            try Toban.solve(scenario, options: options, progress: handler)
        }
    }

    /// Solves `scenario` as a stream of ``SolveEvent``s; ending the iteration early cancels the solve.
    ///
    /// ```swift
    /// for try await event in Toban.solveEvents(scenario) {
    ///     if case let .finished(report) = event { print(report.check.totalCost) }
    /// }
    /// ```
    public static func solveEvents(_ scenario: Scenario, options: RotaSolveOptions = RotaSolveOptions()) -> AsyncThrowingStream<SolveEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let report = try await Toban.solve(scenario, options: options, onProgress: { continuation.yield(.progress($0)) })
                    continuation.yield(.finished(report))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Runs a blocking solve on ``solveQueue``; cancellation of the calling task makes the
    /// progress handler throw `CancellationError`, which stops GLPK (`glp_ios_terminate`).
    static func offThread<T: Sendable>(progress: (@Sendable (SolveProgress) -> Void)?,
                                       _ body: @escaping @Sendable (@escaping ProgressHandler) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                solveQueue.async {
                    do {
                        let value = try body { snapshot in
                            if flag.isCancelled { throw CancellationError() }
                            progress?(snapshot)
                        }
                        // A cancellation that arrived after GLPK's last callback still wins.
                        if flag.isCancelled { throw CancellationError() }
                        continuation.resume(returning: value)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }
}

/// A cancellation request shared between a task and the thread that runs its solve.
final class CancellationFlag: @unchecked Sendable {
    // Guarded by `lock`: written by the cancelling task, read from GLPK's callback.
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}
