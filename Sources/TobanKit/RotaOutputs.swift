import Foundation

/// Writes the files of a solve into a folder: the exports of ``TobanExport`` and `report.json`.
public enum RotaOutputs {
    /// Settings for writing outputs.
    public struct Options: Sendable {
        /// The `DTSTAMP` of iCalendar events; nil uses the current time.
        public var dtstamp: Date?
        /// Whether `report.json` includes the solve time.
        public var includeTiming: Bool
        /// Whether CSV files get a BOM and CRLF for Excel.
        public var excelCompatible: Bool

        /// Creates options.
        public init(dtstamp: Date? = nil, includeTiming: Bool = false, excelCompatible: Bool = false) {
            self.dtstamp = dtstamp
            self.includeTiming = includeTiming
            self.excelCompatible = excelCompatible
        }

        /// Options with `DTSTAMP` from `SOURCE_DATE_EPOCH` when set (reproducible builds convention).
        public static func fromEnvironment(reportTiming: Bool = false, excelCompatible: Bool = false) -> Options {
            Options(dtstamp: ExportOptions.sourceDateEpoch(in: ProcessInfo.processInfo.environment),
                    includeTiming: reportTiming, excelCompatible: excelCompatible)
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
        let previous = try ExportBundle.previousPublication(in: root)
        let input = ExportInput(scenario: report.scenario, rota: report.solution.rota, gaps: report.check.gaps)
        let bundle = ExportBundle(input: input, options: ExportOptions(dtstamp: options.dtstamp ?? Date(),
                                                                       excelCompatible: options.excelCompatible,
                                                                       previousPublication: previous))
        try bundle.write(to: root)
        let reportURL = root.appendingPathComponent("report.json")
        try report.reportJSON(includeTiming: options.includeTiming).write(to: reportURL, options: .atomic)
        return bundle.files.map(\.path) + ["report.json"]
    }
}
