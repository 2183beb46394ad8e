import ArgumentParser
import Foundation
import TobanKit

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Write a scenario's compiled model as CPLEX LP or free MPS, e.g. to solve it with another solver.",
        discussion: "With --curtois the input is a Curtois & Qu instance, imported as by `toban curtois`. Exit 2 on bad input."
    )

    @Argument(help: "The scenario file (YAML or JSON), or with --curtois an instance file.")
    var input: String

    @Option(name: .long, help: "Write the model in CPLEX LP format to this file.")
    var lp: String?

    @Option(name: .long, help: "Write the model in free MPS format to this file.")
    var mps: String?

    @Flag(name: .long, help: "Read the input as a Curtois & Qu instance.")
    var curtois = false

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE and/or --mps FILE") }
    }

    func run() throws {
        let scenario: Scenario
        if curtois {
            do {
                let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
                scenario = try CurtoisInstance.load(path: input).scenario(name: name, file: input)
            } catch {
                printError("toban: " + error.description)
                throw ExitCode(badInputExitCode)
            }
        } else {
            scenario = try loadScenarioOrExit(input)
        }
        let model = ModelCompiler.compile(scenario).model
        do {
            if let lp { try model.lpText().write(toFile: lp, atomically: true, encoding: .utf8) }
            if let mps { try model.mpsText().write(toFile: mps, atomically: true, encoding: .utf8) }
        } catch {
            printError("toban: cannot write the model: \(error)")
            throw ExitCode(1)
        }
        let integers = model.integerVariableCount
        print("\(scenario.name): \(model.variables.count) variables (\(integers) integer), \(model.rows.count) rows")
    }
}
