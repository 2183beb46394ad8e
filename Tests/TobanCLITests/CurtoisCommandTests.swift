import Foundation
import Testing

/// The benchmark files, or nil when this machine does not have them.
let curtoisDirectory: String? = {
    let path = ProcessInfo.processInfo.environment["TOBAN_CURTOIS_DIR"] ?? "/work/shared/benchmarks/curtois"
    return FileManager.default.fileExists(atPath: path + "/Instance1.txt") ? path : nil
}()

/// Runs `scripts/curtois_eval.py` on a roster and returns its JSON, or nil without python3.
func independentEvaluation(instance: String, roster: String) throws -> [String: Any]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Toban.packageRoot.appendingPathComponent("scripts/curtois_eval.py").path, instance, roster]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus != 127 else { return nil }
    return try JSONSerialization.jsonObject(with: data) as? [String: Any]
}

@Suite("toban curtois", .serialized)
struct CurtoisCommandTests {
    @Test func instance1RosterAgreesWithTheCheckerAndTheIndependentEvaluator() throws {
        guard let dir = curtoisDirectory else { return }
        let out = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let instance = dir + "/Instance1.txt"
        let mps = out.appendingPathComponent("model.mps").path
        let run = try Toban.run(["curtois", instance, "--out", out.path, "--time-limit", "5", "--quiet", "--write-mps", mps])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["instance", "status", "objective", "bound", "time_s", "best_known", "checker_cost", "gap"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        #expect(json["instance"] as? String == "Instance1")
        let objective = try #require(json["objective"] as? Double)
        #expect(json["checker_cost"] as? Double == objective)
        #expect(json["curtois_objective"] as? Double == objective)
        if let bound = json["bound"] as? Double { #expect(bound <= objective) }
        let roster = out.appendingPathComponent("roster.csv").path
        let text = try String(contentsOfFile: roster, encoding: .utf8)
        #expect(text.hasPrefix("staff,day,shift\n"))
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.allSatisfy { $0.count == 3 && Int($0[1]).map { (0..<14).contains($0) } == true && $0[2] == "D" })
        #expect(try String(contentsOfFile: mps, encoding: .utf8).contains("ROWS"))
        guard let evaluation = try independentEvaluation(instance: instance, roster: roster) else { return }
        #expect(evaluation["feasible"] as? Bool == true, "\(evaluation["violations"] ?? "")")
        #expect(evaluation["objective"] as? Double == objective)
    }

    @Test func malformedInstanceExitsTwoNamingFileAndLine() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("broken.txt")
        try "SECTION_HORIZON\r\nfourteen\r\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try Toban.run(["curtois", file.path, "--out", dir.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken.txt:2: SECTION_HORIZON: the number of days must be a whole number"))
        #expect(run.stderr.contains("SECTION_COVER: the section is missing"))
        let missing = try Toban.run(["curtois", dir.appendingPathComponent("nope.txt").path, "--out", dir.path])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read the file"))
        let badOption = try Toban.run(["curtois", file.path, "--out", dir.path, "--glpk", "turbo"])
        #expect(badOption.status != 0 && badOption.stderr.contains("--glpk"))
    }

    @Test func modelCommandWritesLPAndMPS() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lp = dir.appendingPathComponent("m.lp").path, mps = dir.appendingPathComponent("m.mps").path
        let run = try Toban.run(["model", example, "--lp", lp, "--mps", mps])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: lp, encoding: .utf8).contains("Subject To"))
        #expect(try String(contentsOfFile: mps, encoding: .utf8).contains("COLUMNS"))
        let none = try Toban.run(["model", example])
        #expect(none.status != 0)
    }
}
