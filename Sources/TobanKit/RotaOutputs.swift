import Foundation

/// Writes the files of a solve into a folder: rota CSV and iCalendar files, and `report.json`.
public enum RotaOutputs {
    /// Settings for writing outputs.
    public struct Options: Sendable {
        /// The `DTSTAMP` of iCalendar events.
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
        public static func fromEnvironment(reportTiming: Bool = false) -> Options {
            let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
            return Options(dtstamp: epoch.map { Date(timeIntervalSince1970: $0) }, includeTiming: reportTiming)
        }
    }

    /// Writes every output file of `report` under `directory`; returns their relative paths.
    public static func write(_ report: SolveReport, to directory: String, options: Options = Options()) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var files: [(String, Data)] = []
        files.append(("report.json", try report.reportJSON(includeTiming: options.includeTiming)))
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        }
        return files.map(\.0)
    }
}
