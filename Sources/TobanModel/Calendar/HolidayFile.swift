import Foundation

/// Public holidays read from a file, so that a scenario outside Japan (or with its own list)
/// can name its days off: CSV `date,name` or an iCalendar (`.ics`) file of all-day events.
///
/// CSV follows RFC 4180 (quoted fields, CRLF or LF, an optional UTF-8 byte-order mark) with
/// two fields per row, an ISO date and a name; a first row `date,name` is a header and is
/// skipped, so the output of `toban holidays` reads back as it is. iCalendar files are read
/// minimally but correctly: lines are unfolded (RFC 5545 section 3.1), every `VEVENT` needs a
/// `DTSTART;VALUE=DATE` (or a bare 8-digit date) and a `SUMMARY` (TEXT escapes undone), and a
/// `DTEND;VALUE=DATE` later than the day after makes every date up to it (exclusive) a holiday.
/// Recurrence rules are refused rather than silently ignored.
///
/// Two entries on the same date are joined as `name1・name2` (duplicates dropped). Every bad
/// row is reported with the file and its line.
public enum HolidayFile {
    /// The two formats read.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case csv
        case iCalendar = "ics"
    }

    /// The format for a file name: iCalendar for `.ics` and `.ical`, CSV otherwise.
    public static func format(forPath path: String) -> Format {
        let lower = path.lowercased()
        return lower.hasSuffix(".ics") || lower.hasSuffix(".ical") ? .iCalendar : .csv
    }

    /// The longest date stretch one iCalendar event may cover, to refuse absurd inputs clearly.
    public static let maximumEventDays = 366

    /// The holidays in `text` by date; `file` names the file in the issues.
    public static func parse(text: String, file: String, format: Format) throws(ScenarioError) -> [CivilDate: String] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var holidays: [CivilDate: String] = [:]
        var issues: [ScenarioIssue] = []
        func add(_ date: CivilDate, _ name: String) {
            guard let existing = holidays[date] else {
                holidays[date] = name
                return
            }
            if !existing.split(separator: "・").contains(Substring(name)) { holidays[date] = existing + "・" + name }
        }
        switch format {
        case .csv: parseCSV(body, file: file, add: add, issues: &issues)
        case .iCalendar: parseICalendar(body, file: file, add: add, issues: &issues)
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
        return holidays
    }

    // MARK: CSV

    private static func parseCSV(_ text: String, file: String, add: (CivilDate, String) -> Void, issues: inout [ScenarioIssue]) {
        let records: [(line: Int, fields: [String])]
        do {
            records = try RotaCSVReader.parse(text)
        } catch {
            issues.append(ScenarioIssue(file: file, line: error.line, path: "", message: error.message))
            return
        }
        var rows = 0
        for (offset, record) in records.enumerated() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            if offset == 0 && fields.map({ $0.lowercased() }) == ["date", "name"] { continue }  // header
            guard fields.count == 2 else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: "",
                                            message: "expected 2 fields (date,name), found \(fields.count)"))
                continue
            }
            guard let date = CivilDate(iso: fields[0]) else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: "",
                                            message: "'\(fields[0])' is not a real date (YYYY-MM-DD)"))
                continue
            }
            guard !fields[1].isEmpty else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: "", message: "the holiday on \(date.iso) has no name"))
                continue
            }
            add(date, fields[1])
            rows += 1
        }
        if rows == 0 && issues.isEmpty {
            issues.append(ScenarioIssue(file: file, line: 1, path: "", message: "the file lists no holidays; expected lines of date,name"))
        }
    }

    // MARK: iCalendar

    /// One unfolded content line: name, parameters and value, with the line it starts on.
    private struct ContentLine {
        let line: Int
        let name: String
        let parameters: [String: String]
        let value: String
    }

    private static func parseICalendar(_ text: String, file: String, add: (CivilDate, String) -> Void, issues: inout [ScenarioIssue]) {
        let lines = unfold(text)
        guard let first = lines.first(where: { !$0.text.isEmpty }), first.text.uppercased() == "BEGIN:VCALENDAR" else {
            issues.append(ScenarioIssue(file: file, line: 1, path: "", message: "not an iCalendar file: expected BEGIN:VCALENDAR on the first line"))
            return
        }
        var stack: [String] = []
        var event: [ContentLine] = []
        var eventLine = 0
        var events = 0
        for raw in lines where !raw.text.isEmpty {
            guard let content = contentLine(raw.text, line: raw.line) else {
                issues.append(ScenarioIssue(file: file, line: raw.line, path: "", message: "malformed content line (expected NAME:VALUE)"))
                continue
            }
            switch content.name {
            case "BEGIN":
                stack.append(content.value.uppercased())
                if stack == ["VCALENDAR", "VEVENT"] {
                    event = []
                    eventLine = content.line
                }
            case "END":
                guard stack.last == content.value.uppercased() else {
                    issues.append(ScenarioIssue(file: file, line: content.line, path: "",
                                                message: "END:\(content.value) does not close \(stack.last.map { "BEGIN:" + $0 } ?? "anything")"))
                    return
                }
                if stack == ["VCALENDAR", "VEVENT"] {
                    events += 1
                    holiday(from: event, line: eventLine, file: file, add: add, issues: &issues)
                }
                stack.removeLast()
            default:
                // Only the event's own properties: an alarm inside it has a DESCRIPTION of its own.
                if stack == ["VCALENDAR", "VEVENT"] { event.append(content) }
            }
        }
        if !stack.isEmpty {
            issues.append(ScenarioIssue(file: file, line: lines.last?.line, path: "", message: "BEGIN:\(stack.last ?? "") is never closed"))
        } else if events == 0 && issues.isEmpty {
            issues.append(ScenarioIssue(file: file, line: 1, path: "", message: "the calendar has no VEVENT; expected one all-day event per holiday"))
        }
    }

    private static func holiday(from event: [ContentLine], line: Int, file: String, add: (CivilDate, String) -> Void,
                                issues: inout [ScenarioIssue]) {
        func property(_ name: String) -> ContentLine? { event.first { $0.name == name } }
        if let rule = event.first(where: { ["RRULE", "RDATE", "EXRULE"].contains($0.name) }) {
            issues.append(ScenarioIssue(file: file, line: rule.line, path: "",
                                        message: "\(rule.name) (recurring events) is not supported in holiday files; list each holiday as its own event"))
            return
        }
        guard let start = property("DTSTART") else {
            issues.append(ScenarioIssue(file: file, line: line, path: "", message: "the VEVENT has no DTSTART"))
            return
        }
        guard let first = date(start) else {
            issues.append(ScenarioIssue(file: file, line: start.line, path: "",
                                        message: "DTSTART '\(start.value)' is not an all-day date; expected DTSTART;VALUE=DATE:YYYYMMDD"))
            return
        }
        guard let summary = property("SUMMARY"), !unescape(summary.value).trimmingCharacters(in: .whitespaces).isEmpty else {
            issues.append(ScenarioIssue(file: file, line: line, path: "", message: "the holiday on \(first.iso) has no SUMMARY (its name)"))
            return
        }
        var days = 1
        if let end = property("DTEND") {
            guard let last = date(end) else {
                issues.append(ScenarioIssue(file: file, line: end.line, path: "",
                                            message: "DTEND '\(end.value)' is not an all-day date; expected DTEND;VALUE=DATE:YYYYMMDD"))
                return
            }
            days = first.days(to: last)
            guard (1...maximumEventDays).contains(days) else {
                issues.append(ScenarioIssue(file: file, line: end.line, path: "",
                                            message: "DTEND \(last.iso) must be 1 to \(maximumEventDays) days after DTSTART \(first.iso)"))
                return
            }
        }
        let name = unescape(summary.value).trimmingCharacters(in: .whitespaces)
        for offset in 0..<days { add(first.adding(days: offset), name) }
    }

    /// The date of a `DTSTART`/`DTEND` value: `VALUE=DATE` or a bare `YYYYMMDD`.
    private static func date(_ content: ContentLine) -> CivilDate? {
        if let type = content.parameters["VALUE"], type.uppercased() != "DATE" { return nil }
        let v = content.value
        guard v.count == 8, v.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return CivilDate(iso: "\(v.prefix(4))-\(v.dropFirst(4).prefix(2))-\(v.suffix(2))")
    }

    /// Physical lines joined where a line break is followed by a space or tab, with the
    /// 1-based line each logical line starts on. CRLF, LF and lone CR all end lines.
    static func unfold(_ text: String) -> [(line: Int, text: String)] {
        var physical: [String] = []
        var current = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if c == "\r" || c == "\n" {
                if c == "\r", scalars.first == "\n" { scalars.removeFirst() }
                physical.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(c)
            }
        }
        if !current.isEmpty { physical.append(current) }
        var logical: [(line: Int, text: String)] = []
        for (i, line) in physical.enumerated() {
            if let first = line.unicodeScalars.first, first == " " || first == "\t", !logical.isEmpty {
                logical[logical.count - 1].text += String(line.unicodeScalars.dropFirst())
            } else {
                logical.append((i + 1, line))
            }
        }
        return logical
    }

    /// Splits `NAME;PARAM=VALUE;...:VALUE`, honouring quoted parameter values.
    private static func contentLine(_ text: String, line: Int) -> ContentLine? {
        var name = ""
        var parameters: [String: String] = [:]
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.first, c != ";" && c != ":" {
            name.unicodeScalars.append(c)
            scalars.removeFirst()
        }
        guard !name.isEmpty, !scalars.isEmpty else { return nil }
        while scalars.first == ";" {
            scalars.removeFirst()
            var key = "", value = ""
            while let c = scalars.first, c != "=" && c != ":" && c != ";" { key.unicodeScalars.append(c); scalars.removeFirst() }
            guard scalars.first == "=" else { return nil }
            scalars.removeFirst()
            var quoted = false
            while let c = scalars.first, quoted || (c != ";" && c != ":") {
                scalars.removeFirst()
                if c == "\"" { quoted.toggle() } else { value.unicodeScalars.append(c) }
            }
            parameters[key.uppercased()] = value
        }
        guard scalars.first == ":" else { return nil }
        scalars.removeFirst()
        var value = ""
        value.unicodeScalars.append(contentsOf: scalars)
        return ContentLine(line: line, name: name.uppercased(), parameters: parameters, value: value)
    }

    /// Undoes TEXT escaping: `\\`, `\;`, `\,`, `\n` / `\N`.
    static func unescape(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "\\", let next = scalars.next() else {
                out.unicodeScalars.append(c)
                continue
            }
            out += next == "n" || next == "N" ? "\n" : String(next)
        }
        return out
    }
}
