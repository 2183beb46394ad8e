import Foundation

/// One instance of the Curtois & Qu shift-scheduling benchmark, as read from its text file.
///
/// The format (CRLF or LF line ends, `#` comments, sections `SECTION_HORIZON` …
/// `SECTION_COVER` each ended by a blank line) is described in the benchmark's `SOURCE.md`.
/// ``parse(_:file:)`` checks every field and reference and reports each problem with the
/// file, the 1-based line and the section, so that a broken file never reaches the solver.
/// ``scenario(name:)`` maps the instance into an ordinary ``Scenario``.
public struct CurtoisInstance: Sendable, Hashable {
    /// A shift type: `ShiftID, LengthMinutes, ForbiddenNext`.
    public struct Shift: Sendable, Hashable {
        /// The shift's id, e.g. `D`.
        public var id: String
        /// Its length in minutes.
        public var minutes: Int
        /// Shift ids that may not be worked on the day right after this shift.
        public var forbiddenNext: [String]
    }

    /// An employee with their limits.
    public struct Staff: Sendable, Hashable {
        /// The employee's id, e.g. `A`.
        public var id: String
        /// The most shifts of each type over the horizon, in file order (0 = may not work it).
        public var maxShifts: [ShiftLimit]
        /// The most minutes worked over the horizon.
        public var maxTotalMinutes: Int
        /// The fewest minutes worked over the horizon.
        public var minTotalMinutes: Int
        /// The most working days in a row.
        public var maxConsecutiveShifts: Int
        /// The fewest working days in a row (blocks touching the horizon's edges exempt).
        public var minConsecutiveShifts: Int
        /// The fewest days off in a row (blocks touching the horizon's edges exempt).
        public var minConsecutiveDaysOff: Int
        /// The most weekends with any work.
        public var maxWeekends: Int
    }

    /// `ShiftID=n` in a staff line.
    public struct ShiftLimit: Sendable, Hashable {
        /// The shift type.
        public var shift: String
        /// The most shifts of that type.
        public var max: Int
    }

    /// A shift-on or shift-off request.
    public struct Request: Sendable, Hashable {
        /// The employee.
        public var staff: String
        /// The 0-based day.
        public var day: Int
        /// The shift type.
        public var shift: String
        /// The penalty when the request is not met.
        public var weight: Int
    }

    /// One cover requirement: `Day, ShiftID, Requirement, WeightUnder, WeightOver`.
    public struct Cover: Sendable, Hashable {
        /// The 0-based day.
        public var day: Int
        /// The shift type.
        public var shift: String
        /// The preferred number of employees.
        public var requirement: Int
        /// The penalty per employee below the requirement.
        public var weightUnder: Int
        /// The penalty per employee above the requirement.
        public var weightOver: Int
    }

    /// The number of days; days are `0..<horizon`, day 0 is a Monday.
    public var horizon: Int
    /// The shift types in file order.
    public var shifts: [Shift]
    /// The employees in file order.
    public var staff: [Staff]
    /// Fixed days off per employee (file order; employees without a line are left out).
    public var daysOff: [String: [Int]]
    /// Requests to work a shift (penalty when not given).
    public var onRequests: [Request]
    /// Requests not to work a shift (penalty when given).
    public var offRequests: [Request]
    /// Cover requirements in file order.
    public var cover: [Cover]

    /// Creates an instance from its parts (``parse(_:file:)`` checks a file's; this does not).
    public init(horizon: Int, shifts: [Shift], staff: [Staff], daysOff: [String: [Int]], onRequests: [Request],
                offRequests: [Request], cover: [Cover]) {
        self.horizon = horizon
        self.shifts = shifts
        self.staff = staff
        self.daysOff = daysOff
        self.onRequests = onRequests
        self.offRequests = offRequests
        self.cover = cover
    }

    /// The section headers in the order the format requires.
    public static let sectionOrder = [
        "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
        "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
    ]

    /// Reads and parses the instance at `path`.
    public static func load(path: String) throws(ScenarioError) -> CurtoisInstance {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "cannot read the file: \(error.localizedDescription)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is not UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Parses the text of an instance; `file` names it in error messages.
    ///
    /// Every problem found is reported (in file order), each with its line and section.
    public static func parse(_ text: String, file: String = "<curtois>") throws(ScenarioError) -> CurtoisInstance {
        var parser = CurtoisParser(file: file)
        parser.read(text)
        return try parser.finish()
    }

    /// The instance's own objective of a roster: unmet on-requests, granted off-requests and
    /// cover penalties, exactly as `SOURCE.md` defines it (hard constraints are not checked).
    ///
    /// `roster` maps (staff, day) to the shift worked; a missing key is a day off.
    public func objective(of roster: [CurtoisRosterKey: String]) -> Int {
        var total = 0
        for r in onRequests where roster[CurtoisRosterKey(staff: r.staff, day: r.day)] != r.shift { total += r.weight }
        for r in offRequests where roster[CurtoisRosterKey(staff: r.staff, day: r.day)] == r.shift { total += r.weight }
        var counts: [String: Int] = [:]
        for (key, shift) in roster { counts["\(key.day)/\(shift)", default: 0] += 1 }
        for c in cover {
            let n = counts["\(c.day)/\(c.shift)"] ?? 0
            total += n < c.requirement ? (c.requirement - n) * c.weightUnder : (n - c.requirement) * c.weightOver
        }
        return total
    }
}

/// One employee on one day, the key of a Curtois roster.
public struct CurtoisRosterKey: Sendable, Hashable, Comparable {
    /// The employee's id.
    public var staff: String
    /// The 0-based day.
    public var day: Int
    /// Creates a key.
    public init(staff: String, day: Int) {
        self.staff = staff
        self.day = day
    }
    public static func < (a: CurtoisRosterKey, b: CurtoisRosterKey) -> Bool { (a.staff, a.day) < (b.staff, b.day) }
}

/// The line-by-line reader behind ``CurtoisInstance/parse(_:file:)``.
struct CurtoisParser {
    let file: String
    var issues: [ScenarioIssue] = []
    /// Data lines per section, with their 1-based line numbers.
    var sections: [String: [(line: Int, fields: [String])]] = [:]
    /// Where each section header was found.
    var headerLines: [String: Int] = [:]

    init(file: String) { self.file = file }

    mutating func issue(_ line: Int?, _ section: String, _ message: String) {
        issues.append(ScenarioIssue(file: file, line: line, path: section, message: message))
    }

    /// Splits the text into sections (blank lines end a section, `#` lines are comments).
    mutating func read(_ text: String) {
        var current: String?
        var lastOrder = -1
        // "\r\n" is one Character in Swift: split on unicode scalars so CRLF and LF both work.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            var line = Substring(raw)
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            if trimmed.isEmpty {
                current = nil
                continue
            }
            if trimmed.hasPrefix("SECTION_") {
                guard let order = CurtoisInstance.sectionOrder.firstIndex(of: trimmed) else {
                    issue(number, trimmed, "unknown section; expected one of \(CurtoisInstance.sectionOrder.joined(separator: ", "))")
                    current = nil
                    continue
                }
                if headerLines[trimmed] != nil {
                    issue(number, trimmed, "the section appears twice (first at line \(headerLines[trimmed] ?? 0))")
                } else if order < lastOrder {
                    issue(number, trimmed, "the section is out of order; sections must appear as \(CurtoisInstance.sectionOrder.joined(separator: ", "))")
                }
                lastOrder = Swift.max(lastOrder, order)
                headerLines[trimmed] = headerLines[trimmed] ?? number
                current = trimmed
                continue
            }
            guard let section = current else {
                issue(number, "", "data outside any section (a blank line ends a section; expected a SECTION_ header first)")
                continue
            }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            sections[section, default: []].append((number, fields))
        }
    }

    mutating func integer(_ text: String, _ line: Int, _ section: String, _ what: String, minimum: Int = 0) -> Int? {
        guard let value = Int(text) else {
            issue(line, section, "\(what) must be a whole number, got '\(text)'")
            return nil
        }
        guard value >= minimum else {
            issue(line, section, "\(what) must be at least \(minimum), got \(value)")
            return nil
        }
        return value
    }

    mutating func identifier(_ text: String, _ line: Int, _ section: String, _ what: String) -> String? {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-."))
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            issue(line, section, "\(what) must be a non-empty id of letters, digits, '_', '-' or '.', got '\(text)'")
            return nil
        }
        return text
    }

    mutating func fieldCount(_ fields: [String], _ expected: Int, _ line: Int, _ section: String, _ layout: String) -> Bool {
        guard fields.count == expected else {
            issue(line, section, "expected \(expected) comma-separated fields (\(layout)), got \(fields.count)")
            return false
        }
        return true
    }

    mutating func finish() throws(ScenarioError) -> CurtoisInstance {
        for name in CurtoisInstance.sectionOrder where headerLines[name] == nil {
            issue(nil, name, "the section is missing")
        }
        let horizon = readHorizon()
        let shifts = readShifts()
        let shiftIDs = Set(shifts.map(\.id))
        let staff = readStaff(shiftIDs: shiftIDs)
        let staffIDs = Set(staff.map(\.id))
        let daysOff = readDaysOff(staffIDs: staffIDs, horizon: horizon)
        let on = readRequests("SECTION_SHIFT_ON_REQUESTS", staffIDs: staffIDs, shiftIDs: shiftIDs, horizon: horizon)
        let off = readRequests("SECTION_SHIFT_OFF_REQUESTS", staffIDs: staffIDs, shiftIDs: shiftIDs, horizon: horizon)
        let cover = readCover(shiftIDs: shiftIDs, horizon: horizon)
        guard issues.isEmpty, let horizon else {
            throw ScenarioError(issues: issues.isEmpty ? [ScenarioIssue(file: file, path: "SECTION_HORIZON", message: "no horizon")] : issues)
        }
        return CurtoisInstance(horizon: horizon, shifts: shifts, staff: staff, daysOff: daysOff,
                               onRequests: on, offRequests: off, cover: cover)
    }

    mutating func readHorizon() -> Int? {
        let section = "SECTION_HORIZON"
        let lines = sections[section] ?? []
        guard let first = lines.first else {
            if headerLines[section] != nil { issue(headerLines[section], section, "the section holds no number of days") }
            return nil
        }
        for extra in lines.dropFirst() { issue(extra.line, section, "only one line (the number of days) is allowed here") }
        guard fieldCount(first.fields, 1, first.line, section, "the number of days"),
              let days = integer(first.fields[0], first.line, section, "the number of days", minimum: 1) else { return nil }
        guard days <= 364 else {
            issue(first.line, section, "the horizon has \(days) days; at most 364 are supported")
            return nil
        }
        return days
    }

    mutating func readShifts() -> [CurtoisInstance.Shift] {
        let section = "SECTION_SHIFTS"
        var result: [CurtoisInstance.Shift] = []
        var seen: [String: Int] = [:]
        var pending: [(line: Int, list: [String])] = []
        for (line, fields) in sections[section] ?? [] {
            guard fieldCount(fields, 3, line, section, "ShiftID, LengthMinutes, ForbiddenNext") else { continue }
            guard let id = identifier(fields[0], line, section, "the shift id"),
                  let minutes = integer(fields[1], line, section, "the length in minutes", minimum: 1) else { continue }
            if minutes > 1440 { issue(line, section, "a shift of \(minutes) minutes is longer than a day"); continue }
            if let first = seen[id] { issue(line, section, "duplicate shift id '\(id)' (first at line \(first))"); continue }
            seen[id] = line
            let next = fields[2].isEmpty ? [] : fields[2].split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            pending.append((line, next))
            result.append(CurtoisInstance.Shift(id: id, minutes: minutes, forbiddenNext: next))
        }
        if result.isEmpty, headerLines[section] != nil { issue(headerLines[section], section, "no shift types") }
        for (line, list) in pending {
            for id in list where seen[id] == nil {
                issue(line, section, "forbidden next shift '\(id)' is not a shift id (known: \(result.map(\.id).joined(separator: ", ")))")
            }
        }
        return result
    }

    mutating func readStaff(shiftIDs: Set<String>) -> [CurtoisInstance.Staff] {
        let section = "SECTION_STAFF"
        let layout = "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
        var result: [CurtoisInstance.Staff] = []
        var seen: [String: Int] = [:]
        for (line, f) in sections[section] ?? [] {
            guard fieldCount(f, 8, line, section, layout), let id = identifier(f[0], line, section, "the staff id") else { continue }
            var limits: [CurtoisInstance.ShiftLimit] = []
            var limitsOK = true
            for entry in f[1].split(separator: "|", omittingEmptySubsequences: false) {
                let parts = entry.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else {
                    issue(line, section, "MaxShifts entry '\(entry)' must be ShiftID=n")
                    limitsOK = false
                    continue
                }
                guard shiftIDs.contains(parts[0]) else {
                    issue(line, section, "MaxShifts names unknown shift '\(parts[0])'")
                    limitsOK = false
                    continue
                }
                guard let n = integer(parts[1], line, section, "MaxShifts for \(parts[0])") else { limitsOK = false; continue }
                if limits.contains(where: { $0.shift == parts[0] }) {
                    issue(line, section, "MaxShifts lists shift '\(parts[0])' twice")
                    limitsOK = false
                }
                limits.append(CurtoisInstance.ShiftLimit(shift: parts[0], max: n))
            }
            let names = ["MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts", "MinConsecutiveShifts",
                         "MinConsecutiveDaysOff", "MaxWeekends"]
            var numbers: [Int] = []
            for (k, name) in names.enumerated() {
                if let n = integer(f[k + 2], line, section, name) { numbers.append(n) }
            }
            guard limitsOK, numbers.count == names.count else { continue }
            if numbers[1] > numbers[0] { issue(line, section, "MinTotalMinutes \(numbers[1]) is greater than MaxTotalMinutes \(numbers[0])"); continue }
            if numbers[3] > numbers[2] { issue(line, section, "MinConsecutiveShifts \(numbers[3]) is greater than MaxConsecutiveShifts \(numbers[2])"); continue }
            if let first = seen[id] { issue(line, section, "duplicate staff id '\(id)' (first at line \(first))"); continue }
            seen[id] = line
            result.append(CurtoisInstance.Staff(id: id, maxShifts: limits, maxTotalMinutes: numbers[0], minTotalMinutes: numbers[1],
                                                maxConsecutiveShifts: numbers[2], minConsecutiveShifts: numbers[3],
                                                minConsecutiveDaysOff: numbers[4], maxWeekends: numbers[5]))
        }
        if result.isEmpty, headerLines[section] != nil, issues.isEmpty { issue(headerLines[section], section, "no staff") }
        return result
    }

    mutating func day(_ text: String, _ line: Int, _ section: String, horizon: Int?) -> Int? {
        guard let d = integer(text, line, section, "the day") else { return nil }
        if let horizon, d >= horizon {
            issue(line, section, "day \(d) lies outside the horizon 0…\(horizon - 1)")
            return nil
        }
        return d
    }

    mutating func readDaysOff(staffIDs: Set<String>, horizon: Int?) -> [String: [Int]] {
        let section = "SECTION_DAYS_OFF"
        var result: [String: [Int]] = [:]
        for (line, f) in sections[section] ?? [] {
            guard let id = identifier(f[0], line, section, "the staff id") else { continue }
            guard staffIDs.contains(id) else { issue(line, section, "unknown staff id '\(id)'"); continue }
            if result[id] != nil { issue(line, section, "a second days-off line for '\(id)'"); continue }
            var days: [Int] = []
            for text in f.dropFirst() where !text.isEmpty {
                if let d = day(text, line, section, horizon: horizon) { days.append(d) }
            }
            result[id] = days
        }
        return result
    }

    mutating func readRequests(_ section: String, staffIDs: Set<String>, shiftIDs: Set<String>, horizon: Int?) -> [CurtoisInstance.Request] {
        var result: [CurtoisInstance.Request] = []
        for (line, f) in sections[section] ?? [] {
            guard fieldCount(f, 4, line, section, "EmployeeID, Day, ShiftID, Weight") else { continue }
            guard staffIDs.contains(f[0]) else { issue(line, section, "unknown staff id '\(f[0])'"); continue }
            guard shiftIDs.contains(f[2]) else { issue(line, section, "unknown shift id '\(f[2])'"); continue }
            guard let d = day(f[1], line, section, horizon: horizon),
                  let w = integer(f[3], line, section, "the weight", minimum: 1) else { continue }
            result.append(CurtoisInstance.Request(staff: f[0], day: d, shift: f[2], weight: w))
        }
        return result
    }

    mutating func readCover(shiftIDs: Set<String>, horizon: Int?) -> [CurtoisInstance.Cover] {
        let section = "SECTION_COVER"
        var result: [CurtoisInstance.Cover] = []
        var seen: [String: Int] = [:]
        for (line, f) in sections[section] ?? [] {
            guard fieldCount(f, 5, line, section, "Day, ShiftID, Requirement, WeightUnder, WeightOver") else { continue }
            guard shiftIDs.contains(f[1]) else { issue(line, section, "unknown shift id '\(f[1])'"); continue }
            guard let d = day(f[0], line, section, horizon: horizon),
                  let req = integer(f[2], line, section, "the requirement"),
                  let under = integer(f[3], line, section, "the weight for under-cover"),
                  let over = integer(f[4], line, section, "the weight for over-cover") else { continue }
            let key = "\(d)/\(f[1])"
            if let first = seen[key] { issue(line, section, "a second cover line for day \(d), shift \(f[1]) (first at line \(first))"); continue }
            seen[key] = line
            result.append(CurtoisInstance.Cover(day: d, shift: f[1], requirement: req, weightUnder: under, weightOver: over))
        }
        return result
    }
}
