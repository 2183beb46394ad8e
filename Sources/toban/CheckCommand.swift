import ArgumentParser
import Foundation
import TobanKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a rota (e.g. after a hand-made swap) against every rule, without solving.",
        discussion: "Exits 0 when every hard rule holds, 1 when not (each violation listed), 2 on bad input."
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Argument(help: "The rota CSV (as written by toban solve; needs date, duty and resource columns).")
    var rota: String

    @Flag(name: .long, help: "Print messages in Japanese.")
    var japanese = false

    func run() throws {
        let scenario = try loadScenarioOrExit(self.scenario)
        let rota: Rota
        do {
            rota = try RotaCSVReader.read(path: self.rota)
        } catch {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        }
        let report = Toban.check(rota, against: scenario)
        for v in report.violations {
            print("VIOLATION [\(v.ruleID)] \(japanese ? v.japaneseMessage : v.message)")
        }
        for gap in report.gaps {
            print("GAP \(gap.date.iso) \(gap.dutyTypeID)\(gap.area.map { "@" + $0 } ?? ""): \(gap.missing) missing — \(gap.reason)")
        }
        for c in report.costs {
            print("COST [\(c.ruleID)] \(Summary.format(c.amount)): \(japanese ? c.japaneseMessage : c.message)")
        }
        print("\(report.isFeasible ? "OK" : "INVALID"): \(rota.assignments.count) duties, \(report.violations.count) violations, \(report.gaps.count) gaps, cost \(Summary.format(report.totalCost))")
        if !report.isFeasible { throw ExitCode(1) }
    }
}
