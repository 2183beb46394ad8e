import Foundation
import Testing
@testable import TobanModel

/// A small instance in the benchmark's format (CRLF line ends, comments, every section).
let smallCurtois = """
# A comment
SECTION_HORIZON
# days
7

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends
A,E=7|L=3,3000,960,4,2,2,1
B,E=0|L=7,2400,0,3,1,1,1

SECTION_DAYS_OFF
# EmployeeID, DayIndexes (start at zero)
A,0,6
B,3

SECTION_SHIFT_ON_REQUESTS
# EmployeeID, Day, ShiftID, Weight
A,2,E,2

SECTION_SHIFT_OFF_REQUESTS
# EmployeeID, Day, ShiftID, Weight
B,4,L,3

SECTION_COVER
# Day, ShiftID, Requirement, Weight for under, Weight for over
0,E,1,100,1
1,E,1,100,1
2,L,2,100,1

""".replacingOccurrences(of: "\n", with: "\r\n")

/// The directory of the benchmark files, or nil when this machine does not have them.
func curtoisDirectory() -> URL? {
    let path = ProcessInfo.processInfo.environment["TOBAN_CURTOIS_DIR"] ?? "/work/shared/benchmarks/curtois"
    return FileManager.default.fileExists(atPath: path + "/Instance1.txt") ? URL(fileURLWithPath: path) : nil
}

@Suite("Curtois & Qu instances")
struct CurtoisInstanceTests {
    @Test func parsesEverySectionOfACRLFFile() throws {
        let i = try CurtoisInstance.parse(smallCurtois, file: "small.txt")
        #expect(i.horizon == 7)
        #expect(i.shifts.map(\.id) == ["E", "L"])
        #expect(i.shifts[1].minutes == 600 && i.shifts[1].forbiddenNext == ["E"] && i.shifts[0].forbiddenNext.isEmpty)
        #expect(i.staff.map(\.id) == ["A", "B"])
        let a = i.staff[0]
        #expect(a.maxShifts == [.init(shift: "E", max: 7), .init(shift: "L", max: 3)])
        #expect((a.maxTotalMinutes, a.minTotalMinutes, a.maxConsecutiveShifts, a.minConsecutiveShifts) == (3000, 960, 4, 2))
        #expect((a.minConsecutiveDaysOff, a.maxWeekends) == (2, 1))
        #expect(i.daysOff == ["A": [0, 6], "B": [3]])
        #expect(i.onRequests == [.init(staff: "A", day: 2, shift: "E", weight: 2)])
        #expect(i.offRequests == [.init(staff: "B", day: 4, shift: "L", weight: 3)])
        #expect(i.cover.count == 3 && i.cover[2] == .init(day: 2, shift: "L", requirement: 2, weightUnder: 100, weightOver: 1))
        // LF-only files read the same.
        #expect(try CurtoisInstance.parse(smallCurtois.replacingOccurrences(of: "\r\n", with: "\n")) == i)
    }

    /// Replaces `old` by `new` in the small instance and returns the parse problems.
    func problems(_ old: String, _ new: String) -> [ScenarioIssue] {
        let text = smallCurtois.replacingOccurrences(of: old, with: new)
        #expect(text != smallCurtois, "the snippet must change the file")
        do {
            _ = try CurtoisInstance.parse(text, file: "broken.txt")
            return []
        } catch {
            return error.issues
        }
    }

    @Test(arguments: [
        ("7\r\n", "seven\r\n", 4, "SECTION_HORIZON", "whole number"),
        ("L,600,E", "L,600", 9, "SECTION_SHIFTS", "expected 3"),
        ("L,600,E", "L,600,X", 9, "SECTION_SHIFTS", "'X' is not a shift id"),
        ("L,600,E", "E,600,", 9, "SECTION_SHIFTS", "duplicate shift id"),
        ("L,600,E", "L,-5,E", 9, "SECTION_SHIFTS", "at least 1"),
        ("A,E=7|L=3,3000", "A,E=7|Q=3,3000", 13, "SECTION_STAFF", "unknown shift 'Q'"),
        ("A,E=7|L=3,3000", "A,E7|L=3,3000", 13, "SECTION_STAFF", "ShiftID=n"),
        ("A,E=7|L=3,3000,960", "A,E=7|L=3,900,960", 13, "SECTION_STAFF", "greater than MaxTotalMinutes"),
        ("B,E=0|L=7,2400,0,3,1,1,1", "B,E=0|L=7,2400,0,3,1,1", 14, "SECTION_STAFF", "expected 8"),
        ("A,0,6", "A,0,9", 18, "SECTION_DAYS_OFF", "outside the horizon"),
        ("B,3\r\n", "Z,3\r\n", 19, "SECTION_DAYS_OFF", "unknown staff id 'Z'"),
        ("A,2,E,2", "A,2,E,x", 23, "SECTION_SHIFT_ON_REQUESTS", "whole number"),
        ("B,4,L,3", "B,4,N,3", 27, "SECTION_SHIFT_OFF_REQUESTS", "unknown shift id 'N'"),
        ("2,L,2,100,1", "1,E,2,100,1", 33, "SECTION_COVER", "second cover line"),
        ("SECTION_COVER", "SECTION_KOVER", 29, "SECTION_KOVER", "unknown section"),
    ])
    func reportsBrokenInputWithFileLineAndSection(old: String, new: String, line: Int, section: String, message: String) {
        let found = problems(old, new)
        #expect(found.contains { $0.line == line && $0.path == section && $0.message.contains(message) && $0.file == "broken.txt" },
                "got \(found.map(\.description))")
    }

    @Test func reportsMissingAndMisplacedSections() {
        let noCover = smallCurtois.components(separatedBy: "SECTION_COVER")[0]
        #expect(throws: ScenarioError.self) { try CurtoisInstance.parse(noCover) }
        do {
            _ = try CurtoisInstance.parse(noCover, file: "x.txt")
        } catch {
            #expect(error.issues.contains { $0.path == "SECTION_COVER" && $0.message.contains("missing") })
        }
        let swapped = smallCurtois.replacingOccurrences(of: "SECTION_SHIFTS", with: "SECTION_TMP")
            .replacingOccurrences(of: "SECTION_HORIZON", with: "SECTION_SHIFTS").replacingOccurrences(of: "SECTION_TMP", with: "SECTION_HORIZON")
        do {
            _ = try CurtoisInstance.parse(swapped, file: "x.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.contains { $0.message.contains("out of order") })
        }
        do {
            _ = try CurtoisInstance.parse("A,1\r\n", file: "x.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.contains { $0.line == 1 && $0.message.contains("outside any section") })
        }
    }

    @Test func mapsIntoAValidScenario() throws {
        let i = try CurtoisInstance.parse(smallCurtois)
        let s = try i.scenario(name: "small")
        #expect(s.horizon.count == 7 && s.horizon.start.weekday == .monday)
        #expect(CurtoisInstance.day(of: CurtoisInstance.date(ofDay: 5)) == 5)
        #expect(CurtoisInstance.date(ofDay: 5).weekday == .saturday && CurtoisInstance.date(ofDay: 6).weekday == .sunday)
        #expect(s.dutyTypes.map(\.id) == ["E", "L"] && s.dutyTypes.map(\.durationMinutes) == [480, 600])
        #expect(s.rules.forbiddenSuccessions == [ForbiddenSuccession(from: "L", to: "E")])
        #expect(s.rules.fairnessWeight == 0 && s.rules.fairnessMaxWeight == 0 && s.rules.minRestHours == nil)
        let a = try #require(s.resource("A")), b = try #require(s.resource("B"))
        #expect(a.duties == ["E", "L"] && b.duties == ["L"])  // E=0: not eligible
        #expect(a.limits == [DutyLimit(dutyTypes: ["L"], max: 3)])  // E=7 is no limit over 7 days
        #expect((a.minMinutes, a.maxMinutes, a.maxConsecutive, a.minConsecutive, a.minDaysOff, a.maxWeekends) == (960, 3000, 4, 2, 2, nil))
        #expect(b.minConsecutive == nil && b.minMinutes == nil && b.maxWeekends == nil)
        #expect(!a.isAvailable(on: CurtoisInstance.date(ofDay: 0)) && !a.isAvailable(on: CurtoisInstance.date(ofDay: 6)))
        #expect(a.isAvailable(on: CurtoisInstance.date(ofDay: 1)))
        #expect(a.requests == [DutyRequest(kind: .want, date: CurtoisInstance.date(ofDay: 2), dutyTypeID: "E", weight: 2)])
        #expect(b.requests == [DutyRequest(kind: .avoid, date: CurtoisInstance.date(ofDay: 4), dutyTypeID: "L", weight: 3)])
        let late = try #require(s.dutyType("L"))
        #expect(late.underTargetPenalty == 100 && late.overTargetPenalty == 1 && late.coverageMin == 0 && late.gapPenalty == 0)
        #expect(late.coverage(on: CurtoisInstance.date(ofDay: 2)) == Coverage(min: 0, max: 2, target: 2))
        #expect(late.coverage(on: CurtoisInstance.date(ofDay: 3)).target == nil)
    }

    @Test func holidaysDoNotChangeAnyDayType() throws {
        // A full-year horizon covers every Japanese holiday of 2024 and the default year-end.
        let text = smallCurtois.replacingOccurrences(of: "\r\n7\r\n", with: "\r\n364\r\n")
        let s = try CurtoisInstance.parse(text).scenario()
        #expect(s.horizon.count == 364)
        for (d, date) in s.horizon.dates.enumerated() {
            let expected: DayType = d % 7 == 5 ? .saturday : d % 7 == 6 ? .sunday : .weekday
            #expect(s.calendar.dayType(of: date) == expected, "day \(d) \(date.iso)")
        }
        #expect(s.slots().count == 364 * 2)
    }

    @Test func rejectsCoverWeightsThatDifferBetweenDays() throws {
        let text = smallCurtois.replacingOccurrences(of: "1,E,1,100,1", with: "1,E,1,50,1")
        #expect(throws: ScenarioError.self) { try CurtoisInstance.parse(text).scenario() }
    }

    @Test func objectiveFollowsTheBenchmarkDefinition() throws {
        let i = try CurtoisInstance.parse(smallCurtois)
        // Empty roster: A's on-request (2) + cover under 1+1+2 people at 100.
        #expect(i.objective(of: [:]) == 2 + 400)
        // A works E on days 1–2 (request met), B works L on days 2 and 4 (off-request broken).
        var r: [CurtoisRosterKey: String] = [:]
        r[.init(staff: "A", day: 1)] = "E"
        r[.init(staff: "A", day: 2)] = "E"
        r[.init(staff: "B", day: 2)] = "L"
        r[.init(staff: "B", day: 4)] = "L"
        // Cover: day 0 E under 1 (100), day 1 E met, day 2 L 1 of 2 (100), day 2 E over by 1 (no line: free).
        #expect(i.objective(of: r) == 100 + 100 + 3)
    }

    @Test func readsEveryBenchmarkInstance() throws {
        guard let dir = curtoisDirectory() else { return }
        let known: [Int: (staff: Int, days: Int, shifts: Int)] = [1: (8, 14, 1), 2: (14, 14, 2), 8: (30, 28, 4), 13: (120, 28, 18)]
        for n in 1...14 {  // 15–24 are large; the CLI reads them in benchmarks
            let i = try CurtoisInstance.load(path: dir.appendingPathComponent("Instance\(n).txt").path)
            if let k = known[n] { #expect((i.staff.count, i.horizon, i.shifts.count) == (k.staff, k.days, k.shifts), "Instance\(n)") }
            let s = try i.scenario(name: "Instance\(n)")
            #expect(s.resources.count == i.staff.count && s.horizon.count == i.horizon)
        }
    }
}
