import TobanMIP
import TobanModel

extension ModelCompiler {
    /// The name of the variable that counts changes against the published rota.
    static let stabilityChangesName = "\(RuleID.stability)[changes]"

    /// `H-FROZEN`: on every slot dated before the re-plan date, exactly the published
    /// resources. A published frozen assignment without a variable (the resource became
    /// ineligible or unavailable) gets an empty row `0 ≥ 1`, so that GLPK proves infeasibility
    /// and the row names the place; validation reports it before solving.
    mutating func compileFrozen() {
        guard let replan = scenario.replan else { return }
        let frozen = Set(replan.frozenAssignments(in: scenario.horizon).map { "\($0.slotKey)/\($0.resourceID)" })
        var held = Set<String>()
        for (s, slot) in compiled.slots.enumerated() where replan.isFrozen(slot.date) {
            var others: [LinearTerm] = []
            for a in bySlot[s] {
                let key = "\(slot.key)/\(a.resourceID)"
                if frozen.contains(key) {
                    held.insert(key)
                    compiled.model.addRow(name: "\(RuleID.frozen)[\(key)]", ruleID: RuleID.frozen, terms: [LinearTerm(a.variable)], lower: 1)
                } else {
                    others.append(LinearTerm(a.variable))
                }
            }
            if !others.isEmpty {
                compiled.model.addRow(name: "\(RuleID.frozen)[\(slot.key)]", ruleID: RuleID.frozen, terms: others, upper: 0)
            }
        }
        for key in frozen.subtracting(held).sorted() {
            compiled.model.addRow(name: "\(RuleID.frozen)[\(key)]", ruleID: RuleID.frozen, terms: [], lower: 1)
        }
    }

    /// `S-STABILITY`: an integer `changes ≥ |P| − Σ_{p∈P} x_p + Σ_{q∉P} x_q` over the dates from
    /// the re-plan date on, where P is the published rota there; it costs the change weight each.
    ///
    /// Published assignments without a variable (the resource left, the slot no longer occurs)
    /// count as changes through the constant |P|. The variable is derived, so its least value
    /// is exactly the number of changes, which is what the checker counts; the two-level
    /// re-plan solve (``RotaSolver/solve(_:options:progress:)``) minimises it alone first.
    mutating func compileStability() {
        guard let replan = scenario.replan else { return }
        let published = Set(replan.comparedAssignments(in: scenario.horizon).map { "\($0.slotKey)/\($0.resourceID)" })
        var terms: [LinearTerm] = []
        for a in compiled.assignments {
            let slot = compiled.slots[a.slot]
            guard !replan.isFrozen(slot.date) else { continue }
            terms.append(LinearTerm(a.variable, published.contains("\(slot.key)/\(a.resourceID)") ? -1 : 1))
        }
        guard !terms.isEmpty || !published.isEmpty else { return }
        _ = addDerived(name: Self.stabilityChangesName, kind: .integer, ruleID: RuleID.stability, floor: 0,
                       pieces: [(Double(published.count), terms)], cost: replan.changeWeight)
    }
}
