extension Scenario {
    /// Whether areas `a` and `b` are the same or adjacent; adjacency is symmetric, so listing
    /// it on either area is enough.
    public func areasAreNear(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        return areas.contains { ($0.id == a && $0.adjacent.contains(b)) || ($0.id == b && $0.adjacent.contains(a)) }
    }

    /// The duty types that back up `primary` (their ``DutyType/backupOf`` names it).
    public func backups(of primary: DutyType) -> [DutyType] { dutyTypes.filter { $0.backupOf == primary.id } }

    /// Cross-reference checks of the structural keys (areas of duties, pairing, beds,
    /// qualifications, quotas); part of ``validationIssues()``.
    func structureValidationIssues() -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(ScenarioProblem(path: path, message: message)) }
        let areaIDs = Set(areas.map(\.id))
        let dutyIDs = Set(dutyTypes.map(\.id))

        for (i, a) in areas.enumerated() where a.adjacent.contains(a.id) {
            problem("areas[\(i)].adjacent", "area '\(a.id)' lists itself as adjacent")
        }
        for (i, d) in dutyTypes.enumerated() {
            let base = "dutyTypes[\(i)]"
            if let area = d.area, !areaIDs.contains(area) {
                problem("\(base).area", "no area has id '\(area)'\(Scenario.known(areaIDs))")
            }
            if let primaryID = d.backupOf {
                if primaryID == d.id {
                    problem("\(base).backupOf", "a duty type cannot back up itself")
                } else if let primary = dutyType(primaryID) {
                    if primary.backupOf != nil {
                        problem("\(base).backupOf", "'\(primaryID)' is itself a backup (of '\(primary.backupOf ?? "")'); name the primary duty type")
                    }
                } else {
                    problem("\(base).backupOf", "no duty type has id '\(primaryID)'\(Scenario.known(dutyIDs))")
                }
            } else {
                if d.differentOrganisation { problem("\(base).differentOrganisation", "needs backupOf: the duty type this one backs up") }
                if d.backupArea != nil { problem("\(base).backupArea", "needs backupOf: the duty type this one backs up") }
            }
            if let rule = d.backupArea, let primary = d.backupOf.flatMap(dutyType) {
                if areas.isEmpty {
                    problem("\(base).backupArea", "backupArea: \(rule.rawValue) needs areas, but none are defined")
                }
                for (k, r) in resources.enumerated() where r.area == nil && (r.isEligible(for: d) || r.isEligible(for: primary)) {
                    problem("resources[\(k)].area", "\(r.id) may take \(r.isEligible(for: d) ? d.id : primary.id), whose backup must be in the \(rule == .same ? "same" : "same or an adjacent") area, but has no area")
                }
            }
            if let beds = d.beds, beds.min > beds.max {
                problem("\(base).beds", "min \(beds.min) is greater than max \(beds.max)")
            }
        }
        let qualifications = Set(resources.flatMap(\.qualifications))
        var seenRequirements: [String: Int] = [:]
        for (k, q) in rules.qualificationCoverage.enumerated() {
            let base = "rules.qualificationCoverage[\(k)]"
            if !qualifications.contains(q.qualification) {
                problem("\(base).qualification", "no resource has qualification '\(q.qualification)'\(Scenario.known(qualifications))")
            }
            if q.dutyTypes.isEmpty { problem("\(base).duties", "the list is empty; name the duty types whose assignments are counted") }
            for (j, duty) in q.dutyTypes.enumerated() where !dutyIDs.contains(duty) {
                problem("\(base).duties[\(j)]", "no duty type has id '\(duty)'\(Scenario.known(dutyIDs))")
            }
            if let days = q.dayTypes, days.isEmpty { problem("\(base).days", "the list is empty, so the requirement never applies") }
            if let first = seenRequirements[q.key] {
                problem(base, "the same qualification and duty types as rules.qualificationCoverage[\(first)]")
            } else {
                seenRequirements[q.key] = k
            }
        }
        for (i, o) in organisations.enumerated() {
            guard let quota = o.quota else { continue }
            if let lo = quota.min, let hi = quota.max, lo > hi {
                problem("organisations[\(i)].quota", "min \(lo) is greater than max \(hi)")
            }
            for (j, duty) in (quota.dutyTypes ?? []).enumerated() where !dutyIDs.contains(duty) {
                problem("organisations[\(i)].quota.duties[\(j)]", "no duty type has id '\(duty)'\(Scenario.known(dutyIDs))")
            }
        }
        return problems
    }
}
