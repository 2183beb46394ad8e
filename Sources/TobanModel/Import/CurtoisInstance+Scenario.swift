import Foundation

extension CurtoisInstance {
    /// The date of day 0: Monday 1 January 2024, so that day `d` falls on a Saturday when
    /// `d % 7 == 5` and on a Sunday when `d % 7 == 6`, as the benchmark defines weekends.
    ///
    /// 364 days from here end on 29 December 2024, so the year-end stretch (moved to
    /// 31 December, see ``scenario(name:)``) never falls inside a horizon, and every Japanese
    /// public holiday of the horizon is removed: the benchmark's day types depend on the
    /// weekday alone.
    public static let firstDate = CivilDate(dayNumber: 19_723)

    /// The date of 0-based day `day`.
    public static func date(ofDay day: Int) -> CivilDate { firstDate.adding(days: day) }

    /// The 0-based day of `date`.
    public static func day(of date: CivilDate) -> Int { firstDate.days(to: date) }

    /// The instance as an ordinary scenario, solved and checked like any other.
    ///
    /// - shift types become duty types (all resource kind `nurse`) on every date, from 00:00
    ///   for their length, so durations are exact and no two days' duties overlap;
    ///   `ForbiddenNext` becomes forbidden successions (`H-SUCCESSION`), not rest hours;
    /// - each employee becomes a resource eligible for the shift types with a positive
    ///   maximum, with per-type limits (`H-DUTY-LIMIT`), total minutes, consecutive-day,
    ///   days-off and weekend limits; fixed days off become unavailable dates;
    /// - on-requests become `want` requests and off-requests `avoid` requests with their weights;
    /// - cover becomes a per-date coverage target with min 0 and max the staff count, paid
    ///   per person under (`S-COVER-UNDER`) or over (`S-COVER-OVER`) the requirement; there is
    ///   no gap penalty and fairness is off, so the objective is exactly the benchmark's.
    ///
    /// Throws when the instance uses something the scenario model cannot express: cover
    /// weights that differ between days of one shift type.
    public func scenario(name: String = "curtois", file: String = "<curtois>") throws(ScenarioError) -> Scenario {
        let first = CurtoisInstance.firstDate
        let last = CurtoisInstance.date(ofDay: horizon - 1)
        var calendar = CalendarSettings(yearEndStart: MonthDay(month: 12, day: 31), yearEndEnd: MonthDay(month: 12, day: 31))
        calendar.removedHolidays = Set(CivilDate.range(first, through: last).filter { JapaneseHolidays.holiday(on: $0) != nil })

        var issues: [ScenarioIssue] = []
        var duties: [DutyType] = []
        let staffCount = staff.count
        for shift in shifts {
            guard let end = TimeOfDay(hour: shift.minutes / 60, minute: shift.minutes % 60),
                  let start = TimeOfDay(hour: 0, minute: 0) else { continue }
            var duty = DutyType(id: shift.id, name: shift.id, resourceKind: .nurse, start: start, end: end,
                                dayTypes: Set(DayType.allCases), coverageMin: 0, coverageMax: staffCount, gapPenalty: 0)
            let lines = cover.filter { $0.shift == shift.id }
            let weights = Set(lines.map { [$0.weightUnder, $0.weightOver] })
            if weights.count > 1 {
                issues.append(ScenarioIssue(file: file, path: "SECTION_COVER",
                                            message: "shift \(shift.id) has cover weights that differ between days; Toban has one under/over weight per duty type"))
            }
            duty.underTargetPenalty = Double(lines.first?.weightUnder ?? 0)
            duty.overTargetPenalty = Double(lines.first?.weightOver ?? 0)
            for c in lines {
                duty.coverageByDate[CurtoisInstance.date(ofDay: c.day)] =
                    Coverage(min: 0, max: Swift.max(staffCount, c.requirement), target: c.requirement)
            }
            duties.append(duty)
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }

        var onByStaff: [String: [Request]] = [:], offByStaff: [String: [Request]] = [:]
        for r in onRequests { onByStaff[r.staff, default: []].append(r) }
        for r in offRequests { offByStaff[r.staff, default: []].append(r) }

        let organisation = Organisation(id: "curtois", name: "Curtois & Qu benchmark", kind: .station)
        var resources: [Resource] = []
        for s in staff {
            let allowed = shifts.map(\.id).filter { id in (s.maxShifts.first { $0.shift == id }?.max ?? horizon) > 0 }
            let unavailable = (daysOff[s.id] ?? []).sorted().map {
                DateRange(start: CurtoisInstance.date(ofDay: $0), end: CurtoisInstance.date(ofDay: $0))
            }
            var r = Resource(id: s.id, name: s.id, kind: .nurse, organisation: organisation.id, duties: allowed,
                             unavailable: unavailable)
            r.limits = s.maxShifts.filter { $0.max > 0 && $0.max < horizon }.map { DutyLimit(dutyTypes: [$0.shift], max: $0.max) }
            r.minMinutes = s.minTotalMinutes > 0 ? s.minTotalMinutes : nil
            r.maxMinutes = s.maxTotalMinutes
            r.maxConsecutive = s.maxConsecutiveShifts < horizon ? s.maxConsecutiveShifts : nil
            r.minConsecutive = s.minConsecutiveShifts > 1 ? s.minConsecutiveShifts : nil
            r.minDaysOff = s.minConsecutiveDaysOff > 1 ? s.minConsecutiveDaysOff : nil
            r.maxWeekends = s.maxWeekends < horizon / 7 ? s.maxWeekends : nil
            r.requests = (onByStaff[s.id] ?? []).map {
                DutyRequest(kind: .want, date: CurtoisInstance.date(ofDay: $0.day), dutyTypeID: $0.shift, weight: Double($0.weight))
            } + (offByStaff[s.id] ?? []).map {
                DutyRequest(kind: .avoid, date: CurtoisInstance.date(ofDay: $0.day), dutyTypeID: $0.shift, weight: Double($0.weight))
            }
            resources.append(r)
        }

        var rules = RuleSettings(fairnessWeight: 0, fairnessMaxWeight: 0)
        rules.forbiddenSuccessions = shifts.flatMap { shift in
            shift.forbiddenNext.map { ForbiddenSuccession(from: shift.id, to: $0) }
        }
        let scenario = Scenario(name: name, timeZone: "UTC", horizon: DateRange(start: first, end: last), calendar: calendar,
                                organisations: [organisation], dutyTypes: duties, resources: resources, rules: rules)
        try scenario.validate(file: file)
        return scenario
    }

    /// A roster as `staff,day,shift` CSV (0-based days), one row per assignment, sorted by
    /// staff (in file order), day and shift.
    public static func rosterCSV(_ rota: Rota, staffOrder: [String]) -> String {
        let order = Dictionary(uniqueKeysWithValues: staffOrder.enumerated().map { ($0.element, $0.offset) })
        let rows = rota.assignments.map { (staff: $0.resourceID, day: day(of: $0.date), shift: $0.dutyTypeID) }
            .sorted { (order[$0.staff] ?? Int.max, $0.staff, $0.day, $0.shift) < (order[$1.staff] ?? Int.max, $1.staff, $1.day, $1.shift) }
        return "staff,day,shift\n" + rows.map { "\($0.staff),\($0.day),\($0.shift)\n" }.joined()
    }

    /// The roster of a rota, keyed by employee and 0-based day.
    public static func roster(_ rota: Rota) -> [CurtoisRosterKey: String] {
        var result: [CurtoisRosterKey: String] = [:]
        for a in rota.assignments { result[CurtoisRosterKey(staff: a.resourceID, day: day(of: a.date))] = a.dutyTypeID }
        return result
    }
}
