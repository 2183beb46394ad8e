import ArgumentParser
import TobanKit

/// Checks and settings of options that several commands share, so that each is spelled once.
enum OptionChecks {
    /// The `--strategy` values: chosen by model size, one GLPK run, the neighbourhood search,
    /// or column generation.
    static let strategies = ["auto", "direct", "lns", "cg"]

    /// `--time-limit`: a finite number of seconds above 0 and at most 30 days, when given.
    static func validateTimeLimit(_ limit: Double?) throws {
        if let t = limit, !(t.isFinite && t > 0 && t <= 30 * 86_400) {
            throw ValidationError("--time-limit must be a number of seconds between 0 and 2592000, got \(t)")
        }
    }

    /// `--strategy` and `--threads`.
    static func validateSearch(strategy: String, threads: Int) throws {
        if !(1...64).contains(threads) { throw ValidationError("--threads must be between 1 and 64, got \(threads)") }
        if !strategies.contains(strategy) { throw ValidationError("--strategy must be auto, direct, lns or cg, got \(strategy)") }
    }

    /// `--glpk`: a list of GLPK features that ``MIPTuning/init(list:)`` understands.
    static func validateTuning(_ list: String) throws {
        if MIPTuning(list: list) == nil { throw ValidationError("--glpk: unknown feature in '\(list)'") }
    }

    /// `options` with the strategy and thread count chosen on the command line.
    static func applySearch(strategy: String, threads: Int, seed: UInt64 = 1, to options: inout RotaSolveOptions) {
        options.threads = threads
        switch strategy {
        case "lns": options.strategy = .largeNeighbourhood(LNSSettings(seed: seed))
        case "cg": options.strategy = .columnGeneration(ColumnGenerationSettings(lns: LNSSettings(seed: seed)))
        case "direct": options.strategy = .direct
        default: options.strategy = .automatic
        }
    }
}
