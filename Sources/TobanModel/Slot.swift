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

    /// A stable key, `YYYY-MM-DD/duty-id`.
    public var key: String { "\(date.iso)/\(dutyTypeID)" }

    public static func < (a: Slot, b: Slot) -> Bool { (a.date, a.start, a.dutyTypeID) < (b.date, b.start, b.dutyTypeID) }
}

extension Scenario {
    /// The IANA zone of the scenario; UTC when the identifier is unknown (``validate()`` reports that).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC") ?? .current }

    /// Every slot of the horizon in date order, then by start time and duty id.
    ///
    /// A duty type produces a slot on each date whose day type it lists. Instants are computed
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
                result.append(Slot(date: date, dutyTypeID: duty.id, dayType: type, start: start, end: end))
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
