import ArgumentParser
import Foundation
import TobanKit

struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Re-plan a published rota from a date on, changing as few duties as possible.",
        discussion: """
        Days before --from stay exactly as published (H-FROZEN); from --from on the rota is re-solved
        with the new facts, the number of changed duties minimised before anything else (S-STABILITY).
        Writes the new rota files and DIR/changes.csv (date,duty,lost,gained) and lists every change.
        Calendars raise SEQUENCE only on changed events (publication.json in DIR, else next to the
        published rota, else rebuilt from it). Exits 0 with a rota, 1 when none exists, 2 on bad input.
        """
    )

    @Argument(help: "The scenario file (YAML or JSON) the published rota was made for.")
    var scenario: String

    @Option(name: .long, help: "The published rota (rota.csv as written by toban solve).")
    var published: String

    @Option(name: .long, help: "The first date that may change (YYYY-MM-DD).")
    var from: String

    @Option(name: .long, help: "A new absence, ID:DATE..DATE or ID:DATE (repeatable).")
    var unavailable: [String] = []

    @Option(name: .long, help: "The folder to write the new rota files into.")
    var out: String

    @Option(name: .long, help: "The cost of one change, as reported (S-STABILITY).")
    var weight: Double = ReplanSettings.defaultChangeWeight

    @Option(name: .long, help: "Stop after this many seconds and keep the best rota found.")
    var timeLimit: Double?

    @Flag(name: .long, help: "Fill coverage gaps before minimising changes (never leave a slot open to save a change).")
    var coverFirst = false

    @Flag(name: .long, help: "Do not print progress lines on standard error.")
    var quiet = false

    func validate() throws {
        if CivilDate(iso: from) == nil { throw ValidationError("--from must be a date YYYY-MM-DD, got '\(from)'") }
        for u in unavailable where ResourceAbsence(argument: u) == nil {
            throw ValidationError("--unavailable must be ID:DATE..DATE or ID:DATE, got '\(u)'")
        }
        if !(weight.isFinite && weight >= 0 && weight <= 1e9) { throw ValidationError("--weight must be between 0 and 1e9, got \(weight)") }
        try OptionChecks.validateTimeLimit(timeLimit)
    }

    func run() throws {
        let scenario = try loadScenarioOrExit(self.scenario)
        guard let from = CivilDate(iso: from) else { throw ExitCode(badInputExitCode) }
        let rota: Rota
        do {
            rota = try Toban.loadRota(path: published)
        } catch {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        }
        let progress = ProgressPrinter(enabled: !quiet)
        let result: ReplanResult
        do {
            result = try Toban.replan(scenario, published: rota, from: from, unavailable: unavailable.compactMap(ResourceAbsence.init(argument:)),
                                      changeWeight: weight, coverageFirst: coverFirst, options: RotaSolveOptions(timeLimit: timeLimit), progress: { progress.show($0) })
        } catch let error as ScenarioError {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        } catch let error as NoRotaError {
            printError("toban: \(self.scenario): \(error)")
            throw ExitCode(1)
        } catch {
            printError("toban: \(self.scenario): \(error)")
            throw ExitCode(1)
        }
        let written: [String]
        do {
            written = try result.write(to: out, publishedFolder: URL(fileURLWithPath: published).deletingLastPathComponent().path,
                                       options: .fromEnvironment())
        } catch {
            printError("toban: cannot write to \(out): \(error)")
            throw ExitCode(1)
        }
        for note in result.notes { print("NOTE    " + note) }
        for line in result.changeLines() { print("CHANGE  " + line) }
        print("\(result.changeCount) change\(result.changeCount == 1 ? "" : "s") in \(result.changes.count) slot\(result.changes.count == 1 ? "" : "s") from \(from.iso) on")
        print(Summary.text(result.report, files: written))
    }
}
