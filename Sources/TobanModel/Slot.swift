import Foundation

/// One duty type on one date, with its concrete start and end instants: the unit of coverage.
public struct Slot: Sendable, Hashable, Comparable {
    /// The date the duty starts on.
    public let date: CivilDate
    /// The duty type's id.
    public let dutyTypeID: String
    /// The day type of ``date``.
    public let dayType: DayType
    /// The start instant in the scenario's time zone.
    public let start: Date
    /// The end instant (later than ``start``; the next day for night duties).
    public let end: Date
    /// The area of a per-area duty's slot (``DutyType/perArea``); nil for a district-wide slot.
    public let area: String?

    init(date: CivilDate, dutyTypeID: String, dayType: DayType, start: Date, end: Date, area: String? = nil) {
        self.date = date
        self.dutyTypeID = dutyTypeID
        self.dayType = dayType
        self.start = start
        self.end = end
        self.area = area
    }

    /// A stable key, `YYYY-MM-DD/duty-id`, or `YYYY-MM-DD/duty-id@area` for a per-area slot.
    public var key: String { Slot.key(date: date, dutyTypeID: dutyTypeID, area: area) }

    /// The key of the duty type's occurrence on the date, `YYYY-MM-DD/duty-id`, whatever the
    /// area: the key of ``Assignment/slotKey`` and of a rota's rows.
    public var occurrenceKey: String { "\(date.iso)/\(dutyTypeID)" }

    /// The slot key for a date, duty type and (per-area) area.
    public static func key(date: CivilDate, dutyTypeID: String, area: String?) -> String {
        area.map { "\(date.iso)/\(dutyTypeID)@\($0)" } ?? "\(date.iso)/\(dutyTypeID)"
    }

    /// The duty's occurrence on the date without an area: the same date and instants, for the
    /// rules that read only when a duty is (rest, days, minutes).
    public var occurrence: Slot { inArea(nil) }

    /// This slot's timing in `area`: the same date and instants, another area.
    func inArea(_ area: String?) -> Slot {
        Slot(date: date, dutyTypeID: dutyTypeID, dayType: dayType, start: start, end: end, area: area)
    }

    public static func < (a: Slot, b: Slot) -> Bool {
        (a.date, a.start, a.dutyTypeID, a.area ?? "") < (b.date, b.start, b.dutyTypeID, b.area ?? "")
    }
}

extension Scenario {
    /// The IANA zone of the scenario; UTC when the identifier is unknown (``validate()`` reports that).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC") ?? .current }

    /// Every slot of the horizon in date order, then by start time and duty id.
    ///
    /// A duty type produces a slot on each date whose day type it lists, and a per-area duty
    /// type (``DutyType/perArea``) one slot per area on each such date. Instants are computed
    /// in the scenario's zone, so a night across a daylight-saving change has its true length.
    public func slots() -> [Slot] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var result: [Slot] = []
        for date in horizon.dates {
            let type = self.calendar.dayType(of: date)
            for duty in dutyTypes where duty.dayTypes.contains(type) {
                let start = Scenario.instant(date, duty.start, calendar)
                let endDate = duty.end.minutes > duty.start.minutes ? date : date.adding(days: 1)
                let end = Scenario.instant(endDate, duty.end, calendar)
                let slot = Slot(date: date, dutyTypeID: duty.id, dayType: type, start: start, end: end)
                result += slotAreas(of: duty).map(slot.inArea)
            }
        }
        return result.sorted()
    }

    static func instant(_ date: CivilDate, _ time: TimeOfDay, _ calendar: Calendar) -> Date {
        var parts = DateComponents()
        parts.year = date.year
        parts.month = date.month
        parts.day = date.day
        // 24:00 is midnight of the next day.
        let minutes = time.minutes
        if minutes == 1440 {
            let next = date.adding(days: 1)
            parts.year = next.year
            parts.month = next.month
            parts.day = next.day
        }
        parts.hour = (minutes % 1440) / 60
        parts.minute = minutes % 60
        // A local time that does not exist (spring forward) moves to the next valid instant.
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: Double(date.dayNumber * 86_400 + minutes * 60))
    }
}
