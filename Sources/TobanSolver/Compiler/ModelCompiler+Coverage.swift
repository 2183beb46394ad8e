import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `H-COVER-MAX`, `S-COVER-GAP`, `S-COVER-UNDER` and `S-COVER-OVER`: at most `max` per slot;
    /// each missing resource below `min` is an integer gap paid at the duty type's gap penalty,
    /// so a rota always exists; below and above the target are paid by ``compileCoverageTarget``.
    /// The coverage is the one of the slot's date and area (`coverageByDate`, `coverageByArea`
    /// or the duty type's default).
    mutating func compileCoverage() {
        for (s, slot) in compiled.slots.enumerated() {
            guard let duty = scenario.dutyType(slot.dutyTypeID) else { continue }
            let coverage = duty.coverage(of: slot)
            let terms = bySlot[s].map { LinearTerm($0.variable) }
            if terms.count > coverage.max {
                compiled.model.addRow(name: "\(RuleID.coverMax)[\(slot.key)]", ruleID: RuleID.coverMax, terms: terms, upper: Double(coverage.max))
            }
            var gap: VariableID?
            if coverage.min > 0 {
                // gap ≥ min − Σ x, and gap ≤ min: the shortfall, never more.
                gap = addDerived(name: "\(RuleID.coverGap)[\(slot.key)]", kind: .integer, ruleID: RuleID.coverGap, floor: 0,
                                 upper: Double(coverage.min),
                                 pieces: [(Double(coverage.min), terms.map { LinearTerm($0.variable, -1) })],
                                 cost: duty.gapPenalty)
            }
            compileCoverageTarget(slot: slot, duty: duty, coverage: coverage, terms: terms, gap: gap)
        }
    }

    /// `H-ONE-DUTY-PER-DATE`: at most one duty starting on the same date per resource.
    mutating func compileOneDutyPerDate() {
        for r in scenario.resources {
            let byDate = Dictionary(grouping: byResource[r.id] ?? []) { compiled.slots[$0.slot].date }
            for date in byDate.keys.sorted() {
                guard let list = byDate[date], list.count > 1 else { continue }
                compiled.model.addRow(name: "\(RuleID.oneDutyPerDate)[\(r.id)/\(date.iso)]", ruleID: RuleID.oneDutyPerDate,
                                      terms: list.map { LinearTerm($0.variable) }, upper: 1)
            }
        }
    }

    /// `H-MAX-DUTIES` and `H-MIN-DUTIES`: the resource's duty count within its limits.
    mutating func compileDutyLimits() {
        for r in scenario.resources {
            let terms = (byResource[r.id] ?? []).map { LinearTerm($0.variable) }
            if let max = r.maxDuties, terms.count > max {
                compiled.model.addRow(name: "\(RuleID.maxDuties)[\(r.id)]", ruleID: RuleID.maxDuties, terms: terms, upper: Double(max))
            }
            if let min = r.minDuties, min > 0 {
                // Kept even when it cannot hold (fewer variables than min): GLPK then proves
                // infeasibility and the row name says which resource and rule.
                compiled.model.addRow(name: "\(RuleID.minDuties)[\(r.id)]", ruleID: RuleID.minDuties,
                                      terms: terms.isEmpty ? [] : terms, lower: Double(min))
            }
        }
    }
}
