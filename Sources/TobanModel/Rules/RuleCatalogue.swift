/// Whether a rule must hold or is paid for.
public enum RuleSeverity: String, Sendable, Codable {
    /// Must hold: the solver never breaks it and the checker reports a violation when broken.
    case hard
    /// Weighted penalty: the cost of breaking it is part of the objective.
    case soft
}

/// One rule of the catalogue: its stable id, severity and readable names.
///
/// The id appears in the model's row and variable names, in the checker's messages and in
/// the cost breakdown of reports; it never changes once published.
public struct RuleInfo: Sendable, Hashable {
    /// The stable id, e.g. `H-MAX-DUTIES`.
    public let id: String
    /// Hard or soft.
    public let severity: RuleSeverity
    /// A short English title.
    public let title: String
    /// A short Japanese title.
    public let japaneseTitle: String
    /// What the rule means, in one sentence.
    public let summary: String
}

/// The rule ids, one constant per rule, so that the compiler and the checker name rules alike.
public enum RuleID {
    /// An assignment must name an existing resource, duty type and slot, once.
    public static let rota = "H-ROTA"
    /// A resource takes only duty types of its kind that it is eligible for.
    public static let eligible = "H-ELIGIBLE"
    /// A resource takes no duty on a date it is unavailable, nor one overlapping a part-day window.
    public static let available = "H-AVAILABLE"
    /// No slot gets more resources than its maximum coverage.
    public static let coverMax = "H-COVER-MAX"
    /// Each resource missing below a slot's minimum coverage costs the duty's gap penalty.
    public static let coverGap = "S-COVER-GAP"
    /// A resource takes at most one duty starting on the same date.
    public static let oneDutyPerDate = "H-ONE-DUTY-PER-DATE"
    /// A resource takes at most its maximum number of duties over the horizon.
    public static let maxDuties = "H-MAX-DUTIES"
    /// A resource takes at least its minimum number of duties over the horizon.
    public static let minDuties = "H-MIN-DUTIES"
    /// Each duty outside a resource's fair band costs the fairness weight.
    public static let fairDuties = "S-FAIR-DUTIES"
    /// The largest deviation from a fair band over all resources costs its weight per duty.
    public static let fairDutiesMax = "S-FAIR-DUTIES-MAX"
}

/// The catalogue of every rule Toban knows, in the order reports list them.
public enum RuleCatalogue {
    /// Every rule.
    public static let all: [RuleInfo] = [
        RuleInfo(id: RuleID.rota, severity: .hard, title: "Well-formed rota", japaneseTitle: "当番表の形式",
                 summary: "Every assignment names an existing resource and a slot of the horizon, at most once."),
        RuleInfo(id: RuleID.eligible, severity: .hard, title: "Eligibility", japaneseTitle: "担当資格",
                 summary: "A resource takes only duty types of its kind that it is eligible for."),
        RuleInfo(id: RuleID.available, severity: .hard, title: "Availability", japaneseTitle: "不在日",
                 summary: "A resource takes no duty starting on a date it is unavailable, nor one whose hours overlap one of its part-day unavailability windows."),
        RuleInfo(id: RuleID.coverMax, severity: .hard, title: "Maximum coverage", japaneseTitle: "定員上限",
                 summary: "No slot gets more resources than its duty type's maximum coverage."),
        RuleInfo(id: RuleID.coverGap, severity: .soft, title: "Coverage gap", japaneseTitle: "欠員",
                 summary: "Each resource missing below a slot's minimum coverage costs the duty type's gap penalty."),
        RuleInfo(id: RuleID.oneDutyPerDate, severity: .hard, title: "One duty per date", japaneseTitle: "1日1当番",
                 summary: "A resource takes at most one duty starting on the same date."),
        RuleInfo(id: RuleID.maxDuties, severity: .hard, title: "Maximum duties", japaneseTitle: "当番回数上限",
                 summary: "A resource takes at most its maximum number of duties over the horizon."),
        RuleInfo(id: RuleID.minDuties, severity: .hard, title: "Minimum duties", japaneseTitle: "当番回数下限",
                 summary: "A resource takes at least its minimum number of duties over the horizon."),
        RuleInfo(id: RuleID.fairDuties, severity: .soft, title: "Fair share of duties", japaneseTitle: "当番回数の公平性",
                 summary: "Each duty above or below a resource's fair band costs the fairness weight."),
        RuleInfo(id: RuleID.fairDutiesMax, severity: .soft, title: "Largest deviation from fair share", japaneseTitle: "公平性（最大偏差）",
                 summary: "The largest deviation from a fair band over all resources costs its weight per duty."),
    ] + resourceRules + structureRules + replanRules

    /// The rule with `id`, if any.
    public static func info(_ id: String) -> RuleInfo? { all.first { $0.id == id } }
}
