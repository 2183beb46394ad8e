/// A solver-neutral mixed-integer linear model.
///
/// Variables, rows and objective terms carry names and the id of the rule that created them,
/// so that a solution can be explained rule by rule and the model can be written as CPLEX LP
/// or free MPS for any other solver. Nothing here calls a solver: see ``MIPSolver``.
public struct LinearModel: Sendable {
    /// The name of the model, used in LP/MPS headers.
    public var name: String
    /// Whether the objective is minimised or maximised.
    public var sense: ObjectiveSense
    /// The variables, indexed by ``VariableID/index``.
    public private(set) var variables: [Variable] = []
    /// The rows (linear constraints).
    public private(set) var rows: [Row] = []

    /// How many variables are integer or binary.
    public var integerVariableCount: Int { variables.reduce(0) { $0 + ($1.kind == .continuous ? 0 : 1) } }
    /// The objective terms, each tagged with the rule that contributes it.
    public private(set) var objectiveTerms: [ObjectiveTerm] = []
    /// A constant added to the objective, tagged with its rule id.
    public private(set) var objectiveConstants: [String: Double] = [:]

    /// Creates an empty model.
    public init(name: String = "toban", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// Adds a variable and returns its id.
    ///
    /// Bounds may be infinite (`-.infinity` / `.infinity`); binaries are always `[0, 1]`.
    @discardableResult
    public mutating func addVariable(
        name: String, kind: VariableKind, lower: Double = 0, upper: Double = .infinity, ruleID: String
    ) -> VariableID {
        let id = VariableID(index: variables.count)
        let bounds: (Double, Double) = kind == .binary ? (0, 1) : (lower, upper)
        variables.append(Variable(name: name, kind: kind, lower: bounds.0, upper: bounds.1, ruleID: ruleID))
        return id
    }

    /// Adds a row `lower ≤ Σ coefficient·variable ≤ upper`; use nil for an open side.
    @discardableResult
    public mutating func addRow(
        name: String, ruleID: String, terms: [LinearTerm], lower: Double? = nil, upper: Double? = nil
    ) -> RowID {
        let id = RowID(index: rows.count)
        rows.append(Row(name: name, ruleID: ruleID, terms: terms, lower: lower, upper: upper))
        return id
    }

    /// Adds `coefficient · variable` to the objective on behalf of `ruleID`.
    public mutating func addObjective(_ variable: VariableID, coefficient: Double, ruleID: String) {
        objectiveTerms.append(ObjectiveTerm(variable: variable, coefficient: coefficient, ruleID: ruleID))
    }

    /// Adds a constant to the objective on behalf of `ruleID`.
    public mutating func addObjectiveConstant(_ value: Double, ruleID: String) {
        objectiveConstants[ruleID, default: 0] += value
    }

    /// Changes a variable's bounds (e.g. to fix it); binaries keep their kind.
    public mutating func setBounds(_ variable: VariableID, lower: Double, upper: Double) {
        variables[variable.index].lower = lower
        variables[variable.index].upper = upper
    }

    /// The objective coefficient of every variable, summing the terms of all rules.
    public func aggregatedObjective() -> [Double] {
        var c = [Double](repeating: 0, count: variables.count)
        for term in objectiveTerms where variables.indices.contains(term.variable.index) {
            c[term.variable.index] += term.coefficient
        }
        return c
    }

    /// The sum of all objective constants.
    public var objectiveConstant: Double {
        objectiveConstants.keys.sorted().reduce(0) { $0 + (objectiveConstants[$1] ?? 0) }
    }

    /// The objective value of `values` (one per variable).
    public func objectiveValue(of values: [Double]) -> Double {
        objectiveBreakdown(of: values).values.reduce(0, +)
    }

    /// The objective value of `values`, broken down by rule id.
    public func objectiveBreakdown(of values: [Double]) -> [String: Double] {
        var result = objectiveConstants
        for term in objectiveTerms where values.indices.contains(term.variable.index) {
            result[term.ruleID, default: 0] += term.coefficient * values[term.variable.index]
        }
        return result
    }

    /// The rows that `values` violates by more than `tolerance`, and variables out of bounds
    /// or not integral; empty when `values` is a feasible point.
    public func infeasibilities(of values: [Double], tolerance: Double = 1e-6) -> [String] {
        guard values.count == variables.count else {
            return ["expected \(variables.count) values, got \(values.count)"]
        }
        var problems: [String] = []
        for (j, v) in variables.enumerated() {
            let x = values[j]
            if !x.isFinite { problems.append("variable \(v.name) is \(x)"); continue }
            if x < v.lower - tolerance || x > v.upper + tolerance {
                problems.append("variable \(v.name) = \(x) outside [\(v.lower), \(v.upper)]")
            }
            if v.kind != .continuous && abs(x - x.rounded()) > tolerance {
                problems.append("variable \(v.name) = \(x) is not integral")
            }
        }
        for r in violatedRows(of: values, tolerance: tolerance) {
            let row = rows[r]
            let activity = activity(of: row, at: values)
            if let lo = row.lower, activity < lo - tolerance {
                problems.append("row \(row.name) activity \(activity) < \(lo)")
            } else if let hi = row.upper {
                problems.append("row \(row.name) activity \(activity) > \(hi)")
            }
        }
        return problems
    }

    /// The indices of the rows whose activity at `values` (one per variable) lies outside
    /// their bounds by more than `tolerance`, in row order.
    ///
    /// Variable bounds and integrality are not looked at: see ``infeasibilities(of:tolerance:)``.
    public func violatedRows(of values: [Double], tolerance: Double = 1e-6) -> [Int] {
        guard values.count == variables.count else { return Array(rows.indices) }
        return rows.indices.filter { r in
            let row = rows[r]
            let activity = activity(of: row, at: values)
            return (row.lower.map { activity < $0 - tolerance } ?? false) || (row.upper.map { activity > $0 + tolerance } ?? false)
        }
    }

    /// The row's activity, Σ coefficient × value over its terms.
    private func activity(of row: Row, at values: [Double]) -> Double {
        row.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize, maximize
}

/// The domain of a variable.
public enum VariableKind: String, Sendable, Codable {
    case binary, integer, continuous
}

/// The position of a variable in its ``LinearModel``.
public struct VariableID: Hashable, Sendable, Comparable {
    /// Zero-based index into ``LinearModel/variables``.
    public let index: Int
    /// Creates an id for the variable at `index`.
    public init(index: Int) { self.index = index }
    public static func < (a: VariableID, b: VariableID) -> Bool { a.index < b.index }
}

/// The position of a row in its ``LinearModel``.
public struct RowID: Hashable, Sendable {
    /// Zero-based index into ``LinearModel/rows``.
    public let index: Int
}

/// One decision variable.
public struct Variable: Sendable {
    /// The variable's name, unique in the model (used by LP/MPS writers and GLPK).
    public var name: String
    /// Binary, integer or continuous.
    public var kind: VariableKind
    /// The lower bound; may be `-.infinity`.
    public var lower: Double
    /// The upper bound; may be `.infinity`.
    public var upper: Double
    /// The id of the rule that created the variable.
    public var ruleID: String
}

/// `coefficient · variable`.
public struct LinearTerm: Sendable, Hashable {
    /// The variable.
    public var variable: VariableID
    /// Its coefficient.
    public var coefficient: Double
    /// Creates a term.
    public init(_ variable: VariableID, _ coefficient: Double = 1) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// A linear constraint `lower ≤ Σ terms ≤ upper`.
public struct Row: Sendable {
    /// The row's name, unique in the model; starts with the rule id by convention.
    public var name: String
    /// The id of the rule this row expresses.
    public var ruleID: String
    /// The terms; each variable at most once.
    public var terms: [LinearTerm]
    /// The lower side, nil when open.
    public var lower: Double?
    /// The upper side, nil when open.
    public var upper: Double?
}

/// One contribution to the objective.
public struct ObjectiveTerm: Sendable {
    /// The variable.
    public var variable: VariableID
    /// Its coefficient.
    public var coefficient: Double
    /// The rule whose cost this term counts.
    public var ruleID: String
}
