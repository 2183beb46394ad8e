/// Rule ids of the per-resource rules: coverage targets, successions, limits per duty and day
/// type, consecutive days, weekends, minutes, requests, pins, weeks and rest.
extension RuleID {
    /// Each resource below a slot's coverage target (down to its minimum) costs the duty's under-target penalty.
    public static let coverUnder = "S-COVER-UNDER"
    /// Each resource above a slot's coverage target costs the duty's over-target penalty.
    public static let coverOver = "S-COVER-OVER"
}

extension RuleCatalogue {
    /// The per-resource rules, in the order reports list them.
    public static let resourceRules: [RuleInfo] = [
        RuleInfo(id: RuleID.coverUnder, severity: .soft, title: "Below coverage target", japaneseTitle: "目標人数不足",
                 summary: "Each resource below a slot's coverage target, down to its minimum, costs the duty type's under-target penalty."),
        RuleInfo(id: RuleID.coverOver, severity: .soft, title: "Above coverage target", japaneseTitle: "目標人数超過",
                 summary: "Each resource above a slot's coverage target costs the duty type's over-target penalty."),
    ]
}
