import ArgumentParser
import Foundation
import TobanKit

struct SwapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swap",
        abstract: "Check a proposed swap against every rule, or list who could take a duty.",
        discussion: """
        With --to: says whether handing the duty to that resource keeps every hard rule, lists the
        violations and the cost change; exits 0 when allowed, 1 when not. With --out DIR as well,
        an allowed swap's rota files are written there (SEQUENCE raised only on changed events). Without --to: lists every
        resource that could take the duty without breaking a hard rule, cheapest (fairest) first;
        exits 0 when someone can, 1 when no one can. Exits 2 on bad input.
        """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Argument(help: "The rota CSV (as written by toban solve).")
    var rota: String

    @Option(name: .long, help: "The duty to hand over: ID:DATE:DUTY, e.g. sato:2026-12-20:night-primary.")
    var give: String

    @Option(name: .long, help: "Who would take it; leave out to list every eligible taker.")
    var to: String?

    @Option(name: .long, help: "With --to and an allowed swap: write the swapped rota's files into this folder.")
    var out: String?

    @Flag(name: .long, help: "Print messages in Japanese.")
    var japanese = false

    func validate() throws {
        if SwapOffer(argument: give) == nil { throw ValidationError("--give must be ID:DATE:DUTY, got '\(give)'") }
        if out != nil && to == nil { throw ValidationError("--out needs --to (the swap to write)") }
    }

    func run() throws {
        let scenario = try loadScenarioOrExit(self.scenario)
        guard let offer = SwapOffer(argument: give) else { throw ExitCode(badInputExitCode) }
        let rota: Rota
        do {
            rota = try Toban.loadRota(path: self.rota)
        } catch {
            printError("toban: " + error.description)
            throw ExitCode(badInputExitCode)
        }
        do {
            if let to {
                let verdict = try Toban.swap(offer, to: to, in: rota, scenario: scenario)
                print("\(verdict.isAllowed ? "ALLOWED" : "NOT ALLOWED"): \(offer.resourceID) → \(to), \(offer.date.iso) \(offer.dutyTypeID); cost change \(SwapCommand.signed(verdict.costChange))")
                for v in verdict.violations {
                    let new = verdict.newViolations.contains(v) ? "" : " (already before the swap)"
                    print("VIOLATION [\(v.ruleID)] \(japanese ? v.japaneseMessage : v.message)\(new)")
                }
                for (rule, change) in verdict.costChangeByRule.sorted(by: { $0.key < $1.key }) {
                    print("COST [\(rule)] \(SwapCommand.signed(change))")
                }
                if !verdict.isAllowed { throw ExitCode(1) }
                if let out {
                    do {
                        let files = try verdict.write(to: out, scenario: scenario,
                                                      publishedFolder: URL(fileURLWithPath: self.rota).deletingLastPathComponent().path,
                                                      options: .fromEnvironment())
                        print("wrote \(files.count) files to \(out)")
                    } catch {
                        printError("toban: cannot write to \(out): \(error)")
                        throw ExitCode(1)
                    }
                }
            } else {
                let takers = try Toban.swapTakers(for: offer, in: rota, scenario: scenario)
                if takers.isEmpty {
                    print("NO TAKER: no resource can take \(offer.date.iso) \(offer.dutyTypeID) from \(offer.resourceID) without breaking a hard rule")
                    let before = Toban.check(rota, against: scenario)
                    if !before.isFeasible { print("note: the rota already breaks \(before.violations.count) hard rule(s) before the swap") }
                    throw ExitCode(1)
                }
                print("rank,taker,name,cost_change,by_rule")
                for (i, t) in takers.enumerated() {
                    let name = scenario.resource(t.takerID)?.name ?? ""
                    let byRule = t.costChangeByRule.sorted { $0.key < $1.key }.map { "\($0.key) \(SwapCommand.signed($0.value))" }.joined(separator: "; ")
                    print("\(i + 1),\(t.takerID),\(name),\(SwapCommand.signed(t.costChange)),\(byRule)")
                }
            }
        } catch let error as SwapError {
            printError("toban: \(self.rota): \(error)")
            throw ExitCode(badInputExitCode)
        }
    }

    static func signed(_ v: Double) -> String {
        let text = Summary.format(Swift.abs(v))
        return v > 0 ? "+" + text : v < 0 ? "-" + text : "0"
    }
}
