/// What makes a day a Japanese public holiday.
///
/// Rotas treat every kind as a day off; the kind exists so that reports can say why.
public enum HolidayKind: String, Sendable, Codable {
    /// A 国民の祝日 named in article 2 of the National Holidays Act, on its date for that year.
    case national
    /// A 振替休日: the day off that replaces a national holiday falling on a Sunday.
    case substitute
    /// A 国民の休日: a day sandwiched between two national holidays.
    case citizens
    /// A one-off day off set by its own law for an imperial ceremony.
    case imperialEvent
}

/// One Japanese public holiday on one date.
///
/// Names are the official Japanese name and a customary English rendering; the English
/// names are for display only and differ between sources.
public struct Holiday: Hashable, Sendable {
    /// The date of the holiday.
    public let date: CivilDate
    /// The official Japanese name, e.g. `元日` or `振替休日`.
    public let japaneseName: String
    /// A customary English name, e.g. `New Year's Day` or `Substitute Holiday`.
    public let englishName: String
    /// Why the day is a holiday.
    public let kind: HolidayKind

    /// Creates a holiday record.
    ///
    /// Holidays normally come from ``JapaneseHolidays``; this initializer exists for tests
    /// and for callers that mix in days off of their own.
    public init(date: CivilDate, japaneseName: String, englishName: String, kind: HolidayKind) {
        self.date = date
        self.japaneseName = japaneseName
        self.englishName = englishName
        self.kind = kind
    }
}

/// Japanese public holidays computed from the National Holidays Act (国民の祝日に関する法律).
///
/// Covers 1948, when the Act came into force on 20 July, through 2099. The rules include each
/// holiday's start, moves and renames, the Happy Monday amendments, substitute holidays
/// (from 12 April 1973, widened in 2007), citizens' holidays (from 27 December 1985), the
/// one-off imperial ceremony days and the Olympic moves of 2020 and 2021.
///
/// Equinox days use the dates the National Astronomical Observatory of Japan published for
/// 1948–2027 and the customary approximation formula after that. Only those published dates
/// are legally fixed: the Cabinet announces each year's equinox days in February of the year
/// before, so future years are a forecast and future amendments of the Act are not known.
public enum JapaneseHolidays {
    /// The years this type knows holidays for: 1948 through 2099.
    ///
    /// Outside this range the queries return no holidays rather than guessing.
    public static let supportedYears: ClosedRange<Int> = 1948...2099

    /// The holidays of `year`, sorted by date.
    ///
    /// Empty outside ``supportedYears``. In 1948 only the holidays from 20 July on are listed,
    /// because the Act did not exist before that.
    public static func holidays(in year: Int) -> [Holiday] {
        byYear[year] ?? []
    }

    /// The holidays from `first` through `last`, both inclusive, sorted by date.
    ///
    /// Empty when `last` is before `first`; years outside ``supportedYears`` contribute nothing.
    public static func holidays(from first: CivilDate, through last: CivilDate) -> [Holiday] {
        let firstYear = max(first.year, supportedYears.lowerBound)
        let lastYear = min(last.year, supportedYears.upperBound)
        guard first <= last, firstYear <= lastYear else { return [] }
        return (firstYear...lastYear).flatMap { holidays(in: $0) }.filter { $0.date >= first && $0.date <= last }
    }

    /// The holiday on `date`, or nil when it is an ordinary day or outside ``supportedYears``.
    ///
    /// At most one holiday falls on a date: the rules never put two on the same day.
    public static func holiday(on date: CivilDate) -> Holiday? {
        byDate[date]
    }

    // MARK: - Tables

    // Static lets are initialised once, lazily and thread-safely, so the whole range is
    // computed at first use (about 2,500 entries) and then only read.
    private static let byYear: [Int: [Holiday]] = {
        var table: [Int: [Holiday]] = [:]
        for year in supportedYears { table[year] = compute(year: year) }
        return table
    }()

    private static let byDate: [CivilDate: Holiday] = {
        var table: [CivilDate: Holiday] = [:]
        for list in byYear.values {
            for holiday in list { table[holiday.date] = holiday }
        }
        return table
    }()

    // MARK: - Dates in the law

    /// 20 July 1948: the Act was promulgated and came into force.
    private static let actInForce = DateKey(1948, 7, 20)
    /// 12 April 1973: the substitute holiday (振替休日) was added (昭和48年法律第10号).
    private static let substituteStart = DateKey(1973, 4, 12)
    /// 27 December 1985: the citizens' holiday (国民の休日) was added (昭和60年法律第103号).
    private static let citizensStart = DateKey(1985, 12, 27)
    /// 1 January 2007: substitutes skip over further holidays and sandwiched Sundays count
    /// (平成17年法律第43号).
    private static let rules2007 = DateKey(2007, 1, 1)

    /// A comparable (year, month, day) used for the law's cut-over dates, so that they need
    /// no failable `CivilDate` initialiser.
    private struct DateKey: Comparable {
        let year: Int, month: Int, day: Int
        init(_ year: Int, _ month: Int, _ day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
        init(_ date: CivilDate) { self.init(date.year, date.month, date.day) }
        static func < (lhs: DateKey, rhs: DateKey) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    // MARK: - Names

    private struct Name {
        let ja: String
        let en: String
    }

    private static let newYear = Name(ja: "元日", en: "New Year's Day")
    private static let comingOfAge = Name(ja: "成人の日", en: "Coming of Age Day")
    private static let foundation = Name(ja: "建国記念の日", en: "National Foundation Day")
    private static let emperorsBirthday = Name(ja: "天皇誕生日", en: "Emperor's Birthday")
    private static let vernalEquinox = Name(ja: "春分の日", en: "Vernal Equinox Day")
    private static let showa = Name(ja: "昭和の日", en: "Showa Day")
    private static let constitution = Name(ja: "憲法記念日", en: "Constitution Memorial Day")
    private static let greenery = Name(ja: "みどりの日", en: "Greenery Day")
    private static let children = Name(ja: "こどもの日", en: "Children's Day")
    private static let marine = Name(ja: "海の日", en: "Marine Day")
    private static let mountain = Name(ja: "山の日", en: "Mountain Day")
    private static let respectForAged = Name(ja: "敬老の日", en: "Respect for the Aged Day")
    private static let autumnalEquinox = Name(ja: "秋分の日", en: "Autumnal Equinox Day")
    private static let healthSports = Name(ja: "体育の日", en: "Health and Sports Day")
    private static let sports = Name(ja: "スポーツの日", en: "Sports Day")
    private static let culture = Name(ja: "文化の日", en: "Culture Day")
    private static let labourThanksgiving = Name(ja: "勤労感謝の日", en: "Labour Thanksgiving Day")
    private static let substitute = Name(ja: "振替休日", en: "Substitute Holiday")
    private static let citizens = Name(ja: "国民の休日", en: "Citizens' Holiday")

    /// A day off set by its own law rather than by the Act.
    private struct ImperialEvent {
        let year: Int, month: Int, day: Int
        let name: Name
        /// The 2019 law says its two days count as national holidays for the substitute and
        /// citizens' holiday rules (that is what made 30 April and 2 May 2019 days off);
        /// the earlier ceremony laws say nothing of the kind.
        let countsAsNational: Bool
    }

    private static let imperialEvents: [ImperialEvent] = [
        ImperialEvent(year: 1959, month: 4, day: 10,
                      name: Name(ja: "皇太子明仁親王の結婚の儀", en: "Wedding of Crown Prince Akihito"),
                      countsAsNational: false),
        ImperialEvent(year: 1989, month: 2, day: 24,
                      name: Name(ja: "昭和天皇の大喪の礼", en: "State Funeral of Emperor Showa"),
                      countsAsNational: false),
        ImperialEvent(year: 1990, month: 11, day: 12,
                      name: Name(ja: "即位礼正殿の儀", en: "Enthronement Ceremony"),
                      countsAsNational: false),
        ImperialEvent(year: 1993, month: 6, day: 9,
                      name: Name(ja: "皇太子徳仁親王の結婚の儀", en: "Wedding of Crown Prince Naruhito"),
                      countsAsNational: false),
        ImperialEvent(year: 2019, month: 5, day: 1,
                      name: Name(ja: "天皇の即位の日", en: "Enthronement Day"),
                      countsAsNational: true),
        ImperialEvent(year: 2019, month: 10, day: 22,
                      name: Name(ja: "即位礼正殿の儀", en: "Enthronement Ceremony"),
                      countsAsNational: true),
    ]

    // MARK: - Equinoxes

    private static let publishedEquinoxYears = 1948...2027

    // Day of March / September of the equinox day for 1948...2027, as published in the
    // official gazette (暦要項). The approximation formula reproduces every one of them; the
    // table is kept so that published years never depend on a formula.
    private static let publishedVernal: [Int] = [
        21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 20, 21, 21, 21, 20, 21, 21, 21, // 1948
        20, 21, 21, 21, 20, 21, 21, 21, 20, 21, 21, 21, 20, 21, 21, 21, 20, 21, 21, 21, // 1968
        20, 21, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, // 1988
        20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 20, 21, // 2008
    ]
    private static let publishedAutumnal: [Int] = [
        23, 23, 23, 24, 23, 23, 23, 24, 23, 23, 23, 24, 23, 23, 23, 24, 23, 23, 23, 24, // 1948
        23, 23, 23, 24, 23, 23, 23, 24, 23, 23, 23, 24, 23, 23, 23, 23, 23, 23, 23, 23, // 1968
        23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, // 1988
        23, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23, 23, // 2008
    ]

    /// The day of March of the vernal equinox day in `year`.
    private static func vernalEquinoxDay(_ year: Int) -> Int {
        if publishedEquinoxYears.contains(year) {
            return publishedVernal[year - publishedEquinoxYears.lowerBound]
        }
        return approximateEquinoxDay(year, base1980: 20.8431, base1900: 20.8357)
    }

    /// The day of September of the autumnal equinox day in `year`.
    private static func autumnalEquinoxDay(_ year: Int) -> Int {
        if publishedEquinoxYears.contains(year) {
            return publishedAutumnal[year - publishedEquinoxYears.lowerBound]
        }
        return approximateEquinoxDay(year, base1980: 23.2488, base1900: 23.2588)
    }

    /// The customary approximation of the equinox date in Japan Standard Time.
    ///
    /// The mean tropical year (0.242194 days over 365) drifts the equinox later each year and
    /// each leap day pulls it back; the constants fit the equinox times for 1900–2099.
    /// Swift's `Int(_:)` truncates toward zero, which is how the formula is defined (flooring
    /// the negative leap count before 1983 would be a day off).
    private static func approximateEquinoxDay(_ year: Int, base1980: Double, base1900: Double) -> Int {
        let drift = 0.242194 * Double(year - 1980)
        if year >= 1980 {
            return Int(base1980 + drift - Double((year - 1980) / 4))
        }
        return Int(base1900 + drift - Double((year - 1983) / 4))
    }

    // MARK: - Computing a year

    /// The date of the `n`th Monday of `month` in `year` (Happy Monday holidays).
    private static func nthMonday(_ n: Int, month: Int, year: Int) -> (month: Int, day: Int) {
        guard let first = CivilDate(year: year, month: month, day: 1) else { return (month, 1) }
        let toMonday = (8 - first.isoWeekday) % 7
        return (month, 1 + toMonday + 7 * (n - 1))
    }

    /// The 国民の祝日 of article 2 for `year`, as (month, day, name), before the 1948 cut-off.
    private static func nationalHolidays(_ year: Int) -> [(month: Int, day: Int, name: Name)] {
        var list: [(month: Int, day: Int, name: Name)] = []
        func add(_ date: (month: Int, day: Int), _ name: Name) { list.append((date.month, date.day, name)) }

        add((1, 1), newYear)
        // Happy Monday amendment (平成10年法律第141号) from 2000.
        add(year < 2000 ? (1, 15) : nthMonday(2, month: 1, year: year), comingOfAge)
        // Added in 1966 with the date left to a cabinet order, which set 11 February from 1967.
        if year >= 1967 { add((2, 11), foundation) }
        // Follows the reigning emperor: Showa until 1988, Heisei 1989–2018, Reiwa from 2020.
        // 2019 has none: Emperor Akihito abdicated before 23 December and Emperor Naruhito
        // acceded after 23 February.
        switch year {
        case ...1988: add((4, 29), emperorsBirthday)
        case 1989...2018: add((12, 23), emperorsBirthday)
        case 2020...: add((2, 23), emperorsBirthday)
        default: break
        }
        add((3, vernalEquinoxDay(year)), vernalEquinox)
        // 29 April kept a holiday after 1989 as Greenery Day; in 2007 it became Showa Day and
        // Greenery Day moved to 4 May (平成17年法律第43号).
        if (1989...2006).contains(year) { add((4, 29), greenery) }
        if year >= 2007 {
            add((4, 29), showa)
            add((5, 4), greenery)
        }
        add((5, 3), constitution)
        add((5, 5), children)
        // From 1996; Happy Monday from 2003; the 2020 and 2021 dates were moved by the Tokyo
        // Olympics special measures law so the opening days fall on holidays.
        switch year {
        case 1996...2002: add((7, 20), marine)
        case 2020: add((7, 23), marine)
        case 2021: add((7, 22), marine)
        case 2003...: add(nthMonday(3, month: 7, year: year), marine)
        default: break
        }
        // From 2016 (平成26年法律第43号); moved for the Olympic closing in 2020 and 2021.
        switch year {
        case 2020: add((8, 10), mountain)
        case 2021: add((8, 8), mountain)
        case 2016...: add((8, 11), mountain)
        default: break
        }
        // Both added in 1966 (昭和41年法律第86号), before their first dates that year.
        if (1966...2002).contains(year) { add((9, 15), respectForAged) }
        if year >= 2003 { add(nthMonday(3, month: 9, year: year), respectForAged) }
        add((9, autumnalEquinoxDay(year)), autumnalEquinox)
        switch year {
        case 1966...1999: add((10, 10), healthSports)
        case 2000...2019: add(nthMonday(2, month: 10, year: year), healthSports)
        // Renamed Sports Day from 2020 (平成30年法律第57号).
        case 2020: add((7, 24), sports)
        case 2021: add((7, 23), sports)
        case 2022...: add(nthMonday(2, month: 10, year: year), sports)
        default: break
        }
        add((11, 3), culture)
        add((11, 23), labourThanksgiving)
        return list
    }

    /// Every holiday of `year`, sorted by date; empty outside ``supportedYears``.
    private static func compute(year: Int) -> [Holiday] {
        guard supportedYears.contains(year) else { return [] }
        var result: [CivilDate: Holiday] = [:]
        // Days that article 3's substitute and sandwich rules treat as 国民の祝日.
        var national: Set<CivilDate> = []

        for entry in nationalHolidays(year) {
            guard let date = CivilDate(year: year, month: entry.month, day: entry.day),
                  DateKey(date) >= actInForce else { continue }
            result[date] = Holiday(date: date, japaneseName: entry.name.ja, englishName: entry.name.en, kind: .national)
            national.insert(date)
        }
        for event in imperialEvents where event.year == year {
            guard let date = CivilDate(year: event.year, month: event.month, day: event.day) else { continue }
            result[date] = Holiday(date: date, japaneseName: event.name.ja, englishName: event.name.en, kind: .imperialEvent)
            if event.countsAsNational { national.insert(date) }
        }

        // 振替休日. Until 2006 only the Monday after a Sunday holiday (and nothing when that
        // Monday is itself a holiday); from 2007 the first later day that is not a national
        // holiday, so that a Sunday inside Golden Week is made up on 6 May.
        for date in national.sorted() where date.weekday == .sunday && DateKey(date) >= substituteStart {
            var candidate = date.adding(days: 1)
            if DateKey(date) >= rules2007 {
                while national.contains(candidate) { candidate = candidate.adding(days: 1) }
            }
            guard result[candidate] == nil, candidate.year == year else { continue }
            result[candidate] = Holiday(date: candidate, japaneseName: substitute.ja, englishName: substitute.en, kind: .substitute)
        }

        // 国民の休日: a day whose previous and next days are both national holidays. The 1985
        // text excluded Sundays and substitute holidays; the 2007 text excludes only days that
        // are national holidays themselves. Days already off keep their own kind.
        for date in national.sorted() {
            let between = date.adding(days: 1)
            guard national.contains(between.adding(days: 1)), !national.contains(between),
                  between.year == year, DateKey(between) >= citizensStart, result[between] == nil else { continue }
            if DateKey(between) < rules2007 && between.weekday == .sunday { continue }
            result[between] = Holiday(date: between, japaneseName: citizens.ja, englishName: citizens.en, kind: .citizens)
        }

        return result.values.sorted { $0.date < $1.date }
    }
}
