import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-BED-GAP` and `H-BED-CAPACITY`: a bed duty's slot counts the beds of its designated
    /// hospitals, `Σ beds_r · x_r`; each bed below `beds.min` is an integer gap paid at
    /// `beds.gapPenalty`, and more than `beds.max` is forbidden.
    mutating func compileBeds() {
        let beds = Dictionary(scenario.resources.map { ($0.id, $0.beds) }, uniquingKeysWith: { a, _ in a })
        for (s, slot) in compiled.slots.enumerated() {
            guard let requirement = scenario.dutyType(slot.dutyTypeID)?.beds else { continue }
            let terms = bySlot[s].map { LinearTerm($0.variable, Double(beds[$0.resourceID] ?? 1)) }
            if terms.reduce(0, { $0 + $1.coefficient }) > Double(requirement.max) {
                compiled.model.addRow(name: "\(RuleID.bedCapacity)[\(slot.key)]", ruleID: RuleID.bedCapacity, terms: terms,
                                      upper: Double(requirement.max))
            }
            guard requirement.min > 0 else { continue }
            _ = addDerived(name: "\(RuleID.bedGap)[\(slot.key)]", kind: .integer, ruleID: RuleID.bedGap, floor: 0,
                           upper: Double(requirement.min),
                           pieces: [(Double(requirement.min), terms.map { LinearTerm($0.variable, -$0.coefficient) })],
                           cost: requirement.gapPenalty)
        }
    }

    /// `H-MAX-DESIGNATED-DAYS`: at most `maxDesignatedDays` duties per calendar month (one
    /// duty per date, so duties are the designated days).
    mutating func compileMaxDesignatedDays() {
        for r in scenario.resources {
            guard let max = r.maxDesignatedDays else { continue }
            let byMonth = Dictionary(grouping: byResource[r.id] ?? []) { a in
                let d = compiled.slots[a.slot].date
                return d.year * 100 + d.month
            }
            for month in byMonth.keys.sorted() {
                guard let list = byMonth[month], list.count > max else { continue }
                let label = "\(month / 100)-\(month % 100 < 10 ? "0" : "")\(month % 100)"
                compiled.model.addRow(name: "\(RuleID.maxDesignatedDays)[\(r.id)/\(label)]", ruleID: RuleID.maxDesignatedDays,
                                      terms: list.map { LinearTerm($0.variable) }, upper: Double(max))
            }
        }
    }
}
