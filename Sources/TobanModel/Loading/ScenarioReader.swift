import Yams

/// Walks a composed YAML/JSON tree, decoding values and collecting every problem with its place.
///
/// Not `Sendable`: one reader lives for one load on one thread.
final class ScenarioReader {
    let file: String
    private(set) var issues: [ScenarioIssue] = []
    /// Where each key path was found, so that later semantic checks can name a line.
    private(set) var marks: [String: Mark] = [:]

    init(file: String) { self.file = file }

    /// A node with the key path that led to it.
    struct Field {
        let node: Node
        let path: String
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        func element(_ i: Int) -> String { "\(path)[\(i)]" }
    }

    func report(_ path: String, _ message: String, at mark: Mark? = nil) {
        let m = mark ?? marks[path]
        issues.append(ScenarioIssue(file: file, line: m?.line, column: m?.column, path: path, message: message))
    }

    func record(_ field: Field) {
        if let mark = field.node.mark { marks[field.path] = mark }
    }

    /// The mapping's entries by key, reporting unknown keys (with a suggestion) and missing required ones.
    func mapping(_ field: Field, required: [String] = [], optional: [String] = []) -> [String: Field]? {
        record(field)
        guard case let .mapping(map) = field.node else {
            report(field.path, "expected a mapping with keys \((required + optional).joined(separator: ", ")), found \(describe(field.node))", at: field.node.mark)
            return nil
        }
        let known = Set(required + optional)
        var result: [String: Field] = [:]
        for (keyNode, value) in map {
            guard case let .scalar(key) = keyNode else {
                report(field.path, "keys must be plain text", at: keyNode.mark)
                continue
            }
            let path = field.child(key.string)
            guard known.contains(key.string) else {
                let hint = ScenarioReader.closest(key.string, in: known).map { "; did you mean '\($0)'?" } ?? ""
                report(path, "unknown key '\(key.string)'\(hint) (allowed here: \(known.sorted().joined(separator: ", ")))", at: keyNode.mark)
                continue
            }
            let child = Field(node: value, path: path)
            record(child)
            result[key.string] = child
        }
        for key in required where result[key] == nil {
            report(field.child(key), "missing required key '\(key)'", at: field.node.mark)
        }
        return result
    }

    func sequence(_ field: Field) -> [Field]? {
        record(field)
        guard case let .sequence(seq) = field.node else {
            report(field.path, "expected a list, found \(describe(field.node))", at: field.node.mark)
            return nil
        }
        return seq.enumerated().map { i, node in
            let f = Field(node: node, path: field.element(i))
            record(f)
            return f
        }
    }

    func string(_ field: Field) -> String? {
        guard case let .scalar(s) = field.node else {
            report(field.path, "expected text, found \(describe(field.node))", at: field.node.mark)
            return nil
        }
        if s.style == .plain && ["~", "null", "Null", "NULL"].contains(s.string) || (s.style == .plain && s.string.isEmpty) {
            report(field.path, "expected text, found nothing (null)", at: s.mark)
            return nil
        }
        return s.string
    }

    /// An identifier: letters, digits, `-`, `_`, `.`; used in file names and row names, so no spaces.
    func identifier(_ field: Field) -> String? {
        guard let s = string(field) else { return nil }
        let ok = !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0))
                && $0.value > 32
        } && s != "." && s != ".."
        if !ok {
            report(field.path, "'\(s)' is not a valid id: use 1–64 letters, digits, '-', '_' or '.', without spaces", at: field.node.mark)
            return nil
        }
        return s
    }

    func int(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        guard let s = string(field) else { return nil }
        guard let v = Int(s.replacingOccurrences(of: "_", with: "")) else {
            report(field.path, "expected a whole number, found '\(s)'", at: field.node.mark)
            return nil
        }
        guard range.contains(v) else {
            report(field.path, "\(v) is out of range: expected \(range.lowerBound)…\(range.upperBound)", at: field.node.mark)
            return nil
        }
        return v
    }

    func double(_ field: Field, in range: ClosedRange<Double>) -> Double? {
        guard let s = string(field) else { return nil }
        guard let v = Double(s.replacingOccurrences(of: "_", with: "")), v.isFinite else {
            report(field.path, "expected a finite number, found '\(s)'", at: field.node.mark)
            return nil
        }
        guard range.contains(v) else {
            report(field.path, "\(s) is out of range: expected \(ScenarioReader.format(range.lowerBound))…\(ScenarioReader.format(range.upperBound))", at: field.node.mark)
            return nil
        }
        return v
    }

    func bool(_ field: Field) -> Bool? {
        guard let s = string(field) else { return nil }
        switch s {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default:
            report(field.path, "expected true or false, found '\(s)'", at: field.node.mark)
            return nil
        }
    }

    func date(_ field: Field) -> CivilDate? {
        guard let s = string(field) else { return nil }
        guard let d = CivilDate(iso: s) else {
            report(field.path, "'\(s)' is not a real date: expected YYYY-MM-DD, e.g. 2026-12-31", at: field.node.mark)
            return nil
        }
        return d
    }

    func time(_ field: Field) -> TimeOfDay? {
        guard let s = string(field) else { return nil }
        guard let t = TimeOfDay(text: s) else {
            report(field.path, "'\(s)' is not a time of day: expected HH:MM from 00:00 to 24:00, e.g. 18:00 (quote it in YAML)", at: field.node.mark)
            return nil
        }
        return t
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ field: Field, _ type: E.Type) -> E? where E.RawValue == String {
        guard let s = string(field) else { return nil }
        guard let v = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue)
            let hint = ScenarioReader.closest(s, in: Set(allowed)).map { "; did you mean '\($0)'?" } ?? ""
            report(field.path, "unknown value '\(s)'\(hint) (expected one of \(allowed.joined(separator: ", ")))", at: field.node.mark)
            return nil
        }
        return v
    }

    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(s): return s.string.isEmpty ? "nothing" : "'\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// The known key nearest to `word` by edit distance, when it is close enough to be a typo.
    static func closest(_ word: String, in candidates: Set<String>) -> String? {
        let lower = word.lowercased()
        let best = candidates.sorted().map { ($0, distance(lower, $0.lowercased())) }.min { $0.1 < $1.1 }
        if let best, best.1 <= Swift.max(2, word.count / 3) { return best.0 }
        // A shared stem of five or more characters (maxDuty → maxDuties) is a typo too, when unique.
        let stems = candidates.filter { $0.lowercased().commonPrefix(with: lower).count >= 5 }
        return stems.count == 1 ? stems.first : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
