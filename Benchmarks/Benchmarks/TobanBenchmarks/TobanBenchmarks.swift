import Benchmark
import Foundation
import TobanKit

/// The repository root (this file is Benchmarks/Benchmarks/TobanBenchmarks/TobanBenchmarks.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The Curtois & Qu files, read at run time (never committed): `TOBAN_CURTOIS_DIR` or the shared copy.
let curtoisDirectory = ProcessInfo.processInfo.environment["TOBAN_CURTOIS_DIR"]
    ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/curtois").path

/// The bundled example scenarios.
func exampleScenarios() -> [(name: String, scenario: Scenario)] {
    let folder = repositoryRoot.appendingPathComponent("instances")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return files.compactMap { file in
        (try? Toban.loadScenario(path: folder.appendingPathComponent(file).path)).map { (String(file.dropLast(5)), $0) }
    }
}

/// Curtois instances 1–4 as scenarios, when the data is present.
func curtoisScenarios() -> [(name: String, scenario: Scenario)] {
    (1...4).compactMap { n in
        let path = curtoisDirectory + "/Instance\(n).txt"
        guard FileManager.default.fileExists(atPath: path),
              let scenario = try? CurtoisInstance.load(path: path).scenario(name: "Instance\(n)") else { return nil }
        return ("curtois-Instance\(n)", scenario)
    }
}

/// Each scenario's default solve, computed on first use by the check and export benchmarks
/// (outside their measurement) and kept: registering the benchmarks must stay cheap, since the
/// benchmark tool starts the executable again for every benchmark it runs.
final class SolvedReports: @unchecked Sendable {
    // Guarded by `lock`.
    private var reports: [String: SolveReport] = [:]
    private let lock = NSLock()

    func report(_ name: String, _ scenario: Scenario) throws -> SolveReport {
        lock.lock()
        defer { lock.unlock() }
        if let report = reports[name] { return report }
        let report = try Toban.solve(scenario)
        reports[name] = report
        return report
    }
}

let solvedReports = SolvedReports()

let benchmarks: @Sendable () -> Void = {
    let quick = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                        maxDuration: .seconds(5), maxIterations: 50)
    // Solves vary with the load and, for the time-limited ones, with what the search found in
    // time: their thresholds allow the relaxed 25 % at p50.
    let slow = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident],
                                       warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3,
                                       thresholds: [.wallClock: .relaxed, .peakMemoryResident: .relaxed])

    for (name, scenario) in exampleScenarios() {
        Benchmark("compile \(name)", configuration: quick) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(ModelCompiler.compile(scenario)) }
        }
        Benchmark("solve \(name)", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try Toban.solve(scenario)) }
        }
        Benchmark("check \(name)", configuration: quick) { benchmark in
            let report = try solvedReports.report(name, scenario)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(Toban.check(report.solution.rota, against: scenario)) }
        }
        Benchmark("export \(name)", configuration: quick) { benchmark in
            let report = try solvedReports.report(name, scenario)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toban-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try RotaOutputs.write(report, to: dir.path, options: RotaOutputs.Options(dtstamp: Date(timeIntervalSince1970: 0))))
            }
        }
    }

    for (name, scenario) in curtoisScenarios() {
        Benchmark("compile \(name)", configuration: quick) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(ModelCompiler.compile(scenario)) }
        }
        // A 60 s budget per run, as in the targets, with `toban curtois`'s default strategy;
        // Instance1–4 finish early when proved.
        Benchmark("solve \(name)", configuration: slow) { benchmark in
            var options = RotaSolveOptions(timeLimit: 60)
            options.strategy = .columnGeneration(ColumnGenerationSettings())
            options.threads = 2
            for _ in benchmark.scaledIterations { blackHole(try Toban.solve(scenario, options: options)) }
        }
    }
}
