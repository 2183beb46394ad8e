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

/// Calendar settings of a scenario: the year-end stretch, where public holidays come from,
/// changes to the holiday list and named closures.
public struct CalendarSettings: Sendable, Hashable {
    /// First day of the year-end stretch as (month, day); default 29 December.
    public var yearEndStart: MonthDay
    /// Last day of the year-end stretch as (month, day); default 3 January.
    public var yearEndEnd: MonthDay
    /// Extra holidays or closures on single dates, with names (e.g. a clinic association's
    /// own day off).
    public var extraHolidays: [CivilDate: String]
    /// Public holidays treated as ordinary days.
    public var removedHolidays: Set<CivilDate>
    /// Whose public holidays are computed: Japan's (the default) or none.
    public var country: HolidayCountry = .japan
    /// Public holidays read from a holiday file (``HolidayFile``), by date; added to the
    /// computed ones of ``country`` (the loader sets ``country`` to `none` when a scenario
    /// names a file but no country, so the file replaces the Japanese holidays).
    public var fileHolidays: [CivilDate: String] = [:]
    /// Named closures such as お盆休み: date stretches that count as a day type of their own
    /// choosing (by default ``DayType/holiday``).
    public var closures: [Closure] = []

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

    /// The public holiday of `date` from ``fileHolidays`` or the computed holidays of
    /// ``country``, unless the date is in ``removedHolidays``.
    public func publicHolidayName(_ date: CivilDate) -> String? {
        if removedHolidays.contains(date) { return nil }
        if let name = fileHolidays[date] { return name }
        guard country == .japan else { return nil }
        return JapaneseHolidays.holiday(on: date)?.japaneseName
    }

    /// The first closure that contains `date`, if any.
    public func closure(on date: CivilDate) -> Closure? {
        closures.first { $0.contains(date) }
    }

    /// The name shown for `date`: an extra holiday, else the public holiday, else a closure;
    /// nil on an ordinary day.
    public func holidayName(_ date: CivilDate) -> String? {
        extraHolidays[date] ?? publicHolidayName(date) ?? closure(on: date)?.name
    }

    /// The day type of `date`.
    ///
    /// Year-end > holiday (extra or public) > Sunday > Saturday > weekday; a closure raises
    /// the day to its own day type when that ranks higher (an お盆休み counted as a holiday
    /// makes a Saturday a holiday, but leaves a year-end day a year-end day).
    public func dayType(of date: CivilDate) -> DayType {
        let natural: DayType
        if isYearEnd(date) {
            natural = .yearEnd
        } else if extraHolidays[date] != nil || publicHolidayName(date) != nil {
            natural = .holiday
        } else {
            switch date.weekday {
            case .sunday: natural = .sunday
            case .saturday: natural = .saturday
            default: natural = .weekday
            }
        }
        guard let closure = closure(on: date) else { return natural }
        return Swift.max(natural, closure.dayType)
    }
}

/// Whose public holidays a scenario's calendar computes.
public enum HolidayCountry: String, Sendable, Hashable, CaseIterable, Codable {
    /// Japanese public holidays computed from the law (``JapaneseHolidays``).
    case japan = "JP"
    /// None: only holidays from a holiday file, extra holidays and closures.
    case none
}

/// A named closure of the association or its clinics, e.g. お盆休み 13–16 August: one or
/// more date ranges that count as ``dayType`` for the rules and carry a name for the exports.
public struct Closure: Sendable, Hashable {
    /// The name shown in calendars and on the printed rota, e.g. `お盆休み`.
    public var name: String
    /// The dates closed (inclusive ranges).
    public var dates: [DateRange]
    /// The day type the closed dates count as, at least (default ``DayType/holiday``).
    public var dayType: DayType

    /// Creates a closure.
    public init(name: String, dates: [DateRange], dayType: DayType = .holiday) {
        self.name = name
        self.dates = dates
        self.dayType = dayType
    }

    /// Whether `date` is closed.
    public func contains(_ date: CivilDate) -> Bool { dates.contains { $0.contains(date) } }
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
