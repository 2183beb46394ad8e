import TobanModel

extension RotaChecker {
    /// `S-COVER-QUAL`: each qualified resource missing below a requirement's `min` among the
    /// date's assignments of its duty types costs the requirement's penalty; each short date
    /// is named with the reason.
    func costQualificationCoverage(_ rota: [Assignment]) -> ([CostItem], [QualificationGap]) {
        var costs: [CostItem] = []
        var gaps: [QualificationGap] = []
        let slotsByDate = Dictionary(grouping: slots, by: \.date)
        let byDate = Dictionary(grouping: rota, by: \.date)
        for requirement in scenario.rules.qualificationCoverage where requirement.min > 0 {
            for date in slotsByDate.keys.sorted() {
                let dateSlots = (slotsByDate[date] ?? []).filter { requirement.dutyTypes.contains($0.dutyTypeID) }
                guard let first = dateSlots.first else { continue }
                if let days = requirement.dayTypes, !days.contains(first.dayType) { continue }
                let count = (byDate[date] ?? []).filter { a in
                    requirement.dutyTypes.contains(a.dutyTypeID)
                        && (resourcesByID[a.resourceID]?.qualifications.contains(requirement.qualification) ?? false)
                }.count
                let missing = requirement.min - count
                guard missing > 0 else { continue }
                let duties = requirement.dutyTypes.joined(separator: ", ")
                costs.append(CostItem(ruleID: RuleID.coverQualification, amount: Double(missing) * requirement.gapPenalty, resourceID: nil,
                                      date: date,
                                      message: "\(date.iso): \(missing) \(requirement.qualification) resource\(missing == 1 ? "" : "s") short among \(duties) (minimum \(requirement.min))",
                                      japaneseMessage: "\(date.iso): \(duties) に資格「\(requirement.qualification)」の担当者が \(missing) 名不足しています"))
                gaps.append(QualificationGap(date: date, qualification: requirement.qualification, dutyTypeIDs: requirement.dutyTypes,
                                             missing: missing, reason: qualificationGapReason(requirement, dateSlots)))
            }
        }
        return (costs, gaps.sorted())
    }

    func qualificationGapReason(_ requirement: QualificationRequirement, _ dateSlots: [Slot]) -> String {
        let qualified = scenario.resources.filter { r in
            r.qualifications.contains(requirement.qualification)
                && dateSlots.contains { s in dutyTypesByID[s.dutyTypeID].map { r.isEligible(for: $0) } ?? false }
        }
        guard let date = dateSlots.first?.date else { return "" }
        if qualified.isEmpty { return "no \(requirement.qualification) resource is eligible for \(requirement.dutyTypes.joined(separator: ", "))" }
        let available = qualified.filter { $0.isAvailable(on: date) }
        if available.isEmpty { return "all \(qualified.count) eligible \(requirement.qualification) resources are unavailable on \(date.iso)" }
        if available.count < requirement.min {
            return "only \(available.count) of \(qualified.count) eligible \(requirement.qualification) resources are available on \(date.iso), \(requirement.min) needed"
        }
        return "the \(available.count) available \(requirement.qualification) resources are held by other rules"
    }
}
