import TobanMIP

/// A linear model with some variables fixed and substituted out, and the map back.
///
/// Large-neighbourhood search solves many sub-problems in which most assignments keep their
/// incumbent values. Handing GLPK the full model with fixed bounds would make every
/// sub-problem as large as the whole; substituting the fixed variables out leaves only the
/// free ones and the rows they appear in, so each sub-problem is small.
struct RestrictedModel: Sendable {
    /// The sub-problem: only the free variables, rows with at least one free variable.
    let model: LinearModel
    /// For each variable of ``model``, its index in the full model.
    let fullIndex: [Int]
    /// The fixed values (one per full-model variable; free ones hold the incumbent's value).
    let base: [Double]

    /// Restricts `full` to the variables with `isFree[j]`, fixing the others at `values[j]`.
    ///
    /// A row without free variables is left out: `values` is a feasible point, so it holds.
    init(_ full: LinearModel, values: [Double], isFree: [Bool]) {
        var sub = LinearModel(name: full.name + "-sub", sense: full.sense)
        var map = [Int](repeating: -1, count: full.variables.count)
        var back: [Int] = []
        for (j, v) in full.variables.enumerated() where isFree[j] {
            map[j] = back.count
            back.append(j)
            _ = sub.addVariable(name: v.name, kind: v.kind, lower: v.lower, upper: v.upper, ruleID: v.ruleID)
        }
        for row in full.rows {
            var constant = 0.0
            var terms: [LinearTerm] = []
            for t in row.terms {
                let k = map[t.variable.index]
                if k >= 0 { terms.append(LinearTerm(VariableID(index: k), t.coefficient)) } else { constant += t.coefficient * values[t.variable.index] }
            }
            guard !terms.isEmpty else { continue }
            sub.addRow(name: row.name, ruleID: row.ruleID, terms: terms,
                       lower: row.lower.map { $0 - constant }, upper: row.upper.map { $0 - constant })
        }
        let objective = full.aggregatedObjective()
        var fixedCost = full.objectiveConstant
        for (j, c) in objective.enumerated() where c != 0 {
            let k = map[j]
            if k >= 0 { sub.addObjective(VariableID(index: k), coefficient: c, ruleID: "LNS") } else { fixedCost += c * values[j] }
        }
        if fixedCost != 0 { sub.addObjectiveConstant(fixedCost, ruleID: "LNS-FIXED") }
        model = sub
        fullIndex = back
        base = values
    }

    /// The sub-problem's values of a full-model point.
    func restrict(_ values: [Double]) -> [Double] { fullIndex.map { values[$0] } }

    /// The full-model point of a sub-problem solution.
    func expand(_ subValues: [Double]) -> [Double] {
        var v = base
        for (k, j) in fullIndex.enumerated() { v[j] = subValues[k] }
        return v
    }
}
