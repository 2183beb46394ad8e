import Foundation
import TobanMIP
import TobanModel

extension LargeNeighbourhoodSearch {
    /// Whether every row that `values` violates holds the assignments of one resource at most.
    ///
    /// True for the empty rota of a model whose only unmet hard rules are per resource (a
    /// minimum of minutes or duties, with coverage elastic, as in the Curtois & Qu instances):
    /// then freeing one resource at a time can repair it (``resourceSweep(from:until:threads:elapsed:trace:)``).
    /// False when a violated hard row spans several resources (hard coverage), which no
    /// single resource can meet.
    func violationsArePerResource(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
        let model = compiled.model
        var owner = [Int](repeating: -1, count: model.variables.count)
        var resourceIndex: [String: Int] = [:]
        for a in compiled.assignments {
            let r = resourceIndex[a.resourceID] ?? resourceIndex.count
            resourceIndex[a.resourceID] = r
            owner[a.variable.index] = r
        }
        for r in model.violatedRows(of: values, tolerance: tolerance) {
            var resource = -1
            for t in model.rows[r].terms where owner[t.variable.index] >= 0 {
                if resource >= 0, owner[t.variable.index] != resource { return false }
                resource = owner[t.variable.index]
            }
            if resource < 0 { return false }  // nothing a resource could change
        }
        return true
    }

    /// The first rota of a large model whose empty rota breaks only per-resource rules: one
    /// resource at a time is freed over the whole horizon, in order, the earlier ones fixed at
    /// their new rows and the later ones still empty, so each resource's rota is the best
    /// given what the earlier ones already cover (a greedy construction); nil when some
    /// resource's sub-problem found nothing by `deadline` or the result is still infeasible.
    ///
    /// A whole-model run on such a model (Curtois Instance13, 120 staff × 28 days × 18 shift
    /// types, 60,480 assignments) finds nothing in minutes, and its empty rota, infeasible under
    /// the minimum total minutes, cannot start the neighbourhoods. Each resource's sub-problem
    /// is small (its own days and duty types), solved without a start: the incumbent is
    /// infeasible inside it. Each resource gets its share of the time left, at most
    /// ``LNSSettings/sweepResourceTimeLimit``.
    ///
    /// With `threads` above 1, that many consecutive resources are solved at once from the same
    /// rota and their rows combined (each sees the others of its batch still empty); a
    /// combination that breaks a hard row is redone one resource at a time.
    func resourceSweep(from start: [Double], until deadline: Double, threads: Int = 1, elapsed: @escaping @Sendable () -> Double,
                       trace: Bool) -> [Double]? {
        let model = compiled.model
        let (dates, dayOfSlot) = dayIndex()
        guard !dates.isEmpty else { return nil }
        let resources = Array(Set(compiled.assignments.map(\.resourceID))).sorted()
        let batchSize = Swift.max(1, threads)
        var incumbent = start
        var k = 0
        while k < resources.count {
            let batch = Array(resources[k..<Swift.min(resources.count, k + batchSize)])
            let batchesLeft = Double((resources.count - k + batchSize - 1) / batchSize)
            let limit = Swift.min(settings.sweepResourceTimeLimit, Swift.max(Self.minimumWindowTime, (deadline - elapsed()) / batchesLeft))
            var outcomes: [SubproblemOutcome?]
            if batch.count == 1 {
                outcomes = [sweepResource(batch[0], incumbent: incumbent, limit: limit, until: deadline, dayOfSlot: dayOfSlot,
                                          elapsed: elapsed, trace: trace)]
            } else {
                let workers = SubproblemWorkers()
                for (i, resource) in batch.enumerated() {
                    let from = incumbent
                    workers.launch(SubproblemWorkers.Ticket(kind: i, version: 0)) { [self] in
                        sweepResource(resource, incumbent: from, limit: limit, until: deadline, dayOfSlot: dayOfSlot,
                                      elapsed: elapsed, trace: trace)
                    }
                }
                outcomes = Array(repeating: nil, count: batch.count)
                while let done = workers.next() { outcomes[done.ticket.kind] = done.outcome }
            }
            guard outcomes.allSatisfy({ $0 != nil }) else { return nil }
            let solved = outcomes.compactMap { $0 }
            if solved.count == 1 {
                incumbent = solved[0].values
            } else if let combined = combine(batch, solved, over: incumbent) {
                incumbent = combined
            } else {
                // The batch's rotas clash on a row over several of them: one at a time instead.
                if trace { FileHandle.standardError.write(Data("lns resource sweep \(batch.joined(separator: ",")): redone in turn\n".utf8)) }
                incumbent = solved[0].values
                for resource in batch.dropFirst() {
                    guard let outcome = sweepResource(resource, incumbent: incumbent, limit: limit, until: deadline,
                                                      dayOfSlot: dayOfSlot, elapsed: elapsed, trace: trace) else { return nil }
                    incumbent = outcome.values
                }
            }
            k += batch.count
            if trace {
                let text = "lns resource sweep \(k)/\(resources.count) \(batch.joined(separator: ",")) cost \(model.objectiveValue(of: incumbent)) t=\(elapsed())\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
        return model.infeasibilities(of: incumbent).isEmpty ? incumbent : nil
    }

    /// The rotas that a batch's resources found, each from `incumbent`, in one: every
    /// resource of `batch` takes its own outcome's assignments, the others keep `incumbent`'s,
    /// and the penalties follow from them. Nil when the result breaks a row that none of the
    /// outcomes breaks alone (a hard row over several of the batch's resources); rows of the
    /// resources still to be swept stay broken, as they are in each outcome.
    func combine(_ batch: [String], _ outcomes: [SubproblemOutcome], over incumbent: [Double]) -> [Double]? {
        let members = Set(batch)
        var assignments = compiled.rota(from: incumbent).assignments.filter { !members.contains($0.resourceID) }
        for (resource, outcome) in zip(batch, outcomes) {
            assignments += compiled.rota(from: outcome.values).assignments.filter { $0.resourceID == resource }
        }
        let combined = compiled.values(for: Rota(assignments: assignments))
        let model = compiled.model
        var allowed: Set<Int>?
        for outcome in outcomes {
            let broken = Set(model.violatedRows(of: outcome.values))
            allowed = allowed.map { $0.intersection(broken) } ?? broken
        }
        return Set(model.violatedRows(of: combined)).isSubset(of: allowed ?? []) ? combined : nil
    }

    /// One resource freed over the whole horizon from `incumbent`, unseeded, in `limit`
    /// seconds; retried with twice the time while it finds nothing (GLPK without a start can
    /// miss the first integer point for a while), until `deadline`.
    private func sweepResource(_ resource: String, incumbent: [Double], limit: Double, until deadline: Double, dayOfSlot: [Int],
                               elapsed: () -> Double, trace: Bool) -> SubproblemOutcome? {
        let neighbourhood = Neighbourhood(resources: [resource], dayRange: 0...(dayOfSlot.max() ?? 0))
        var limit = limit
        while true {
            let left = deadline - elapsed()
            guard left >= Self.minimumWindowTime else { return nil }
            var options = SolveOptions(timeLimit: Swift.min(limit, left), relativeGap: 0, presolve: false, start: nil, verbose: false)
            options.tuning = settings.subproblemTuning
            if let found = solveSubproblem(neighbourhood, incumbent: incumbent, dayOfSlot: dayOfSlot, options: options, seeded: false) {
                return found
            }
            if trace { FileHandle.standardError.write(Data("lns resource sweep \(resource): nothing in \(limit) s t=\(elapsed())\n".utf8)) }
            limit *= 2
        }
    }
}
