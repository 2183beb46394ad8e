import Foundation
import Testing

@Suite("toban whatif", .serialized)
struct WhatIfCommandTests {
    @Test func comparesVariantsAndWritesEachRota() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let away = dir.appendingPathComponent("sato-away.yaml")
        try """
        format: 1
        name: sato-away
        title: 佐藤先生 12/15–24 不在
        base: \(Toban.packageRoot.appendingPathComponent(example).path)
        changes:
          - away: {resource: sato, dates: {start: 2026-12-15, end: 2026-12-24}}
        """.write(to: away, atomically: true, encoding: .utf8)
        let lean = dir.appendingPathComponent("lean.yaml")
        try """
        format: 1
        name: six-doctors
        changes:
          - removeResource: ito
          - coverage: {duty: night-backup, min: 0, dates: {start: 2026-12-29, end: 2026-12-31}}
        """.write(to: lean, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Toban.run(["whatif", example, away.path, lean.path, "--out", out.path, "--time-limit", "60"],
                              environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("scenario"))
        #expect(r.stdout.contains("sato-away: 佐藤先生 12/15–24 不在"))
        #expect(r.stdout.contains("six-doctors"))
        #expect(r.stdout.contains("moved  "))
        let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("scenario,title,feasible,termination,objective,duties,gaps,gap_slots,fairness_spread,moved"))
        #expect(rows[1].hasPrefix("base,,yes,"))
        #expect(rows[2].hasPrefix("sato-away,"))
        for folder in ["base", "sato-away", "six-doctors"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(folder)/rota.csv").path), "\(folder)")
        }
        // The variant's rota keeps sato off duty while away, and passes the checker for the variant.
        let rota = try String(contentsOf: out.appendingPathComponent("sato-away/rota.csv"), encoding: .utf8)
        let lines = rota.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let d = try #require(lines.first?.firstIndex(of: "date")), res = try #require(lines.first?.firstIndex(of: "resource"))
        #expect(lines.count > 60)
        #expect(!lines.dropFirst().contains { $0[res] == "sato" && ("2026-12-15"..."2026-12-24").contains($0[d]) })
        #expect(lines.dropFirst().contains { $0[res] == "sato" })
    }

    @Test func keepCloseMovesOnlyTheDutiesTheVariantForces() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let away = dir.appendingPathComponent("away.yaml")
        try "format: 1\nname: tanaka-away\nchanges:\n  - away: {resource: tanaka, dates: {start: 2026-12-05, end: 2026-12-12}}\n"
            .write(to: away, atomically: true, encoding: .utf8)
        // The bundled example's rest rules (11 h, no two primary nights in a row) can force a
        // chain of moves; without them each of tanaka's duties can move to one other physician.
        let loose = dir.appendingPathComponent("loose.yaml")
        let exampleText = try String(contentsOfFile: Toban.packageRoot.appendingPathComponent(example).path, encoding: .utf8)
        let withoutRest = exampleText.components(separatedBy: "\n").filter {
            !$0.contains("minRestHours") && !$0.contains("forbiddenSuccessions") && !$0.contains("{from: night-primary, to: night-primary}")
        }.joined(separator: "\n")
        #expect(withoutRest != exampleText)
        try withoutRest.write(to: loose, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Toban.run(["whatif", loose.path, away.path, "--out", out.path, "--keep-close", "--jobs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let base = try String(contentsOf: out.appendingPathComponent("base/rota.csv"), encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let d = try #require(base.first?.firstIndex(of: "date")), res = try #require(base.first?.firstIndex(of: "resource"))
        let forced = base.dropFirst().filter { $0[res] == "tanaka" && ("2026-12-05"..."2026-12-12").contains($0[d]) }.count
        let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8).split(separator: "\n")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = csv[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let moved = try #require(header.firstIndex(of: "moved")), gaps = try #require(header.firstIndex(of: "gaps"))
        #expect(row[gaps] == "0")
        // Each forced duty moves from tanaka to one other physician: two moves per duty.
        #expect(row[moved] == String(2 * forced))
    }

    @Test func badVariantsExitTwoNamingFileAndLine() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "format: 1\nname: bad\nchanges:\n  - away: {resource: sato, dates: 2026-12-40}\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Toban.run(["whatif", example, bad.path, "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(bad.path):4:"))
        #expect(r.stderr.contains("changes[0].away.dates"))
        let unknown = dir.appendingPathComponent("unknown.yaml")
        try "format: 1\nname: unknown\nchanges:\n  - removeResource: nobody\n".write(to: unknown, atomically: true, encoding: .utf8)
        let u = try Toban.run(["whatif", example, unknown.path, "--out", dir.appendingPathComponent("out").path])
        #expect(u.status == 2)
        #expect(u.stderr.contains("no resource has id 'nobody'"))
        let other = dir.appendingPathComponent("other.yaml")
        try "format: 1\nname: other\nbase: elsewhere.yaml\nchanges: []\n".write(to: other, atomically: true, encoding: .utf8)
        let o = try Toban.run(["whatif", example, other.path, "--out", dir.appendingPathComponent("out").path])
        #expect(o.status == 2)
        #expect(o.stderr.contains("the variant is for 'elsewhere.yaml'"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}
