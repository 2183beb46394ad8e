import Foundation
import TobanMIP

/// The LP relaxation's bound on the whole model, solved on a thread of its own while the
/// neighbourhood search runs.
///
/// Used up to ``LNSSettings/relaxationBoundLimit`` integer variables. A search whose first rota comes from the sweep
/// (or from a given rota) has no bound until its proof run; on the larger districts that
/// run's bound is the root LP's, rounded to the objective's step (the 60-physician quarter:
/// 812.5 → 820, which is the optimum). Knowing it during the search lets the search stop —
/// proved — as soon as its rota meets it. The LP runs on the core the sweep leaves idle (the
/// sweep solves one window at a time).
///
/// `@unchecked Sendable`: the bound is guarded by `lock`; the thread is joined by ``wait()``.
final class RelaxationBound: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double?  // guarded by `lock`
    private var unsolvedAfter: Double?  // guarded by `lock`
    private let group = DispatchGroup()

    /// Starts solving `model`'s LP relaxation with `solver`, for at most `timeLimit` seconds;
    /// `round` turns the LP optimum into the bound (e.g. up to the objective's step).
    init(model: LinearModel, solver: any LPSolver, timeLimit: Double, round: @escaping @Sendable (Double) -> Double) {
        group.enter()
        DispatchQueue.global().async { [self] in
            defer { group.leave() }
            let clock = ContinuousClock()
            let started = clock.now
            // The model was validated before the search; an LP that fails or runs out of time
            // only costs the bound.
            guard let result = try? solver.solveLP(model, timeLimit: timeLimit), result.status == .optimal,
                  let objective = result.objective else {
                let seconds = (clock.now - started).inSeconds
                lock.withLock { unsolvedAfter = seconds }
                return
            }
            lock.withLock { value = round(objective) }
        }
    }

    /// The bound, once the LP is solved; nil before, or if it was not solved in its time.
    var bound: Double? { lock.withLock { value } }

    /// Seconds the LP ran before it ended without an optimum (out of time or failed); nil
    /// while it runs or once it is solved.
    ///
    /// A whole-model branch-and-cut run starts from the same LP: given less time than this, it
    /// cannot finish its root and so gives neither a bound nor a better rota.
    var unsolvedSeconds: Double? { lock.withLock { unsolvedAfter } }

    /// Waits for the LP thread to end and returns the bound.
    func wait() -> Double? {
        group.wait()
        return bound
    }
}
