import TobanModel

extension InfeasibilityDiagnosis {
    /// Re-plans: the part of the published rota that `H-FROZEN` keeps, checked on its own.
    ///
    /// The frozen assignments are fixed, so any hard rule they break by themselves (too many
    /// on a slot, two duties of one resource on a date, too little rest, a forbidden
    /// succession, more duties than the resource's maximum, more beds than a bed duty holds)
    /// makes the re-plan infeasible whatever the later dates hold; so does a pin on a frozen
    /// date that the published rota does not have, and a pin or a past duty that breaks
    /// `H-REST` or `H-SUCCESSION` against a frozen duty. Each reason names the rule broken.
    static func frozenReasons(_ scenario: Scenario) -> [String] {
        guard let replan = scenario.replan else { return [] }
        let frozen = replan.frozenAssignments(in: scenario.horizon)
        let frozenKeys = Set(frozen.map { "\($0.slotKey)/\($0.resourceID)" })
        let kept = "the published rota before \(replan.from.iso), kept by \(RuleID.frozen),"
        var reasons: [String] = []

        let resolver = SlotResolver(scenario)
        let bySlot = Dictionary(grouping: frozen) { resolver.key(of: $0) }
        for key in bySlot.keys.sorted() {
            guard let list = bySlot[key], let first = list.first, let duty = scenario.dutyType(first.dutyTypeID) else { continue }
            let max = duty.coverage(on: first.date, area: resolver.area(of: first)).max
            if list.count > max {
                reasons.append("[\(RuleID.frozen)] \(kept) puts \(list.count) resources on \(key), more than its maximum \(max) (\(RuleID.coverMax))")
            }
            if let beds = duty.beds {
                let lent = list.compactMap { scenario.resource($0.resourceID)?.beds }.reduce(0, +)
                if lent > beds.max {
                    reasons.append("[\(RuleID.frozen)] \(kept) lends \(lent) beds on \(key), more than its maximum \(beds.max) (\(RuleID.bedCapacity))")
                }
            }
        }

        let forbidden = Set(scenario.rules.forbiddenSuccessions.map { "\($0.from)>\($0.to)" })
        func succession(_ a: Slot, _ b: Slot) -> Bool {
            a.date.adding(days: 1) == b.date && forbidden.contains("\(a.dutyTypeID)>\(b.dutyTypeID)")
        }
        for r in scenario.resources {
            let own = frozen.filter { $0.resourceID == r.id }.compactMap { scenario.slot(dutyTypeID: $0.dutyTypeID, on: $0.date) }.sorted()
            let pins = Set(r.pins).sorted { ($0.date, $0.dutyTypeID) < ($1.date, $1.dutyTypeID) }
            for pin in pins where replan.isFrozen(pin.date) && scenario.horizon.contains(pin.date)
                && !frozenKeys.contains("\(pin.date.iso)/\(pin.dutyTypeID)/\(r.id)") {
                reasons.append("[\(RuleID.frozen)] \(r.id) is pinned to \(pin.date.iso)/\(pin.dutyTypeID), but \(kept) does not have it there (\(RuleID.pin))")
            }
            guard !own.isEmpty else { continue }
            if let max = r.maxDuties, own.count > max {
                reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) \(own.count) duties, more than its maximum \(max) (\(RuleID.maxDuties))")
            }
            for (j, b) in own.enumerated() {
                for a in own[..<j] {
                    if a.date == b.date {
                        reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) both \(a.key) and \(b.key) (\(RuleID.oneDutyPerDate))")
                    } else if scenario.restConflict(a, b) {
                        reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) \(b.key) too soon after \(a.key) (\(RuleID.rest))")
                    } else if succession(a, b) {
                        reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) \(b.key) right after \(a.key), a forbidden succession (\(RuleID.succession))")
                    }
                }
            }
            // Pins after the frozen dates and duties before the horizon are fixed as well.
            let frozenSet = Set(own)
            let pinned = pins.compactMap { scenario.slot(dutyTypeID: $0.dutyTypeID, on: $0.date) }.filter { !frozenSet.contains($0) && !replan.isFrozen($0.date) }
            let fixed = scenario.pastSlots(of: r).map { ($0, "its past duty") } + pinned.map { ($0, "its pin") }
            for b in own {
                for (a, what) in fixed where a.date != b.date {
                    let (first, second) = a < b ? (a, b) : (b, a)
                    if scenario.restConflict(a, b) {
                        reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) \(b.key), too close to \(what) \(a.key) (\(RuleID.rest))")
                    } else if succession(first, second) {
                        reasons.append("[\(RuleID.frozen)] \(kept) gives \(r.id) \(b.key), and \(what) \(a.key) makes a forbidden succession \(first.dutyTypeID) → \(second.dutyTypeID) (\(RuleID.succession))")
                    }
                }
            }
        }
        return reasons
    }
}
