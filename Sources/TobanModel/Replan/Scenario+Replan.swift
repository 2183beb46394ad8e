extension Scenario {
    /// Problems of ``replan``: a re-plan date outside the horizon, published assignments that
    /// name unknown duty types or dates outside the horizon, and frozen assignments that the
    /// scenario's facts make impossible (so that `H-FROZEN` could never hold).
    ///
    /// A published assignment from the re-plan date on may name a resource that is gone or a
    /// slot that no longer occurs: it is simply dropped, which `S-STABILITY` counts as a change.
    func replanValidationIssues() -> [ScenarioProblem] {
        guard let replan else { return [] }
        var problems: [ScenarioProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(ScenarioProblem(path: path, message: message)) }
        if !horizon.contains(replan.from) {
            problem("replan.from", "\(replan.from.iso) lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
        }
        if !(replan.changeWeight.isFinite && replan.changeWeight >= 0) {
            problem("replan.weight", "the weight must be a finite number ≥ 0, got \(replan.changeWeight)")
        }
        let dutyIDs = Set(dutyTypes.map(\.id))
        let slotKeys = Set(slots().map(\.occurrenceKey))
        // Paths name the list, not an index: a rota keeps its assignments sorted, not in file order.
        for a in replan.published.assignments {
            let path = "replan.published"
            let what = "\(a.date.iso) \(a.dutyTypeID) \(a.resourceID): "
            guard horizon.contains(a.date) else {
                problem(path, what + "the date lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
                continue
            }
            guard dutyIDs.contains(a.dutyTypeID) else {
                problem(path, what + "no duty type has id '\(a.dutyTypeID)'\(Scenario.known(dutyIDs))")
                continue
            }
            guard replan.isFrozen(a.date) else { continue }
            let frozen = "is published on \(a.date.iso), before the re-plan date \(replan.from.iso), so that day is frozen"
            guard let r = resource(a.resourceID) else {
                problem(path, what + "no resource has id '\(a.resourceID)', but it \(frozen)")
                continue
            }
            if !slotKeys.contains(a.slotKey) {
                problem(path, what + "\(a.dutyTypeID) no longer occurs on \(a.date.iso) (\(calendar.dayType(of: a.date).rawValue)), but it \(frozen)")
            } else if let duty = dutyType(a.dutyTypeID), !r.isEligible(for: duty) {
                problem(path, what + "\(r.id) is not eligible for \(a.dutyTypeID), but \(r.id) \(frozen)")
            } else if !r.isAvailable(on: a.date) {
                problem(path, what + "\(r.id) is unavailable on \(a.date.iso), but \(r.id) \(frozen); move the re-plan date or the absence")
            }
        }
        return problems
    }
}
