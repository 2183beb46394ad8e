import Foundation

/// The text a scenario was loaded from, with the files it refers to (holiday files), so that
/// the same scenario can be loaded again later without the original files, e.g. by
/// `toban export` from the copy embedded in `report.json`.
public struct ScenarioSource: Sendable, Hashable {
    /// A file the scenario refers to, by the path written in the scenario, with its text.
    public struct IncludedFile: Sendable, Hashable {
        /// The path as written in the scenario (e.g. `calendar.holidayFile: holidays/us.csv`).
        public var path: String
        /// The file's text.
        public var text: String

        /// Creates an included file.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// The scenario file's path as it was given when loading (names it in messages).
    public var file: String
    /// The exact YAML or JSON text.
    public var text: String
    /// The files the scenario refers to, sorted by path.
    public var includedFiles: [IncludedFile]

    /// Creates a source.
    public init(file: String, text: String, includedFiles: [IncludedFile] = []) {
        self.file = file
        self.text = text
        self.includedFiles = includedFiles.sorted { $0.path < $1.path }
    }
}

extension ScenarioLoader {
    /// Loads and validates the scenario at `path` and returns it with its source text and the
    /// text of every file it refers to.
    public static func loadSource(path: String) throws(ScenarioError) -> (scenario: Scenario, source: ScenarioSource) {
        let text = try readText(path: path)
        let includes = ScenarioIncludes(scenarioFile: path)
        let scenario = try load(text: text, file: path, includes: includes)
        return (scenario, ScenarioSource(file: path, text: text, includedFiles: includes.read))
    }

    /// Loads and validates a scenario from its saved source; referred files are taken from
    /// ``ScenarioSource/includedFiles`` only, never from the disk.
    public static func load(source: ScenarioSource) throws(ScenarioError) -> Scenario {
        try load(text: source.text, file: source.file,
                 includes: ScenarioIncludes(scenarioFile: source.file, supplied: source.includedFiles))
    }
}

/// Reads the files a scenario refers to: from the disk relative to the scenario file's
/// folder, or only from a supplied list (a saved ``ScenarioSource``). Remembers what it read.
///
/// Not `Sendable`: one instance lives for one load on one thread.
final class ScenarioIncludes {
    let scenarioFile: String
    let supplied: [String: String]?
    private(set) var read: [ScenarioSource.IncludedFile] = []
    /// Problems inside the referred files, each naming that file and its line.
    var issues: [ScenarioIssue] = []

    init(scenarioFile: String, supplied: [ScenarioSource.IncludedFile]? = nil) {
        self.scenarioFile = scenarioFile
        self.supplied = supplied.map { Dictionary($0.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// The path `path` resolves to: absolute paths as they are, others relative to the
    /// folder of the scenario file (the working folder when it has none).
    func resolved(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = URL(fileURLWithPath: scenarioFile).deletingLastPathComponent()
        let base = scenarioFile.contains("/") ? folder.path : FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }

    /// The text of `path` (as written in the scenario), or why it cannot be had.
    func text(of path: String) -> Result<String, IncludeFailure> {
        if let supplied {
            guard let text = supplied[path] else {
                return .failure(IncludeFailure(message: "'\(path)' is not among the files saved with the scenario"))
            }
            remember(path, text)
            return .success(text)
        }
        let full = resolved(path)
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: full)
            if let size = attributes[.size] as? Int, size > ScenarioLoader.maximumFileSize {
                return .failure(IncludeFailure(message: "'\(path)' has \(size) bytes; files are limited to \(ScenarioLoader.maximumFileSize)"))
            }
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                return .failure(IncludeFailure(message: "'\(path)' (\(full)) is a directory, expected a file"))
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(IncludeFailure(message: "'\(path)' (\(full)) is not valid UTF-8 text"))
            }
            remember(path, text)
            return .success(text)
        } catch {
            return .failure(IncludeFailure(message: "cannot read '\(path)' (\(full)): \(ScenarioLoader.reason(error))"))
        }
    }

    /// The name of `path` in messages: the resolved path on disk, the written one otherwise.
    func displayName(_ path: String) -> String { supplied == nil ? resolved(path) : path }

    private func remember(_ path: String, _ text: String) {
        if !read.contains(where: { $0.path == path }) { read.append(ScenarioSource.IncludedFile(path: path, text: text)) }
    }
}

/// Why a referred file could not be read.
struct IncludeFailure: Error {
    let message: String
}
