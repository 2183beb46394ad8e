/// The kind of a date for the rules: weekday, Saturday, Sunday, holiday or year-end.
///
/// Each date has exactly one day type, by precedence year-end > holiday > Sunday > Saturday >
/// weekday: 1 January is a year-end day, a holiday on a Saturday is a holiday.
public enum DayType: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case weekday, saturday, sunday, holiday
    case yearEnd = "year-end"

    /// A short Japanese label, e.g. `平日`.
    public var japanese: String {
        switch self {
        case .weekday: "平日"
        case .saturday: "土曜"
        case .sunday: "日曜"
        case .holiday: "祝日"
        case .yearEnd: "年末年始"
        }
    }

    private var order: Int { DayType.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: DayType, b: DayType) -> Bool { a.order < b.order }
}

/// Calendar settings of a scenario: the year-end stretch and changes to the holiday list.
public struct CalendarSettings: Sendable, Hashable {
    /// First day of the year-end stretch as (month, day); default 29 December.
    public var yearEndStart: MonthDay
    /// Last day of the year-end stretch as (month, day); default 3 January.
    public var yearEndEnd: MonthDay
    /// Extra holidays or closures (e.g. Obon), with names.
    public var extraHolidays: [CivilDate: String]
    /// Public holidays treated as ordinary days.
    public var removedHolidays: Set<CivilDate>

    /// Creates settings; by default the year-end is 29 December – 3 January.
    public init(yearEndStart: MonthDay = MonthDay(month: 12, day: 29), yearEndEnd: MonthDay = MonthDay(month: 1, day: 3),
                extraHolidays: [CivilDate: String] = [:], removedHolidays: Set<CivilDate> = []) {
        self.yearEndStart = yearEndStart
        self.yearEndEnd = yearEndEnd
        self.extraHolidays = extraHolidays
        self.removedHolidays = removedHolidays
    }

    /// Whether `date` falls in the year-end stretch (which may wrap over 1 January).
    public func isYearEnd(_ date: CivilDate) -> Bool {
        let md = MonthDay(month: date.month, day: date.day)
        if yearEndStart <= yearEndEnd { return yearEndStart <= md && md <= yearEndEnd }
        return md >= yearEndStart || md <= yearEndEnd
    }

    /// The holiday name of `date` (public or extra), or nil on an ordinary day.
    public func holidayName(_ date: CivilDate) -> String? {
        if let extra = extraHolidays[date] { return extra }
        if removedHolidays.contains(date) { return nil }
        return JapaneseHolidays.holiday(on: date)?.japaneseName
    }

    /// The day type of `date`.
    public func dayType(of date: CivilDate) -> DayType {
        if isYearEnd(date) { return .yearEnd }
        if holidayName(date) != nil { return .holiday }
        switch date.weekday {
        case .sunday: return .sunday
        case .saturday: return .saturday
        default: return .weekday
        }
    }
}

/// A month and day without a year, e.g. 29 December.
public struct MonthDay: Sendable, Hashable, Comparable {
    /// 1 to 12.
    public var month: Int
    /// 1 to 31.
    public var day: Int
    /// Creates a month and day.
    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }
    public static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
}
