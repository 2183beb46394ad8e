/// A slot left short of its minimum coverage, with the reason the rota could not fill it.
public struct Gap: Sendable, Hashable, Comparable {
    /// The date the duty starts on.
    public var date: CivilDate
    /// The duty type's id.
    public var dutyTypeID: String
    /// How many resources are missing below the minimum.
    public var missing: Int
    /// Why, in plain English, e.g. `no eligible resource is available on this date`.
    public var reason: String
    /// The area of a per-area slot (``DutyType/perArea``); nil for a district-wide slot.
    public var area: String?

    /// Creates a gap.
    public init(date: CivilDate, dutyTypeID: String, missing: Int, reason: String, area: String? = nil) {
        self.date = date
        self.dutyTypeID = dutyTypeID
        self.missing = missing
        self.reason = reason
        self.area = area
    }

    /// The slot key `YYYY-MM-DD/duty-id`, or `YYYY-MM-DD/duty-id@area` for a per-area slot.
    public var slotKey: String { Slot.key(date: date, dutyTypeID: dutyTypeID, area: area) }

    public static func < (a: Gap, b: Gap) -> Bool { (a.date, a.dutyTypeID, a.area ?? "") < (b.date, b.dutyTypeID, b.area ?? "") }
}

/// The columns of `rota.csv`, shared by the writer (TobanExport) and the reader (`toban check`).
public enum RotaCSVColumn: String, Sendable, CaseIterable {
    case date, weekday
    case dayType = "day_type"
    case duty
    case dutyName = "duty_name"
    case start, end, resource, name, organisation, area, status

    /// The `status` value of an assignment row.
    public static let assigned = "assigned"
    /// The `status` value of a row naming one missing resource of a gap.
    public static let gap = "gap"
}
