import TobanMIP
import TobanModel

/// Compiles a scenario into a linear model: one function per rule, in `ModelCompiler+*.swift`.
///
/// Eligibility (`H-ELIGIBLE`) and availability (`H-AVAILABLE`) are compiled by omission: a
/// variable exists only for a resource that may take the slot. Each rule adds rows and
/// penalty variables named `RULE-ID[key]`, so that a row in a GLPK log or an LP file leads
/// straight back to the rule and the place.
public struct ModelCompiler {
    let scenario: Scenario
    var compiled: CompiledModel
    /// Assignment variables per slot index.
    var bySlot: [[CompiledModel.AssignmentVariable]]
    /// Assignment variables per resource id.
    var byResource: [String: [CompiledModel.AssignmentVariable]]

    /// Compiles `scenario`, which must be valid (see ``TobanModel/Scenario/validate(file:)``).
    public static func compile(_ scenario: Scenario) -> CompiledModel {
        var compiler = ModelCompiler(scenario: scenario)
        compiler.compileAssignmentVariables()
        compiler.compileCoverage()
        compiler.compileOneDutyPerDate()
        compiler.compileDutyLimits()
        compiler.compileFairness()
        compiler.compileSuccessions()
        compiler.compileDutyTypeLimits()
        compiler.compileMaxConsecutive()
        compiler.compileMinConsecutive()
        compiler.compileMinDaysOff()
        compiler.compileMaxWeekends()
        compiler.compileMinutes()
        compiler.compileRequests()
        compiler.compilePins()
        compiler.compileMaxPerWeek()
        compiler.compileRest()
        compiler.compileQualificationCoverage()
        compiler.compilePairing()
        compiler.compileBeds()
        compiler.compileMaxDesignatedDays()
        compiler.compileWeekends()
        compiler.compileCategoryFairness()
        compiler.compileOrganisationQuotas()
        compiler.compileFrozen()
        compiler.compileStability()
        return compiler.compiled
    }

    init(scenario: Scenario) {
        self.scenario = scenario
        let slots = scenario.slots()
        compiled = CompiledModel(model: LinearModel(name: "toban", sense: .minimize), slots: slots)
        bySlot = Array(repeating: [], count: slots.count)
        byResource = [:]
    }

    /// `x[slot/resource]`: one binary per slot and resource that is eligible and available (a
    /// per-area slot only for the resources of its area).
    mutating func compileAssignmentVariables() {
        for (s, slot) in compiled.slots.enumerated() {
            guard let duty = scenario.dutyType(slot.dutyTypeID) else { continue }
            for r in scenario.resources where r.isEligible(for: duty, slotArea: slot.area) && scenario.isAvailable(r, for: slot) {
                let v = compiled.model.addVariable(name: "x[\(slot.key)/\(r.id)]", kind: .binary, ruleID: "ASSIGN")
                let a = CompiledModel.AssignmentVariable(slot: s, resourceID: r.id, variable: v)
                compiled.assignments.append(a)
                bySlot[s].append(a)
                byResource[r.id, default: []].append(a)
            }
        }
    }

    /// Adds a penalty variable `≥ floor` and `≥ each piece`, pushed down by its objective cost.
    mutating func addDerived(name: String, kind: VariableKind, ruleID: String, floor: Double, upper: Double = .infinity,
                             pieces: [(constant: Double, terms: [LinearTerm])], cost: Double) -> VariableID {
        let v = compiled.model.addVariable(name: name, kind: kind, lower: floor, upper: upper, ruleID: ruleID)
        for (k, piece) in pieces.enumerated() {
            // v ≥ constant + Σ terms  ⇔  v − Σ terms ≥ constant
            compiled.model.addRow(name: pieces.count == 1 ? "\(name)" : "\(name)#\(k)", ruleID: ruleID,
                                  terms: [LinearTerm(v, 1)] + piece.terms.map { LinearTerm($0.variable, -$0.coefficient) },
                                  lower: piece.constant)
        }
        if cost != 0 { compiled.model.addObjective(v, coefficient: cost, ruleID: ruleID) }
        compiled.derived.append(.init(variable: v, floor: floor, pieces: pieces))
        return v
    }
}
