import Foundation
import Testing

/// Runs the built `toban` command and captures what it prints.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum Toban {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `toban` binary next to the test bundle (SwiftPM builds it before the tests).
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("toban")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/toban")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("toban-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

let example = "instances/ward-association-december.yaml"

@Suite("toban command line", .serialized)
struct CLITests {
    @Test func solveWritesTheContractFilesAndCheckAcceptsTheRota() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let solve = try Toban.run(["solve", example, "--out", dir.path], environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(solve.stdout.contains("status    optimal"))
        // 伊藤's part-day window on 12-20 closes that night to him, so the fair shares move to the
        // others; 山本's share (12.03) would lie above his maxDuties 11, so it is capped at 11 and
        // the excess shared out, and a rota at cost 0 exists.
        #expect(solve.stdout.contains("cost 0 = objective"))
        for file in ["rota.csv", "rota.ics", "report.json", "people/sato.ics", "people/yamamoto.ics"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
        }
        let check = try Toban.run(["check", example, dir.appendingPathComponent("rota.csv").path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("OK: 69 duties, 0 violations"))

        // The checker's cost equals the solver's objective, as recorded in report.json.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any]
        let solver = report?["solver"] as? [String: Any]
        let checker = report?["check"] as? [String: Any]
        #expect(solver?["termination"] as? String == "optimal")
        #expect((solver?["objective"] as? Double) == (checker?["totalCost"] as? Double))
        #expect(checker?["feasible"] as? Bool == true)
    }

    @Test func aHandMadeSwapThatBreaksARuleIsReported() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rota = dir.appendingPathComponent("rota.csv")
        // sato is away 10–13 December; tanaka on 24 December; both are put on duty anyway.
        try """
        date,duty,resource
        2026-12-11,night-primary,sato
        2026-12-24,night-primary,tanaka
        2026-12-24,night-backup,tanaka
        """.write(to: rota, atomically: true, encoding: .utf8)
        let check = try Toban.run(["check", example, rota.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("VIOLATION [H-AVAILABLE] sato is unavailable on 2026-12-11"))
        #expect(check.stdout.contains("VIOLATION [H-ONE-DUTY-PER-DATE] tanaka has 2 duties on 2026-12-24"))
        #expect(check.stdout.contains("GAP 2026-12-01 night-primary"))
        let ja = try Toban.run(["check", example, rota.path, "--japanese"])
        #expect(ja.stdout.contains("佐藤 一郎 は 2026-12-11 不在ですが当番が入っています"))
    }

    @Test func badScenarioNamesFileLineAndExitsNonZero() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        let text = try String(contentsOfFile: Toban.packageRoot.appendingPathComponent(example).path, encoding: .utf8)
            .replacingOccurrences(of: "organisation: minato-iin", with: "organisation: minato")
            .replacingOccurrences(of: "maxDuties: 11", with: "maxDuties: -1")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let result = try Toban.run(["solve", bad.path, "--out", dir.appendingPathComponent("out").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("2 problems in \(bad.path)"))
        #expect(result.stderr.contains("resources[4].organisation: no organisation has id 'minato'"))
        #expect(result.stderr.contains("resources[6].maxDuties: -1 is out of range"))
        #expect(result.stderr.contains("\(bad.path):"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func missingFilesAndBadOptionsFailCleanly() throws {
        let missing = try Toban.run(["solve", "no-such.yaml", "--out", "/tmp/x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such.yaml") && missing.stderr.contains("no such file"))
        let badLimit = try Toban.run(["solve", example, "--out", "/tmp/x", "--time-limit", "-3"])
        #expect(badLimit.status != 0)
        #expect(badLimit.stderr.contains("--time-limit"))
        let badRota = try Toban.run(["check", example, "no-such.csv"])
        #expect(badRota.status == 2)
    }

    @Test func infeasibleScenarioExplainsWhy() throws {
        let dir = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("impossible.yaml")
        let text = try String(contentsOfFile: Toban.packageRoot.appendingPathComponent(example).path, encoding: .utf8)
            .replacingOccurrences(of: "    minDuties: 4", with: "    minDuties: 40")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = try Toban.run(["solve", path.path, "--out", dir.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no rota satisfies every hard rule"))
        #expect(result.stderr.contains("[H-MIN-DUTIES] watanabe needs at least 40 duties"))
    }

    @Test func outputsAreByteIdenticalAcrossRuns() throws {
        let a = try Toban.temporaryDirectory(), b = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for dir in [a, b] {
            let r = try Toban.run(["solve", example, "--out", dir.path, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1764547200"])
            #expect(r.status == 0)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()))
        for file in files {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: a.appendingPathComponent(file).path, isDirectory: &isDir)
            #expect(exists, "\(file) is listed but missing")
            if isDir.boolValue { continue }
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file) differs")
        }
    }

    @Test func solveWritesExcelCSVOnRequest() throws {
        let plain = try Toban.temporaryDirectory(), excel = try Toban.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: excel) }
        #expect(try Toban.run(["solve", example, "--out", plain.path, "--quiet"]).status == 0)
        #expect(try Toban.run(["solve", example, "--out", excel.path, "--quiet", "--excel"]).status == 0)
        for file in ["rota.csv", "grid.csv", "summary.csv"] {
            let a = try Data(contentsOf: plain.appendingPathComponent(file)), b = try Data(contentsOf: excel.appendingPathComponent(file))
            #expect(!a.starts(with: [0xEF, 0xBB, 0xBF]) && b.starts(with: [0xEF, 0xBB, 0xBF]), "\(file)")
            // The same table either way: only the BOM and the line ends differ.
            let aText = String(decoding: a, as: UTF8.self)
            let bText = String(decoding: b.dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(aText == bText, "\(file)")
        }
    }

    @Test func holidaysPrintsCSVInBothLanguages() throws {
        let ja = try Toban.run(["holidays", "--from", "2026", "--to", "2026"])
        #expect(ja.status == 0)
        let lines = ja.stdout.split(separator: "\n")
        #expect(lines.first == "date,name")
        #expect(lines.contains("2026-01-01,元日"))
        #expect(lines.contains("2026-09-22,国民の休日"))
        let en = try Toban.run(["holidays", "--from", "2026", "--to", "2026", "--language", "en"])
        #expect(en.stdout.contains("2026-11-23,Labour Thanksgiving Day"))
        let bad = try Toban.run(["holidays", "--from", "2030", "--to", "2020"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("after"))
    }
}
