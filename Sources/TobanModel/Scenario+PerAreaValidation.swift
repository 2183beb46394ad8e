extension Scenario {
    /// Checks of the per-area keys of duty types (`perArea`, `areas`, `coverageByArea`); part
    /// of ``validationIssues()``.
    func perAreaValidationIssues() -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(ScenarioProblem(path: path, message: message)) }
        let areaIDs = Set(areas.map(\.id))
        for (i, d) in dutyTypes.enumerated() {
            let base = "dutyTypes[\(i)]"
            if !d.perArea {
                if d.areas != nil { problem("\(base).areas", "areas lists the areas of a per-area duty; add perArea: true or remove it") }
                if !d.coverageByArea.isEmpty {
                    problem("\(base).coverageByArea", "coverageByArea applies to a per-area duty only; add perArea: true or remove it")
                }
                continue
            }
            if let area = d.area {
                problem("\(base).perArea", "perArea: true (a slot in every area) contradicts area: \(area) (one area only); keep one of the two")
            }
            if areas.isEmpty { problem("\(base).perArea", "perArea: true needs areas, but none are defined") }
            var listed: [String: Int] = [:]
            if let own = d.areas {
                if own.isEmpty { problem("\(base).areas", "the list is empty, so the duty would have no slots; list areas or remove the key for every area") }
                for (k, area) in own.enumerated() {
                    if !areaIDs.contains(area) {
                        problem("\(base).areas[\(k)]", "no area has id '\(area)'\(Scenario.known(areaIDs))")
                    } else if let first = listed[area] {
                        problem("\(base).areas[\(k)]", "area '\(area)' is listed twice (first at areas[\(first)])")
                    } else {
                        listed[area] = k
                    }
                }
            }
            let slotAreas = Set(d.areas ?? areas.map(\.id))
            var seen: [String: Int] = [:]
            for (k, entry) in d.coverageByArea.enumerated() {
                let path = "\(base).coverageByArea[\(k)]"
                let c = entry.coverage
                if !areaIDs.contains(entry.area) {
                    problem("\(path).area", "no area has id '\(entry.area)'\(Scenario.known(areaIDs))")
                } else if !slotAreas.contains(entry.area) {
                    problem("\(path).area", "area '\(entry.area)' is not one of the duty's areas\(Scenario.known(slotAreas))")
                } else if let first = seen[entry.area] {
                    problem("\(path).area", "area '\(entry.area)' already has its coverage at coverageByArea[\(first)]")
                } else {
                    seen[entry.area] = k
                }
                if c.min > c.max { problem(path, "min \(c.min) is greater than max \(c.max)") }
                if let t = c.target, t < c.min || t > c.max { problem(path, "target \(t) lies outside min \(c.min) … max \(c.max)") }
                if d.underTargetPenalty > d.gapPenalty, c.min > 0, (c.target ?? 0) > c.min {
                    problem("\(base).underTargetPenalty",
                            "underTargetPenalty \(d.underTargetPenalty) is greater than gapPenalty \(d.gapPenalty); a resource missing below min must cost at least as much as one missing below target (coverageByArea[\(k)])")
                }
            }
        }
        // A resource that names a per-area duty on its list must be able to take it.
        for (i, r) in resources.enumerated() {
            for (k, id) in (r.duties ?? []).enumerated() {
                guard let d = dutyType(id), d.perArea, d.area == nil, d.resourceKind == r.kind, !areas.isEmpty else { continue }
                let listed = slotAreas(of: d).compactMap { $0 }
                if let area = r.area {
                    if areaIDs.contains(area) && !listed.contains(area) {
                        problem("resources[\(i)].duties[\(k)]", "\(id) has slots in \(listed.joined(separator: ", ")) only, but \(r.id) is in area \(area)")
                    }
                } else {
                    problem("resources[\(i)].duties[\(k)]", "\(id) is per area (perArea: true), but \(r.id) has no area; give it an area")
                }
            }
        }
        return problems
    }
}
