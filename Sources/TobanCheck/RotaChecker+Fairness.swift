import TobanModel

extension RotaChecker {
    /// Adds per-category counts and targets and the allowance totals to the tallies.
    func withStructureTallies(_ tallies: [ResourceTally], _ rota: [Assignment]) -> [ResourceTally] {
        var result = tallies
        let index = Dictionary(result.indices.map { (result[$0].resourceID, $0) }, uniquingKeysWith: { a, _ in a })
        for a in rota {
            guard let i = index[a.resourceID], let slot = slotsByKey[a.slotKey], let duty = dutyTypesByID[a.dutyTypeID] else { continue }
            for category in FairnessCategory.allCases where category.contains(duty, on: slot.dayType) {
                result[i].categoryCounts[category, default: 0] += 1
            }
            result[i].allowance += scenario.allowance(dutyTypeID: duty.id, on: slot.date)
        }
        for category in FairnessCategory.allCases where scenario.rules.categoryFairness[category] != nil {
            for (i, target) in scenario.fairnessTargets(for: category, slots: slots).enumerated() where result.indices.contains(i) {
                result[i].categoryTargets[category] = target
            }
        }
        return result
    }

    /// `S-FAIR-NIGHTS`, `S-FAIR-WEEKEND-HOLIDAY`, `S-FAIR-YEAREND` and their `-MAX` variants.
    func costCategoryFairness(_ tallies: [ResourceTally]) -> [CostItem] {
        var costs: [CostItem] = []
        for category in FairnessCategory.allCases {
            guard let weights = scenario.rules.categoryFairness[category] else { continue }
            let (en, ja) = category.label
            var worst: (deviation: Int, resourceID: String)?
            for t in tallies {
                guard let target = t.categoryTargets[category] else { continue }
                let n = t.categoryCounts[category] ?? 0
                let deviation = target.deviation(of: n)
                guard deviation > 0 else { continue }
                if worst == nil || deviation > (worst?.deviation ?? 0) { worst = (deviation, t.resourceID) }
                guard weights.weight > 0 else { continue }
                let band = "\(target.band.lowerBound)…\(target.band.upperBound)"
                costs.append(CostItem(ruleID: category.ruleID, amount: weights.weight * Double(deviation), resourceID: t.resourceID, date: nil,
                                      message: "\(t.resourceID) has \(n) \(en), \(deviation) outside the fair band \(band)",
                                      japaneseMessage: "\(t.resourceID) の\(ja) \(n) 回は公平な範囲 \(band) から \(deviation) 回外れています"))
            }
            if weights.maxDeviationWeight > 0, let worst {
                costs.append(CostItem(ruleID: category.maxRuleID, amount: weights.maxDeviationWeight * Double(worst.deviation),
                                      resourceID: worst.resourceID, date: nil,
                                      message: "the largest deviation from a fair band of \(en) is \(worst.deviation) (\(worst.resourceID))",
                                      japaneseMessage: "\(ja)の公平な範囲からの最大偏差は \(worst.deviation) 回（\(worst.resourceID)）"))
            }
        }
        return costs
    }

    /// `S-ORG-QUOTA`: each duty an organisation takes outside its quota costs the quota's weight.
    func costOrganisationQuotas(_ rota: [Assignment]) -> [CostItem] {
        scenario.organisations.compactMap { o in
            guard let quota = scenario.resolvedQuota(of: o, slots: slots), quota.weight > 0 else { return nil }
            let n = rota.filter { resourcesByID[$0.resourceID]?.organisation == o.id && quota.counts($0.dutyTypeID) }.count
            let deviation = quota.deviation(of: n)
            guard deviation > 0 else { return nil }
            let band = "\(quota.min.map(String.init) ?? "0")…\(quota.max.map(String.init) ?? "∞")"
            return CostItem(ruleID: RuleID.organisationQuota, amount: quota.weight * Double(deviation), resourceID: nil, date: nil,
                            message: "\(o.id) takes \(n) duties, \(deviation) outside its quota \(band)",
                            japaneseMessage: "\(o.name) の当番 \(n) 回は割当 \(band) から \(deviation) 回外れています")
        }
    }
}
