import ArgumentParser
import Foundation
import TobanKit

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a scenario and write the rota files.",
        discussion: """
        Writes DIR/rota.csv, DIR/rota.ics, DIR/people/<resource-id>.ics and DIR/report.json.
        Progress (incumbent, bound, gap, elapsed) goes to standard error, a summary to standard output.
        Exits 0 when a rota was produced (even with named gaps), 1 when no rota exists or none was
        found in time, 2 on bad input.
        """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(name: .long, help: "The folder to write the rota files into (created if missing).")
    var out: String

    @Option(name: .long, help: "Stop after this many seconds and keep the best rota found.")
    var timeLimit: Double?

    @Option(name: .long, help: "Stop when the relative gap between rota and bound is at most this (e.g. 0.01).")
    var gap: Double = 0

    @Flag(name: .long, help: "Show GLPK's own log.")
    var verbose = false

    @Flag(name: .long, help: "Do not print progress lines on standard error.")
    var quiet = false

    @Flag(name: .long, help: "Add the solve time to report.json (which then differs between runs).")
    var reportTiming = false

    @Option(name: .long, help: "auto (the default: direct up to 8000 integer variables, else lns), direct (one GLPK branch-and-cut run), lns (neighbourhood search on sub-problems, then a proof run; for large scenarios; without --time-limit about 45 s) or cg (column generation per resource, then a dive, price-and-branch, branch-and-price and lns).")
    var strategy: String = "auto"

    @Option(name: .long, help: "Threads for the neighbourhood search's sub-problems (lns only).")
    var threads: Int = 2

    @Option(name: .long, help: "GLPK features, comma-separated: gmi, mir, cov, clq (cuts: all four), fix (the root fix-and-solve heuristic), none, fp, ps, br=ffv|lfv|mfv|dth|pch, bt=dfs|bfs|blb|bph. Default: cuts,fix.")
    var glpk: String = "cuts,fix"

    @Flag(name: .long, help: "Write the CSV files for Excel: UTF-8 with a byte-order mark and CRLF line ends.")
    var excel = false

    func validate() throws {
        try OptionChecks.validateTimeLimit(timeLimit)
        if !(gap.isFinite && gap >= 0 && gap < 1) {
            throw ValidationError("--gap must be at least 0 and below 1, got \(gap)")
        }
        try OptionChecks.validateSearch(strategy: strategy, threads: threads)
        try OptionChecks.validateTuning(glpk)
    }

    func run() throws {
        let (scenario, source) = try loadScenarioSourceOrExit(self.scenario)
        let progress = ProgressPrinter(enabled: !quiet)
        let report: SolveReport
        do {
            var options = RotaSolveOptions(timeLimit: timeLimit, relativeGap: gap, verbose: verbose)
            OptionChecks.applySearch(strategy: strategy, threads: threads, to: &options)
            options.tuning = MIPTuning(list: glpk) ?? .rotaDefault
            report = try Toban.solve(scenario, options: options, progress: { progress.show($0) })
        } catch let error as NoRotaError {
            printError("toban: \(self.scenario): \(error)")
            throw ExitCode(1)
        } catch let error as ScenarioError {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        } catch {
            printError("toban: \(self.scenario): \(error)")
            throw ExitCode(1)
        }
        let written: [String]
        do {
            written = try RotaOutputs.write(report, to: out, options: .fromEnvironment(reportTiming: reportTiming, excelCompatible: excel, scenarioSource: source))
        } catch {
            printError("toban: cannot write to \(out): \(error)")
            throw ExitCode(1)
        }
        print(Summary.text(report, files: written))
    }
}

/// Prints progress lines on standard error, at most about once a second and when something changed.
final class ProgressPrinter: @unchecked Sendable {
    // Only touched from the solving thread (GLPK's callback runs on it).
    private var last: (Double?, Double?) = (nil, nil)
    private var lastTime = -10.0
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: SolveProgress) {
        guard enabled else { return }
        let changed = p.incumbent != last.0 || p.bound != last.1
        guard (changed && p.elapsed - lastTime >= 0.5) || p.elapsed - lastTime >= 5 else { return }
        last = (p.incumbent, p.bound)
        lastTime = p.elapsed
        func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "-" }
        let gap = p.relativeGap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
        printError(String(format: "incumbent %@  bound %@  gap %@  elapsed %.1fs", f(p.incumbent), f(p.bound), gap, p.elapsed))
    }
}

enum Summary {
    static func text(_ report: SolveReport, files: [String]) -> String {
        let s = report.solution
        var lines: [String] = []
        lines.append("\(report.scenario.name)")
        lines.append("  horizon   \(report.scenario.horizon.start.iso) … \(report.scenario.horizon.end.iso)")
        let bound = s.bound.map { String(format: "%.2f", $0) } ?? "-"
        lines.append("  status    \(s.termination.rawValue) (objective \(format(s.objective)), bound \(bound), \(String(format: "%.2f", s.time)) s)")
        lines.append("  rota      \(s.rota.assignments.count) duties, \(report.check.gaps.count) gap\(report.check.gaps.count == 1 ? "" : "s")")
        for gap in report.check.gaps {
            lines.append("  GAP       \(gap.date.iso) \(gap.dutyTypeID)\(gap.area.map { "@" + $0 } ?? ""): \(gap.missing) missing — \(gap.reason)")
        }
        for (rule, cost) in report.check.costByRule.sorted(by: { $0.key < $1.key }) {
            lines.append("  cost      \(rule) \(format(cost))")
        }
        lines.append("  checker   \(report.check.isFeasible ? "all hard rules hold" : "\(report.check.violations.count) violations"); cost \(format(report.check.totalCost)) = objective")
        let folders = Set(files.compactMap { $0.split(separator: "/").count > 1 ? String($0.split(separator: "/")[0]) + "/" : nil })
        lines.append("  files     \(files.count) written: \((files.filter { !$0.contains("/") } + folders.sorted()).joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.4f", v)
    }
}
