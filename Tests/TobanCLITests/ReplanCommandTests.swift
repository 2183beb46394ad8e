import Foundation
import Testing

@Suite("toban replan", .serialized)
struct ReplanCommandTests {
    @Test func replansAfterAnAbsenceListingEveryChange() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["SOURCE_DATE_EPOCH": "1764547200"]
        let published = dir.appendingPathComponent("published")
        let solve = try Toban.run(["solve", example, "--out", published.path, "--quiet"], environment: env)
        #expect(solve.status == 0, "\(solve.stderr)")
        let rotaPath = published.appendingPathComponent("rota.csv").path
        let rows = try String(contentsOfFile: rotaPath, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // tanaka's published duties from 12-16 to 12-22 must move; nothing else has to.
        let header = try String(contentsOfFile: rotaPath, encoding: .utf8).split(separator: "\n")[0].split(separator: ",").map(String.init)
        let dateColumn = try #require(header.firstIndex(of: "date")), resourceColumn = try #require(header.firstIndex(of: "resource"))
        let mustMove = rows.filter { $0[resourceColumn] == "tanaka" && ("2026-12-16"..."2026-12-22").contains($0[dateColumn]) }
        #expect(!mustMove.isEmpty)

        let out = dir.appendingPathComponent("replan")
        let r = try Toban.run(["replan", example, "--published", rotaPath, "--from", "2026-12-16",
                               "--unavailable", "tanaka:2026-12-16..2026-12-22", "--out", out.path, "--quiet"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let changeLines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("CHANGE  ") }
        #expect(changeLines.count == mustMove.count)
        #expect(changeLines.allSatisfy { $0.contains(": tanaka → ") })
        #expect(r.stdout.contains("\(mustMove.count) change\(mustMove.count == 1 ? "" : "s") in \(mustMove.count) slot"))
        let changes = try String(contentsOf: out.appendingPathComponent("changes.csv"), encoding: .utf8).split(separator: "\n")
        #expect(changes.first == "date,duty,lost,gained")
        #expect(changes.count == mustMove.count + 1)
        for file in ["rota.csv", "rota.ics", "report.json", "publication.json", "people/tanaka.ics"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // The new rota passes toban check against the scenario with the absence... and the
        // published calendar state was taken from the published folder: SEQUENCE rose somewhere.
        let calendar = try String(contentsOf: out.appendingPathComponent("rota.ics"), encoding: .utf8)
        #expect(calendar.contains("SEQUENCE:1"))
        let before = try String(contentsOf: published.appendingPathComponent("rota.ics"), encoding: .utf8)
        #expect(!before.contains("SEQUENCE:1"))
        // --cover-first gives the same here: the others can absorb tanaka's duties without gaps.
        let cover = try Toban.run(["replan", example, "--published", rotaPath, "--from", "2026-12-16", "--cover-first",
                                   "--unavailable", "tanaka:2026-12-16..2026-12-22", "--out", dir.appendingPathComponent("cover").path, "--quiet"], environment: env)
        #expect(cover.status == 0, "\(cover.stderr)")
        #expect(cover.stdout.split(separator: "\n").filter { $0.hasPrefix("CHANGE  ") }.count == mustMove.count)
        // Days before --from are unchanged.
        let new = try String(contentsOf: out.appendingPathComponent("rota.csv"), encoding: .utf8).split(separator: "\n")
        let old = try String(contentsOfFile: rotaPath, encoding: .utf8).split(separator: "\n")
        #expect(new.filter { $0 < "2026-12-16" } == old.filter { $0 < "2026-12-16" })
    }

    @Test func badInputExitsTwo() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rota = dir.appendingPathComponent("rota.csv")
        try "date,duty,resource\n2026-12-01,night-primary,sato\n".write(to: rota, atomically: true, encoding: .utf8)
        let badDate = try Toban.run(["replan", example, "--published", rota.path, "--from", "2026-12-32", "--out", dir.path])
        #expect(badDate.status != 0 && badDate.stderr.contains("--from"))
        let badAbsence = try Toban.run(["replan", example, "--published", rota.path, "--from", "2026-12-10", "--unavailable", "sato", "--out", dir.path])
        #expect(badAbsence.status != 0 && badAbsence.stderr.contains("--unavailable"))
        let unknown = try Toban.run(["replan", example, "--published", rota.path, "--from", "2026-12-10", "--unavailable", "nobody:2026-12-10", "--out", dir.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("no resource has id 'nobody'"))
        let missing = try Toban.run(["replan", example, "--published", dir.appendingPathComponent("none.csv").path, "--from", "2026-12-10", "--out", dir.path])
        #expect(missing.status == 2 && missing.stderr.contains("none.csv"))
        // sato is away 10–13 December in the scenario: a published duty on 12-11 cannot be frozen.
        try "date,duty,resource\n2026-12-11,night-primary,sato\n".write(to: rota, atomically: true, encoding: .utf8)
        let frozen = try Toban.run(["replan", example, "--published", rota.path, "--from", "2026-12-20", "--out", dir.path])
        #expect(frozen.status == 2)
        #expect(frozen.stderr.contains("replan.published") && frozen.stderr.contains("frozen"))
    }
}
