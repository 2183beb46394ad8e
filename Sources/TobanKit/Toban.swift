import Foundation
@_exported import TobanCheck
@_exported import TobanExport
@_exported import TobanMIP
@_exported import TobanModel
@_exported import TobanSolver

/// The result of a solve, re-checked by the independent checker.
public struct SolveReport: Sendable {
    /// The scenario solved.
    public var scenario: Scenario
    /// What the solver returned.
    public var solution: RotaSolution
    /// The checker's verdict on the rota.
    public var check: CheckReport
}

/// The checker disagrees with the solver: a defect in Toban, never expected.
///
/// Reported instead of a rota so that no one publishes a rota whose cost or feasibility two
/// independent evaluations do not agree on.
public struct CheckerDisagreementError: Error, Sendable, CustomStringConvertible {
    /// What differs.
    public var details: [String]
    public var description: String {
        "internal error: the checker disagrees with the solver (please report this):\n" + details.map { "  - " + $0 }.joined(separator: "\n")
    }
}

/// The public façade: load → validate → solve → check → export → what-if → re-plan → swap.
///
/// Every step is a static function; the types it returns are plain `Sendable` values. See the
/// DocC catalogue (`Sources/TobanKit/TobanKit.docc`) for a getting-started article.
public enum Toban {
    /// The version printed by `toban --version`.
    public static let version = "0.1.0"

    /// Loads and validates a scenario file (YAML or JSON).
    public static func loadScenario(path: String) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(path: path)
    }

    /// Loads a rota from `rota.csv` (as written by `toban solve`, or edited by hand).
    public static func loadRota(path: String) throws(ScenarioError) -> Rota {
        try RotaCSVReader.read(path: path)
    }

    /// Loads a variant file (see `docs/whatif.md`); apply it with ``Variant/applied(to:)``.
    public static func loadVariant(path: String) throws(ScenarioError) -> Variant {
        try VariantLoader.load(path: path)
    }

    /// Validates a scenario built in code; the loader already does this for files.
    public static func validate(_ scenario: Scenario, file: String = "<scenario>") throws(ScenarioError) {
        try scenario.validate(file: file)
    }

    /// Checks a rota against every rule of `scenario`, without solving.
    public static func check(_ rota: Rota, against scenario: Scenario) -> CheckReport {
        RotaChecker(scenario: scenario).check(rota)
    }

    /// Solves `scenario`, then has the checker re-evaluate the rota.
    ///
    /// A re-plan (``Scenario/replan`` with `changesFirst`) is solved in two levels, fewest
    /// changes first (see `docs/whatif.md`). Blocks the calling thread; from `async` code use
    /// ``solve(_:options:onProgress:)``, which can be cancelled.
    ///
    /// Throws ``NoRotaError`` when no rota exists or none was found in time, and
    /// ``CheckerDisagreementError`` when the checker finds a hard violation or a different cost.
    public static func solve(_ scenario: Scenario, options: RotaSolveOptions = RotaSolveOptions(),
                             progress: ProgressHandler? = nil) throws -> SolveReport {
        try scenario.validate()
        // Re-plans minimise changes before anything else (two levels); other scenarios solve once.
        let solution = try RotaSolver().solveRespectingPriorities(scenario, options: options, progress: progress)
        let check = RotaChecker(scenario: scenario).check(solution.rota)
        var details: [String] = []
        for v in check.violations { details.append("hard rule broken: \(v)") }
        if !Toban.sameCost(check.totalCost, solution.objective) {
            details.append("checker cost \(check.totalCost) ≠ solver objective \(solution.objective)")
        }
        let rules = Set(check.costByRule.keys).union(solution.costByRule.keys)
        for rule in rules.sorted() where !Toban.sameCost(check.costByRule[rule] ?? 0, solution.costByRule[rule] ?? 0) {
            details.append("\(rule): checker \(check.costByRule[rule] ?? 0), solver \(solution.costByRule[rule] ?? 0)")
        }
        if !details.isEmpty { throw CheckerDisagreementError(details: details) }
        return SolveReport(scenario: scenario, solution: solution, check: check)
    }

    /// Whether two costs agree up to floating-point summation noise.
    public static func sameCost(_ a: Double, _ b: Double) -> Bool {
        Swift.abs(a - b) <= 1e-6 * Swift.max(1, Swift.abs(a), Swift.abs(b))
    }
}
