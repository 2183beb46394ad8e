import Foundation
import Testing

@Suite("toban swap", .serialized)
struct SwapCommandTests {
    /// Solves the example once and returns the rota path and its rows as (date, duty, resource).
    static func solved(in dir: URL) throws -> (String, [(String, String, String)]) {
        let r = try Toban.run(["solve", example, "--out", dir.path, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(r.status == 0, "\(r.stderr)")
        let path = dir.appendingPathComponent("rota.csv").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        guard let d = header.firstIndex(of: "date"), let u = header.firstIndex(of: "duty"), let res = header.firstIndex(of: "resource") else { return (path, []) }
        return (path, lines.dropFirst().map { ($0[d], $0[u], $0[res]) })
    }

    @Test func listsTakersAndJudgesAChosenOne() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (rota, rows) = try SwapCommandTests.solved(in: dir)
        // The first night-primary from 16 December on that someone can take (the rest rules
        // leave some nights without a taker; the command says so, as tested below).
        var found: ((String, String, String), CommandResult)?
        for row in rows where row.1 == "night-primary" && row.0 >= "2026-12-16" && found == nil {
            let result = try Toban.run(["swap", example, rota, "--give", "\(row.2):\(row.0):\(row.1)"])
            if result.status == 0 { found = (row, result) } else { #expect(result.stdout.hasPrefix("NO TAKER: ")) }
        }
        let (duty, list) = try #require(found)
        let takers = list.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(list.stdout.hasPrefix("rank,taker,name,cost_change,by_rule\n"))
        #expect(!takers.isEmpty)
        // suzuki takes no night-primary (not on the list), and whoever is on duty that day cannot take it.
        let busy = Set(rows.filter { $0.0 == duty.0 }.map(\.2))
        #expect(!takers.contains { $0[1] == "suzuki" || busy.contains($0[1]) })
        // Every listed taker is allowed when asked directly; suzuki is not.
        let first = takers[0][1]
        let ok = try Toban.run(["swap", example, rota, "--give", "\(duty.2):\(duty.0):\(duty.1)", "--to", first])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.hasPrefix("ALLOWED: \(duty.2) → \(first)"))
        #expect(ok.stdout.contains("cost change \(takers[0][3])"))
        // --out writes the swapped rota; only that day's events change, next to the published state.
        let out = dir.appendingPathComponent("swapped")
        let written = try Toban.run(["swap", example, rota, "--give", "\(duty.2):\(duty.0):\(duty.1)", "--to", first, "--out", out.path],
                                    environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(written.status == 0, "\(written.stderr)")
        let swapped = try String(contentsOf: out.appendingPathComponent("rota.csv"), encoding: .utf8)
        #expect(swapped.contains("\(duty.0),") && swapped.split(separator: "\n").contains { $0.hasPrefix(duty.0) && $0.contains(",\(duty.1),") && $0.contains(",\(first),") })
        let calendar = try String(contentsOf: out.appendingPathComponent("rota.ics"), encoding: .utf8)
        #expect(calendar.contains("SEQUENCE:1"))
        for event in calendar.components(separatedBy: "BEGIN:VEVENT").dropFirst() where event.contains("SEQUENCE:1") {
            #expect(event.contains("UID:\(duty.0)"), "an event of another day changed")
        }
        let no = try Toban.run(["swap", example, rota, "--give", "\(duty.2):\(duty.0):\(duty.1)", "--to", "suzuki"])
        #expect(no.status == 1)
        #expect(no.stdout.contains("NOT ALLOWED"))
        #expect(no.stdout.contains("VIOLATION [H-ELIGIBLE] suzuki is not eligible for night-primary"))
        let ja = try Toban.run(["swap", example, rota, "--give", "\(duty.2):\(duty.0):\(duty.1)", "--to", "suzuki", "--japanese"])
        #expect(ja.stdout.contains("鈴木 花子 は 夜間当番（主） を担当できません"))
    }

    @Test func badOffersExitTwo() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (rota, rows) = try SwapCommandTests.solved(in: dir)
        let malformed = try Toban.run(["swap", example, rota, "--give", "sato-2026-12-20"])
        #expect(malformed.status != 0 && malformed.stderr.contains("--give"))
        let notHeld = try #require(rows.first { $0.2 != "sato" })
        let wrong = try Toban.run(["swap", example, rota, "--give", "sato:\(notHeld.0):\(notHeld.1)", "--to", "tanaka"])
        if !rows.contains(where: { $0.0 == notHeld.0 && $0.1 == notHeld.1 && $0.2 == "sato" }) {
            #expect(wrong.status == 2)
            #expect(wrong.stderr.contains("sato has no \(notHeld.1) on \(notHeld.0)"))
        }
        let held = try #require(rows.first)
        let nobody = try Toban.run(["swap", example, rota, "--give", "\(held.2):\(held.0):\(held.1)", "--to", "nobody"])
        #expect(nobody.status == 2 && nobody.stderr.contains("no resource has id 'nobody'"))
    }
}
