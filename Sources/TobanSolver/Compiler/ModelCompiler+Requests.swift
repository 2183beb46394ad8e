import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-REQUEST-WANT` and `S-REQUEST-AVOID`: a wish costs its weight when not met.
    ///
    /// The matching variables of a request (its duty type, or every duty, on its date) sum to
    /// at most 1 (`H-ONE-DUTY-PER-DATE`), so the cost is linear without a penalty variable:
    /// a want costs `weight × (1 − Σ x)` (a constant and negative coefficients; a want that
    /// nothing can meet is just the constant), an avoid costs `weight × Σ x`.
    mutating func compileRequests() {
        for r in scenario.resources where !r.requests.isEmpty {
            let byDate = assignmentsByDate(r)
            for request in r.requests where request.weight > 0 {
                let matching = (byDate[request.date] ?? []).filter { a in
                    request.dutyTypeID.map { $0 == compiled.slots[a.slot].dutyTypeID } ?? true
                }
                switch request.kind {
                case .want:
                    compiled.model.addObjectiveConstant(request.weight, ruleID: RuleID.requestWant)
                    for a in matching { compiled.model.addObjective(a.variable, coefficient: -request.weight, ruleID: RuleID.requestWant) }
                case .avoid:
                    for a in matching { compiled.model.addObjective(a.variable, coefficient: request.weight, ruleID: RuleID.requestAvoid) }
                }
            }
        }
    }

    /// `H-PIN`: a pinned duty is taken, `x ≥ 1`. Validation rejects pins that no variable can
    /// meet (ineligible, unavailable, no such slot); should one remain, the empty row makes
    /// GLPK prove infeasibility with the pin's name.
    mutating func compilePins() {
        for r in scenario.resources {
            var seen = Set<String>()
            for pin in r.pins {
                let terms = (byResource[r.id] ?? []).filter { a in
                    let slot = compiled.slots[a.slot]
                    return slot.date == pin.date && slot.dutyTypeID == pin.dutyTypeID
                }.map { LinearTerm($0.variable) }
                let name = "\(RuleID.pin)[\(r.id)/\(pin.date.iso)/\(pin.dutyTypeID)]"
                guard seen.insert(name).inserted else { continue }
                compiled.model.addRow(name: name, ruleID: RuleID.pin, terms: terms, lower: 1)
            }
        }
    }
}
