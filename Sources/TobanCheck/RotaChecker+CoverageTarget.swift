import TobanModel

extension RotaChecker {
    /// `S-COVER-UNDER` and `S-COVER-OVER`: against a slot's coverage target `t`, a slot of `n`
    /// resources costs the under-target penalty for each of `t − max(n, min)` (what lies below
    /// `min` is a gap, `S-COVER-GAP`) and the over-target penalty for each of `n − t`.
    func costCoverTarget(_ rota: [Assignment]) -> [CostItem] {
        let counts = Dictionary(grouping: rota) { resolver.key(of: $0) }.mapValues(\.count)
        var costs: [CostItem] = []
        for slot in slots {
            guard let d = dutyTypesByID[slot.dutyTypeID] else { continue }
            let coverage = d.coverage(of: slot)
            guard let target = coverage.target else { continue }
            let n = counts[slot.key] ?? 0
            let under = target - Swift.max(n, coverage.min)
            if under > 0 && d.underTargetPenalty > 0 {
                let gapNote = n < coverage.min ? " (counted down to the minimum \(coverage.min); below it is a gap)" : ""
                let gapNoteJa = n < coverage.min ? "（下限 \(coverage.min) 名未満は欠員として別に計上）" : ""
                costs.append(CostItem(ruleID: RuleID.coverUnder, amount: Double(under) * d.underTargetPenalty, resourceID: nil, date: slot.date,
                                      message: "\(slot.key) has \(n) resources, \(under) below the target \(target)\(gapNote)",
                                      japaneseMessage: "\(slot.date.iso) \(d.name)\(areaLabel(slot.area)) は \(n) 名で、目標 \(target) 名に \(under) 名足りません\(gapNoteJa)"))
            }
            if n > target && d.overTargetPenalty > 0 {
                costs.append(CostItem(ruleID: RuleID.coverOver, amount: Double(n - target) * d.overTargetPenalty, resourceID: nil, date: slot.date,
                                      message: "\(slot.key) has \(n) resources, \(n - target) above the target \(target)",
                                      japaneseMessage: "\(slot.date.iso) \(d.name)\(areaLabel(slot.area)) は \(n) 名で、目標 \(target) 名を \(n - target) 名超えています"))
            }
        }
        return costs
    }
}
