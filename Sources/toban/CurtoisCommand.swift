import ArgumentParser
import Foundation
import TobanKit

struct CurtoisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curtois",
        abstract: "Import a Curtois & Qu benchmark instance into the scenario model, solve it and write the roster.",
        discussion: """
        Writes DIR/roster.csv (staff,day,shift with 0-based days) and prints one JSON line with
        instance, status, objective, bound, gap, best_known, checker_cost, curtois_objective and
        time_s. The roster goes through the same pipeline as any scenario (compile, GLPK, decode,
        checker); the checker's cost and the benchmark's own objective must both equal the
        solver's objective, or the command fails with exit 1. Exit 2 on a malformed instance.
        """
    )

    @Argument(help: "The instance file, e.g. Instance1.txt.")
    var instance: String

    @Option(name: .long, help: "The folder to write roster.csv into (created if missing).")
    var out: String

    @Option(name: .long, help: "Stop after this many seconds and keep the best roster found.")
    var timeLimit: Double?

    @Option(name: .long, help: "Threads for the neighbourhood search's sub-problems.")
    var threads: Int = 2

    @Option(name: .long, help: "cg (the default: column generation per staff member, a dive, price-and-branch, branch-and-price, then lns), lns (neighbourhood search, then a proof run), direct (one GLPK branch-and-cut run) or auto.")
    var strategy: String = "cg"

    @Option(name: .long, help: "Seed of the neighbourhood search.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "GLPK features, comma-separated: gmi, mir, cov, clq (or cuts for all four), fp, ps, fix (the root fix-and-solve heuristic), br=ffv|lfv|mfv|dth|pch, bt=dfs|bfs|blb|bph.")
    var glpk: String = ""

    @Option(name: .long, help: "Also write the compiled model as free MPS to this file.")
    var writeMps: String?

    @Option(name: .long, help: "best_known.csv to compare with (default: the one next to the instance).")
    var bestKnown: String?

    @Flag(name: .long, help: "Show GLPK's own log.")
    var verbose = false

    @Flag(name: .long, help: "Do not print progress lines on standard error.")
    var quiet = false

    func validate() throws {
        try OptionChecks.validateTimeLimit(timeLimit)
        try OptionChecks.validateSearch(strategy: strategy, threads: threads)
        try OptionChecks.validateTuning(glpk)
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let parsed: CurtoisInstance
        let scenario: Scenario
        let name = URL(fileURLWithPath: instance).deletingPathExtension().lastPathComponent
        do {
            parsed = try CurtoisInstance.load(path: instance)
            scenario = try parsed.scenario(name: name, file: instance)
        } catch {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        }
        if let writeMps {
            do {
                try ModelCompiler.compile(scenario).model.mpsText().write(toFile: writeMps, atomically: true, encoding: .utf8)
            } catch {
                printError("toban: cannot write \(writeMps): \(error)")
                throw ExitCode(1)
            }
        }
        var options = RotaSolveOptions(timeLimit: timeLimit, relativeGap: 0, verbose: verbose)
        options.tuning = MIPTuning(list: glpk) ?? MIPTuning()
        OptionChecks.applySearch(strategy: strategy, threads: threads, seed: seed, to: &options)
        let progress = ProgressPrinter(enabled: !quiet)
        let report: SolveReport
        do {
            report = try Toban.solve(scenario, options: options, progress: { progress.show($0) })
        } catch {
            printError("toban: \(instance): \(error)")
            throw ExitCode(1)
        }
        let solution = report.solution
        let curtoisObjective = parsed.objective(of: CurtoisInstance.roster(solution.rota))
        guard Toban.sameCost(Double(curtoisObjective), solution.objective) else {
            printError("toban: internal error: the benchmark's objective \(curtoisObjective) ≠ solver objective \(solution.objective) (please report this)")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let csv = CurtoisInstance.rosterCSV(solution.rota, staffOrder: parsed.staff.map(\.id))
            try csv.write(toFile: (out as NSString).appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        } catch {
            printError("toban: cannot write to \(out): \(error)")
            throw ExitCode(1)
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let known = bestKnownValue(name: name)
        func number(_ v: Double?) -> String {
            guard let v else { return "null" }
            return v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.6g", v)
        }
        let gap = solution.bound.map { b in Swift.abs(solution.objective - b) / Swift.max(Swift.abs(solution.objective), 1e-10) }
        let fields: [(String, String)] = [
            ("instance", "\"\(name)\""),
            ("status", "\"\(solution.termination.rawValue)\""),
            ("objective", number(solution.objective)),
            ("bound", number(solution.bound.map { ($0 - 1e-6).rounded(.up) })),
            ("gap", gap.map { String(format: "%.6f", $0) } ?? "null"),
            ("best_known", number(known)),
            ("checker_cost", number(report.check.totalCost)),
            ("curtois_objective", String(curtoisObjective)),
            ("strategy", "\"\(strategy)\""),
            ("threads", String(threads)),
            ("time_s", String(format: "%.3f", seconds)),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    /// The best-known objective of `name` from best_known.csv, if the file and the row exist.
    func bestKnownValue(name: String) -> Double? {
        let path = bestKnown ?? (URL(fileURLWithPath: instance).deletingLastPathComponent().appendingPathComponent("best_known.csv").path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map(String.init),
              let column = header.firstIndex(of: "best_known_objective") else { return nil }
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.first.map(String.init) == name, fields.count > column { return Double(fields[column]) }
        }
        return nil
    }
}
