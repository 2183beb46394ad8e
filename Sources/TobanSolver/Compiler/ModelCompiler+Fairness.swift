import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-FAIR-DUTIES` and `S-FAIR-DUTIES-MAX`: the deviation of each resource's duty count
    /// from its fair band, summed and (separately) the largest one.
    ///
    /// Deviation variables are integers: the band's bounds are whole numbers, so the least
    /// deviation always is, and integer penalties let GLPK round its bound up (a small
    /// year-end scenario proves optimal in 0.06 s instead of stalling at the limit).
    mutating func compileFairness() {
        let weight = scenario.rules.fairnessWeight
        let maxWeight = scenario.rules.fairnessMaxWeight
        guard weight > 0 || maxWeight > 0 else { return }
        let targets = scenario.fairnessTargets(slots: compiled.slots)
        var deviations: [VariableID] = []
        for (r, target) in zip(scenario.resources, targets) {
            let terms = (byResource[r.id] ?? []).map { LinearTerm($0.variable) }
            let lower = Double(target.band.lowerBound), upper = Double(target.band.upperBound)
            // The count can only range over 0…terms.count: skip resources that cannot deviate.
            if upper >= Double(terms.count) && lower <= 0 { continue }
            // dev ≥ count − upper and dev ≥ lower − count.
            let dev = addDerived(name: "\(RuleID.fairDuties)[\(r.id)]", kind: .integer, ruleID: RuleID.fairDuties, floor: 0,
                                 pieces: [(-upper, terms), (lower, terms.map { LinearTerm($0.variable, -1) })],
                                 cost: weight)
            deviations.append(dev)
        }
        guard maxWeight > 0, !deviations.isEmpty else { return }
        _ = addDerived(name: "\(RuleID.fairDutiesMax)[all]", kind: .integer, ruleID: RuleID.fairDutiesMax, floor: 0,
                       pieces: deviations.map { (0, [LinearTerm($0)]) }, cost: maxWeight)
    }
}

extension ModelCompiler {
    /// `S-FAIR-NIGHTS`, `S-FAIR-WEEKEND-HOLIDAY`, `S-FAIR-YEAREND` and their `-MAX` variants:
    /// like `S-FAIR-DUTIES`, over the duties of one category with that category's history.
    mutating func compileCategoryFairness() {
        for category in FairnessCategory.allCases {
            guard let weights = scenario.rules.categoryFairness[category],
                  weights.weight > 0 || weights.maxDeviationWeight > 0 else { continue }
            let targets = scenario.fairnessTargets(for: category, slots: compiled.slots)
            var deviations: [VariableID] = []
            for (r, target) in zip(scenario.resources, targets) {
                let terms = (byResource[r.id] ?? []).filter { a in
                    let slot = compiled.slots[a.slot]
                    return scenario.dutyType(slot.dutyTypeID).map { category.contains($0, on: slot.dayType) } ?? false
                }.map { LinearTerm($0.variable) }
                let lower = Double(target.band.lowerBound), upper = Double(target.band.upperBound)
                if upper >= Double(terms.count) && lower <= 0 { continue }
                let dev = addDerived(name: "\(category.ruleID)[\(r.id)]", kind: .integer, ruleID: category.ruleID, floor: 0,
                                     pieces: [(-upper, terms), (lower, terms.map { LinearTerm($0.variable, -1) })],
                                     cost: weights.weight)
                deviations.append(dev)
            }
            guard weights.maxDeviationWeight > 0, !deviations.isEmpty else { continue }
            _ = addDerived(name: "\(category.maxRuleID)[all]", kind: .integer, ruleID: category.maxRuleID, floor: 0,
                           pieces: deviations.map { (0, [LinearTerm($0)]) }, cost: weights.maxDeviationWeight)
        }
    }

    /// `S-ORG-QUOTA`: each duty an organisation's resources take together outside its quota
    /// costs the quota's weight.
    mutating func compileOrganisationQuotas() {
        for o in scenario.organisations {
            guard let quota = scenario.resolvedQuota(of: o, slots: compiled.slots), quota.weight > 0 else { continue }
            let members = Set(scenario.resources.filter { $0.organisation == o.id }.map(\.id))
            let terms = compiled.assignments.filter { members.contains($0.resourceID) && quota.counts(compiled.slots[$0.slot].dutyTypeID) }
                .map { LinearTerm($0.variable) }
            var pieces: [(constant: Double, terms: [LinearTerm])] = []
            if let max = quota.max, terms.count > max { pieces.append((-Double(max), terms)) }
            if let min = quota.min, min > 0 { pieces.append((Double(min), terms.map { LinearTerm($0.variable, -1) })) }
            guard !pieces.isEmpty else { continue }
            _ = addDerived(name: "\(RuleID.organisationQuota)[\(o.id)]", kind: .integer, ruleID: RuleID.organisationQuota,
                           floor: 0, pieces: pieces, cost: quota.weight)
        }
    }
}
