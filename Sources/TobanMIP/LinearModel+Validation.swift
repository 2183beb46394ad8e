/// A defect in a ``LinearModel`` that would make a solver misbehave or (GLPK) abort the process.
public struct ModelDefect: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the variable or row.
    public let message: String
    /// Creates a defect.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Every defect found in a model, in model order.
public struct InvalidModelError: Error, Sendable, CustomStringConvertible {
    /// The defects; never empty.
    public let defects: [ModelDefect]
    /// Creates the error from a non-empty list of defects.
    public init(defects: [ModelDefect]) { self.defects = defects }
    public var description: String {
        let shown = defects.prefix(20).map { "  - \($0.message)" }.joined(separator: "\n")
        let more = defects.count > 20 ? "\n  … and \(defects.count - 20) more" : ""
        return "invalid linear model (\(defects.count) defect\(defects.count == 1 ? "" : "s")):\n\(shown)\(more)"
    }
}

extension LinearModel {
    /// The longest name GLPK accepts for a row or column.
    public static let maximumNameLength = 255

    /// Lists everything that GLPK would abort on or silently mishandle.
    ///
    /// Checked: names empty, too long, with spaces or control characters, or duplicated;
    /// NaN or infinite coefficients and constants; bounds that are NaN, inverted, or infinite
    /// on the wrong side; binaries with bounds other than `[0, 1]`; variable references out of
    /// range; the same variable twice in one row (GLPK aborts on duplicate matrix entries).
    public func defects() -> [ModelDefect] {
        var found: [ModelDefect] = []
        var names = Set<String>()
        func checkName(_ name: String, _ what: String) {
            if name.isEmpty {
                found.append(ModelDefect("\(what) has an empty name"))
            } else if name.utf8.count > LinearModel.maximumNameLength {
                found.append(ModelDefect("\(what) name '\(name.prefix(40))…' is longer than \(LinearModel.maximumNameLength) bytes"))
            } else if name.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 }) {
                found.append(ModelDefect("\(what) name '\(name)' contains a space or control character"))
            }
        }
        for (j, v) in variables.enumerated() {
            let what = "variable #\(j) '\(v.name)'"
            checkName(v.name, "variable #\(j)")
            if !names.insert("c:" + v.name).inserted { found.append(ModelDefect("\(what): duplicate variable name")) }
            if v.lower.isNaN || v.upper.isNaN {
                found.append(ModelDefect("\(what): bound is NaN"))
            } else {
                if v.lower == .infinity { found.append(ModelDefect("\(what): lower bound is +infinity")) }
                if v.upper == -.infinity { found.append(ModelDefect("\(what): upper bound is -infinity")) }
                if v.lower > v.upper { found.append(ModelDefect("\(what): lower bound \(v.lower) > upper bound \(v.upper)")) }
            }
            if v.kind == .binary && !(v.lower >= 0 && v.upper <= 1) {
                found.append(ModelDefect("\(what): binary with bounds [\(v.lower), \(v.upper)]"))
            }
        }
        for (i, row) in rows.enumerated() {
            let what = "row #\(i) '\(row.name)'"
            checkName(row.name, "row #\(i)")
            if !names.insert("r:" + row.name).inserted { found.append(ModelDefect("\(what): duplicate row name")) }
            if let lo = row.lower, !lo.isFinite { found.append(ModelDefect("\(what): lower side is \(lo)")) }
            if let hi = row.upper, !hi.isFinite { found.append(ModelDefect("\(what): upper side is \(hi)")) }
            if let lo = row.lower, let hi = row.upper, lo > hi {
                found.append(ModelDefect("\(what): lower side \(lo) > upper side \(hi)"))
            }
            var seen = Set<Int>()
            for term in row.terms {
                if !variables.indices.contains(term.variable.index) {
                    found.append(ModelDefect("\(what): refers to variable #\(term.variable.index), which does not exist"))
                } else if !seen.insert(term.variable.index).inserted {
                    found.append(ModelDefect("\(what): variable '\(variables[term.variable.index].name)' appears twice"))
                }
                if !term.coefficient.isFinite {
                    found.append(ModelDefect("\(what): coefficient \(term.coefficient)"))
                }
            }
        }
        for term in objectiveTerms {
            if !variables.indices.contains(term.variable.index) {
                found.append(ModelDefect("objective term of \(term.ruleID) refers to variable #\(term.variable.index), which does not exist"))
            }
            if !term.coefficient.isFinite {
                found.append(ModelDefect("objective term of \(term.ruleID): coefficient \(term.coefficient)"))
            }
        }
        for (rule, value) in objectiveConstants where !value.isFinite {
            found.append(ModelDefect("objective constant of \(rule) is \(value)"))
        }
        return found
    }

    /// Throws ``InvalidModelError`` when ``defects()`` finds anything.
    public func validate() throws(InvalidModelError) {
        let found = defects()
        if !found.isEmpty { throw InvalidModelError(defects: found) }
    }
}
