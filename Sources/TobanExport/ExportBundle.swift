import Foundation

/// One file of an export: a path relative to the export folder and its text.
public struct ExportFile: Sendable, Hashable {
    /// The path relative to the export folder, with `/` separators, e.g. `people/sato.ics`.
    public var path: String
    /// The text; CSV with the Excel option starts with a byte-order mark.
    public var contents: String

    /// Creates a file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// The contents as UTF-8 bytes.
    public var data: Data { Data(contents.utf8) }
}

/// Every export of a rota at once: the CSV tables, the calendars, the HTML page and the
/// publication state to keep for next time.
///
/// Files, in this order: `rota.csv`, `grid.csv`, `summary.csv`, `rota.ics`,
/// `people/<resource-id>.ics`, `organisations/<organisation-id>.ics`, `rota.html`, and
/// `publication.json` (``PublicationState``; read it back and pass it as
/// ``ExportOptions/previousPublication`` when the rota is published again).
public struct ExportBundle: Sendable {
    /// The file name of the saved publication state.
    public static let publicationFileName = "publication.json"

    /// The files in a fixed order.
    public let files: [ExportFile]
    /// The state after this publication (also in ``files`` as `publication.json`).
    public let publication: PublicationState

    /// Produces every export of `input`.
    public init(input: ExportInput, options: ExportOptions) {
        // One index (slots, look-ups, sorted assignments) serves every writer.
        let index = ExportIndex(input)
        let calendars = ICalendarWriter(input: input, options: options, index: index)
        let csv = CSVWriter(input: input, options: options, index: index)
        var files = csv.files().map { ExportFile(path: $0.path, contents: $0.contents) }
        files += calendars.files().map { ExportFile(path: $0.path, contents: $0.contents) }
        files.append(ExportFile(path: HTMLRotaPage.fileName, contents: HTMLRotaPage(input: input, options: options, index: index).render()))
        files.append(ExportFile(path: Self.publicationFileName, contents: calendars.publication.jsonText()))
        self.files = files
        publication = calendars.publication
    }

    /// The file at `path`, if the bundle has one.
    public func file(_ path: String) -> ExportFile? { files.first { $0.path == path } }

    /// Writes every file under `directory`, creating folders as needed and replacing files of
    /// the same name; files left over from an earlier export (e.g. of a removed person) stay.
    public func write(to directory: URL) throws {
        try Self.write(files, to: directory)
    }

    /// Writes `files` under `directory` as ``write(to:)`` does (e.g. a subset of a bundle).
    public static func write(_ files: [ExportFile], to directory: URL) throws {
        let manager = FileManager.default
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url, options: .atomic)
        }
    }

    /// Reads the publication state saved in `directory` by an earlier ``write(to:)``; nil when
    /// there is none, so that a first export starts every `SEQUENCE` at 0.
    public static func previousPublication(in directory: URL) throws -> PublicationState? {
        let url = directory.appendingPathComponent(publicationFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try PublicationState(jsonData: Data(contentsOf: url))
    }
}
