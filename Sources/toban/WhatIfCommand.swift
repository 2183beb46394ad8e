import ArgumentParser
import Dispatch
import Foundation
import TobanKit

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Solve a scenario and variants of it side by side and compare them.",
        discussion: """
        Each VARIANT file names changes to BASE (see docs/whatif.md). Solves run concurrently, one per
        core. Writes DIR/comparison.csv, DIR/base/ and DIR/<variant-name>/ (the rota files of each) and
        prints a table: feasible or not, gaps, cost, fairness spread and duties moved against the base.
        Exits 0 when the comparison was written (a variant without a rota is a result), 2 on bad input.
        """
    )

    @Argument(help: "The base scenario file (YAML or JSON).")
    var base: String

    @Argument(help: "One or more variant files (YAML or JSON).")
    var variants: [String]

    @Option(name: .long, help: "The folder to write comparison.csv and the rota folders into.")
    var out: String

    @Option(name: .long, help: "Stop each solve after this many seconds and keep its best rota.")
    var timeLimit: Double?

    @Option(name: .long, help: "Solve at most this many scenarios at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Solve each variant as a re-plan of the base rota, moving as few duties as possible.")
    var keepClose = false

    func validate() throws {
        if variants.isEmpty { throw ValidationError("name at least one variant file") }
        try OptionChecks.validateTimeLimit(timeLimit)
        if let j = jobs, !(1...64).contains(j) { throw ValidationError("--jobs must be between 1 and 64, got \(j)") }
    }

    func run() throws {
        let scenario = try loadScenarioOrExit(base)
        var loaded: [Variant] = []
        var problems: [String] = []
        for path in variants {
            do {
                let variant = try Toban.loadVariant(path: path)
                if let named = variant.base, !WhatIfCommand.samePath(named, relativeTo: path, as: base) {
                    problems.append("toban: \(path): base: the variant is for '\(named)', not for \(base)")
                }
                loaded.append(variant)
            } catch {
                problems.append("toban: " + error.description)
            }
        }
        if !problems.isEmpty {
            problems.forEach(printError)
            throw ExitCode(badInputExitCode)
        }
        let options = RotaSolveOptions(timeLimit: timeLimit), variants = loaded, keepClose = keepClose
        let concurrency = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let comparison: WhatIfComparison
        do {
            comparison = try runBlocking { try await Toban.whatIf(base: scenario, variants: variants, options: options, maxConcurrency: concurrency, keepCloseToBase: keepClose) }
        } catch let error as ScenarioError {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        } catch let error as DuplicateVariantError {
            printError("toban: \(error)")
            throw ExitCode(badInputExitCode)
        } catch {
            printError("toban: \(error)")
            throw ExitCode(1)
        }
        do {
            _ = try comparison.write(to: out, options: .fromEnvironment())
        } catch {
            printError("toban: cannot write to \(out): \(error)")
            throw ExitCode(1)
        }
        print(comparison.table())
        print("")
        print("wrote \(out)/comparison.csv and \(comparison.all.filter { $0.report != nil }.count) rota folders")
    }

    /// Whether `named` (as written in the variant file at `variantPath`) is the file `base`.
    static func samePath(_ named: String, relativeTo variantPath: String, as base: String) -> Bool {
        let folder = URL(fileURLWithPath: variantPath).deletingLastPathComponent()
        let resolved = named.hasPrefix("/") ? URL(fileURLWithPath: named) : folder.appendingPathComponent(named)
        return resolved.standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: base).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Runs `operation` to completion from synchronous code (the command's `run`), rethrowing its error.
func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw CancellationError() }
    return try result.get()
}

/// Carries a result from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
