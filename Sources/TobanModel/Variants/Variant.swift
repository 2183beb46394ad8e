/// A what-if: a named list of changes to a base scenario ("Dr. Sato away 10–20 December").
///
/// Read one with ``VariantLoader``; apply it with ``applied(to:)``. The kinds of change are
/// the cases of ``VariantChange``; `docs/whatif.md` documents the file format.
public struct Variant: Sendable, Hashable {
    /// The format version of variant files.
    public static let currentFormat = 1

    /// A short id, used as the folder name of the variant's rota files.
    public var name: String
    /// A sentence saying what the variant asks, if given.
    public var title: String?
    /// The base scenario as the file names it (relative to the variant file), if it does.
    public var base: String?
    /// The file the variant came from, for messages.
    public var file: String
    /// The changes in file order.
    public var changes: [VariantEntry]

    /// Creates a variant.
    public init(name: String, title: String? = nil, base: String? = nil, file: String = "<variant>", changes: [VariantEntry]) {
        self.name = name
        self.title = title
        self.base = base
        self.file = file
        self.changes = changes
    }
}

/// One change of a variant with the place it was written.
public struct VariantEntry: Sendable, Hashable {
    /// The change.
    public var change: VariantChange
    /// The key path, e.g. `changes[2]`.
    public var path: String
    /// The 1-based line, when read from a file.
    public var line: Int?
    /// The 1-based column, when read from a file.
    public var column: Int?

    /// Creates an entry.
    public init(change: VariantChange, path: String = "", line: Int? = nil, column: Int? = nil) {
        self.change = change
        self.path = path
        self.line = line
        self.column = column
    }
}

/// A limit change for one resource: each non-nil value replaces the scenario's.
public struct ResourceLimitChange: Sendable, Hashable {
    /// The new `minDuties`.
    public var minDuties: Int?
    /// The new `maxDuties`.
    public var maxDuties: Int?
    /// The new `maxPerWeek`.
    public var maxPerWeek: Int?
    /// The new `fte`.
    public var fte: Double?
    /// Creates a change.
    public init(minDuties: Int? = nil, maxDuties: Int? = nil, maxPerWeek: Int? = nil, fte: Double? = nil) {
        self.minDuties = minDuties
        self.maxDuties = maxDuties
        self.maxPerWeek = maxPerWeek
        self.fte = fte
    }
}

/// One kind of change a variant can make. New kinds are new cases (and a key in the file format).
///
/// "A hospital's bed offer changed" is ``beds(resourceID:beds:)``; a withdrawal for some dates
/// only is the hospital's ``away(resourceID:dates:)``.
public enum VariantChange: Sendable, Hashable {
    /// The resource is unavailable on these dates (`away: {resource, dates}`).
    case away(resourceID: String, dates: DateRange)
    /// A resource joins (`addResource: {…resource as in a scenario…}`).
    case addResource(Resource)
    /// A resource leaves (`removeResource: ID`).
    case removeResource(String)
    /// A resource's limits change (`limits: {resource, minDuties?, maxDuties?, maxPerWeek?, fte?}`).
    case limits(resourceID: String, ResourceLimitChange)
    /// A duty type's coverage changes, on every date or on some (`coverage: {duty, min?, max?, target?, dates?}`).
    /// Values left out keep the scenario's.
    case coverage(dutyTypeID: String, min: Int?, max: Int?, target: Int?, dates: DateRange?)
    /// A date becomes a holiday (`holiday: {date, name}`).
    case holiday(date: CivilDate, name: String)
    /// A soft rule's weight changes (`weight: {rule, weight, duty?}`); see ``VariantChange/adjustableRules``.
    case ruleWeight(ruleID: String, dutyTypeID: String?, weight: Double)
    /// A hospital's bed offer changes (`beds: {resource, beds}`): the beds it lends on each
    /// designated day of a bed duty (``Resource/beds``). 0 withdraws it: it is no longer
    /// eligible for the bed duties (they leave its ``Resource/duties``), keeping its other duties.
    case beds(resourceID: String, beds: Int)

    /// The rule ids whose weight a variant can change, and where the weight lives.
    public static let adjustableRules: [String: String] = [
        RuleID.coverGap: "dutyTypes[].gapPenalty (one duty type with duty:, else all)",
        RuleID.fairDuties: "rules.fairness.weight",
        RuleID.fairDutiesMax: "rules.fairness.maxDeviationWeight",
        RuleID.stability: "replan.weight",
        "S-COVER-UNDER": "dutyTypes[].underTargetPenalty (one duty type with duty:, else all)",
        "S-COVER-OVER": "dutyTypes[].overTargetPenalty (one duty type with duty:, else all)",
    ]
}

extension Variant {
    /// `base` with every change applied in order, validated as a whole.
    ///
    /// Throws ``ScenarioError`` naming the variant file and the change (line, key path) when
    /// a change refers to something the base does not have, and the problems of the changed
    /// scenario (e.g. a removed resource still named elsewhere) when it does not validate.
    public func applied(to base: Scenario) throws(ScenarioError) -> Scenario {
        var scenario = base
        var issues: [ScenarioIssue] = []
        for entry in changes {
            if let message = Variant.apply(entry.change, to: &scenario) {
                issues.append(ScenarioIssue(file: file, line: entry.line, column: entry.column, path: entry.path, message: message))
            }
        }
        if issues.isEmpty {
            issues = scenario.validationIssues().map {
                ScenarioIssue(file: file, path: "", message: "after the changes, the scenario's \($0.path): \($0.message)")
            }
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
        return scenario
    }

    /// Applies one change; returns what is wrong with it, or nil.
    static func apply(_ change: VariantChange, to s: inout Scenario) -> String? {
        func resourceIndex(_ id: String) -> Int? { s.resources.firstIndex { $0.id == id } }
        func noResource(_ id: String) -> String { "no resource has id '\(id)'\(Scenario.known(Set(s.resources.map(\.id))))" }
        func dutyIndices(_ id: String?) -> [Int]? {
            guard let id else { return Array(s.dutyTypes.indices) }
            return s.dutyTypes.firstIndex { $0.id == id }.map { [$0] }
        }
        func noDuty(_ id: String?) -> String { "no duty type has id '\(id ?? "")'\(Scenario.known(Set(s.dutyTypes.map(\.id))))" }
        switch change {
        case let .away(id, dates):
            guard let i = resourceIndex(id) else { return noResource(id) }
            guard dates.end >= s.horizon.start && dates.start <= s.horizon.end else {
                return "\(dates.start.iso)…\(dates.end.iso) lies outside the horizon \(s.horizon.start.iso)…\(s.horizon.end.iso)"
            }
            s.resources[i].unavailable.append(dates)
        case let .addResource(resource):
            if resourceIndex(resource.id) != nil { return "a resource with id '\(resource.id)' is already in the scenario" }
            s.resources.append(resource)
        case let .removeResource(id):
            guard let i = resourceIndex(id) else { return noResource(id) }
            s.resources.remove(at: i)
        case let .limits(id, limits):
            guard let i = resourceIndex(id) else { return noResource(id) }
            if let v = limits.minDuties { s.resources[i].minDuties = v }
            if let v = limits.maxDuties { s.resources[i].maxDuties = v }
            if let v = limits.maxPerWeek { s.resources[i].maxPerWeek = v }
            if let v = limits.fte { s.resources[i].fte = v }
        case let .coverage(id, min, max, target, dates):
            guard let k = dutyIndices(id)?.first else { return noDuty(id) }
            if let dates {
                let inside = dates.dates.filter { s.horizon.contains($0) }
                if inside.isEmpty { return "\(dates.start.iso)…\(dates.end.iso) lies outside the horizon" }
                for date in inside {
                    let old = s.dutyTypes[k].coverage(on: date)
                    s.dutyTypes[k].coverageByDate[date] = Coverage(min: min ?? old.min, max: max ?? old.max, target: target ?? old.target)
                }
            } else {
                if let min { s.dutyTypes[k].coverageMin = min }
                if let max { s.dutyTypes[k].coverageMax = max }
                if let target { s.dutyTypes[k].coverageTarget = target }
            }
        case let .beds(id, beds):
            guard let i = resourceIndex(id) else { return noResource(id) }
            let resource = s.resources[i]
            let bedDuties = s.dutyTypes.filter { $0.beds != nil && resource.isEligible(for: $0) }
            guard !bedDuties.isEmpty else {
                let all = s.dutyTypes.filter { $0.beds != nil }.map(\.id)
                return "\(id) takes no bed duty (\(all.isEmpty ? "the scenario has none" : "bed duties: " + all.joined(separator: ", "))), so its beds count for nothing"
            }
            s.resources[i].beds = beds
            if beds == 0 {
                // Withdrawn: a designation lending no beds would only fill coverage seats.
                s.resources[i].duties = s.dutyTypes.filter { $0.beds == nil && resource.isEligible(for: $0) }.map(\.id)
            }
        case let .holiday(date, name):
            guard s.horizon.contains(date) else { return "\(date.iso) lies outside the horizon \(s.horizon.start.iso)…\(s.horizon.end.iso)" }
            s.calendar.extraHolidays[date] = name
            s.calendar.removedHolidays.remove(date)
        case let .ruleWeight(rule, duty, weight):
            guard VariantChange.adjustableRules[rule] != nil else {
                return "the weight of '\(rule)' cannot be changed by a variant (adjustable: \(VariantChange.adjustableRules.keys.sorted().joined(separator: ", ")))"
            }
            guard RuleCatalogue.info(rule) != nil else { return "'\(rule)' is not a rule of this version's catalogue" }
            switch rule {
            case RuleID.fairDuties: s.rules.fairnessWeight = weight
            case RuleID.fairDutiesMax: s.rules.fairnessMaxWeight = weight
            case RuleID.stability:
                guard s.replan != nil else { return "the scenario is not a re-plan, so \(rule) has no weight" }
                s.replan?.changeWeight = weight
            default:
                guard let indices = dutyIndices(duty) else { return noDuty(duty) }
                for k in indices {
                    switch rule {
                    case RuleID.coverGap: s.dutyTypes[k].gapPenalty = weight
                    case "S-COVER-UNDER": s.dutyTypes[k].underTargetPenalty = weight
                    default: s.dutyTypes[k].overTargetPenalty = weight
                    }
                }
            }
        }
        return nil
    }
}
