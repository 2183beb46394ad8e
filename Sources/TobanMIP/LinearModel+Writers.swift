extension LinearModel {
    /// The model in CPLEX LP format, readable by GLPK (`glp_read_lp`), HiGHS, CBC and others.
    ///
    /// Names are written as they are (``defects()`` rejects spaces and control characters);
    /// rows with both sides become two rows, `NAME_lo` and `NAME_hi`, because the LP format
    /// has no ranged rows. Lines are wrapped well under the 255-character limit of some readers.
    public func lpText() -> String {
        var out = "\\ Problem: \(name)\n\n"
        out += sense == .minimize ? "Minimize\n" : "Maximize\n"
        let c = aggregatedObjective()
        var objective: [String] = []
        for (j, coef) in c.enumerated() where coef != 0 {
            objective.append(LinearModel.term(coef, variables[j].name, first: objective.isEmpty))
        }
        // GLPK's LP reader takes no constant in the objective: it multiplies a column fixed at 1.
        let constant = objectiveConstant
        let constantColumn = LinearModel.uniqueName("obj_constant", avoiding: Set(variables.map(\.name)))
        if constant != 0 || objective.isEmpty {
            objective.append(LinearModel.term(constant, constantColumn, first: objective.isEmpty))
        }
        out += LinearModel.wrap(" obj:", objective) + "\n"
        out += "Subject To\n"
        for row in rows {
            let terms = row.terms.enumerated().map { k, t in
                LinearModel.term(t.coefficient, variables[t.variable.index].name, first: k == 0)
            }
            let body = terms.isEmpty ? ["0 \(variables.first?.name ?? "x")"] : terms
            switch (row.lower, row.upper) {
            case let (lo?, hi?) where lo == hi:
                out += LinearModel.wrap(" \(row.name):", body + ["=", LinearModel.number(lo)]) + "\n"
            case let (lo?, hi?):
                out += LinearModel.wrap(" \(row.name)_lo:", body + [">=", LinearModel.number(lo)]) + "\n"
                out += LinearModel.wrap(" \(row.name)_hi:", body + ["<=", LinearModel.number(hi)]) + "\n"
            case let (lo?, nil):
                out += LinearModel.wrap(" \(row.name):", body + [">=", LinearModel.number(lo)]) + "\n"
            case let (nil, hi?):
                out += LinearModel.wrap(" \(row.name):", body + ["<=", LinearModel.number(hi)]) + "\n"
            case (nil, nil):
                // A free row constrains nothing; LP has no syntax for it, so it is left out.
                continue
            }
        }
        out += "Bounds\n"
        if constant != 0 || objective.isEmpty { out += " \(constantColumn) = 1\n" }
        for v in variables where v.kind != .binary {
            switch (v.lower.isFinite, v.upper.isFinite) {
            case (true, true):
                out += v.lower == v.upper
                    ? " \(v.name) = \(LinearModel.number(v.lower))\n"
                    : " \(LinearModel.number(v.lower)) <= \(v.name) <= \(LinearModel.number(v.upper))\n"
            case (true, false):
                if v.lower != 0 { out += " \(v.name) >= \(LinearModel.number(v.lower))\n" }
            case (false, true):
                out += " -inf <= \(v.name) <= \(LinearModel.number(v.upper))\n"
            case (false, false):
                out += " \(v.name) free\n"
            }
        }
        let generals = variables.filter { $0.kind == .integer }.map(\.name)
        if !generals.isEmpty { out += LinearModel.wrap("Generals\n", generals) + "\n" }
        let binaries = variables.filter { $0.kind == .binary }.map(\.name)
        if !binaries.isEmpty { out += LinearModel.wrap("Binaries\n", binaries) + "\n" }
        out += "End\n"
        return out
    }

    /// The model in free MPS format, readable by GLPK (`glp_read_mps` with `GLP_MPS_FILE`), HiGHS and others.
    ///
    /// The objective row is `obj`. Its constant multiplies a column `obj_constant` fixed at 1,
    /// because readers disagree on the sign of an RHS entry for the objective (GLPK takes it
    /// as the constant, CPLEX and HiGHS as its negation). Integer columns sit between
    /// `MARKER` lines; binaries get `BV` bounds.
    public func mpsText() -> String {
        // GLPK's reader has no OBJSENSE section, so a maximisation is written as the
        // minimisation of the negated objective and says so in a comment.
        let flip: Double = sense == .maximize ? -1 : 1
        var out = "NAME \(name)\n"
        if sense == .maximize { out += "* objective negated: the model maximises\n" }
        out += "ROWS\n N obj\n"
        for row in rows {
            let type: String
            switch (row.lower, row.upper) {
            case let (lo?, hi?) where lo == hi: type = "E"
            case (_?, _?): type = "L"  // ranged: L with RANGES
            case (_?, nil): type = "G"
            case (nil, _?): type = "L"
            case (nil, nil): type = "N"
            }
            out += " \(type) \(row.name)\n"
        }
        // Column-major entries.
        var columns = [[(String, Double)]](repeating: [], count: variables.count)
        let c = aggregatedObjective()
        for (j, coef) in c.enumerated() where coef != 0 { columns[j].append(("obj", flip * coef)) }
        for row in rows {
            for t in row.terms where t.coefficient != 0 { columns[t.variable.index].append((row.name, t.coefficient)) }
        }
        let constant = objectiveConstant
        let constantColumn = LinearModel.uniqueName("obj_constant", avoiding: Set(variables.map(\.name)))
        out += "COLUMNS\n"
        if constant != 0 { out += " \(constantColumn) obj \(LinearModel.number(flip * constant))\n" }
        var inInteger = false
        var marker = 0
        for (j, v) in variables.enumerated() {
            let integer = v.kind != .continuous
            if integer != inInteger {
                out += " M\(marker) 'MARKER' \(integer ? "'INTORG'" : "'INTEND'")\n"
                marker += 1
                inInteger = integer
            }
            if columns[j].isEmpty {
                out += " \(v.name) obj 0\n"
            }
            for (rowName, value) in columns[j] {
                out += " \(v.name) \(rowName) \(LinearModel.number(value))\n"
            }
        }
        if inInteger { out += " M\(marker) 'MARKER' 'INTEND'\n" }
        out += "RHS\n"
        for row in rows {
            let rhs: Double?
            switch (row.lower, row.upper) {
            case let (_, hi?): rhs = hi
            case let (lo?, nil): rhs = lo
            case (nil, nil): rhs = nil
            }
            if let rhs, rhs != 0 { out += " RHS \(row.name) \(LinearModel.number(rhs))\n" }
        }
        let ranged = rows.filter { r in
            if let lo = r.lower, let hi = r.upper { return lo != hi }
            return false
        }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for r in ranged {
                if let lo = r.lower, let hi = r.upper { out += " RNG \(r.name) \(LinearModel.number(hi - lo))\n" }
            }
        }
        out += "BOUNDS\n"
        if constant != 0 { out += " FX BND \(constantColumn) 1\n" }
        for v in variables {
            if v.kind == .binary { out += " BV BND \(v.name)\n"; continue }
            switch (v.lower.isFinite, v.upper.isFinite) {
            case (true, true):
                if v.lower == v.upper {
                    out += " FX BND \(v.name) \(LinearModel.number(v.lower))\n"
                } else {
                    out += " LO BND \(v.name) \(LinearModel.number(v.lower))\n"
                    out += " UP BND \(v.name) \(LinearModel.number(v.upper))\n"
                }
            case (true, false):
                // MPS integer columns without bounds default to [0, 1] in some readers: be explicit.
                if v.lower != 0 || v.kind == .integer { out += " LO BND \(v.name) \(LinearModel.number(v.lower))\n" }
                if v.kind == .integer { out += " PL BND \(v.name)\n" }
            case (false, true):
                out += " MI BND \(v.name)\n UP BND \(v.name) \(LinearModel.number(v.upper))\n"
            case (false, false):
                out += " FR BND \(v.name)\n"
            }
        }
        out += "ENDATA\n"
        return out
    }

    /// A number as LP/MPS text: integers without a decimal point, others with full precision.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func uniqueName(_ base: String, avoiding taken: Set<String>) -> String {
        var name = base
        var k = 1
        while taken.contains(name) { name = "\(base)_\(k)"; k += 1 }
        return name
    }

    static func term(_ coefficient: Double, _ name: String?, first: Bool) -> String {
        let magnitude = Swift.abs(coefficient)
        let sign = coefficient < 0 ? "- " : (first ? "" : "+ ")
        guard let name else { return sign + number(magnitude) }
        return magnitude == 1 ? sign + name : sign + number(magnitude) + " " + name
    }

    static func wrap(_ head: String, _ tokens: [String]) -> String {
        var lines: [String] = []
        var line = head
        for token in tokens {
            if line.count + token.count + 1 > 200 {
                lines.append(line)
                line = "   "
            }
            line += " " + token
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
