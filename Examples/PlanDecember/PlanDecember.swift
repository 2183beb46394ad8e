// toban-example: plan December for a small network using only TobanKit's public API.
//
//   swift run toban-example [SCENARIO.yaml] [OUT-DIR]
//
// The work happens in an `async` function: there Swift picks TobanKit's `async` overloads
// (in top-level code it would pick the synchronous ones).
//
// Loads a scenario (default: instances/ward-association-december.yaml), solves it with
// progress, checks and exports the rota, asks two what-ifs, re-plans after an absence and
// judges a swap. Every call below is documented in the TobanKit DocC catalogue.
import Foundation
import TobanKit

@main
struct PlanDecember {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        let scenarioPath = arguments.first ?? "instances/ward-association-december.yaml"
        let outDirectory = arguments.dropFirst().first ?? FileManager.default.temporaryDirectory.appendingPathComponent("toban-example").path

        do {
            // 1. Load and validate (every problem is listed with file, line and key path).
            let scenario = try Toban.loadScenario(path: scenarioPath)
            print("loaded \(scenario.name): \(scenario.resources.count) resources, \(scenario.slots().count) slots")

            // 2. Solve off the main task, with progress; cancelling the task would stop GLPK.
            let report = try await Toban.solve(scenario, options: RotaSolveOptions(timeLimit: 60), onProgress: { progress in
                if let incumbent = progress.incumbent { print(String(format: "  incumbent %.0f after %.2f s", incumbent, progress.elapsed)) }
            })
            print("solved: \(report.solution.termination.rawValue), cost \(report.check.totalCost), \(report.check.gaps.count) gaps")

            // 3. Check (the checker is independent of the solver) and export.
            let verdict = Toban.check(report.solution.rota, against: scenario)
            print("checker: \(verdict.isFeasible ? "every hard rule holds" : "\(verdict.violations.count) violations")")
            let files = try RotaOutputs.write(report, to: outDirectory + "/published", options: .fromEnvironment())
            print("wrote \(files.count) files to \(outDirectory)/published")

            // 4. What-if: the first physician away for ten days, and a cheaper fairness rule.
            let first = scenario.resources[0].id
            let start = scenario.horizon.start.adding(days: 9)
            let away = Variant(name: "\(first)-away", title: "\(first) away for ten days", changes: [
                VariantEntry(change: .away(resourceID: first, dates: DateRange(start: start, end: start.adding(days: 9)))),
            ])
            let relaxed = Variant(name: "relaxed-fairness", changes: [
                VariantEntry(change: .ruleWeight(ruleID: RuleID.fairDuties, dutyTypeID: nil, weight: 1)),
            ])
            let comparison = try await Toban.whatIf(base: scenario, variants: [away, relaxed])
            print(comparison.table())
            _ = try comparison.write(to: outDirectory + "/whatif")

            // 5. Re-plan from the 15th: whoever has the most duties in the next five days falls
            //    ill. Earlier days stay as published; as few duties as possible change hands.
            let from = scenario.horizon.start.adding(days: 14)
            let sick = DateRange(start: from, end: from.adding(days: 4))
            let counts = Dictionary(grouping: report.solution.rota.assignments.filter { sick.contains($0.date) }, by: \.resourceID)
            let ill = counts.keys.sorted().max { (counts[$0]?.count ?? 0) < (counts[$1]?.count ?? 0) } ?? first
            let replan = try await Toban.replan(scenario, published: report.solution.rota, from: from,
                                                unavailable: [ResourceAbsence(resourceID: ill, dates: sick)])
            print("re-plan from \(from.iso), \(ill) ill until \(sick.end.iso): \(replan.changeCount) change(s)")
            replan.changeLines().forEach { print("  " + $0) }
            _ = try replan.write(to: outDirectory + "/replan", publishedFolder: outDirectory + "/published")

            // 6. Swap: who could take the last duty of the re-planned rota, fairest first?
            if let duty = replan.report.solution.rota.assignments.last {
                let offer = SwapOffer(resourceID: duty.resourceID, date: duty.date, dutyTypeID: duty.dutyTypeID)
                let takers = try Toban.swapTakers(for: offer, in: replan.report.solution.rota, scenario: replan.report.scenario)
                print("takers for \(offer): " + takers.prefix(3).map { "\($0.takerID) (\($0.costChange >= 0 ? "+" : "")\($0.costChange))" }.joined(separator: ", "))
            }
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(2)
        } catch {
            FileHandle.standardError.write(Data("toban-example: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}
