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

    /// `S-STABILITY`: from the re-plan date on, each slot whose resources differ from the
    /// published ones costs the change weight times the larger of "published resources
    /// dropped" and "new resources added beyond the seats the published rota left open below
    /// minimum coverage" (one cost item per slot with a change).
    func costStability(_ rota: [Assignment]) -> [CostItem] {
        guard let replan = scenario.replan, replan.changeWeight > 0 else { return [] }
        return replan.changes(to: Rota(assignments: rota), in: scenario).filter { $0.count > 0 }.map { c in
            let lost = c.lost.isEmpty ? "nobody" : c.lost.joined(separator: ", ")
            let gained = c.gained.isEmpty ? "nobody" : c.gained.joined(separator: ", ")
            let lostJa = c.lost.isEmpty ? "なし" : c.lost.map(name).joined(separator: "、")
            let gainedJa = c.gained.isEmpty ? "なし" : c.gained.map(name).joined(separator: "、")
            return CostItem(ruleID: RuleID.stability, amount: replan.changeWeight * Double(c.count), resourceID: nil, date: c.date,
                            message: "\(c.slotKey) changes against the published rota: \(lost) → \(gained) (\(c.count) change\(c.count == 1 ? "" : "s"))",
                            japaneseMessage: "\(c.date.iso) \(dutyName(c.dutyTypeID)) は公開済みの当番表から変更されます（\(lostJa) → \(gainedJa)、\(c.count) 件）")
        }
    }

    private func name(_ resourceID: String) -> String { resourcesByID[resourceID]?.name ?? resourceID }
    private func dutyName(_ dutyTypeID: String) -> String { dutyTypesByID[dutyTypeID]?.name ?? dutyTypeID }
}
