import Foundation
import Yams

/// Reads a scenario from YAML or JSON and validates it completely before anything is compiled.
///
/// Every problem found is reported, not just the first, each naming the file, the line and
/// column and the key path, what is wrong and what would be right. JSON is read through the
/// same YAML parser (JSON is a subset of YAML 1.2), so both get line numbers.
public enum ScenarioLoader {
    /// The largest scenario file accepted, to fail clearly instead of exhausting memory.
    public static let maximumFileSize = 64 * 1024 * 1024

    /// Loads and validates the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumFileSize {
                throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is \(size) bytes; scenario files are limited to \(maximumFileSize) bytes")])
            }
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "is a directory, expected a scenario file (.yaml or .json)")])
            }
            data = try Data(contentsOf: url)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "cannot read the file: \(ScenarioLoader.reason(error))")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is not valid UTF-8 text")])
        }
        return try load(text: text, file: path)
    }

    /// Loads and validates a scenario from YAML or JSON text; `file` names it in messages.
    public static func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw ScenarioError(issues: [parseIssue(error, file: file)])
        }
        guard let root else {
            throw ScenarioError(issues: [ScenarioIssue(file: file, line: 1, column: 1, path: "", message: "the file is empty; expected a scenario (see docs/scenario-format.md)")])
        }
        let reader = ScenarioReader(file: file)
        let scenario = ScenarioDecoder(reader: reader).decode(ScenarioReader.Field(node: root, path: ""))
        var issues = reader.issues
        if let scenario, issues.isEmpty {
            issues += scenario.validationIssues().map { problem in
                let mark = reader.marks[problem.path] ?? reader.marks[ScenarioLoader.parent(of: problem.path)]
                return ScenarioIssue(file: file, line: mark?.line, column: mark?.column, path: problem.path, message: problem.message)
            }
        }
        guard issues.isEmpty, let scenario else { throw ScenarioError(issues: issues) }
        return scenario
    }

    static func parent(of path: String) -> String {
        if let dot = path.lastIndex(where: { $0 == "." || $0 == "[" }) { return String(path[..<dot]) }
        return ""
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return "no such file" }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoPermissionError { return "permission denied" }
        return ns.localizedDescription
    }

    static func parseIssue(_ error: any Error, file: String) -> ScenarioIssue {
        guard let yaml = error as? YamlError else {
            return ScenarioIssue(file: file, path: "", message: "cannot parse: \(error)")
        }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let extra = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ScenarioIssue(file: file, line: mark.line, column: mark.column, path: "", message: "malformed YAML/JSON: \(problem)\(extra)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ScenarioIssue(file: file, line: context.mark.line, column: context.mark.column, path: "",
                                 message: "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case let .reader(problem, _, _, _):
            return ScenarioIssue(file: file, path: "", message: "cannot read: \(problem)")
        default:
            return ScenarioIssue(file: file, path: "", message: "cannot parse: \(yaml)")
        }
    }
}

/// Turns the YAML tree into a ``Scenario``, one section at a time.
struct ScenarioDecoder {
    let reader: ScenarioReader
    typealias Field = ScenarioReader.Field

    func decode(_ root: Field) -> Scenario? {
        guard let top = reader.mapping(root, required: ["format", "name", "horizon", "dutyTypes", "resources", "organisations"],
                                       optional: ["timeZone", "calendar", "areas", "rules"]) else { return nil }
        let format = top["format"].flatMap { reader.int($0, in: 1...1_000) }
        if let format, format != Scenario.currentFormat {
            reader.report(top["format"]?.path ?? "format", "format \(format) is not supported; this version of toban reads format \(Scenario.currentFormat)")
        }
        let name = top["name"].flatMap(reader.string)
        let timeZone = top["timeZone"].flatMap(reader.string) ?? "Asia/Tokyo"
        let horizon = top["horizon"].flatMap(range)
        let calendar = top["calendar"].map(calendarSettings) ?? CalendarSettings()
        let organisations = list(top["organisations"], organisation)
        let areas = list(top["areas"], area)
        let dutyTypes = list(top["dutyTypes"], dutyType)
        let resources = list(top["resources"], resource)
        let rules = top["rules"].map(ruleSettings) ?? RuleSettings()
        guard let name, let horizon, let format, format == Scenario.currentFormat else { return nil }
        return Scenario(format: format, name: name, timeZone: timeZone, horizon: horizon, calendar: calendar,
                        organisations: organisations, areas: areas, dutyTypes: dutyTypes, resources: resources, rules: rules)
    }

    func list<T>(_ field: Field?, _ element: (Field) -> T?) -> [T] {
        guard let field, let items = reader.sequence(field) else { return [] }
        return items.compactMap(element)
    }

    /// `{start: DATE, end: DATE}` (also `from`/`to`), or a single date for a one-day range.
    func range(_ field: Field) -> DateRange? {
        if case .scalar = field.node {
            guard let d = reader.date(field) else { return nil }
            return DateRange(start: d, end: d)
        }
        guard let m = reader.mapping(field, required: ["start", "end"]) else { return nil }
        guard let s = m["start"].flatMap(reader.date), let e = m["end"].flatMap(reader.date) else { return nil }
        guard s <= e else {
            reader.report(field.path, "the range ends (\(e.iso)) before it starts (\(s.iso))")
            return nil
        }
        return DateRange(start: s, end: e)
    }

    func monthDay(_ field: Field) -> MonthDay? {
        guard let s = reader.string(field) else { return nil }
        let parts = s.split(separator: "-")
        if parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m),
           (1...CivilDate.daysInMonth(year: 2000, month: m)).contains(d) {
            return MonthDay(month: m, day: d)
        }
        reader.report(field.path, "'\(s)' is not a month and day: expected MM-DD, e.g. 12-29")
        return nil
    }

    func calendarSettings(_ field: Field) -> CalendarSettings {
        guard let m = reader.mapping(field, optional: ["yearEndStart", "yearEndEnd", "extraHolidays", "removedHolidays"]) else {
            return CalendarSettings()
        }
        var settings = CalendarSettings()
        if let v = m["yearEndStart"].flatMap(monthDay) { settings.yearEndStart = v }
        if let v = m["yearEndEnd"].flatMap(monthDay) { settings.yearEndEnd = v }
        for item in list(m["extraHolidays"], { f -> (CivilDate, String)? in
            guard let e = reader.mapping(f, required: ["date", "name"]),
                  let d = e["date"].flatMap(reader.date), let n = e["name"].flatMap(reader.string) else { return nil }
            return (d, n)
        }) {
            settings.extraHolidays[item.0] = item.1
        }
        settings.removedHolidays = Set(list(m["removedHolidays"], reader.date))
        return settings
    }

    func organisation(_ field: Field) -> Organisation? {
        guard let m = reader.mapping(field, required: ["id", "name", "kind"]),
              let id = m["id"].flatMap(reader.identifier), let name = m["name"].flatMap(reader.string),
              let kind = m["kind"].flatMap({ reader.enumeration($0, OrganisationKind.self) }) else { return nil }
        return Organisation(id: id, name: name, kind: kind)
    }

    func area(_ field: Field) -> Area? {
        guard let m = reader.mapping(field, required: ["id", "name"], optional: ["adjacent"]),
              let id = m["id"].flatMap(reader.identifier), let name = m["name"].flatMap(reader.string) else { return nil }
        return Area(id: id, name: name, adjacent: list(m["adjacent"], reader.identifier))
    }

    func dutyType(_ field: Field) -> DutyType? {
        guard let m = reader.mapping(field, required: ["id", "name", "resourceKind", "start", "end"],
                                     optional: ["days", "coverage", "gapPenalty"]) else { return nil }
        let id = m["id"].flatMap(reader.identifier)
        let name = m["name"].flatMap(reader.string)
        let kind = m["resourceKind"].flatMap { reader.enumeration($0, ResourceKind.self) }
        let start = m["start"].flatMap(reader.time)
        let end = m["end"].flatMap(reader.time)
        let days = m["days"].map { Set(list($0) { reader.enumeration($0, DayType.self) }) } ?? Set(DayType.allCases)
        var coverageMin = 1, coverageMax = 1
        if let c = m["coverage"], let cm = reader.mapping(c, optional: ["min", "max"]) {
            coverageMin = cm["min"].flatMap { reader.int($0, in: 0...1_000) } ?? 1
            coverageMax = cm["max"].flatMap { reader.int($0, in: 0...1_000) } ?? Swift.max(1, coverageMin)
        }
        let penalty = m["gapPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 10_000
        guard let id, let name, let kind, let start, let end else { return nil }
        return DutyType(id: id, name: name, resourceKind: kind, start: start, end: end, dayTypes: days,
                        coverageMin: coverageMin, coverageMax: coverageMax, gapPenalty: penalty)
    }

    func resource(_ field: Field) -> Resource? {
        guard let m = reader.mapping(field, required: ["id", "name", "kind", "organisation"],
                                     optional: ["area", "fte", "duties", "unavailable", "minDuties", "maxDuties", "history"]) else { return nil }
        let id = m["id"].flatMap(reader.identifier)
        let name = m["name"].flatMap(reader.string)
        let kind = m["kind"].flatMap { reader.enumeration($0, ResourceKind.self) }
        let organisation = m["organisation"].flatMap(reader.identifier)
        let area = m["area"].flatMap(reader.identifier)
        let fte = m["fte"].flatMap { reader.double($0, in: 0...10) } ?? 1
        let duties = m["duties"].map { list($0, reader.identifier) }
        let unavailable = list(m["unavailable"], range)
        let minDuties = m["minDuties"].flatMap { reader.int($0, in: 0...10_000) }
        let maxDuties = m["maxDuties"].flatMap { reader.int($0, in: 0...10_000) }
        var history = 0
        if let h = m["history"], let hm = reader.mapping(h, optional: ["duties"]) {
            history = hm["duties"].flatMap { reader.int($0, in: 0...100_000) } ?? 0
        }
        guard let id, let name, let kind, let organisation else { return nil }
        return Resource(id: id, name: name, kind: kind, organisation: organisation, area: area, fte: fte,
                        duties: duties, unavailable: unavailable, minDuties: minDuties, maxDuties: maxDuties,
                        historyDuties: history)
    }

    func ruleSettings(_ field: Field) -> RuleSettings {
        var settings = RuleSettings()
        guard let m = reader.mapping(field, optional: ["fairness"]) else { return settings }
        if let f = m["fairness"], let fm = reader.mapping(f, optional: ["weight", "maxDeviationWeight"]) {
            if let w = fm["weight"].flatMap({ reader.double($0, in: 0...1e6) }) { settings.fairnessWeight = w }
            if let w = fm["maxDeviationWeight"].flatMap({ reader.double($0, in: 0...1e6) }) { settings.fairnessMaxWeight = w }
        }
        return settings
    }
}
