import Foundation
import TobanModel

/// Writes the rota as CSV (RFC 4180): `rota.csv` (one row per assignment or missing resource),
/// `grid.csv` (one row per date) and `summary.csv` (one row per resource).
///
/// Fields are quoted only when they hold a comma, a quote, CR or LF, and embedded quotes are
/// doubled. Text is UTF-8 with LF line ends; ``ExportOptions/excelCompatible`` adds a
/// byte-order mark and uses CRLF so that Excel opens Japanese text correctly.
public struct CSVWriter: Sendable {
    /// What is exported.
    public let input: ExportInput
    /// How it is exported; only ``ExportOptions/excelCompatible`` matters here.
    public let options: ExportOptions

    let index: ExportIndex

    /// Prepares the tables of `input`.
    public init(input: ExportInput, options: ExportOptions) {
        self.init(input: input, options: options, index: ExportIndex(input))
    }

    /// Prepares the tables with an index already built for `input` (``ExportBundle`` shares one).
    init(input: ExportInput, options: ExportOptions, index: ExportIndex) {
        self.input = input
        self.options = options
        self.index = index
    }

    /// `rota.csv`, `grid.csv` and `summary.csv` with their contents.
    public func files() -> [(path: String, contents: String)] {
        [("rota.csv", rotaCSV()), ("grid.csv", gridCSV()), ("summary.csv", summaryCSV())]
    }

    /// Encodes records as CSV text, each record ending with a line break.
    ///
    /// - Parameters:
    ///   - rows: The records, header first.
    ///   - excelCompatible: Start with a UTF-8 BOM and end lines with CRLF instead of LF.
    public static func encode(_ rows: [[String]], excelCompatible: Bool) -> String {
        let newline = excelCompatible ? "\r\n" : "\n"
        let body = rows.map { $0.map(quote).joined(separator: ",") + newline }.joined()
        return excelCompatible ? "\u{FEFF}" + body : body
    }

    /// One field, quoted only when it needs to be.
    public static func quote(_ field: String) -> String {
        // Scan scalars: Swift treats "\r\n" as one Character, which `contains("\n")` would miss.
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func encode(_ rows: [[String]]) -> String {
        Self.encode(rows, excelCompatible: options.excelCompatible)
    }
}
