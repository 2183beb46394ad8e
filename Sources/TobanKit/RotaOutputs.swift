import Foundation

/// Writes the files of a solve into a folder: the exports of ``TobanExport`` and `report.json`,
/// and renders them again from a saved `report.json` (`toban export`).
public enum RotaOutputs {
    /// Settings for writing outputs.
    public struct Options: Sendable {
        /// The `DTSTAMP` of iCalendar events; nil uses the current time.
        public var dtstamp: Date?
        /// Whether `report.json` includes the solve time.
        public var includeTiming: Bool
        /// Whether CSV files get a BOM and CRLF for Excel.
        public var excelCompatible: Bool
        /// The scenario's source text, embedded in `report.json` so that `toban export` can
        /// render the result again; nil for a scenario built in code.
        public var scenarioSource: ScenarioSource?

        /// Creates options.
        public init(dtstamp: Date? = nil, includeTiming: Bool = false, excelCompatible: Bool = false,
                    scenarioSource: ScenarioSource? = nil) {
            self.dtstamp = dtstamp
            self.includeTiming = includeTiming
            self.excelCompatible = excelCompatible
            self.scenarioSource = scenarioSource
        }

        /// Options with `DTSTAMP` from `SOURCE_DATE_EPOCH` when set (reproducible builds convention).
        public static func fromEnvironment(reportTiming: Bool = false, excelCompatible: Bool = false,
                                           scenarioSource: ScenarioSource? = nil) -> Options {
            Options(dtstamp: ExportOptions.sourceDateEpoch(in: ProcessInfo.processInfo.environment),
                    includeTiming: reportTiming, excelCompatible: excelCompatible, scenarioSource: scenarioSource)
        }
    }

    /// Writes every output file of `report` under `directory`; returns their relative paths.
    ///
    /// The publication state an earlier export left in `directory` (`publication.json`) is
    /// read first, so that re-publishing into the same folder keeps event UIDs and raises
    /// `SEQUENCE` only on the duties that changed.
    public static func write(_ report: SolveReport, to directory: String, options: Options = Options()) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let input = ExportInput(scenario: report.scenario, rota: report.solution.rota, gaps: report.check.gaps)
        let bundle = try bundle(input, in: root, options: options)
        try bundle.write(to: root)
        let reportURL = root.appendingPathComponent(reportFileName)
        try report.reportJSON(includeTiming: options.includeTiming, scenarioSource: options.scenarioSource)
            .write(to: reportURL, options: .atomic)
        return bundle.files.map(\.path) + [reportFileName]
    }

    /// The file name of the JSON report.
    public static let reportFileName = "report.json"

    /// Renders a saved `report.json` again into `directory`, in the chosen formats; returns
    /// the relative paths written.
    ///
    /// The scenario is loaded again from the source text embedded in the report (see
    /// ``ReportDocument/scenarioSource``), the rota and gaps are taken from the report, and
    /// the publication state in `directory` is honoured as by ``write(_:to:options:)``.
    /// `json` copies the report itself byte for byte.
    public static func export(reportAt path: String, formats: Set<ExportFormat>, to directory: String,
                              options: Options = Options()) throws(ReportExportError) -> [String] {
        let saved = try SavedReport(path: path)
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let wanted = formats.contains(.all) ? Set(ExportFormat.allCases) : formats
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let bundle = try bundle(saved.input, in: root, options: options)
            let files = bundle.files.filter { file in wanted.contains { $0.includes(file.path) } }
            try ExportBundle.write(files, to: root)
            var written = files.map(\.path)
            if wanted.contains(.json) {
                let target = root.appendingPathComponent(reportFileName)
                if target.standardizedFileURL.resolvingSymlinksInPath() != URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() {
                    try saved.bytes.write(to: target, options: .atomic)
                }
                written.append(reportFileName)
            }
            return written
        } catch let error as ReportExportError {
            throw error
        } catch {
            throw ReportExportError(file: directory, message: "cannot write: \(error.localizedDescription)", isOutputFailure: true)
        }
    }

    private static func bundle(_ input: ExportInput, in root: URL, options: Options) throws -> ExportBundle {
        let previous: PublicationState?
        do {
            previous = try ExportBundle.previousPublication(in: root)
        } catch {
            let file = root.appendingPathComponent(ExportBundle.publicationFileName).path
            throw ReportExportError(file: file, message: "cannot read the saved publication state: \(error)")
        }
        return ExportBundle(input: input, options: ExportOptions(dtstamp: options.dtstamp ?? Date(),
                                                                excelCompatible: options.excelCompatible,
                                                                previousPublication: previous))
    }
}

/// A format `toban export` can write.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// `rota.ics`, `people/*.ics`, `organisations/*.ics` and `publication.json`.
    case ics
    /// `rota.csv`, `grid.csv` and `summary.csv`.
    case csv
    /// `rota.html`.
    case html
    /// `report.json` (a copy of the saved report).
    case json
    /// Everything above.
    case all

    /// Whether the export file at `path` belongs to this format.
    func includes(_ path: String) -> Bool {
        switch self {
        case .ics: path.hasSuffix(".ics") || path == ExportBundle.publicationFileName
        case .csv: path.hasSuffix(".csv")
        case .html: path.hasSuffix(".html")
        case .json: false
        case .all: true
        }
    }
}

/// A saved `report.json` could not be rendered again: which file and why.
public struct ReportExportError: Error, Sendable, CustomStringConvertible {
    /// The file at fault (the report, or the embedded scenario's name).
    public var file: String
    /// What is wrong and what to do.
    public var message: String
    /// Whether writing the output failed (rather than the input being bad).
    public var isOutputFailure: Bool

    /// Creates an error.
    public init(file: String, message: String, isOutputFailure: Bool = false) {
        self.file = file
        self.message = message
        self.isOutputFailure = isOutputFailure
    }

    public var description: String { "\(file): \(message)" }
}

/// A `report.json` read back: its bytes, the scenario loaded again from its embedded source,
/// and the rota and gaps it records.
public struct SavedReport: Sendable {
    /// The report's bytes as read.
    public let bytes: Data
    /// The schema version the report declares.
    public let schemaVersion: Int
    /// The scenario, loaded from ``ReportDocument/scenarioSource``.
    public let scenario: Scenario
    /// The scenario with the rota and the gaps of the report.
    public let input: ExportInput

    /// The parts of `report.json` needed to render it again.
    private struct Document: Decodable {
        struct Summary: Decodable {
            var name: String
            var start: String
            var end: String
        }
        var schemaVersion: Int
        var scenario: Summary
        var assignments: [ReportDocument.AssignmentEntry]
        var gaps: [ReportDocument.GapEntry]
        var scenarioSource: ReportDocument.ScenarioSourceEntry?
    }

    /// Reads and checks the report at `path` and loads its scenario.
    public init(path: String) throws(ReportExportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportExportError(file: path, message: "cannot read the file: no such file")
        }
        if isDirectory.boolValue {
            throw ReportExportError(file: path, message: "is a directory, expected a report.json written by toban solve")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportExportError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(data: data, file: path)
    }

    /// Reads and checks report bytes; `file` names them in messages.
    public init(data: Data, file: String) throws(ReportExportError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw ReportExportError(file: file, message: "not a Toban report.json: \(SavedReport.describe(error))")
        } catch {
            throw ReportExportError(file: file, message: "not a Toban report.json: \(error)")
        }
        guard document.schemaVersion <= ReportDocument.currentSchemaVersion else {
            throw ReportExportError(file: file, message: "schemaVersion \(document.schemaVersion) was written by a newer toban; this one reads up to \(ReportDocument.currentSchemaVersion)")
        }
        guard let entry = document.scenarioSource else {
            let why = document.schemaVersion < 2
                ? "schemaVersion \(document.schemaVersion) reports do not embed the scenario"
                : "the report has no scenarioSource: its scenario was built in code (Toban.solve), not loaded from a file"
            throw ReportExportError(file: file, message: "\(why); run `toban solve SCENARIO --out DIR` to get a report that `toban export` can render")
        }
        guard ContentHash.sha256Hex(entry.text) == entry.sha256 else {
            throw ReportExportError(file: file, message: "scenarioSource.text does not match scenarioSource.sha256 (was the report edited?)")
        }
        for included in entry.includedFiles where ContentHash.sha256Hex(included.text) != included.sha256 {
            throw ReportExportError(file: file, message: "scenarioSource.includedFiles '\(included.path)' does not match its sha256 (was the report edited?)")
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(source: entry.source)
        } catch {
            throw ReportExportError(file: file, message: "the embedded scenario no longer loads:\n" + error.description)
        }
        guard scenario.name == document.scenario.name, scenario.horizon.start.iso == document.scenario.start,
              scenario.horizon.end.iso == document.scenario.end else {
            throw ReportExportError(file: file, message: "the embedded scenario (\(scenario.name), \(scenario.horizon.start.iso)…\(scenario.horizon.end.iso)) does not match the report's scenario summary")
        }
        var assignments: [Assignment] = []
        for (i, a) in document.assignments.enumerated() {
            guard let date = CivilDate(iso: a.date) else {
                throw ReportExportError(file: file, message: "assignments[\(i)].date: '\(a.date)' is not a real date (YYYY-MM-DD)")
            }
            assignments.append(Assignment(date: date, dutyTypeID: a.duty, resourceID: a.resource))
        }
        var gaps: [Gap] = []
        for (i, g) in document.gaps.enumerated() {
            guard let date = CivilDate(iso: g.date) else {
                throw ReportExportError(file: file, message: "gaps[\(i)].date: '\(g.date)' is not a real date (YYYY-MM-DD)")
            }
            gaps.append(Gap(date: date, dutyTypeID: g.duty, missing: g.missing, reason: g.reason, area: g.area))
        }
        bytes = data
        schemaVersion = document.schemaVersion
        self.scenario = scenario
        input = ExportInput(scenario: scenario, rota: Rota(assignments: assignments), gaps: gaps)
    }

    /// A decoding error as `key.path: what`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.hasPrefix(".") ? String(keys.dropFirst()) : keys
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context)
            return "missing key '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context)): \(context.debugDescription)"
        case let .dataCorrupted(context):
            let at = path(context)
            return (at.isEmpty ? "" : "\(at): ") + "malformed JSON"
        @unknown default:
            return "\(error)"
        }
    }
}
