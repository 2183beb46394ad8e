import Foundation
import Testing

/// Every bundled scenario under `instances/` loads, solves through `toban solve`, writes its
/// files, and its `rota.csv` passes `toban check` at the cost the solve reported.
///
/// The two coupled districts (`district-30-physicians.yaml`, `district-60-physicians-3-months.yaml`)
/// are left out: they are benchmark-sized solves (seconds to minutes with plain GLPK), not unit tests.
@Suite("Bundled scenarios", .serialized)
struct BundledScenarioTests {
    static let small = [
        "hospital-beds-rota.yaml", "nurse-stations-night.yaml", "pediatric-network.yaml", "rural-adjacent-areas.yaml",
        "infeasible-new-year.yaml",
    ]

    @Test func everyBundledScenarioIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Toban.packageRoot.appendingPathComponent("instances").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let covered = Set(BundledScenarioTests.small + ["ward-association-december.yaml", "district-30-physicians.yaml",
                                                         "district-60-physicians-3-months.yaml"])
        #expect(Set(files).isSubset(of: covered), "unlisted: \(Set(files).subtracting(covered).sorted())")
    }

    @Test(arguments: small)
    func solvesAndPassesTheChecker(_ name: String) throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = "instances/\(name)"
        // A time limit keeps the suite bounded; a time-limited rota must pass the checker too.
        let solve = try Toban.run(["solve", path, "--out", dir.path, "--time-limit", "60"], environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(solve.stdout.contains("checker   all hard rules hold"), "\(solve.stdout)")
        for file in ["rota.csv", "rota.ics", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        let check = try Toban.run(["check", path, dir.appendingPathComponent("rota.csv").path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("OK: "), "\(check.stdout)")
        // The checker's cost of the written rota is the cost the solve reported.
        let solveCost = solve.stdout.components(separatedBy: "cost ").last?.components(separatedBy: " =").first
        let checkCost = check.stdout.components(separatedBy: ", cost ").last?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(solveCost != nil && solveCost == checkCost, "solve \(solveCost ?? "?"), check \(checkCost ?? "?")")
    }

    @Test func theInfeasibleNewYearNamesEveryUncoveredSlotAndWhy() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let solve = try Toban.run(["solve", "instances/infeasible-new-year.yaml", "--out", dir.path, "--time-limit", "60"])
        #expect(solve.status == 0, "\(solve.stderr)")
        for duty in ["holiday-day", "night-backup", "night-primary"] {
            #expect(solve.stdout.contains("2026-12-31 \(duty): 1 missing — all 5 eligible resources are unavailable on 2026-12-31"), "\(solve.stdout)")
        }
        #expect(solve.stdout.contains("3 gaps"), "\(solve.stdout)")
        let csv = try String(contentsOf: dir.appendingPathComponent("rota.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.hasPrefix("2026-12-31") && $0.hasSuffix(",gap") }.count == 3, "\(csv)")
    }
}
