import Foundation

/// A semantic problem in a scenario, located by key path.
public struct ScenarioProblem: Sendable, Hashable {
    /// The key path, e.g. `resources[3].organisation`.
    public var path: String
    /// What is wrong and what would be right.
    public var message: String
}

extension Scenario {
    /// The longest horizon accepted, in days (a year plus a leap day and margin).
    public static let maximumHorizonDays = 400

    /// Checks references, uniqueness, dates and limits; empty when the scenario is sound.
    ///
    /// Shape and types are checked by ``ScenarioLoader`` while reading; this covers what needs
    /// the whole scenario: dangling references, duplicate ids, out-of-horizon dates,
    /// contradictory limits (min > max) and an unknown time zone.
    public func validationIssues() -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(ScenarioProblem(path: path, message: message)) }

        if name.trimmingCharacters(in: .whitespaces).isEmpty { problem("name", "the name is empty") }
        if TimeZone(identifier: timeZone) == nil {
            problem("timeZone", "'\(timeZone)' is not a known IANA time zone, e.g. Asia/Tokyo")
        }
        if horizon.end < horizon.start {
            problem("horizon", "the horizon ends (\(horizon.end.iso)) before it starts (\(horizon.start.iso))")
        } else if horizon.count > Scenario.maximumHorizonDays {
            problem("horizon", "the horizon has \(horizon.count) days; at most \(Scenario.maximumHorizonDays) are planned at once")
        }

        for (k, closure) in calendar.closures.enumerated() where closure.dates.isEmpty {
            problem("calendar.closures[\(k)].dates", "the closure '\(closure.name)' lists no dates")
        }

        func duplicates(_ ids: [String], _ section: String) {
            var seen: [String: Int] = [:]
            for (i, id) in ids.enumerated() {
                if let first = seen[id] {
                    problem("\(section)[\(i)].id", "duplicate id '\(id)' (first used at \(section)[\(first)])")
                } else {
                    seen[id] = i
                }
            }
        }
        duplicates(organisations.map(\.id), "organisations")
        duplicates(areas.map(\.id), "areas")
        duplicates(dutyTypes.map(\.id), "dutyTypes")
        duplicates(resources.map(\.id), "resources")

        let organisationIDs = Set(organisations.map(\.id))
        let areaIDs = Set(areas.map(\.id))
        let dutyIDs = Set(dutyTypes.map(\.id))

        for (i, a) in areas.enumerated() {
            for (k, other) in a.adjacent.enumerated() where !areaIDs.contains(other) {
                problem("areas[\(i)].adjacent[\(k)]", "no area has id '\(other)'\(Scenario.known(areaIDs))")
            }
        }
        if dutyTypes.isEmpty { problem("dutyTypes", "at least one duty type is needed") }
        for (i, d) in dutyTypes.enumerated() {
            if d.coverageMin > d.coverageMax {
                problem("dutyTypes[\(i)].coverage", "min \(d.coverageMin) is greater than max \(d.coverageMax)")
            }
            if d.dayTypes.isEmpty { problem("dutyTypes[\(i)].days", "the list is empty, so the duty never occurs") }
            if let t = d.coverageTarget, t < d.coverageMin || t > d.coverageMax {
                problem("dutyTypes[\(i)].coverage", "target \(t) lies outside min \(d.coverageMin) … max \(d.coverageMax)")
            }
            for (date, c) in d.coverageByDate.sorted(by: { $0.key < $1.key }) {
                let k = d.coverageByDate.keys.sorted().firstIndex(of: date) ?? 0
                if !horizon.contains(date) { problem("dutyTypes[\(i)].coverageByDate[\(k)].date", "\(date.iso) lies outside the horizon") }
                if c.min > c.max { problem("dutyTypes[\(i)].coverageByDate[\(k)]", "min \(c.min) is greater than max \(c.max)") }
                if let t = c.target, t < c.min || t > c.max {
                    problem("dutyTypes[\(i)].coverageByDate[\(k)]", "target \(t) lies outside min \(c.min) … max \(c.max)")
                }
            }
        }
        problems += coverageTargetIssues()
        for (k, f) in rules.forbiddenSuccessions.enumerated() {
            for (key, id) in [("from", f.from), ("to", f.to)] where !dutyIDs.contains(id) {
                problem("rules.forbiddenSuccessions[\(k)].\(key)", "no duty type has id '\(id)'\(Scenario.known(dutyIDs))")
            }
        }
        for (i, r) in resources.enumerated() {
            let base = "resources[\(i)]"
            if !organisationIDs.contains(r.organisation) {
                problem("\(base).organisation", "no organisation has id '\(r.organisation)'\(Scenario.known(organisationIDs))")
            }
            if let area = r.area, !areaIDs.contains(area) {
                problem("\(base).area", "no area has id '\(area)'\(Scenario.known(areaIDs))")
            }
            for (k, duty) in (r.duties ?? []).enumerated() {
                if !dutyIDs.contains(duty) {
                    problem("\(base).duties[\(k)]", "no duty type has id '\(duty)'\(Scenario.known(dutyIDs))")
                } else if let type = dutyType(duty), type.resourceKind != r.kind {
                    problem("\(base).duties[\(k)]", "duty type '\(duty)' is filled by a \(type.resourceKind.rawValue), but this resource is a \(r.kind.rawValue)")
                }
            }
            for (k, range) in r.unavailable.enumerated() where range.end < horizon.start || range.start > horizon.end {
                problem("\(base).unavailable[\(k)]", "\(range.start.iso)…\(range.end.iso) lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
            }
            if let lo = r.minDuties, let hi = r.maxDuties, lo > hi {
                problem("\(base).minDuties", "minDuties \(lo) is greater than maxDuties \(hi)")
            }
            for (k, limit) in r.limits.enumerated() {
                for (j, duty) in (limit.dutyTypes ?? []).enumerated() where !dutyIDs.contains(duty) {
                    problem("\(base).limits[\(k)].duties[\(j)]", "no duty type has id '\(duty)'\(Scenario.known(dutyIDs))")
                }
                if let lo = limit.min, let hi = limit.max, lo > hi {
                    problem("\(base).limits[\(k)]", "min \(lo) is greater than max \(hi)")
                }
            }
            if let lo = r.minMinutes, let hi = r.maxMinutes, lo > hi {
                problem("\(base).minMinutes", "minMinutes \(lo) is greater than maxMinutes \(hi)")
            }
            for (k, req) in r.requests.enumerated() {
                if !horizon.contains(req.date) {
                    problem("\(base).requests[\(k)]", "\(req.date.iso) lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
                }
                if let duty = req.dutyTypeID, !dutyIDs.contains(duty) {
                    problem("\(base).requests[\(k)].duty", "no duty type has id '\(duty)'\(Scenario.known(dutyIDs))")
                }
            }
            for (k, pin) in r.pins.enumerated() {
                let path = "\(base).pins[\(k)]"
                guard let duty = dutyType(pin.dutyTypeID) else {
                    problem("\(path).duty", "no duty type has id '\(pin.dutyTypeID)'\(Scenario.known(dutyIDs))")
                    continue
                }
                if !horizon.contains(pin.date) {
                    problem(path, "\(pin.date.iso) lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
                } else if !duty.dayTypes.contains(calendar.dayType(of: pin.date)) {
                    problem(path, "\(pin.dutyTypeID) does not occur on \(pin.date.iso) (\(calendar.dayType(of: pin.date).rawValue))")
                } else if !r.isEligible(for: duty) {
                    problem(path, "\(r.id) is pinned to \(pin.dutyTypeID) but is not eligible for it")
                } else if !r.isAvailable(on: pin.date) {
                    problem(path, "\(r.id) is pinned to \(pin.dutyTypeID) on \(pin.date.iso) but is unavailable that day")
                } else if let slot = slot(dutyTypeID: pin.dutyTypeID, on: pin.date), let w = unavailableWindow(of: r, overlapping: slot) {
                    problem(path, "\(r.id) is pinned to \(pin.dutyTypeID) on \(pin.date.iso) but is unavailable \(w.from)–\(w.to) that day")
                }
            }
            problems += sequenceIssues(r, base: base, dutyIDs: dutyIDs)
            if r.fte <= 0, r.minDuties ?? 0 > 0 {
                problem("\(base).fte", "fte is 0 but minDuties is \(r.minDuties ?? 0)")
            }
        }
        problems += structureValidationIssues()
        problems += perAreaValidationIssues()
        problems += replanValidationIssues()
        return problems
    }

    /// Throws ``ScenarioError`` when ``validationIssues()`` finds anything; `file` names the source.
    public func validate(file: String = "<scenario>") throws(ScenarioError) {
        let found = validationIssues()
        if !found.isEmpty {
            throw ScenarioError(issues: found.map { ScenarioIssue(file: file, path: $0.path, message: $0.message) })
        }
    }

    static func known(_ ids: Set<String>) -> String {
        ids.isEmpty ? " (none are defined)" : " (known: \(ids.sorted().prefix(12).joined(separator: ", "))\(ids.count > 12 ? ", …" : ""))"
    }
}
