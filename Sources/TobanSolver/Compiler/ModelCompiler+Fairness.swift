import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-FAIR-DUTIES` and `S-FAIR-DUTIES-MAX`: the deviation of each resource's duty count
    /// from its fair band, summed and (separately) the largest one.
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
            let dev = addDerived(name: "\(RuleID.fairDuties)[\(r.id)]", kind: .continuous, ruleID: RuleID.fairDuties, floor: 0,
                                 pieces: [(-upper, terms), (lower, terms.map { LinearTerm($0.variable, -1) })],
                                 cost: weight)
            deviations.append(dev)
        }
        guard maxWeight > 0, !deviations.isEmpty else { return }
        _ = addDerived(name: "\(RuleID.fairDutiesMax)[all]", kind: .continuous, ruleID: RuleID.fairDutiesMax, floor: 0,
                       pieces: deviations.map { (0, [LinearTerm($0)]) }, cost: maxWeight)
    }
}
