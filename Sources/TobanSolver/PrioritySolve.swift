import TobanMIP
import TobanModel

/// Solving soft rules level by level (`rules.priorities: lexicographic`).
///
/// Level 1 is coverage (`S-COVER-*`, `S-BED-GAP`), level 2 fairness (`S-FAIR-*`, `S-ORG-QUOTA`),
/// level 3 everything else (requests, stability). Each level is minimised alone, then its
/// optimum (plus a small tolerance) is fixed as a row `PRIORITY[level]` before the next level.
/// The rota's reported objective is still the full weighted sum, which is what the checker prices.
enum PrioritySolve {
    /// The level of a soft rule's cost: 1 coverage, 2 fairness, 3 the rest.
    static func level(of ruleID: String) -> Int {
        if ruleID.hasPrefix("S-COVER") || ruleID == RuleID.bedGap { return 1 }
        if ruleID.hasPrefix("S-FAIR") || ruleID == RuleID.organisationQuota { return 2 }
        return 3
    }

    /// Absolute slack allowed above each level's optimum when it is fixed.
    static let tolerance = 1e-6

    static func solve(_ model: LinearModel, backend: any MIPSolver, options: RotaSolveOptions,
                      progress: ProgressHandler?, tightened: ([Double]) -> [Double]) throws -> SolveResult {
        let clock = ContinuousClock()
        let started = clock.now
        func remaining() -> Double? {
            guard let limit = options.timeLimit else { return nil }
            let e = clock.now - started
            return Swift.max(0.01, limit - e.inSeconds)
        }
        let levels = Set(model.objectiveTerms.map { level(of: $0.ruleID) }).sorted()
        var fixed: [(Int, [LinearTerm], Double)] = []
        var best: SolveResult?
        var allOptimal = true
        for lvl in levels {
            var stage = LinearModel(name: model.name, sense: model.sense)
            for v in model.variables { stage.addVariable(name: v.name, kind: v.kind, lower: v.lower, upper: v.upper, ruleID: v.ruleID) }
            for r in model.rows { stage.addRow(name: r.name, ruleID: r.ruleID, terms: r.terms, lower: r.lower, upper: r.upper) }
            for (k, terms, bound) in fixed {
                stage.addRow(name: "PRIORITY[\(k)]", ruleID: "PRIORITY", terms: terms, upper: bound)
            }
            let levelTerms = model.objectiveTerms.filter { level(of: $0.ruleID) == lvl }
            for t in levelTerms { stage.addObjective(t.variable, coefficient: t.coefficient, ruleID: t.ruleID) }
            let start = best.map { tightened($0.values) }
            let result = try backend.solve(stage, options: SolveOptions(timeLimit: remaining(), relativeGap: options.relativeGap,
                                                                        presolve: true, start: start, verbose: options.verbose),
                                           progress: progress)
            guard result.primal == .feasiblePoint else {
                // A later level that finds nothing in time keeps the earlier levels' rota.
                if best == nil { return result }
                allOptimal = false
                break
            }
            if result.termination != .optimal { allOptimal = false }
            let values = tightened(result.values)
            // Σ level costs ≤ its optimum: one term per variable (rows may not repeat a variable).
            var coefficients: [VariableID: Double] = [:]
            for t in levelTerms { coefficients[t.variable, default: 0] += t.coefficient }
            let terms = coefficients.keys.sorted().compactMap { v in coefficients[v].map { LinearTerm(v, $0) } }.filter { $0.coefficient != 0 }
            let achieved = terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
            if !terms.isEmpty { fixed.append((lvl, terms, achieved + tolerance * Swift.max(1, Swift.abs(achieved)))) }
            best = SolveResult(termination: result.termination, primal: .feasiblePoint, values: values, objective: nil,
                               bound: nil, time: result.time, rawStatus: result.rawStatus)
            if let left = remaining(), left <= 0.01 { allOptimal = false; break }
        }
        guard var answer = best else {
            return try backend.solve(model, options: SolveOptions(timeLimit: remaining(), relativeGap: options.relativeGap,
                                                                  presolve: true, start: nil, verbose: options.verbose), progress: progress)
        }
        answer.termination = allOptimal ? .optimal : (answer.termination == .optimal ? .timeLimit : answer.termination)
        answer.rawStatus = "lexicographic levels \(levels.map(String.init).joined(separator: ",")): " + answer.rawStatus
        return answer
    }
}
