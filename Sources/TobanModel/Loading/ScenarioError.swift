/// One problem found in a scenario, with where it is.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file the scenario came from (or a label such as `<stdin>`).
    public var file: String
    /// The 1-based line, when known (YAML and JSON files).
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// The key path, e.g. `resources[2].maxDuties`; empty for the document itself.
    public var path: String
    /// What is wrong and, where possible, what would be right.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`, leaving out what is unknown.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

/// Every problem found while loading or validating a scenario.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The problems in file order; never empty.
    public var issues: [ScenarioIssue]

    /// Creates the error; issues with a line are put in file order, the rest keep their order after them.
    public init(issues: [ScenarioIssue]) {
        self.issues = issues.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.element.column ?? 0, a.offset) < (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
        }.map(\.element)
    }

    public var description: String {
        let count = issues.count
        let head = "\(count) problem\(count == 1 ? "" : "s") in \(issues.first?.file ?? "scenario"):"
        return ([head] + issues.map { "  " + $0.description }).joined(separator: "\n")
    }
}
