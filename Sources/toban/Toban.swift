import ArgumentParser
import Foundation
import TobanKit

@main
struct TobanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toban",
        abstract: "Builds on-call rotas for home-care networks (当番表) with GLPK, checks and exports them.",
        version: Toban.version,
        subcommands: [SolveCommand.self, CheckCommand.self, HolidaysCommand.self, ExportCommand.self, WhatIfCommand.self,
                      ReplanCommand.self, SwapCommand.self, CurtoisCommand.self, ModelCommand.self]
    )
}

/// Prints `message` on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

/// Exit status for bad input (unreadable or invalid files); 1 is reserved for "the rota is not valid".
let badInputExitCode: Int32 = 2

/// Loads a scenario or exits with its problems listed.
func loadScenarioOrExit(_ path: String) throws -> Scenario {
    do {
        return try Toban.loadScenario(path: path)
    } catch {
        printError("toban: " + error.description)
        throw ExitCode(badInputExitCode)
    }
}
