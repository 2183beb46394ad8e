extension RuleID {
    /// Days before the re-plan date keep exactly the published assignments.
    public static let frozen = "H-FROZEN"
    /// Each change against the published rota from the re-plan date on costs the stability weight.
    public static let stability = "S-STABILITY"
}

extension RuleCatalogue {
    /// The rules of re-planning (`Scenario.replan`): frozen past, stable future.
    public static let replanRules: [RuleInfo] = [
        RuleInfo(id: RuleID.frozen, severity: .hard, title: "Frozen past", japaneseTitle: "確定済み期間の固定",
                 summary: "Every slot before the re-plan date holds exactly the resources of the published rota."),
        RuleInfo(id: RuleID.stability, severity: .soft, title: "Stability against the published rota", japaneseTitle: "公開済み当番表からの変更",
                 summary: "From the re-plan date on, each changed seat (per slot, the larger of published resources dropped and new ones added beyond the seats it left open) costs the stability weight."),
    ]
}
