import TobanModel

extension RotaChecker {
    /// The beds of each bed slot: the sum of the designated hospitals' beds.
    func bedsBySlot(_ rota: [Assignment]) -> [String: Int] {
        rota.reduce(into: [:]) { beds, a in
            guard dutyTypesByID[a.dutyTypeID]?.beds != nil else { return }
            beds[resolver.key(of: a), default: 0] += resourcesByID[a.resourceID]?.beds ?? 0
        }
    }

    /// `H-BED-CAPACITY`: a bed slot's beds do not exceed the duty type's `beds.max`.
    func checkBedCapacity(_ rota: [Assignment]) -> [Violation] {
        let beds = bedsBySlot(rota)
        return slots.compactMap { slot in
            guard let d = dutyTypesByID[slot.dutyTypeID], let requirement = d.beds,
                  let n = beds[slot.key], n > requirement.max else { return nil }
            return Violation(ruleID: RuleID.bedCapacity, date: slot.date, dutyTypeID: d.id, resourceID: nil,
                             message: "\(slot.key) holds \(n) beds, more than the maximum \(requirement.max)",
                             japaneseMessage: "\(slot.date.iso) \(d.name)\(areaLabel(slot.area)) の病床は \(n) 床で、上限 \(requirement.max) 床を超えています")
        }
    }

    /// `S-BED-GAP`: each bed missing below a bed slot's `beds.min` costs `beds.gapPenalty`;
    /// the slot is named as a gap whose `missing` counts beds.
    func costBedGaps(_ rota: [Assignment]) -> ([CostItem], [Gap]) {
        let beds = bedsBySlot(rota)
        var costs: [CostItem] = []
        var gaps: [Gap] = []
        for slot in slots {
            guard let d = dutyTypesByID[slot.dutyTypeID], let requirement = d.beds else { continue }
            let missing = requirement.min - (beds[slot.key] ?? 0)
            guard missing > 0 else { continue }
            costs.append(CostItem(ruleID: RuleID.bedGap, amount: Double(missing) * requirement.gapPenalty, resourceID: nil, date: slot.date,
                                  message: "\(slot.key) is \(missing) bed\(missing == 1 ? "" : "s") short of the minimum \(requirement.min)",
                                  japaneseMessage: "\(slot.date.iso) \(d.name)\(areaLabel(slot.area)) の病床が \(missing) 床不足しています"))
            gaps.append(Gap(date: slot.date, dutyTypeID: d.id, missing: missing, reason: bedGapReason(slot, d, requirement), area: slot.area))
        }
        return (costs, gaps)
    }

    func bedGapReason(_ slot: Slot, _ duty: DutyType, _ requirement: BedRequirement) -> String {
        let available = scenario.resources.filter { $0.isEligible(for: duty, slotArea: slot.area) && $0.isAvailable(on: slot.date) }
        let offered = available.reduce(0) { $0 + $1.beds }
        if available.isEmpty { return "beds: no eligible hospital is available on \(slot.date.iso)" }
        if offered < requirement.min {
            return "beds: the \(available.count) available hospitals offer \(offered) beds on \(slot.date.iso), \(requirement.min) needed"
        }
        return "beds: the available hospitals are held by other rules (designated-day limits, bed capacity, one duty per date)"
    }

    /// `H-MAX-DESIGNATED-DAYS`: at most `maxDesignatedDays` duties in each calendar month.
    func checkMaxDesignatedDays(_ rota: [Assignment]) -> [Violation] {
        let counts = Dictionary(grouping: rota) { "\($0.resourceID)|\($0.date.year * 100 + $0.date.month)" }.mapValues(\.count)
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let max = r.maxDesignatedDays else { continue }
            let months = Set(scenario.horizon.dates.map { $0.year * 100 + $0.month }).sorted()
            for month in months {
                guard let n = counts["\(r.id)|\(month)"], n > max else { continue }
                let label = "\(month / 100)-\(month % 100 < 10 ? "0" : "")\(month % 100)"
                violations.append(Violation(ruleID: RuleID.maxDesignatedDays, date: nil, dutyTypeID: nil, resourceID: r.id,
                                            message: "\(r.id) is designated on \(n) days in \(label), more than the maximum \(max)",
                                            japaneseMessage: "\(r.name) の \(month / 100)年\(month % 100)月の指定日は \(n) 日で、上限 \(max) 日を超えています"))
            }
        }
        return violations
    }
}
