import Testing
import TobanModel

/// The date for an ISO text, failing the test when it is malformed.
private func day(_ iso: String) throws -> CivilDate {
    try #require(CivilDate(iso: iso))
}

/// The ISO dates of a year's holidays, for compact expectations.
private func isoDates(_ year: Int) -> [String] {
    JapaneseHolidays.holidays(in: year).map(\.date.iso)
}

/// The holiday on an ISO date (nil when none or malformed).
private func holiday(_ iso: String) -> Holiday? {
    CivilDate(iso: iso).flatMap(JapaneseHolidays.holiday(on:))
}

/// The Japanese name of the holiday on an ISO date, nil when it is an ordinary day.
private func name(_ iso: String) -> String? {
    holiday(iso)?.japaneseName
}

/// Kinds that article 3 treats as national holidays, for the chain invariants (the 2019
/// imperial days count; the earlier ones never fall where it matters).
private func countsAsNational(_ h: Holiday?) -> Bool {
    h?.kind == .national || h?.kind == .imperialEvent
}

@Suite("Japanese holidays")
struct JapaneseHolidaysTests {
    // MARK: Range

    @Test func supportedRangeAndOutside() throws {
        #expect(JapaneseHolidays.supportedYears == 1948...2099)
        #expect(JapaneseHolidays.holidays(in: 1947).isEmpty)
        #expect(JapaneseHolidays.holidays(in: 2100).isEmpty)
        #expect(JapaneseHolidays.holiday(on: try day("2100-01-01")) == nil)
        #expect(JapaneseHolidays.holiday(on: try day("1947-01-01")) == nil)
        #expect(!JapaneseHolidays.holidays(in: 2099).isEmpty)
    }

    @Test func lawStartsOn20July1948() {
        // Promulgated and in force on 20 July 1948: nothing earlier that year.
        #expect(isoDates(1948) == ["1948-09-23", "1948-11-03", "1948-11-23"])
        #expect(name("1948-05-03") == nil)
        #expect(name("1948-04-29") == nil)
    }

    @Test func originalNineHolidaysIn1949() {
        #expect(isoDates(1949) == [
            "1949-01-01", "1949-01-15", "1949-03-21", "1949-04-29", "1949-05-03",
            "1949-05-05", "1949-09-23", "1949-11-03", "1949-11-23",
        ])
        #expect(JapaneseHolidays.holidays(in: 1949).allSatisfy { $0.kind == .national })
    }

    // MARK: Fixed and Happy Monday holidays

    @Test func comingOfAgeDayMovesToSecondMondayIn2000() {
        #expect(name("1999-01-15") == "成人の日")
        #expect(name("2000-01-15") == nil)
        #expect(name("2000-01-10") == "成人の日")
        #expect(holiday("2000-01-10")?.englishName == "Coming of Age Day")
        #expect(name("2024-01-08") == "成人の日")
    }

    @Test func foundationDayFrom1967() {
        #expect(name("1966-02-11") == nil)
        #expect(name("1967-02-11") == "建国記念の日")
        #expect(holiday("1967-02-11")?.englishName == "National Foundation Day")
    }

    @Test func respectForAgedAndSportsDayFrom1966() {
        #expect(name("1965-09-15") == nil)
        #expect(name("1965-10-10") == nil)
        #expect(name("1966-09-15") == "敬老の日")
        #expect(name("1966-10-10") == "体育の日")
        #expect(holiday("1966-10-10")?.englishName == "Health and Sports Day")
    }

    @Test func april29Through1988And1989() {
        #expect(name("1988-04-29") == "天皇誕生日")
        #expect(name("1988-12-23") == nil)
        #expect(name("1989-04-29") == "みどりの日")
        #expect(holiday("1989-04-29")?.englishName == "Greenery Day")
        #expect(name("1989-12-23") == "天皇誕生日")
    }

    @Test func showaDayAndGreeneryDayFrom2007() {
        #expect(name("2006-04-29") == "みどりの日")
        #expect(name("2006-05-04") == "国民の休日")
        #expect(name("2007-04-29") == "昭和の日")
        #expect(holiday("2007-04-29")?.englishName == "Showa Day")
        #expect(name("2007-05-04") == "みどりの日")
    }

    @Test func emperorsBirthdayAcrossReigns() {
        #expect(name("2018-12-23") == "天皇誕生日")
        #expect(name("2018-12-24") == "振替休日")
        #expect(!JapaneseHolidays.holidays(in: 2019).contains { $0.japaneseName == "天皇誕生日" })
        #expect(name("2019-12-23") == nil)
        #expect(name("2019-02-23") == nil)
        #expect(name("2020-02-23") == "天皇誕生日")
        #expect(name("2020-02-24") == "振替休日")
        #expect(holiday("2020-02-23")?.englishName == "Emperor's Birthday")
    }

    @Test func marineDay() {
        #expect(name("1995-07-20") == nil)
        #expect(name("1996-07-20") == "海の日")
        #expect(name("2002-07-20") == "海の日")
        #expect(name("2003-07-20") == nil)
        #expect(name("2003-07-21") == "海の日")
        #expect(holiday("2003-07-21")?.englishName == "Marine Day")
    }

    @Test func respectForAgedDayHappyMonday2003() {
        #expect(name("2002-09-15") == "敬老の日")
        #expect(name("2002-09-16") == "振替休日")
        #expect(name("2003-09-15") == "敬老の日")
        #expect(name("2004-09-15") == nil)
        #expect(name("2004-09-20") == "敬老の日")
    }

    @Test func sportsDayHappyMonday2000AndRename2020() {
        #expect(name("1999-10-10") == "体育の日")
        #expect(name("1999-10-11") == "振替休日")
        #expect(name("2000-10-10") == nil)
        #expect(name("2000-10-09") == "体育の日")
        #expect(name("2019-10-14") == "体育の日")
        #expect(name("2022-10-10") == "スポーツの日")
        #expect(holiday("2022-10-10")?.englishName == "Sports Day")
    }

    @Test func mountainDayFrom2016() {
        #expect(name("2015-08-11") == nil)
        #expect(name("2016-08-11") == "山の日")
        #expect(holiday("2016-08-11")?.englishName == "Mountain Day")
    }

    @Test func olympicMoves2020() {
        #expect(name("2020-07-23") == "海の日")
        #expect(name("2020-07-24") == "スポーツの日")
        #expect(name("2020-08-10") == "山の日")
        #expect(name("2020-07-20") == nil)
        #expect(name("2020-08-11") == nil)
        #expect(name("2020-10-12") == nil)
    }

    @Test func olympicMoves2021() {
        #expect(name("2021-07-22") == "海の日")
        #expect(name("2021-07-23") == "スポーツの日")
        #expect(name("2021-08-08") == "山の日")
        #expect(name("2021-08-09") == "振替休日")
        #expect(name("2021-07-19") == nil)
        #expect(name("2021-08-11") == nil)
        #expect(name("2021-10-11") == nil)
    }

    // MARK: Equinoxes

    @Test func equinoxDays() {
        #expect(name("1949-03-21") == "春分の日")
        #expect(name("1951-09-24") == "秋分の日")
        #expect(name("1960-03-20") == "春分の日")
        #expect(name("1979-09-24") == "秋分の日")
        #expect(name("1980-09-23") == "秋分の日")
        #expect(name("2012-09-22") == "秋分の日")
        #expect(name("2025-03-20") == "春分の日")
        #expect(name("2025-09-23") == "秋分の日")
        #expect(name("2026-03-20") == "春分の日")
        #expect(name("2027-03-21") == "春分の日")
        #expect(name("2044-09-22") == "秋分の日")
        #expect(name("2092-03-19") == "春分の日")
        #expect(name("2099-03-20") == "春分の日")
        #expect(name("2099-09-23") == "秋分の日")
        #expect(holiday("2025-03-20")?.englishName == "Vernal Equinox Day")
        #expect(holiday("2025-09-23")?.englishName == "Autumnal Equinox Day")
    }

    @Test func equinoxDaysMatchTheApproximationFormulaEveryYear() {
        // The published dates (1948–2027) and the formula used after them must agree with
        // the formula everywhere; an independent copy of it here guards the table's typing.
        func formula(_ year: Int, _ base1980: Double, _ base1900: Double) -> Int {
            let drift = 0.242194 * Double(year - 1980)
            return year >= 1980
                ? Int(base1980 + drift - Double((year - 1980) / 4))
                : Int(base1900 + drift - Double((year - 1983) / 4))
        }
        for year in 1949...2099 {
            let list = JapaneseHolidays.holidays(in: year)
            let vernal = list.filter { $0.japaneseName == "春分の日" }.map(\.date)
            let autumnal = list.filter { $0.japaneseName == "秋分の日" }.map(\.date)
            #expect(vernal == [CivilDate(year: year, month: 3, day: formula(year, 20.8431, 20.8357))].compactMap { $0 },
                    "vernal \(year)")
            #expect(autumnal == [CivilDate(year: year, month: 9, day: formula(year, 23.2488, 23.2588))].compactMap { $0 },
                    "autumnal \(year)")
        }
    }

    // MARK: Substitute holidays

    @Test func substituteHolidaysStart12April1973() {
        // 11 February 1973 was a Sunday but before the amendment; 29 April was the first case.
        #expect(name("1973-02-11") == "建国記念の日")
        #expect(name("1973-02-12") == nil)
        #expect(name("1973-04-30") == "振替休日")
        #expect(holiday("1973-04-30")?.kind == .substitute)
        #expect(holiday("1973-04-30")?.englishName == "Substitute Holiday")
        #expect(name("1973-09-24") == "振替休日")
    }

    @Test func substituteRuleChange2007() {
        // Until 2006 only the next day; 1987-05-03 was a Sunday, so 4 May became the substitute.
        #expect(name("1987-05-04") == "振替休日")
        // From 2007 the next day that is not a national holiday: Sunday 4 May 2008 → 6 May.
        #expect(name("2008-05-04") == "みどりの日")
        #expect(name("2008-05-06") == "振替休日")
        // Sunday 3 May 2009 → 6 May, skipping 4 and 5 May.
        #expect(name("2009-05-06") == "振替休日")
        #expect(name("2015-05-06") == "振替休日")
        #expect(name("2007-12-24") == "振替休日")
    }

    // MARK: Citizens' holidays

    @Test func citizensHolidayFrom1985Amendment() {
        // 4 May 1986 was a Sunday (excluded), 1987's was a substitute, 1988's the first one.
        #expect(name("1985-05-04") == nil)
        #expect(name("1986-05-04") == nil)
        #expect(holiday("1987-05-04")?.kind == .substitute)
        #expect(holiday("1988-05-04")?.kind == .citizens)
        #expect(holiday("1988-05-04")?.englishName == "Citizens' Holiday")
        #expect(name("1997-05-04") == nil)  // Sunday
        #expect(name("1992-05-04") == "振替休日")  // 3 May was a Sunday
        #expect(name("2003-05-04") == nil)  // Sunday
    }

    @Test func citizensHolidayInSeptemberAfter2007() {
        for iso in ["2009-09-22", "2015-09-22", "2026-09-22", "2032-09-21"] {
            #expect(holiday(iso)?.kind == .citizens, "\(iso)")
            #expect(name(iso) == "国民の休日", "\(iso)")
        }
        #expect(name("2020-09-22") == "秋分の日")
    }

    // MARK: Imperial one-off days

    @Test func imperialEventsBefore2019() {
        let expected = [
            ("1959-04-10", "皇太子明仁親王の結婚の儀"),
            ("1989-02-24", "昭和天皇の大喪の礼"),
            ("1990-11-12", "即位礼正殿の儀"),
            ("1993-06-09", "皇太子徳仁親王の結婚の儀"),
        ]
        for (iso, japanese) in expected {
            #expect(holiday(iso)?.kind == .imperialEvent, "\(iso)")
            #expect(name(iso) == japanese, "\(iso)")
            #expect(holiday(iso)?.englishName.isEmpty == false, "\(iso)")
        }
    }

    @Test func year2019EnthronementAndGoldenWeek() {
        #expect(holiday("2019-05-01")?.kind == .imperialEvent)
        #expect(name("2019-05-01") == "天皇の即位の日")
        #expect(holiday("2019-10-22")?.kind == .imperialEvent)
        #expect(name("2019-10-22") == "即位礼正殿の儀")
        // The 2019 law made both days count as national holidays, so the days sandwiched
        // between them and 29 April / 3 May became citizens' holidays.
        #expect(holiday("2019-04-30")?.kind == .citizens)
        #expect(holiday("2019-05-02")?.kind == .citizens)
        #expect(name("2019-05-06") == "振替休日")
        #expect(isoDates(2019).filter { $0.hasPrefix("2019-04-2") || $0.hasPrefix("2019-04-3") || $0.hasPrefix("2019-05-0") } == [
            "2019-04-29", "2019-04-30", "2019-05-01", "2019-05-02", "2019-05-03",
            "2019-05-04", "2019-05-05", "2019-05-06",
        ])
    }

    // MARK: Counts

    @Test(arguments: [
        (1948, 3), (1949, 9), (1965, 9), (1966, 11), (1967, 12), (1973, 14), (1988, 14),
        (1989, 17), (1996, 19), (2000, 15), (2003, 15), (2007, 19), (2016, 17), (2019, 22),
        (2020, 18), (2021, 17), (2024, 21), (2025, 19), (2026, 18),
    ])
    func holidayCountPerYear(year: Int, count: Int) {
        #expect(JapaneseHolidays.holidays(in: year).count == count)
    }

    // MARK: Range queries

    @Test func rangeQueries() throws {
        let winter = JapaneseHolidays.holidays(from: try day("2024-12-20"), through: try day("2025-01-14"))
        #expect(winter.map(\.date.iso) == ["2025-01-01", "2025-01-13"])
        let single = JapaneseHolidays.holidays(from: try day("2019-05-01"), through: try day("2019-05-01"))
        #expect(single.map(\.date.iso) == ["2019-05-01"])
        #expect(JapaneseHolidays.holidays(from: try day("2025-01-14"), through: try day("2024-12-20")).isEmpty)
        #expect(JapaneseHolidays.holidays(from: try day("2100-01-01"), through: try day("2200-12-31")).isEmpty)
        #expect(JapaneseHolidays.holidays(from: try day("1900-01-01"), through: try day("1947-12-31")).isEmpty)
        let all = JapaneseHolidays.holidays(from: try day("1900-01-01"), through: try day("2200-12-31"))
        #expect(all == JapaneseHolidays.supportedYears.flatMap { JapaneseHolidays.holidays(in: $0) })
    }

    // MARK: Invariants over 1948–2099

    @Test func invariantsOverWholeRange() throws {
        var seen: Set<CivilDate> = []
        for year in JapaneseHolidays.supportedYears {
            let list = JapaneseHolidays.holidays(in: year)
            #expect(!list.isEmpty, "\(year)")
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.date < $1.date }, "sorted and unique in \(year)")
            for h in list {
                #expect(h.date.year == year, "\(h.date) listed in \(year)")
                #expect(!seen.contains(h.date), "\(h.date) twice")
                seen.insert(h.date)
                #expect(!h.japaneseName.isEmpty && !h.englishName.isEmpty)
                #expect(JapaneseHolidays.holiday(on: h.date) == h)
            }
            if year >= 1949 { #expect(list.first?.date.iso == "\(year)-01-01") }
        }
    }

    @Test func everySubstituteFollowsASundayHolidayChain() {
        for year in JapaneseHolidays.supportedYears {
            for h in JapaneseHolidays.holidays(in: year) where h.kind == .substitute {
                #expect(h.date.weekday != .sunday, "\(h.date)")
                #expect(h.date.iso >= "1973-04-12", "\(h.date)")
                var back = h.date.adding(days: -1)
                if h.date.year < 2007 {
                    // Before 2007 only the day right after the Sunday holiday.
                    #expect(back.weekday == .sunday, "\(h.date)")
                }
                // Walk back over the national holidays to the Sunday that caused it.
                while back.weekday != .sunday, countsAsNational(JapaneseHolidays.holiday(on: back)) {
                    back = back.adding(days: -1)
                }
                #expect(back.weekday == .sunday && countsAsNational(JapaneseHolidays.holiday(on: back)),
                        "\(h.date) has no Sunday holiday before it")
            }
        }
    }

    @Test func everySundayNationalHolidayGetsItsSubstitute() {
        for year in 1974...2099 {
            for h in JapaneseHolidays.holidays(in: year) where h.kind == .national && h.date.weekday == .sunday {
                var next = h.date.adding(days: 1)
                while countsAsNational(JapaneseHolidays.holiday(on: next)), year >= 2007 {
                    next = next.adding(days: 1)
                }
                let kind = JapaneseHolidays.holiday(on: next)?.kind
                #expect(kind == .substitute || (year < 2007 && kind == .national), "\(h.date)")
            }
        }
    }

    @Test func everyCitizensHolidayIsSandwiched() {
        for year in JapaneseHolidays.supportedYears {
            for h in JapaneseHolidays.holidays(in: year) where h.kind == .citizens {
                #expect(h.date.iso >= "1985-12-27")
                #expect(countsAsNational(JapaneseHolidays.holiday(on: h.date.adding(days: -1))), "\(h.date)")
                #expect(countsAsNational(JapaneseHolidays.holiday(on: h.date.adding(days: 1))), "\(h.date)")
                // The 1985 text excluded Sundays; the 2007 text no longer does (and no such
                // Sunday occurs through 2099).
                if year < 2007 { #expect(h.date.weekday != .sunday, "\(h.date)") }
            }
        }
    }

    @Test func happyMondayHolidaysAreMondaysInTheirWeekFromTheirFirstYear() {
        // (name, month, week, first Happy Monday year); the Olympic years moved 海の日 and
        // スポーツの日 to fixed dates, which the law names explicitly.
        let rules: [(String, Int, Int, Int)] = [
            ("成人の日", 1, 2, 2000), ("体育の日", 10, 2, 2000), ("スポーツの日", 10, 2, 2022),
            ("海の日", 7, 3, 2003), ("敬老の日", 9, 3, 2003),
        ]
        for (japanese, month, week, first) in rules {
            for year in first...2099 where !(year == 2020 || year == 2021) || month == 1 || month == 9 {
                let dates = JapaneseHolidays.holidays(in: year).filter { $0.japaneseName == japanese }.map(\.date)
                if japanese == "体育の日" && year >= 2020 { #expect(dates.isEmpty); continue }
                #expect(dates.count == 1, "\(japanese) \(year)")
                guard let date = dates.first else { continue }
                #expect(date.weekday == .monday && date.month == month && (date.day - 1) / 7 + 1 == week, "\(japanese) \(date)")
            }
        }
        // The year before each change, the old fixed date.
        #expect(name("1999-01-15") == "成人の日" && name("1999-10-10") == "体育の日")
        #expect(name("2002-07-20") == "海の日" && name("2002-09-15") == "敬老の日")
    }

    @Test func equinoxesArePublishedThrough2027AndApproximatedAfter() {
        // Published (暦要項) dates at both ends of the table and the first forecast years.
        #expect(name("1948-09-23") == "秋分の日")
        #expect(name("2027-09-23") == "秋分の日")
        #expect(name("2028-03-20") == "春分の日")
        #expect(name("2028-09-22") == "秋分の日")
        // Every year has exactly one of each from 1949 on (1948's vernal equinox predates the Act).
        for year in 1949...2099 {
            let names = JapaneseHolidays.holidays(in: year).map(\.japaneseName)
            #expect(names.filter { $0 == "春分の日" }.count == 1 && names.filter { $0 == "秋分の日" }.count == 1, "\(year)")
        }
    }

    @Test func imperialDaysBefore2019DoNotCountForTheSandwichRule() {
        // 1990-11-12 (Monday) and 1993-06-09 (Wednesday) were days off of their own; none of
        // the earlier ceremony days created a substitute or citizens' holiday next to it.
        for iso in ["1959-04-10", "1989-02-24", "1990-11-12", "1993-06-09"] {
            guard let date = CivilDate(iso: iso) else { continue }
            for neighbour in [date.adding(days: -1), date.adding(days: 1)] {
                let kind = JapaneseHolidays.holiday(on: neighbour)?.kind
                #expect(kind != .citizens && kind != .substitute, "\(neighbour)")
            }
        }
        #expect(JapaneseHolidays.holidays(in: 1959).count == 10)  // the 9 of 1948 and the wedding
        #expect(JapaneseHolidays.holidays(in: 1993).count == 16)  // incl. the wedding and 振替休日 1993-10-11
    }

    @Test func kindRawValuesAreStable() {
        #expect(HolidayKind.national.rawValue == "national")
        #expect(HolidayKind.substitute.rawValue == "substitute")
        #expect(HolidayKind.citizens.rawValue == "citizens")
        #expect(HolidayKind.imperialEvent.rawValue == "imperialEvent")
    }
}
