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
        let resolver = SlotResolver(scenario)
        let frozen = Set(replan.frozenAssignments(in: scenario.horizon).map { "\(resolver.key(of: $0))/\($0.resourceID)" })
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

    /// `S-STABILITY`: per slot from the re-plan date on, an integer `c ≥ |P| − Σ_{p∈P} x_p` and
    /// `c ≥ Σ_{q∉P} x_q − open` (P: the slot's published resources, open: the seats P leaves
    /// below minimum coverage), so that at its least `c` is the larger of "published resources
    /// dropped" and "new resources added beyond the open seats"; and a total
    /// `changes ≥ Σ c`, which costs the change weight each.
    ///
    /// Published assignments in slots that no longer occur count through a floor. Every
    /// variable is derived, so at its least value it is exactly what the checker counts; the
    /// two-level re-plan solve (``RotaSolver/solveRespectingPriorities(_:options:progress:)``)
    /// minimises the total alone first.
    mutating func compileStability() {
        guard let replan = scenario.replan else { return }
        var publishedBySlot: [String: Set<String>] = [:]
        let resolver = SlotResolver(scenario)
        for a in replan.comparedAssignments(in: scenario.horizon) { publishedBySlot[resolver.key(of: a), default: []].insert(a.resourceID) }
        var perSlot: [LinearTerm] = []
        var occurring = Set<String>()
        for (s, slot) in compiled.slots.enumerated() where !replan.isFrozen(slot.date) {
            occurring.insert(slot.key)
            let published = publishedBySlot[slot.key] ?? []
            let kept = bySlot[s].filter { published.contains($0.resourceID) }.map { LinearTerm($0.variable, -1) }
            let added = bySlot[s].filter { !published.contains($0.resourceID) }.map { LinearTerm($0.variable) }
            guard !published.isEmpty || !added.isEmpty else { continue }
            // Seats the published rota left open below minimum coverage are filled for free.
            let shortfall = Swift.max(0, (scenario.coverage(of: slot)?.min ?? 0) - published.count)
            let c = addDerived(name: "\(RuleID.stability)[\(slot.key)]", kind: .integer, ruleID: RuleID.stability, floor: 0,
                               pieces: [(Double(published.count), kept), (Double(-shortfall), added)], cost: 0)
            perSlot.append(LinearTerm(c))
        }
        for key in publishedBySlot.keys.sorted() where !occurring.contains(key) {
            let count = Double(publishedBySlot[key]?.count ?? 0)
            let c = addDerived(name: "\(RuleID.stability)[\(key)]", kind: .integer, ruleID: RuleID.stability, floor: count,
                               pieces: [], cost: 0)
            perSlot.append(LinearTerm(c))
        }
        guard !perSlot.isEmpty else { return }
        _ = addDerived(name: Self.stabilityChangesName, kind: .integer, ruleID: RuleID.stability, floor: 0,
                       pieces: [(0, perSlot)], cost: replan.changeWeight)
    }
}
