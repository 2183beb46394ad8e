import ArgumentParser
import Foundation
import TobanKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Render a saved report.json again as iCalendar, CSV, HTML and/or JSON.",
        discussion: "Loads the scenario embedded in the report (toban solve saves its source text there), takes "
            + "the rota and gaps from the report and writes the chosen formats into DIR. A publication.json in DIR "
            + "is honoured, so events keep their UIDs and only changed duties get a higher SEQUENCE. "
            + "SOURCE_DATE_EPOCH sets DTSTAMP. Exits 0 on success, 2 on bad input, 1 when DIR cannot be written."
    )

    @Argument(help: "The report.json written by toban solve.")
    var result: String

    @Option(name: .long, help: "The formats: ics, csv, html, json or all (repeat or separate with commas; default all).")
    var format: [String] = []

    @Option(name: .long, help: "The folder to write into (created if missing).")
    var out: String

    @Flag(name: .long, help: "Write CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends.")
    var excel = false

    func formats() throws -> Set<ExportFormat> {
        var chosen: Set<ExportFormat> = []
        for word in format.flatMap({ $0.split(separator: ",") }) {
            let name = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = ExportFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; expected one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosen.insert(f)
        }
        return chosen.isEmpty ? [.all] : chosen
    }

    func validate() throws {
        _ = try formats()
    }

    func run() throws {
        let chosen = try formats()
        let written: [String]
        do {
            written = try RotaOutputs.export(reportAt: result, formats: chosen, to: out,
                                             options: .fromEnvironment(excelCompatible: excel))
        } catch {
            printError("toban: " + error.description)
            throw ExitCode(error.isOutputFailure ? 1 : badInputExitCode)
        }
        print("\(written.count) file\(written.count == 1 ? "" : "s") written to \(out)")
        for path in written { print("  " + path) }
    }
}

/// Loads a scenario with its source text (for `report.json`) or exits with its problems listed.
func loadScenarioSourceOrExit(_ path: String) throws -> (scenario: Scenario, source: ScenarioSource) {
    do {
        return try Toban.loadScenarioSource(path: path)
    } catch {
        printError("toban: " + error.description)
        throw ExitCode(badInputExitCode)
    }
}
