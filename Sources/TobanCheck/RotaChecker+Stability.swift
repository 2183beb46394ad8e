import TobanModel

extension RotaChecker {
    /// `H-FROZEN`: every slot dated before the re-plan date holds exactly the published resources.
    func checkFrozen(_ rota: [Assignment]) -> [Violation] {
        guard let replan = scenario.replan else { return [] }
        let published = Set(replan.frozenAssignments(in: scenario.horizon))
        let actual = Set(rota.filter { replan.isFrozen($0.date) })
        var violations: [Violation] = []
        for a in published.subtracting(actual).sorted() {
            violations.append(Violation(ruleID: RuleID.frozen, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                                        message: "\(a.resourceID) was published on \(a.slotKey), before the re-plan date \(replan.from.iso), but no longer has it",
                                        japaneseMessage: "\(name(a.resourceID)) の \(a.date.iso) \(dutyName(a.dutyTypeID)) は再計画日 \(replan.from.iso) より前の確定済み当番ですが、外されています"))
        }
        for a in actual.subtracting(published).sorted() {
            violations.append(Violation(ruleID: RuleID.frozen, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                                        message: "\(a.resourceID) has \(a.slotKey), before the re-plan date \(replan.from.iso), which the published rota does not give it",
                                        japaneseMessage: "\(name(a.resourceID)) の \(a.date.iso) \(dutyName(a.dutyTypeID)) は再計画日 \(replan.from.iso) より前ですが、公開済みの当番表にありません"))
        }
        return violations
    }

    /// `S-STABILITY`: from the re-plan date on, each published assignment dropped and each
    /// assignment added costs the change weight (one cost item per change).
    func costStability(_ rota: [Assignment]) -> [CostItem] {
        guard let replan = scenario.replan, replan.changeWeight > 0 else { return [] }
        let published = Set(replan.comparedAssignments(in: scenario.horizon))
        let actual = Set(rota.filter { !replan.isFrozen($0.date) && scenario.horizon.contains($0.date) })
        let dropped = published.subtracting(actual).sorted().map { a in
            CostItem(ruleID: RuleID.stability, amount: replan.changeWeight, resourceID: a.resourceID, date: a.date,
                     message: "\(a.resourceID) loses \(a.slotKey), which the published rota gave it",
                     japaneseMessage: "\(name(a.resourceID)) は公開済みの \(a.date.iso) \(dutyName(a.dutyTypeID)) から外れます")
        }
        let added = actual.subtracting(published).sorted().map { a in
            CostItem(ruleID: RuleID.stability, amount: replan.changeWeight, resourceID: a.resourceID, date: a.date,
                     message: "\(a.resourceID) gains \(a.slotKey), which the published rota did not give it",
                     japaneseMessage: "\(name(a.resourceID)) に \(a.date.iso) \(dutyName(a.dutyTypeID)) が新たに入ります")
        }
        return (dropped + added).sorted { ($0.date?.dayNumber ?? 0, $0.message) < ($1.date?.dayNumber ?? 0, $1.message) }
    }

    private func name(_ resourceID: String) -> String { resourcesByID[resourceID]?.name ?? resourceID }
    private func dutyName(_ dutyTypeID: String) -> String { dutyTypesByID[dutyTypeID]?.name ?? dutyTypeID }
}
