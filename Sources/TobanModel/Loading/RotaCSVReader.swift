import Foundation

/// Reads a rota from `rota.csv` (as written by `toban solve`, or edited by hand after a swap).
///
/// Only the `date`, `duty` and `resource` columns are needed, found by header name in any
/// order; rows whose `status` is `gap` name missing resources and are skipped. Parsing follows
/// RFC 4180 (quoted fields, doubled quotes, CRLF or LF) and accepts an Excel BOM.
public enum RotaCSVReader {
    /// Reads the rota at `path`.
    public static func read(path: String) throws(ScenarioError) -> Rota {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "cannot read the file: \(ScenarioLoader.reason(error))")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is not valid UTF-8 text")])
        }
        return try read(text: text, file: path)
    }

    /// Reads a rota from CSV text; `file` names it in messages.
    public static func read(text: String, file: String) throws(ScenarioError) -> Rota {
        var issues: [ScenarioIssue] = []
        let records: [(line: Int, fields: [String])]
        do {
            records = try parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: file, line: error.line, path: "", message: error.message)])
        }
        guard let header = records.first else {
            throw ScenarioError(issues: [ScenarioIssue(file: file, line: 1, path: "", message: "the file is empty; expected a header line with date,duty,resource")])
        }
        func column(_ name: RotaCSVColumn) -> Int? { header.fields.firstIndex(of: name.rawValue) }
        let missing = [RotaCSVColumn.date, .duty, .resource].filter { column($0) == nil }
        guard missing.isEmpty, let dateColumn = column(.date), let dutyColumn = column(.duty), let resourceColumn = column(.resource) else {
            throw ScenarioError(issues: [ScenarioIssue(file: file, line: header.line, path: "",
                message: "the header lacks column\(missing.count == 1 ? "" : "s") \(missing.map(\.rawValue).joined(separator: ", ")); found: \(header.fields.joined(separator: ","))")])
        }
        let statusColumn = column(.status)
        var assignments: [Assignment] = []
        for record in records.dropFirst() {
            let f = record.fields
            if f.count == 1 && f[0].isEmpty { continue }  // blank line
            guard f.count == header.fields.count else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: "", message: "expected \(header.fields.count) fields, found \(f.count)"))
                continue
            }
            if let s = statusColumn {
                if f[s] == RotaCSVColumn.gap { continue }
                if f[s] != RotaCSVColumn.assigned && !f[s].isEmpty {
                    issues.append(ScenarioIssue(file: file, line: record.line, path: "status", message: "unknown status '\(f[s])' (expected \(RotaCSVColumn.assigned) or \(RotaCSVColumn.gap))"))
                    continue
                }
            }
            guard let date = CivilDate(iso: f[dateColumn]) else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: "date", message: "'\(f[dateColumn])' is not a real date (YYYY-MM-DD)"))
                continue
            }
            let duty = f[dutyColumn], resource = f[resourceColumn]
            guard !duty.isEmpty, !resource.isEmpty else {
                issues.append(ScenarioIssue(file: file, line: record.line, path: duty.isEmpty ? "duty" : "resource", message: "is empty"))
                continue
            }
            assignments.append(Assignment(date: date, dutyTypeID: duty, resourceID: resource))
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
        return Rota(assignments: assignments)
    }

    struct ParseError: Error {
        let line: Int
        let message: String
    }

    /// RFC 4180 records with the line each starts on.
    static func parse(_ text: String) throws(ParseError) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)[...]
        var quoteLine = 1
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                quoteLine = line
                atFieldStart = false
            case "\"":
                throw ParseError(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote")
            case ",":
                fields.append(field); field = ""; atFieldStart = true
            case "\r" where chars.first == "\n":
                continue
            case "\n", "\r":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []; field = ""; atFieldStart = true
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
        }
        if quoted { throw ParseError(line: quoteLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        return records
    }
}
