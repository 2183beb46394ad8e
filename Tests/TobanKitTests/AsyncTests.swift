import Foundation
import Testing
import TobanKit

/// Holds the task to cancel from inside the progress callback.
final class TaskHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<SolveReport, any Error>?
    private var progressCount = 0
    func set(_ t: Task<SolveReport, any Error>) { lock.lock(); task = t; lock.unlock() }
    func progressed() { lock.lock(); progressCount += 1; let t = task; lock.unlock(); t?.cancel() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return progressCount }
}

@Suite("Async solve: progress and cancellation")
struct AsyncTests {
    /// The synchronous solve (inside an async function the name resolves to the async one).
    static func solveSynchronously(_ scenario: Scenario) throws -> SolveReport {
        try Toban.solve(scenario)
    }

    @Test func asyncSolveGivesTheSameRotaAsTheSynchronousOne() async throws {
        let scenario = Generated.month(physicians: 8, seed: 4)
        let sync = try AsyncTests.solveSynchronously(scenario)
        let async = try await Toban.solve(scenario)
        #expect(async.solution.rota == sync.solution.rota)
        #expect(async.check.totalCost == sync.check.totalCost)
        var finished: SolveReport?
        var progress = 0
        for try await event in Toban.solveEvents(scenario) {
            switch event {
            case .progress: progress += 1
            case let .finished(report): finished = report
            }
        }
        #expect(finished?.solution.rota == sync.solution.rota)
        #expect(progress >= 0)
    }

    @Test func cancellingDuringTheSearchThrowsCancellationError() async throws {
        let scenario = Generated.month(physicians: 30, seed: 9)
        let holder = TaskHolder()
        let task = Task { try await Toban.solve(scenario) { _ in holder.progressed() } }
        holder.set(task)
        do {
            _ = try await task.value
            Issue.record("the solve finished although it was cancelled after \(holder.count) progress reports")
        } catch {
            #expect(error is CancellationError, "\(error)")
        }
        #expect(holder.count >= 1)
    }

    @Test func aTaskCancelledBeforeTheSolveStartsNeverSolves() async throws {
        let scenario = Generated.month(physicians: 8, seed: 4)
        let task = Task { () async throws -> SolveReport in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Toban.solve(scenario)
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }
}
