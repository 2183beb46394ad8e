import TobanModel

extension RotaChecker {
    /// `S-COVER-GAP`: each resource missing below a slot's minimum costs the gap penalty.
    /// Also names each gap with the reason it could not be filled.
    func costCoverGaps(_ rota: [Assignment]) -> ([CostItem], [Gap]) {
        let counts = Dictionary(grouping: rota) { resolver.key(of: $0) }.mapValues(\.count)
        var costs: [CostItem] = []
        var gaps: [Gap] = []
        for slot in slots {
            guard let d = dutyTypesByID[slot.dutyTypeID] else { continue }
            let minimum = d.coverage(of: slot).min
            let missing = minimum - (counts[slot.key] ?? 0)
            guard missing > 0 else { continue }
            costs.append(CostItem(ruleID: RuleID.coverGap, amount: Double(missing) * d.gapPenalty, resourceID: nil, date: slot.date,
                                  message: "\(slot.key) is \(missing) short of the minimum \(minimum)",
                                  japaneseMessage: "\(slot.date.iso) \(d.name)\(areaLabel(slot.area)) が \(missing) 名不足しています"))
            gaps.append(Gap(date: slot.date, dutyTypeID: d.id, missing: missing, reason: gapReason(slot, d), area: slot.area))
        }
        return (costs, gaps)
    }

    /// Why a slot could not be filled, from the scenario alone.
    func gapReason(_ slot: Slot, _ duty: DutyType) -> String {
        let eligible = scenario.resources.filter { $0.isEligible(for: duty, slotArea: slot.area) }
        if eligible.isEmpty {
            return slot.area.map { "no resource of area \($0) is eligible for \(duty.id)" } ?? "no resource is eligible for \(duty.id)"
        }
        let available = eligible.filter { scenario.isAvailable($0, for: slot) }
        let ofArea = slot.area.map { " of area \($0)" } ?? ""
        if available.isEmpty {
            return "all \(eligible.count) eligible resources\(ofArea) are unavailable on \(slot.date.iso)"
        }
        let minimum = duty.coverage(of: slot).min
        if available.count < minimum {
            return "only \(available.count) of \(eligible.count) eligible resources\(ofArea) are available on \(slot.date.iso), \(minimum) needed"
        }
        return "the \(available.count) available resources are held by other rules (limits, one duty per date)"
    }

    /// `（北地区）` after a duty name in Japanese messages for a per-area slot; empty otherwise.
    func areaLabel(_ area: String?) -> String {
        guard let area else { return "" }
        return "（\(areaName(area))）"
    }

    /// The display name of an area, its id when unknown.
    func areaName(_ id: String) -> String { scenario.areas.first { $0.id == id }?.name ?? id }

    /// `S-FAIR-DUTIES`: each duty outside a resource's fair band costs the fairness weight.
    func costFairDuties(_ tallies: [ResourceTally]) -> [CostItem] {
        let weight = scenario.rules.fairnessWeight
        guard weight > 0 else { return [] }
        return tallies.compactMap { t in
            guard t.deviation > 0 else { return nil }
            let band = "\(t.target.band.lowerBound)…\(t.target.band.upperBound)"
            return CostItem(ruleID: RuleID.fairDuties, amount: weight * Double(t.deviation), resourceID: t.resourceID, date: nil,
                            message: "\(t.resourceID) has \(t.duties) duties, \(t.deviation) outside the fair band \(band)",
                            japaneseMessage: "\(t.resourceID) の当番 \(t.duties) 回は公平な範囲 \(band) から \(t.deviation) 回外れています")
        }
    }

    /// `S-FAIR-DUTIES-MAX`: the largest deviation over all resources costs its weight per duty.
    func costFairDutiesMax(_ tallies: [ResourceTally]) -> [CostItem] {
        let weight = scenario.rules.fairnessMaxWeight
        guard weight > 0, let worst = tallies.max(by: { ($0.deviation, $1.resourceID) < ($1.deviation, $0.resourceID) }),
              worst.deviation > 0 else { return [] }
        return [CostItem(ruleID: RuleID.fairDutiesMax, amount: weight * Double(worst.deviation), resourceID: worst.resourceID, date: nil,
                         message: "the largest deviation from a fair band is \(worst.deviation) (\(worst.resourceID))",
                         japaneseMessage: "公平な範囲からの最大偏差は \(worst.deviation) 回（\(worst.resourceID)）")]
    }
}
