import Foundation
import Yams

/// Reads a variant file (YAML or JSON) as strictly as ``ScenarioLoader`` reads a scenario.
///
/// Every problem is reported with file, line, column and key path. Whether the changes fit a
/// base scenario is checked by ``Variant/applied(to:)``.
public enum VariantLoader {
    /// The kinds of change a variant file may list, one key per entry of `changes`.
    public static let changeKinds = ["away", "addResource", "removeResource", "limits", "coverage", "holiday", "weight", "beds"]

    /// Loads the variant at `path`.
    public static func load(path: String) throws(ScenarioError) -> Variant {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "cannot read the file: \(ScenarioLoader.reason(error))")])
        }
        guard data.count <= ScenarioLoader.maximumFileSize, let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is not valid UTF-8 text or is too large")])
        }
        return try load(text: text, file: path)
    }

    /// Loads a variant from YAML or JSON text; `file` names it in messages.
    public static func load(text: String, file: String) throws(ScenarioError) -> Variant {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw ScenarioError(issues: [ScenarioLoader.parseIssue(error, file: file)])
        }
        guard let root else {
            throw ScenarioError(issues: [ScenarioIssue(file: file, line: 1, column: 1, path: "", message: "the file is empty; expected a variant (see docs/whatif.md)")])
        }
        let reader = ScenarioReader(file: file)
        let variant = VariantDecoder(decoder: ScenarioDecoder(reader: reader)).decode(ScenarioReader.Field(node: root, path: ""), file: file)
        guard reader.issues.isEmpty, let variant else {
            throw ScenarioError(issues: reader.issues.isEmpty ? [ScenarioIssue(file: file, path: "", message: "not a variant")] : reader.issues)
        }
        return variant
    }
}

/// Turns the YAML tree of a variant file into a ``Variant``.
struct VariantDecoder {
    let decoder: ScenarioDecoder
    var reader: ScenarioReader { decoder.reader }
    typealias Field = ScenarioReader.Field

    func decode(_ root: Field, file: String) -> Variant? {
        guard let top = reader.mapping(root, required: ["format", "name", "changes"], optional: ["title", "base"]) else { return nil }
        let format = top["format"].flatMap { reader.int($0, in: 1...1_000) }
        if let format, format != Variant.currentFormat {
            reader.report(top["format"]?.path ?? "format", "format \(format) is not supported; this version of toban reads variant format \(Variant.currentFormat)")
        }
        let name = top["name"].flatMap(reader.identifier)
        if name == "base" {
            reader.report("name", "'base' is reserved for the base scenario's folder; choose another name")
        }
        let title = top["title"].flatMap(reader.string)
        let base = top["base"].flatMap(reader.string)
        let changes = decoder.list(top["changes"], entry)
        guard let name, format == Variant.currentFormat else { return nil }
        return Variant(name: name, title: title, base: base, file: file, changes: changes)
    }

    func entry(_ field: Field) -> VariantEntry? {
        guard let m = reader.mapping(field, optional: VariantLoader.changeKinds) else { return nil }
        guard m.count == 1, let (kind, value) = m.first else {
            if m.count > 1 {
                reader.report(field.path, "one change per entry, found \(m.keys.sorted().joined(separator: ", ")); split them into separate entries", at: field.node.mark)
            } else {
                reader.report(field.path, "a change needs one of \(VariantLoader.changeKinds.joined(separator: ", "))", at: field.node.mark)
            }
            return nil
        }
        guard let change = change(kind, value) else { return nil }
        return VariantEntry(change: change, path: field.path, line: field.node.mark?.line, column: field.node.mark?.column)
    }

    func change(_ kind: String, _ f: Field) -> VariantChange? {
        switch kind {
        case "away":
            guard let m = reader.mapping(f, required: ["resource", "dates"]),
                  let id = m["resource"].flatMap(reader.identifier), let dates = m["dates"].flatMap(decoder.range) else { return nil }
            return .away(resourceID: id, dates: dates)
        case "addResource":
            return decoder.resource(f).map(VariantChange.addResource)
        case "removeResource":
            return reader.identifier(f).map(VariantChange.removeResource)
        case "limits":
            guard let m = reader.mapping(f, required: ["resource"], optional: ["minDuties", "maxDuties", "maxPerWeek", "fte"]),
                  let id = m["resource"].flatMap(reader.identifier) else { return nil }
            if m.count == 1 { reader.report(f.path, "name at least one of minDuties, maxDuties, maxPerWeek, fte", at: f.node.mark) }
            let count = { (key: String) in m[key].flatMap { reader.int($0, in: 0...10_000) } }
            return .limits(resourceID: id, ResourceLimitChange(minDuties: count("minDuties"), maxDuties: count("maxDuties"),
                                                               maxPerWeek: count("maxPerWeek"),
                                                               fte: m["fte"].flatMap { reader.double($0, in: 0...10) }))
        case "coverage":
            guard let m = reader.mapping(f, required: ["duty"], optional: ["min", "max", "target", "dates"]),
                  let id = m["duty"].flatMap(reader.identifier) else { return nil }
            let count = { (key: String) in m[key].flatMap { reader.int($0, in: 0...1_000) } }
            let dates = m["dates"].flatMap(decoder.range)
            if m["dates"] != nil && dates == nil { return nil }
            if count("min") == nil && count("max") == nil && count("target") == nil {
                reader.report(f.path, "name at least one of min, max, target", at: f.node.mark)
                return nil
            }
            return .coverage(dutyTypeID: id, min: count("min"), max: count("max"), target: count("target"), dates: dates)
        case "holiday":
            guard let m = reader.mapping(f, required: ["date", "name"]),
                  let date = m["date"].flatMap(reader.date), let name = m["name"].flatMap(reader.string) else { return nil }
            return .holiday(date: date, name: name)
        case "beds":
            guard let m = reader.mapping(f, required: ["resource", "beds"]),
                  let id = m["resource"].flatMap(reader.identifier), let beds = m["beds"].flatMap({ reader.int($0, in: 0...10_000) }) else { return nil }
            return .beds(resourceID: id, beds: beds)
        default:  // "weight"
            guard let m = reader.mapping(f, required: ["rule", "weight"], optional: ["duty"]),
                  let rule = m["rule"].flatMap(reader.string), let weight = m["weight"].flatMap({ reader.double($0, in: 0...1e9) }) else { return nil }
            let duty = m["duty"].flatMap(reader.identifier)
            if VariantChange.adjustableRules[rule] == nil {
                let hint = ScenarioReader.closest(rule, in: Set(VariantChange.adjustableRules.keys)).map { "; did you mean '\($0)'?" } ?? ""
                reader.report(m["rule"]?.path ?? f.path, "the weight of '\(rule)' cannot be changed\(hint) (adjustable: \(VariantChange.adjustableRules.keys.sorted().joined(separator: ", ")))")
                return nil
            }
            return .ruleWeight(ruleID: rule, dutyTypeID: duty, weight: weight)
        }
    }
}
