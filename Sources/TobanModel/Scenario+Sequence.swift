import Foundation

/// Helpers shared by the compiler and the checker for the per-resource sequence rules
/// (rest, successions, consecutive days, weeks, weekends, minutes, part-day availability),
/// so that both read dates and instants the same way.
extension Scenario {
    /// The slot of `dutyTypeID` starting on `date`, also for dates outside the horizon
    /// (history) and whether or not the duty type occurs on that day type; nil for an unknown duty type.
    public func slot(dutyTypeID: String, on date: CivilDate) -> Slot? {
        guard let duty = dutyType(dutyTypeID) else { return nil }
        let calendar = gregorianCalendar
        let start = Scenario.instant(date, duty.start, calendar)
        let endDate = duty.end.minutes > duty.start.minutes ? date : date.adding(days: 1)
        let end = Scenario.instant(endDate, duty.end, calendar)
        return Slot(date: date, dutyTypeID: duty.id, dayType: self.calendar.dayType(of: date), start: start, end: end)
    }

    /// The resource's duties before the horizon (`history.lastDuties`) as slots, in time order.
    public func pastSlots(of resource: Resource) -> [Slot] {
        resource.lastDuties.compactMap { slot(dutyTypeID: $0.dutyTypeID, on: $0.date) }.sorted()
    }

    /// The instants `[start, end)` of a part-day unavailability window.
    public func interval(of window: UnavailableTime) -> (start: Date, end: Date) {
        let calendar = gregorianCalendar
        return (Scenario.instant(window.date, window.from, calendar), Scenario.instant(window.date, window.to, calendar))
    }

    /// Whether `resource` may take `slot` as far as availability goes (`H-AVAILABLE`): the
    /// slot's date is not an unavailable date, and its instants overlap no unavailable window.
    public func isAvailable(_ resource: Resource, for slot: Slot) -> Bool {
        guard resource.isAvailable(on: slot.date) else { return false }
        return unavailableWindow(of: resource, overlapping: slot) == nil
    }

    /// The first part-day window of `resource` that overlaps `slot`'s instants, if any.
    public func unavailableWindow(of resource: Resource, overlapping slot: Slot) -> UnavailableTime? {
        resource.unavailableTimes.first { w in
            let i = interval(of: w)
            return i.start < slot.end && slot.start < i.end
        }
    }

    /// Whether two duties of one resource are too close (`H-REST`): they overlap, or one starts
    /// less than `rules.minRestHours` after the other ends. The test is symmetric.
    public func restConflict(_ a: Slot, _ b: Slot) -> Bool {
        let rest = (rules.minRestHours ?? 0) * 3600
        return b.start.timeIntervalSince(a.end) < rest && a.start.timeIntervalSince(b.end) < rest
    }

    var gregorianCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}

extension Slot {
    /// The duty's true length in whole minutes, from its instants (`H-MIN-MINUTES`, `H-MAX-MINUTES`).
    public var minutes: Int { Int((end.timeIntervalSince(start) / 60).rounded()) }
}

extension CivilDate {
    /// The Monday of this date's ISO week (weeks run Monday to Sunday).
    public var weekMonday: CivilDate { adding(days: 1 - isoWeekday) }
    /// The Saturday of this date's weekend: this date if a Saturday, the day before if a
    /// Sunday, nil on other weekdays.
    public var weekendSaturday: CivilDate? {
        switch isoWeekday {
        case 6: return self
        case 7: return adding(days: -1)
        default: return nil
        }
    }
}

extension Scenario {
    /// Problems with a resource's history, part-day windows and sequence limits.
    func sequenceIssues(_ r: Resource, base: String, dutyIDs: Set<String>) -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(ScenarioProblem(path: path, message: message)) }
        var seenPast = Set<CivilDate>()
        for (k, past) in r.lastDuties.enumerated() {
            let path = "\(base).history.lastDuties[\(k)]"
            if !dutyIDs.contains(past.dutyTypeID) {
                problem("\(path).duty", "no duty type has id '\(past.dutyTypeID)'\(Scenario.known(dutyIDs))")
            }
            if past.date >= horizon.start {
                problem("\(path).date", "\(past.date.iso) is not before the horizon's first day \(horizon.start.iso); duties inside the horizon are pins")
            } else if !seenPast.insert(past.date).inserted {
                problem("\(path).date", "\(past.date.iso) is listed twice; at most one duty starts on a date")
            }
        }
        for w in r.unavailableTimes where w.date < horizon.start || w.date > horizon.end.adding(days: 1) {
            problem("\(base).unavailable", "the part-day window on \(w.date.iso) lies outside the horizon \(horizon.start.iso)…\(horizon.end.iso)")
        }
        var pinnedDates: [CivilDate: Int] = [:]
        for (k, pin) in r.pins.enumerated() {
            if let first = pinnedDates[pin.date], r.pins[first] != pin {
                problem("\(base).pins[\(k)]", "\(r.id) is already pinned to \(r.pins[first].dutyTypeID) on \(pin.date.iso) (pins[\(first)]); at most one duty starts on a date")
            } else if pinnedDates[pin.date] == nil {
                pinnedDates[pin.date] = k
            }
        }
        if let lo = r.minConsecutive, let hi = r.maxConsecutive, lo > hi {
            problem("\(base).minConsecutive", "minConsecutive \(lo) is greater than maxConsecutive \(hi)")
        }
        return problems
    }

    /// Coverage targets must make a missing resource below `min` cost at least as much as one
    /// below the target, so that the two penalties add up the same in the solver and the checker.
    func coverageTargetIssues() -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        for (i, d) in dutyTypes.enumerated() where d.underTargetPenalty > d.gapPenalty {
            let coverages = [Coverage(min: d.coverageMin, max: d.coverageMax, target: d.coverageTarget)] + d.coverageByDate.values
            if coverages.contains(where: { c in c.min > 0 && (c.target ?? 0) > c.min }) {
                problems.append(ScenarioProblem(path: "dutyTypes[\(i)].underTargetPenalty",
                                                message: "underTargetPenalty \(d.underTargetPenalty) is greater than gapPenalty \(d.gapPenalty); a resource missing below min must cost at least as much as one missing below target"))
            }
        }
        return problems
    }
}
