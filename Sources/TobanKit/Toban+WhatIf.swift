import Foundation

/// The outcome of one scenario of a what-if comparison: the base or one variant.
public struct WhatIfResult: Sendable {
    /// `base` or the variant's name.
    public var name: String
    /// The variant's title, if it has one.
    public var title: String?
    /// The scenario solved (the base with the variant's changes applied).
    public var scenario: Scenario
    /// The solve, when a rota was produced.
    public var report: SolveReport?
    /// Why no rota was produced, when none was.
    public var failure: String?
    /// Per resource, how many of its duties differ from the base rota (lost + gained); empty for
    /// the base, and when either rota is missing.
    public var moved: [String: Int]

    /// Whether a rota obeying every hard rule was produced (it may still have named gaps).
    public var isFeasible: Bool { report?.check.isFeasible ?? false }

    /// The slots left open.
    public var gaps: [Gap] { report?.check.gaps ?? [] }

    /// The total number of moved duties against the base rota.
    public var movedTotal: Int { moved.values.reduce(0, +) }

    /// The spread of fairness: the largest minus the smallest `duties − fair target` over all
    /// resources (0 when everyone is exactly on target), nil without a rota.
    public var fairnessSpread: Double? {
        guard let tallies = report?.check.tallies, !tallies.isEmpty else { return nil }
        let deviations = tallies.map { Double($0.duties) - $0.target.target }
        guard let high = deviations.max(), let low = deviations.min() else { return nil }
        return high - low
    }
}

/// The base and its variants side by side: `comparison.csv` and the printed table.
public struct WhatIfComparison: Sendable {
    /// The base scenario's outcome.
    public var base: WhatIfResult
    /// Each variant's outcome, in the order given.
    public var variants: [WhatIfResult]

    /// The base first, then the variants.
    public var all: [WhatIfResult] { [base] + variants }

    /// The rule ids with a cost anywhere, in catalogue order (unknown ids last, sorted).
    public var costRules: [String] {
        let used = Set(all.flatMap { $0.report?.check.costByRule.keys.map { $0 } ?? [] })
        let known = RuleCatalogue.all.map(\.id).filter(used.contains)
        return known + used.subtracting(known).sorted()
    }

    /// Every resource of any scenario: the base's in order, then those added by variants, sorted.
    public var resourceIDs: [String] {
        let baseIDs = base.scenario.resources.map(\.id)
        let added = Set(variants.flatMap { $0.scenario.resources.map(\.id) }).subtracting(baseIDs)
        return baseIDs + added.sorted()
    }

    /// `comparison.csv`: one row per scenario; cost per rule and moved duties per resource as columns.
    public func csv() -> String {
        let rules = costRules, resources = resourceIDs
        var lines = [(["scenario", "title", "feasible", "termination", "objective", "duties", "gaps", "gap_slots",
                       "fairness_spread", "moved"] + rules.map { "cost:" + $0 } + resources.map { "moved:" + $0 })
            .map(WhatIfComparison.csvField).joined(separator: ",")]
        for result in all {
            let report = result.report
            let showMoves = result.name != base.name && report != nil && base.report != nil
            let objective = report.map { WhatIfComparison.number($0.check.totalCost) } ?? ""
            let duties = report.map { String($0.solution.rota.assignments.count) } ?? ""
            let missing = result.gaps.reduce(0) { $0 + $1.missing }
            let slots = result.gaps.map(\.slotKey).joined(separator: " ")
            let spread = result.fairnessSpread.map { String(format: "%.2f", $0) } ?? ""
            let termination = report?.solution.termination.rawValue ?? "no-rota"
            var fields: [String] = [result.name, result.title ?? "", result.isFeasible ? "yes" : "no", termination]
            fields += [objective, duties, String(missing), slots, spread, showMoves ? String(result.movedTotal) : ""]
            fields += rules.map { rule in report.map { WhatIfComparison.number($0.check.costByRule[rule] ?? 0) } ?? "" }
            fields += resources.map { id in showMoves ? String(result.moved[id] ?? 0) : "" }
            lines.append(fields.map(WhatIfComparison.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The printed table: one line per scenario, then per scenario its gaps, costs and moves.
    public func table() -> String {
        let rows = all.map { r -> [String] in
            let feasible = r.report == nil ? "no rota" : (r.isFeasible ? "yes" : "no")
            let missing = String(r.gaps.reduce(0) { $0 + $1.missing })
            let cost = r.report.map { WhatIfComparison.number($0.check.totalCost) } ?? "-"
            let spread = r.fairnessSpread.map { String(format: "%.2f", $0) } ?? "-"
            let moved = r.name == base.name || r.report == nil || base.report == nil ? "-" : String(r.movedTotal)
            return [r.name, feasible, missing, cost, spread, moved]
        }
        let header = ["scenario", "feasible", "gaps", "cost", "spread", "moved"]
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = [line(header)] + rows.map(line)
        for r in all {
            out.append("")
            out.append(r.name + (r.title.map { ": " + $0 } ?? ""))
            if let failure = r.failure {
                out.append("  NO ROTA  " + failure.replacingOccurrences(of: "\n", with: "\n  "))
                continue
            }
            for gap in r.gaps { out.append("  GAP    \(gap.date.iso) \(gap.dutyTypeID)\(gap.area.map { "@" + $0 } ?? ""): \(gap.missing) missing — \(gap.reason)") }
            for rule in costRules {
                if let cost = r.report?.check.costByRule[rule] { out.append("  cost   \(rule) \(WhatIfComparison.number(cost))") }
            }
            if r.name != base.name, base.report != nil {
                let moves = resourceIDs.compactMap { id in r.moved[id].map { "\(id) \($0)" } }
                out.append("  moved  " + (moves.isEmpty ? "none" : moves.joined(separator: ", ")))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Writes `comparison.csv` and each scenario's rota files into `directory/<name>/`
    /// (``RotaOutputs/write(_:to:options:)``); returns the paths written, relative to `directory`.
    public func write(to directory: String, options: RotaOutputs.Options = RotaOutputs.Options()) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var written: [String] = []
        for result in all {
            guard let report = result.report else { continue }
            written += try RotaOutputs.write(report, to: root.appendingPathComponent(result.name).path, options: options)
                .map { result.name + "/" + $0 }
        }
        try Data(csv().utf8).write(to: root.appendingPathComponent("comparison.csv"), options: .atomic)
        return ["comparison.csv"] + written
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.4f", v)
    }

    static func csvField(_ text: String) -> String {
        text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// Two variants share a name, so their folders would collide.
public struct DuplicateVariantError: Error, Sendable, CustomStringConvertible {
    /// The name used twice.
    public var name: String
    /// The files that use it.
    public var files: [String]
    public var description: String { "variants in \(files.joined(separator: " and ")) are both named '\(name)'; names must be unique" }
}

extension Toban {
    /// Solves `base` and every variant, at most `maxConcurrency` at a time, and compares them.
    ///
    /// Every variant is applied and validated before anything is solved (a bad variant throws
    /// ``ScenarioError`` naming its file and line). A scenario without a rota is a
    /// result, not an error: its ``WhatIfResult/failure`` says why. Solves run on their own
    /// threads (GLPK is thread-local), by default one per core.
    ///
    /// With `keepCloseToBase`, the base is solved first and every variant is then solved as a
    /// re-plan of the base rota from the horizon's first day: the fewest gaps first, then the
    /// fewest moved duties, then the rest (`S-STABILITY` at weight 0, so costs stay comparable
    /// with the base): "moved" then counts only what the variant forces.
    public static func whatIf(base: Scenario, variants: [Variant], options: RotaSolveOptions = RotaSolveOptions(),
                              maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                              keepCloseToBase: Bool = false) async throws -> WhatIfComparison {
        var seen: [String: String] = [:]
        for v in variants {
            if let other = seen[v.name] { throw DuplicateVariantError(name: v.name, files: [other, v.file]) }
            seen[v.name] = v.file
        }
        try base.validate()
        var scenarios: [(name: String, title: String?, scenario: Scenario)] = [("base", nil, base)]
        for v in variants { scenarios.append((v.name, v.title, try v.applied(to: base))) }

        let limit = Swift.max(1, maxConcurrency)
        var outcomes = [WhatIfResult?](repeating: nil, count: scenarios.count)
        if keepCloseToBase {
            let first = try await solveOutcome(name: "base", title: nil, scenario: base, options: options)
            outcomes[0] = first
            if let rota = first.report?.solution.rota {
                for k in scenarios.indices.dropFirst() {
                    var settings = ReplanSettings(published: rota, from: scenarios[k].scenario.horizon.start,
                                                  changeWeight: 0, changesFirst: true)
                    settings.coverageFirst = true  // a what-if should not buy closeness with open slots
                    scenarios[k].scenario.replan = settings
                    try scenarios[k].scenario.validate(file: variants[k - 1].file)
                }
            }
        }
        let pending = scenarios.indices.filter { outcomes[$0] == nil }
        try await withThrowingTaskGroup(of: (Int, WhatIfResult).self) { group in
            var next = 0
            func start() {
                let index = pending[next], item = scenarios[index]
                next += 1
                group.addTask {
                    (index, try await Toban.solveOutcome(name: item.name, title: item.title, scenario: item.scenario, options: options))
                }
            }
            while next < Swift.min(limit, pending.count) { start() }
            while let (index, result) = try await group.next() {
                outcomes[index] = result
                if next < pending.count { start() }
            }
        }
        let results = outcomes.compactMap { $0 }
        guard var baseResult = results.first else { throw CancellationError() }
        baseResult.moved = [:]
        let variantResults = results.dropFirst().map { result -> WhatIfResult in
            var r = result
            if let rota = r.report?.solution.rota, let baseRota = baseResult.report?.solution.rota {
                r.moved = rota.movedDuties(from: baseRota)
            }
            return r
        }
        return WhatIfComparison(base: baseResult, variants: Array(variantResults))
    }

    /// One scenario's outcome: its report, or why no rota exists.
    static func solveOutcome(name: String, title: String?, scenario: Scenario, options: RotaSolveOptions) async throws -> WhatIfResult {
        do {
            let report = try await Toban.solve(scenario, options: options)
            return WhatIfResult(name: name, title: title, scenario: scenario, report: report, failure: nil, moved: [:])
        } catch let error as NoRotaError {
            return WhatIfResult(name: name, title: title, scenario: scenario, report: nil, failure: error.description, moved: [:])
        }
    }
}
