import Foundation
import Testing
import TobanKit

/// What-if changes of per-date coverage and of a hospital's bed offer.
@Suite("What-if coverage on dates and beds")
struct WhatIfBedsTests {
    static func hospitalBeds() throws -> Scenario {
        try Toban.loadScenario(path: TestFiles.packageRoot.appendingPathComponent("instances/hospital-beds-rota.yaml").path)
    }

    @Test func coverageOnDatesChangesTheRota() async throws {
        let v = try WhatIfTests.variant("""
        name: dates
        changes:
          - coverage: {duty: night-primary, min: 2, max: 2, dates: 2026-12-10}
          - coverage: {duty: night-backup, min: 0, max: 0, dates: {start: 2026-12-15, end: 2026-12-16}}
        """)
        let comparison = try await Toban.whatIf(base: WhatIfTests.base, variants: [v], maxConcurrency: 1)
        let base = try #require(comparison.base.report?.solution.rota)
        let rota = try #require(comparison.variants[0].report?.solution.rota)
        func count(_ r: Rota, _ duty: String, _ iso: String) -> Int {
            r.assignments.filter { $0.dutyTypeID == duty && $0.date.iso == iso }.count
        }
        #expect(count(base, "night-primary", "2026-12-10") == 1)
        #expect(count(rota, "night-primary", "2026-12-10") == 2)
        #expect(count(base, "night-backup", "2026-12-15") == 1 && count(base, "night-backup", "2026-12-16") == 1)
        #expect(count(rota, "night-backup", "2026-12-15") == 0 && count(rota, "night-backup", "2026-12-16") == 0)
        #expect(count(rota, "night-primary", "2026-12-11") == 1)
        #expect(comparison.variants[0].report?.check.isFeasible == true)
    }

    @Test func aHospitalWithdrawingItsBedsIsNoLongerDesignated() async throws {
        let base = try WhatIfBedsTests.hospitalBeds()
        let withdraw = try WhatIfTests.variant("""
        name: asahi-withdraws
        changes:
          - beds: {resource: asahi, beds: 0}
        """)
        let more = try WhatIfTests.variant("""
        name: kitano-three
        changes:
          - beds: {resource: kitano, beds: 3}
        """)
        let withdrawn = try withdraw.applied(to: base)
        #expect(withdrawn.resource("asahi")?.beds == 0)
        #expect(withdrawn.resource("asahi")?.duties == [])
        #expect(try more.applied(to: base).resource("kitano")?.beds == 3)

        let comparison = try await Toban.whatIf(base: base, variants: [withdraw, more], maxConcurrency: 1)
        let baseRota = try #require(comparison.base.report?.solution.rota)
        #expect(!baseRota.assignments(of: "asahi").isEmpty)
        let rota = try #require(comparison.variants[0].report?.solution.rota)
        #expect(rota.assignments(of: "asahi").isEmpty)
        #expect(comparison.variants[0].moved["asahi"] == baseRota.assignments(of: "asahi").count)
        // Its share of the fair division is gone too.
        let tally = comparison.variants[0].report?.check.tallies.first { $0.resourceID == "asahi" }
        #expect(tally?.target.target == 0)
        #expect(comparison.variants[1].report?.check.isFeasible == true)
    }

    @Test func badBedChangesNameFileLineAndKeyPath() throws {
        let cases: [(String, String, Int, String)] = [
            ("name: x\nchanges:\n  - beds: {resource: asahi, beds: -1}\n", "changes[0].beds.beds", 4, "0"),
            ("name: x\nchanges:\n  - beds: {resource: asahi}\n", "changes[0].beds.beds", 4, "missing required key 'beds'"),
            ("name: x\nchanges:\n  - beds: {resource: asahi, beds: 2, dates: 2026-12-01}\n", "changes[0].beds.dates", 4, "unknown key 'dates'"),
        ]
        for (body, path, line, message) in cases {
            do {
                _ = try WhatIfTests.variant(body)
                Issue.record("expected an error for \(body)")
            } catch {
                #expect(error.issues.contains { $0.path == path && $0.line == line && $0.message.contains(message) && $0.file == "v.yaml" },
                        "\(error)")
            }
        }
        let nobody = try WhatIfTests.variant("name: x\nchanges:\n  - beds: {resource: nobody, beds: 1}\n")
        let hospitals = try WhatIfBedsTests.hospitalBeds()
        do {
            _ = try nobody.applied(to: hospitals)
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.first?.line == 4 && error.issues.first?.path == "changes[0]")
            #expect(error.issues.first?.message.contains("no resource has id 'nobody'") == true)
        }
        // A physician takes no bed duty: its beds would count for nothing.
        let physician = try WhatIfTests.variant("name: x\nchanges:\n  - beds: {resource: dr01, beds: 2}\n")
        do {
            _ = try physician.applied(to: WhatIfTests.base)
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.first?.message.contains("dr01 takes no bed duty (the scenario has none)") == true, "\(error)")
        }
    }
}
