import Foundation

/// A duty someone wants to hand over: `ID:DATE:DUTY`.
public struct SwapOffer: Sendable, Hashable, CustomStringConvertible {
    /// Who gives the duty away.
    public var resourceID: String
    /// The date the duty starts on.
    public var date: CivilDate
    /// The duty type's id.
    public var dutyTypeID: String

    /// Creates an offer.
    public init(resourceID: String, date: CivilDate, dutyTypeID: String) {
        self.resourceID = resourceID
        self.date = date
        self.dutyTypeID = dutyTypeID
    }

    /// Parses `ID:DATE:DUTY`; nil when malformed.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty, let date = CivilDate(iso: parts[1]) else { return nil }
        self.init(resourceID: parts[0], date: date, dutyTypeID: parts[2])
    }

    /// `ID:DATE:DUTY`.
    public var description: String { "\(resourceID):\(date.iso):\(dutyTypeID)" }
}

/// A swap that cannot even be judged: the giver does not hold the duty, or the taker is unknown.
public struct SwapError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}

/// The verdict on handing one duty to one taker, from the checker alone.
public struct SwapVerdict: Sendable {
    /// The duty handed over.
    public var offer: SwapOffer
    /// Who would take it.
    public var takerID: String
    /// The rota after the swap.
    public var rota: Rota
    /// The checker's verdict on the rota before the swap.
    public var before: CheckReport
    /// The checker's verdict on the rota after the swap.
    public var after: CheckReport

    /// Whether the swapped rota obeys every hard rule.
    public var isAllowed: Bool { after.isFeasible }
    /// The hard violations after the swap (all of them).
    public var violations: [Violation] { after.violations }
    /// The violations the swap introduces (not present before).
    public var newViolations: [Violation] {
        let old = Set(before.violations.map(\.description))
        return after.violations.filter { !old.contains($0.description) }
    }
    /// The total soft cost after minus before (negative: the swap makes the rota cheaper or fairer).
    public var costChange: Double { after.totalCost - before.totalCost }
    /// The cost change per rule, rules without change left out.
    public var costChangeByRule: [String: Double] {
        let a = after.costByRule, b = before.costByRule
        var result: [String: Double] = [:]
        for rule in Set(a.keys).union(b.keys) {
            let d = (a[rule] ?? 0) - (b[rule] ?? 0)
            if !Toban.sameCost(d, 0) { result[rule] = d }
        }
        return result
    }
}

extension Toban {
    /// Judges handing `offer` to `takerID` in `rota` against every rule of `scenario`.
    ///
    /// Throws ``SwapError`` when the giver does not hold the duty, the taker is unknown, is the
    /// giver, or already holds that slot. The verdict says whether every hard rule still holds
    /// and what the swap costs (fairness and the other soft rules).
    public static func swap(_ offer: SwapOffer, to takerID: String, in rota: Rota, scenario: Scenario) throws(SwapError) -> SwapVerdict {
        let checker = RotaChecker(scenario: scenario)
        return try swap(offer, to: takerID, in: rota, checker: checker, before: checker.check(rota))
    }

    /// Every resource that could take `offer` without breaking a hard rule, cheapest first
    /// (by cost change, then id). For a per-area duty only resources of the giver's area are
    /// asked: someone from another area would fill their own area's slot, not this one.
    public static func swapTakers(for offer: SwapOffer, in rota: Rota, scenario: Scenario) throws(SwapError) -> [SwapVerdict] {
        let checker = RotaChecker(scenario: scenario)
        let before = checker.check(rota)
        try validateOffer(offer, in: rota, scenario: scenario)
        var verdicts: [SwapVerdict] = []
        let holders = Set(rota.assignments(date: offer.date, dutyTypeID: offer.dutyTypeID).map(\.resourceID))
        let resolver = SlotResolver(scenario)
        let slotArea = resolver.area(dutyTypeID: offer.dutyTypeID, resourceID: offer.resourceID)
        for r in scenario.resources where r.id != offer.resourceID && !holders.contains(r.id)
            && (slotArea == nil || resolver.area(dutyTypeID: offer.dutyTypeID, resourceID: r.id) == slotArea) {
            let verdict = try swap(offer, to: r.id, in: rota, checker: checker, before: before)
            if verdict.isAllowed { verdicts.append(verdict) }
        }
        return verdicts.sorted { ($0.costChange, $0.takerID) < ($1.costChange, $1.takerID) }
    }

    static func validateOffer(_ offer: SwapOffer, in rota: Rota, scenario: Scenario) throws(SwapError) {
        let held = rota.assignments.contains {
            $0.resourceID == offer.resourceID && $0.date == offer.date && $0.dutyTypeID == offer.dutyTypeID
        }
        if !held {
            let theirs = rota.assignments(of: offer.resourceID).filter { $0.date == offer.date }.map(\.dutyTypeID)
            let hint = theirs.isEmpty ? "" : " (that day they have \(theirs.joined(separator: ", ")))"
            throw SwapError(message: "\(offer.resourceID) has no \(offer.dutyTypeID) on \(offer.date.iso) in the rota\(hint)")
        }
    }

    static func swap(_ offer: SwapOffer, to takerID: String, in rota: Rota, checker: RotaChecker,
                     before: CheckReport) throws(SwapError) -> SwapVerdict {
        try validateOffer(offer, in: rota, scenario: checker.scenario)
        guard checker.scenario.resource(takerID) != nil else {
            throw SwapError(message: "no resource has id '\(takerID)'\(Toban.known(checker.scenario.resources.map(\.id)))")
        }
        guard takerID != offer.resourceID else { throw SwapError(message: "\(takerID) cannot swap a duty with themselves") }
        if rota.assignments.contains(where: { $0.resourceID == takerID && $0.date == offer.date && $0.dutyTypeID == offer.dutyTypeID }) {
            throw SwapError(message: "\(takerID) already has \(offer.dutyTypeID) on \(offer.date.iso)")
        }
        var assignments = rota.assignments.filter {
            !($0.resourceID == offer.resourceID && $0.date == offer.date && $0.dutyTypeID == offer.dutyTypeID)
        }
        assignments.append(Assignment(date: offer.date, dutyTypeID: offer.dutyTypeID, resourceID: takerID))
        let swapped = Rota(assignments: assignments)
        return SwapVerdict(offer: offer, takerID: takerID, rota: swapped, before: before, after: checker.check(swapped))
    }
}

extension Toban {
    /// ` (known: a, b, c)` for messages about an unknown id.
    static func known(_ ids: [String]) -> String {
        let sorted = ids.sorted()
        return sorted.isEmpty ? " (none are defined)" : " (known: \(sorted.prefix(12).joined(separator: ", "))\(sorted.count > 12 ? ", …" : ""))"
    }
}

extension SwapVerdict {
    /// Writes the swapped rota's exports (CSV, calendars, HTML, `publication.json`) into `directory`.
    ///
    /// As for a re-plan, calendars raise `SEQUENCE` only on the events the swap changed: the
    /// publication state is the `publication.json` in `directory`, else the one in
    /// `publishedFolder` (where the rota was published), else one rebuilt from the rota before
    /// the swap. Returns the paths written, relative to `directory`.
    public func write(to directory: String, scenario: Scenario, publishedFolder: String? = nil,
                      options: RotaOutputs.Options = RotaOutputs.Options()) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let manager = FileManager.default
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        let dtstamp = options.dtstamp ?? Date()
        var previous = try ExportBundle.previousPublication(in: root)
        if previous == nil, let publishedFolder {
            previous = try ExportBundle.previousPublication(in: URL(fileURLWithPath: publishedFolder, isDirectory: true))
        }
        if previous == nil {
            let original = Rota(assignments: rota.assignments.filter { !($0.resourceID == takerID && $0.date == offer.date && $0.dutyTypeID == offer.dutyTypeID) }
                                + [Assignment(date: offer.date, dutyTypeID: offer.dutyTypeID, resourceID: offer.resourceID)])
            previous = ExportBundle(input: ExportInput(scenario: scenario, rota: original, gaps: before.gaps),
                                    options: ExportOptions(dtstamp: dtstamp)).publication
        }
        let bundle = ExportBundle(input: ExportInput(scenario: scenario, rota: rota, gaps: after.gaps),
                                  options: ExportOptions(dtstamp: dtstamp, excelCompatible: options.excelCompatible,
                                                         previousPublication: previous))
        try bundle.write(to: root)
        return bundle.files.map(\.path)
    }
}
