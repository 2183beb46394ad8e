import TobanMIP
import TobanModel

extension RotaSolver {
    /// Solves `scenario`, minimising changes against a published rota before anything else
    /// when its `ReplanSettings.changesFirst` asks for it; otherwise the same as
    /// ``solve(_:options:progress:)``.
    ///
    /// The two levels: (1) the compiled model with the number of changes (`S-STABILITY`) as
    /// its only objective gives the fewest changes any rota obeying the hard rules can have;
    /// (2) the full model with that number as an upper bound, started from level 1's rota, gives
    /// the cheapest rota among those. A weight that dominates every other cost would do the same
    /// in one solve, but no such weight can be bounded safely while rules keep being added, and
    /// a huge weight hurts GLPK's tolerances; two small solves are exact and each is quick.
    ///
    /// With `coverageFirst`, a level 0 in front minimises the gap cost (`S-COVER-GAP`) alone and
    /// holds it as an upper bound, so that no slot is left open to save a change.
    ///
    /// With a time limit, each level gets what the earlier ones left (at least a second), and
    /// level 2 always has level 1's rota to fall back on.
    public func solveRespectingPriorities(_ scenario: Scenario, options: RotaSolveOptions = RotaSolveOptions(),
                                          progress: ProgressHandler? = nil) throws -> RotaSolution {
        guard let replan = scenario.replan, replan.changesFirst else {
            return try solve(scenario, options: options, progress: progress)
        }
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return d.inSeconds
        }
        var compiled = ModelCompiler.compile(scenario)
        guard let index = compiled.model.variables.firstIndex(where: { $0.name == ModelCompiler.stabilityChangesName }) else {
            return try solve(scenario, options: options, progress: progress)  // nothing from the re-plan date on
        }
        let changes = VariableID(index: index)
        var rawPrefix = ""

        // Level 0 (optional): the least gap cost, held as an upper bound from then on.
        if replan.coverageFirst {
            // One term per variable (GLPK aborts on a variable twice in a row).
            var byVariable: [VariableID: Double] = [:]
            for term in compiled.model.objectiveTerms where term.ruleID == RuleID.coverGap { byVariable[term.variable, default: 0] += term.coefficient }
            let gapTerms = byVariable.keys.sorted().map { LinearTerm($0, byVariable[$0] ?? 0) }
            if !gapTerms.isEmpty {
                var gapsOnly = compiled.model.withObjective(only: changes, ruleID: RuleID.stability, coefficient: 0)
                for term in gapTerms { gapsOnly.addObjective(term.variable, coefficient: term.coefficient, ruleID: RuleID.coverGap) }
                let zero = try backend.solve(gapsOnly, options: SolveOptions(timeLimit: options.timeLimit, relativeGap: 0, presolve: true,
                                                                              start: nil, verbose: options.verbose),
                                             progress: progress)
                guard zero.primal == .feasiblePoint else {
                    throw NoRotaError(termination: zero.termination, rawStatus: "level 0: " + zero.rawStatus,
                                      reasons: zero.termination == .infeasible ? InfeasibilityDiagnosis.reasons(scenario) : [])
                }
                let least = gapsOnly.objectiveValue(of: compiled.tightened(zero.values))
                // Gap costs are whole multiples of the penalties: a small slack absorbs rounding only.
                compiled.model.addRow(name: "\(RuleID.coverGap)[least]", ruleID: RuleID.coverGap,
                                      terms: gapTerms,
                                      upper: least + 1e-6 * Swift.max(1, least))
                rawPrefix = "level 0: \(zero.rawStatus); "
            }
        }

        // Level 1: the fewest changes.
        let first = try backend.solve(compiled.model.withObjective(only: changes, ruleID: RuleID.stability),
                                      options: SolveOptions(timeLimit: options.timeLimit.map { Swift.max(1, $0 - elapsed()) },
                                                            relativeGap: 0, presolve: true,
                                                            start: nil, verbose: options.verbose),
                                      progress: progress)
        guard first.primal == .feasiblePoint else {
            throw NoRotaError(termination: first.termination, rawStatus: "level 1: " + first.rawStatus,
                              reasons: first.termination == .infeasible ? InfeasibilityDiagnosis.reasons(scenario) : [])
        }
        let fallback = compiled.tightened(first.values)
        let fewest = fallback[index].rounded()

        // Level 2: everything else, with the number of changes held at its least.
        compiled.model.setBounds(changes, lower: 0, upper: fewest)
        let remaining = options.timeLimit.map { Swift.max(1, $0 - elapsed()) }
        let second = try backend.solve(compiled.model,
                                       options: SolveOptions(timeLimit: remaining, relativeGap: options.relativeGap, presolve: true,
                                                             start: fallback, verbose: options.verbose),
                                       progress: progress)
        let values = second.primal == .feasiblePoint ? compiled.tightened(second.values) : fallback
        let model = compiled.model
        let termination = first.termination == .optimal ? (second.primal == .feasiblePoint ? second.termination : .timeLimit) : first.termination
        let integers = model.integerVariableCount
        return RotaSolution(rota: compiled.rota(from: values), termination: termination, primal: .feasiblePoint,
                            objective: model.objectiveValue(of: values),
                            bound: first.termination == .optimal && second.primal == .feasiblePoint ? second.bound : nil,
                            costByRule: model.objectiveBreakdown(of: values).filter { $0.value != 0 },
                            time: elapsed(), rawStatus: rawPrefix + "level 1: \(first.rawStatus); level 2: \(second.rawStatus)",
                            modelSize: (model.variables.count, integers, model.rows.count))
    }
}

extension LinearModel {
    /// The same variables and rows with `variable` (coefficient 1) as the only objective term.
    func withObjective(only variable: VariableID, ruleID: String, coefficient: Double = 1) -> LinearModel {
        var copy = LinearModel(name: name, sense: sense)
        for v in variables {
            copy.addVariable(name: v.name, kind: v.kind, lower: v.lower, upper: v.upper, ruleID: v.ruleID)
        }
        for row in rows {
            copy.addRow(name: row.name, ruleID: row.ruleID, terms: row.terms, lower: row.lower, upper: row.upper)
        }
        if coefficient != 0 { copy.addObjective(variable, coefficient: coefficient, ruleID: ruleID) }
        return copy
    }
}
