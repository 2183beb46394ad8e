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
        try load(text: readText(path: path), file: path)
    }

    /// The text of the scenario file at `path`, refusing directories, huge files and bytes
    /// that are not UTF-8.
    public static func readText(path: String) throws(ScenarioError) -> String {
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
        return text
    }

    /// Loads and validates a scenario from YAML or JSON text; `file` names it in messages.
    ///
    /// A holiday file the scenario names (`calendar.holidayFile`) is read relative to the
    /// folder of `file`.
    public static func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        try load(text: text, file: file, includes: ScenarioIncludes(scenarioFile: file))
    }

    static func load(text: String, file: String, includes: ScenarioIncludes) throws(ScenarioError) -> Scenario {
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
        let scenario = ScenarioDecoder(reader: reader, includes: includes).decode(ScenarioReader.Field(node: root, path: ""))
        var issues = reader.issues + includes.issues
        // Validate what decoded even when some values were rejected, so that every problem is
        // listed at once; but only when no list element was dropped (indices in key paths would
        // shift), and not where a value was already reported (its default would mislead).
        if let scenario, issues.isEmpty || ScenarioLoader.keepsEveryElement(scenario, root: root) {
            let reported = issues.map(\.path)
            issues += scenario.validationIssues().filter { problem in
                !reported.contains { $0.hasPrefix(problem.path) || problem.path.hasPrefix($0) }
            }.map { problem in
                let mark = reader.marks[problem.path] ?? reader.marks[ScenarioLoader.parent(of: problem.path)]
                return ScenarioIssue(file: file, line: mark?.line, column: mark?.column, path: problem.path, message: problem.message)
            }
        }
        guard issues.isEmpty, let scenario else { throw ScenarioError(issues: issues) }
        return scenario
    }

    /// Whether every element of the scenario's top-level lists survived decoding.
    static func keepsEveryElement(_ scenario: Scenario, root: Node) -> Bool {
        func count(_ key: String) -> Int {
            guard let value = root.mapping?[key] else { return 0 }
            return value.sequence?.count ?? -1
        }
        return count("organisations") == scenario.organisations.count && count("areas") == scenario.areas.count
            && count("dutyTypes") == scenario.dutyTypes.count && count("resources") == scenario.resources.count
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
    /// Reads the holiday file named by `calendar.holidayFile`.
    var includes = ScenarioIncludes(scenarioFile: "")
    typealias Field = ScenarioReader.Field

    func decode(_ root: Field) -> Scenario? {
        guard let top = reader.mapping(root, required: ["format", "name", "horizon", "dutyTypes", "resources", "organisations"],
                                       optional: ["timeZone", "calendar", "areas", "rules", "replan"]) else { return nil }
        let format = top["format"].flatMap { reader.int($0, in: 1...1_000) }
        if let format, format != Scenario.currentFormat {
            reader.report(top["format"]?.path ?? "format", "format \(format) is not supported; this version of toban reads format \(Scenario.currentFormat)")
        }
        let name = top["name"].flatMap(reader.string)
        let timeZone = top["timeZone"].flatMap(reader.string) ?? "Asia/Tokyo"
        let horizon = top["horizon"].flatMap(range)
        let calendar = top["calendar"].map(calendarSettings) ?? CalendarSettings()
        let organisations = list(top["organisations"], organisation)
        let areas = ScenarioDecoder.symmetric(list(top["areas"], area))
        let dutyTypes = list(top["dutyTypes"], dutyType)
        let resources = list(top["resources"], resource)
        let rules = top["rules"].map(ruleSettings) ?? RuleSettings()
        let replan = top["replan"].flatMap(replanSettings)
        guard let name, let horizon, let format, format == Scenario.currentFormat else { return nil }
        var scenario = Scenario(format: format, name: name, timeZone: timeZone, horizon: horizon, calendar: calendar,
                                organisations: organisations, areas: areas, dutyTypes: dutyTypes, resources: resources, rules: rules)
        scenario.replan = replan
        return scenario
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
        guard let m = reader.mapping(field, optional: ["yearEndStart", "yearEndEnd", "extraHolidays", "removedHolidays",
                                                        "country", "holidayFile", "closures"]) else {
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
        // A holiday file replaces the Japanese holidays unless `country: JP` asks for both.
        let country = m["country"].flatMap { reader.enumeration($0, HolidayCountry.self) }
        settings.country = country ?? (m["holidayFile"] == nil ? .japan : .none)
        if let f = m["holidayFile"], let path = reader.string(f) {
            switch includes.text(of: path) {
            case let .failure(failure):
                reader.report(f.path, failure.message)
            case let .success(text):
                do {
                    settings.fileHolidays = try HolidayFile.parse(text: text, file: includes.displayName(path),
                                                                  format: HolidayFile.format(forPath: path))
                } catch {
                    includes.issues += error.issues
                }
            }
        }
        // A closure that fails to decode is kept as an empty placeholder (its problem is
        // already reported) so that validation's indices in key paths stay right.
        settings.closures = list(m["closures"]) { f -> Closure? in
            guard let c = reader.mapping(f, required: ["name", "dates"], optional: ["dayType"]) else { return Closure(name: "", dates: []) }
            let name = c["name"].flatMap(reader.string) ?? ""
            let dates = c["dates"].map { list($0, range) } ?? []
            let dayType = c["dayType"].flatMap { reader.enumeration($0, DayType.self) } ?? .holiday
            return Closure(name: name, dates: dates, dayType: dayType)
        }
        return settings
    }

    func organisation(_ field: Field) -> Organisation? {
        guard let m = reader.mapping(field, required: ["id", "name", "kind"], optional: ScenarioDecoder.structureOrganisationKeys),
              let id = m["id"].flatMap(reader.identifier), let name = m["name"].flatMap(reader.string),
              let kind = m["kind"].flatMap({ reader.enumeration($0, OrganisationKind.self) }) else { return nil }
        var organisation = Organisation(id: id, name: name, kind: kind)
        decodeStructure(m, into: &organisation)
        return organisation
    }

    func area(_ field: Field) -> Area? {
        guard let m = reader.mapping(field, required: ["id", "name"], optional: ["adjacent"]),
              let id = m["id"].flatMap(reader.identifier), let name = m["name"].flatMap(reader.string) else { return nil }
        return Area(id: id, name: name, adjacent: list(m["adjacent"], reader.identifier))
    }

    func dutyType(_ field: Field) -> DutyType? {
        guard let m = reader.mapping(field, required: ["id", "name", "resourceKind", "start", "end"],
                                     optional: ["days", "coverage", "gapPenalty", "underTargetPenalty", "overTargetPenalty", "coverageByDate"]
                                        + ScenarioDecoder.structureDutyTypeKeys + ScenarioDecoder.perAreaDutyTypeKeys) else { return nil }
        let id = m["id"].flatMap(reader.identifier)
        let name = m["name"].flatMap(reader.string)
        let kind = m["resourceKind"].flatMap { reader.enumeration($0, ResourceKind.self) }
        let start = m["start"].flatMap(reader.time)
        let end = m["end"].flatMap(reader.time)
        let days = m["days"].map { Set(list($0) { reader.enumeration($0, DayType.self) }) } ?? Set(DayType.allCases)
        let coverage = m["coverage"].flatMap { coverageValue($0, withDate: false) }?.1 ?? Coverage(min: 1, max: 1)
        let penalty = m["gapPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 10_000
        let under = m["underTargetPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 0
        let over = m["overTargetPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 0
        var byDate: [CivilDate: Coverage] = [:]
        for item in list(m["coverageByDate"], { coverageValue($0, withDate: true) }) {
            if let date = item.0 { byDate[date] = item.1 }
        }
        guard let id, let name, let kind, let start, let end else { return nil }
        var duty = DutyType(id: id, name: name, resourceKind: kind, start: start, end: end, dayTypes: days,
                            coverageMin: coverage.min, coverageMax: coverage.max, gapPenalty: penalty)
        duty.coverageTarget = coverage.target
        duty.underTargetPenalty = under
        duty.overTargetPenalty = over
        duty.coverageByDate = byDate
        decodeStructure(m, into: &duty)
        decodePerArea(m, into: &duty)
        return duty
    }

    /// `{min, max, target}` (and `date` in `coverageByDate`); `max` defaults to the larger of
    /// `min`, `target` and 1.
    func coverageValue(_ field: Field, withDate: Bool) -> (CivilDate?, Coverage)? {
        guard let cm = reader.mapping(field, required: withDate ? ["date"] : [], optional: ["min", "max", "target"]) else { return nil }
        let date = withDate ? cm["date"].flatMap(reader.date) : nil
        if withDate && date == nil { return nil }
        let min = cm["min"].flatMap { reader.int($0, in: 0...1_000) } ?? (withDate ? 0 : 1)
        let target = cm["target"].flatMap { reader.int($0, in: 0...1_000) }
        let max = cm["max"].flatMap { reader.int($0, in: 0...1_000) } ?? Swift.max(1, min, target ?? 0)
        return (date, Coverage(min: min, max: max, target: target))
    }

    func resource(_ field: Field) -> Resource? {
        guard let m = reader.mapping(field, required: ["id", "name", "kind", "organisation"],
                                     optional: ["area", "fte", "duties", "unavailable", "minDuties", "maxDuties", "history",
                                                "limits", "maxPerWeek", "maxConsecutive", "minConsecutive", "minDaysOff",
                                                "maxWeekends", "minMinutes", "maxMinutes", "requests", "pins"]
                                        + ScenarioDecoder.structureResourceKeys) else { return nil }
        let id = m["id"].flatMap(reader.identifier)
        let name = m["name"].flatMap(reader.string)
        let kind = m["kind"].flatMap { reader.enumeration($0, ResourceKind.self) }
        let organisation = m["organisation"].flatMap(reader.identifier)
        let area = m["area"].flatMap(reader.identifier)
        let fte = m["fte"].flatMap { reader.double($0, in: 0...10) } ?? 1
        let duties = m["duties"].map { list($0, reader.identifier) }
        let absences = list(m["unavailable"], absence)
        let unavailable = absences.compactMap(\.dates)
        let minDuties = m["minDuties"].flatMap { reader.int($0, in: 0...10_000) }
        let maxDuties = m["maxDuties"].flatMap { reader.int($0, in: 0...10_000) }
        var history = 0
        var lastDuties: [PastDuty] = []
        var historyMapping: [String: Field]?
        if let h = m["history"], let hm = reader.mapping(h, optional: ["duties", "lastDuties"] + ScenarioDecoder.structureHistoryKeys) {
            history = hm["duties"].flatMap { reader.int($0, in: 0...100_000) } ?? 0
            lastDuties = list(hm["lastDuties"]) { f in
                guard let pm = reader.mapping(f, required: ["date", "duty"]),
                      let date = pm["date"].flatMap(reader.date), let duty = pm["duty"].flatMap(reader.identifier) else { return nil }
                return PastDuty(date: date, dutyTypeID: duty)
            }
            historyMapping = hm
        }
        let count = { (key: String) in m[key].flatMap { reader.int($0, in: 0...10_000) } }
        let minutes = { (key: String) in m[key].flatMap { reader.int($0, in: 0...10_000_000) } }
        let limits = list(m["limits"], dutyLimit)
        let requests = list(m["requests"], request)
        let pins = list(m["pins"], pin)
        guard let id, let name, let kind, let organisation else { return nil }
        var r = Resource(id: id, name: name, kind: kind, organisation: organisation, area: area, fte: fte,
                         duties: duties, unavailable: unavailable, minDuties: minDuties, maxDuties: maxDuties,
                         historyDuties: history)
        r.limits = limits
        r.maxPerWeek = count("maxPerWeek")
        r.maxConsecutive = m["maxConsecutive"].flatMap { reader.int($0, in: 1...10_000) }
        r.minConsecutive = count("minConsecutive")
        r.minDaysOff = count("minDaysOff")
        r.maxWeekends = count("maxWeekends")
        r.minMinutes = minutes("minMinutes")
        r.maxMinutes = minutes("maxMinutes")
        r.requests = requests
        r.pins = pins
        r.lastDuties = lastDuties
        r.unavailableTimes = absences.compactMap(\.window)
        decodeStructure(m, history: historyMapping, into: &r)
        return r
    }

    /// An `unavailable` entry: a date range (whole days) or `{date, from, to}` (part of a day).
    func absence(_ field: Field) -> (dates: DateRange?, window: UnavailableTime?)? {
        guard case let .mapping(map) = field.node, map["date"] != nil else {
            return range(field).map { ($0, nil) }
        }
        guard let m = reader.mapping(field, required: ["date"], optional: ["from", "to"]),
              let date = m["date"].flatMap(reader.date) else { return nil }
        if m["from"] == nil && m["to"] == nil {
            reader.report(field.path, "a part-day entry needs from, to or both (e.g. {date: \(date.iso), from: \"13:00\", to: \"24:00\"}); for the whole day write the date alone")
            return nil
        }
        let from = m["from"].map(reader.time) ?? TimeOfDay(hour: 0, minute: 0)
        let to = m["to"].map(reader.time) ?? TimeOfDay(hour: 24, minute: 0)
        guard let from, let to else { return nil }
        guard from < to else {
            reader.report(field.path, "the window ends (\(to)) at or before it starts (\(from)); a window lies within one date, so write two entries for one across midnight")
            return nil
        }
        return (nil, UnavailableTime(date: date, from: from, to: to))
    }

    /// `{duties: [...], days: [...], min, max}`.
    func dutyLimit(_ field: Field) -> DutyLimit? {
        guard let m = reader.mapping(field, optional: ["duties", "days", "min", "max"]) else { return nil }
        let limit = DutyLimit(dutyTypes: m["duties"].map { list($0, reader.identifier) },
                              dayTypes: m["days"].map { Set(list($0) { reader.enumeration($0, DayType.self) }) },
                              min: m["min"].flatMap { reader.int($0, in: 0...10_000) },
                              max: m["max"].flatMap { reader.int($0, in: 0...10_000) })
        if limit.min == nil && limit.max == nil {
            reader.report(field.path, "a limit needs min, max or both")
            return nil
        }
        return limit
    }

    /// `{want: DATE | avoid: DATE, duty?, weight}`.
    func request(_ field: Field) -> DutyRequest? {
        guard let m = reader.mapping(field, required: ["weight"], optional: ["want", "avoid", "duty"]) else { return nil }
        let weight = m["weight"].flatMap { reader.double($0, in: 0...1e9) }
        let duty = m["duty"].flatMap(reader.identifier)
        switch (m["want"], m["avoid"]) {
        case let (want?, nil):
            guard let date = reader.date(want), let weight else { return nil }
            return DutyRequest(kind: .want, date: date, dutyTypeID: duty, weight: weight)
        case let (nil, avoid?):
            guard let date = reader.date(avoid), let weight else { return nil }
            return DutyRequest(kind: .avoid, date: date, dutyTypeID: duty, weight: weight)
        default:
            reader.report(field.path, "a request needs exactly one of want: DATE or avoid: DATE")
            return nil
        }
    }

    /// `{date, duty}`.
    func pin(_ field: Field) -> Pin? {
        guard let m = reader.mapping(field, required: ["date", "duty"]),
              let date = m["date"].flatMap(reader.date), let duty = m["duty"].flatMap(reader.identifier) else { return nil }
        return Pin(date: date, dutyTypeID: duty)
    }

    func ruleSettings(_ field: Field) -> RuleSettings {
        var settings = RuleSettings()
        guard let m = reader.mapping(field, optional: ["fairness", "minRestHours", "forbiddenSuccessions"]
                                        + ScenarioDecoder.structureRuleKeys) else { return settings }
        settings.minRestHours = m["minRestHours"].flatMap { reader.double($0, in: 0...168) }
        settings.forbiddenSuccessions = list(m["forbiddenSuccessions"]) { f in
            guard let fm = reader.mapping(f, required: ["from", "to"]),
                  let from = fm["from"].flatMap(reader.identifier), let to = fm["to"].flatMap(reader.identifier) else { return nil }
            return ForbiddenSuccession(from: from, to: to)
        }
        var fairnessMapping: [String: Field]?
        if let f = m["fairness"], let fm = reader.mapping(f, optional: ["weight", "maxDeviationWeight"] + ScenarioDecoder.structureFairnessKeys) {
            if let w = fm["weight"].flatMap({ reader.double($0, in: 0...1e6) }) { settings.fairnessWeight = w }
            if let w = fm["maxDeviationWeight"].flatMap({ reader.double($0, in: 0...1e6) }) { settings.fairnessMaxWeight = w }
            fairnessMapping = fm
        }
        decodeStructure(m, fairness: fairnessMapping, into: &settings)
        return settings
    }
}
