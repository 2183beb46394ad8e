import TobanModel

/// A broken hard rule, with where and why, in English and Japanese.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// The rule's stable id, e.g. `H-MAX-DUTIES`.
    public var ruleID: String
    /// The date concerned, if any.
    public var date: CivilDate?
    /// The duty type concerned, if any.
    public var dutyTypeID: String?
    /// The resource concerned, if any.
    public var resourceID: String?
    /// What is wrong, in English.
    public var message: String
    /// What is wrong, in Japanese.
    public var japaneseMessage: String

    /// `[H-MAX-DUTIES] sato has 7 duties, more than the maximum 6`.
    public var description: String { "[\(ruleID)] \(message)" }
}

/// One priced breach of a soft rule.
public struct CostItem: Sendable, Hashable {
    /// The rule's stable id, e.g. `S-COVER-GAP`.
    public var ruleID: String
    /// The cost it adds to the objective.
    public var amount: Double
    /// The resource concerned, if any.
    public var resourceID: String?
    /// The date concerned, if any.
    public var date: CivilDate?
    /// What it is, in English.
    public var message: String
    /// What it is, in Japanese.
    public var japaneseMessage: String
}

/// Per-resource counts against fairness targets.
public struct ResourceTally: Sendable, Hashable {
    /// The resource's id.
    public var resourceID: String
    /// Duties in the rota.
    public var duties: Int
    /// Duties per day type.
    public var dutiesByDayType: [DayType: Int]
    /// The fair-share target and band.
    public var target: FairnessTarget
    /// How far the count lies outside the band.
    public var deviation: Int
    /// Duties per fairness category (nights, weekend/holiday, year-end).
    public var categoryCounts: [FairnessCategory: Int] = [:]
    /// The fair-share target per fairness category, for the categories the scenario weighs.
    public var categoryTargets: [FairnessCategory: FairnessTarget] = [:]
    /// The allowances (yen) earned by the duties in the rota, from ``TobanModel/DutyType/allowance(on:)``.
    public var allowance: Double = 0
}

/// A date short of qualified resources among the duties of a qualification requirement (`S-COVER-QUAL`).
public struct QualificationGap: Sendable, Hashable, Comparable {
    /// The date.
    public var date: CivilDate
    /// The qualification, e.g. `pediatric`.
    public var qualification: String
    /// The duty types whose assignments were counted.
    public var dutyTypeIDs: [String]
    /// How many qualified resources are missing.
    public var missing: Int
    /// Why, in plain English.
    public var reason: String

    /// `YYYY-MM-DD/qualification@duty+duty`.
    public var key: String { "\(date.iso)/\(qualification)@\(dutyTypeIDs.joined(separator: "+"))" }

    public static func < (a: QualificationGap, b: QualificationGap) -> Bool { (a.date, a.key) < (b.date, b.key) }
}

/// The checker's verdict on a rota: hard violations, soft costs, gaps and tallies.
public struct CheckReport: Sendable {
    /// Every broken hard rule; empty when the rota is feasible.
    public var violations: [Violation]
    /// Every priced soft breach.
    public var costs: [CostItem]
    /// The slots left short of their minimum coverage.
    public var gaps: [Gap]
    /// Counts per resource, in scenario order.
    public var tallies: [ResourceTally]
    /// The dates short of qualified resources (`S-COVER-QUAL`), in date order.
    public var qualificationGaps: [QualificationGap] = []

    /// Whether every hard rule holds.
    public var isFeasible: Bool { violations.isEmpty }

    /// The cost of each soft rule with a non-zero total, by rule id.
    public var costByRule: [String: Double] {
        costs.reduce(into: [:]) { $0[$1.ruleID, default: 0] += $1.amount }
    }

    /// The total cost, summed in rule order so that it is reproducible.
    public var totalCost: Double {
        let byRule = costByRule
        return byRule.keys.sorted().reduce(0) { $0 + (byRule[$1] ?? 0) }
    }
}
