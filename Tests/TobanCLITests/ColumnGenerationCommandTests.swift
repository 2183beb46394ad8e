import Foundation
import Testing

@Suite("--strategy cg", .serialized)
struct ColumnGenerationCommandTests {
    /// Instance2 is where the compact model's bound (724–734) cannot prove the optimum 828;
    /// the column generation bound can. The roster must agree with the checker and with the
    /// independent evaluator.
    @Test func curtoisInstance2IsProvedOptimalWithColumnGeneration() throws {
        guard let dir = curtoisDirectory else { return }
        let out = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let instance = dir + "/Instance2.txt"
        let run = try Toban.run(["curtois", instance, "--out", out.path, "--time-limit", "60", "--strategy", "cg", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["strategy"] as? String == "cg")
        #expect(json["status"] as? String == "optimal")
        #expect(json["objective"] as? Double == 828)
        #expect(json["bound"] as? Double == 828)
        #expect(json["checker_cost"] as? Double == 828)
        guard let evaluation = try independentEvaluation(instance: instance, roster: out.appendingPathComponent("roster.csv").path) else { return }
        #expect(evaluation["feasible"] as? Bool == true, "\(evaluation["violations"] ?? "")")
        #expect(evaluation["objective"] as? Double == 828)
    }

    @Test func solveAcceptsTheStrategyAndUnknownOnesNameIt() throws {
        let out = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try Toban.run(["solve", example, "--out", out.path, "--strategy", "cg", "--time-limit", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rota.csv").path))
        let bad = try Toban.run(["solve", example, "--out", out.path, "--strategy", "colgen"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--strategy must be auto, direct, lns or cg"))
    }
}
