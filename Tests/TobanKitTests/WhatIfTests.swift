import Foundation
import Testing
import TobanKit

@Suite("What-if variants")
struct WhatIfTests {
    static let base = Generated.month(physicians: 10, seed: 5)

    static func variant(_ body: String, file: String = "v.yaml") throws(ScenarioError) -> Variant {
        try VariantLoader.load(text: "format: 1\n" + body, file: file)
    }

    @Test func everyKindOfChangeIsApplied() throws {
        let v = try WhatIfTests.variant("""
        name: all-kinds
        title: every kind of change
        changes:
          - away: {resource: dr01, dates: {start: 2026-12-10, end: 2026-12-20}}
          - removeResource: dr02
          - addResource: {id: new, name: 新人, kind: physician, organisation: clinic0, maxDuties: 3}
          - limits: {resource: dr03, maxDuties: 2, fte: 0.5}
          - coverage: {duty: night-backup, min: 0, dates: {start: 2026-12-29, end: 2026-12-31}}
          - coverage: {duty: night-primary, max: 2}
          - holiday: {date: 2026-12-28, name: 臨時休診}
          - weight: {rule: S-FAIR-DUTIES, weight: 3}
          - weight: {rule: S-COVER-GAP, duty: night-backup, weight: 77}
        """)
        #expect(v.name == "all-kinds" && v.changes.count == 9)
        let s = try v.applied(to: WhatIfTests.base)
        #expect(s.resource("dr01")?.unavailable.contains(DateRange(start: date("2026-12-10"), end: date("2026-12-20"))) == true)
        #expect(s.resource("dr02") == nil && s.resource("new")?.maxDuties == 3)
        #expect(s.resource("dr03")?.maxDuties == 2 && s.resource("dr03")?.fte == 0.5)
        #expect(s.dutyType("night-backup")?.coverage(on: date("2026-12-30")).min == 0)
        #expect(s.dutyType("night-backup")?.coverage(on: date("2026-12-28")).min == 1)
        #expect(s.dutyType("night-primary")?.coverageMax == 2)
        #expect(s.calendar.dayType(of: date("2026-12-28")) == .holiday)
        #expect(s.rules.fairnessWeight == 3 && s.dutyType("night-backup")?.gapPenalty == 77)
        #expect(s.dutyType("night-primary")?.gapPenalty == 10_000)
    }

    @Test func badVariantFilesNameLineAndKeyPath() throws {
        let cases: [(String, String, Int, String)] = [
            ("name: x\nchanges:\n  - awy: {resource: dr01, dates: 2026-12-10}\n", "changes[0].awy", 4, "did you mean 'away'"),
            ("name: x\nchanges:\n  - {away: {resource: dr01, dates: 2026-12-10}, removeResource: dr02}\n", "changes[0]", 4, "one change per entry"),
            ("name: x\nchanges:\n  - weight: {rule: S-FAIR-DUTY, weight: 3}\n", "changes[0].weight.rule", 4, "did you mean 'S-FAIR-DUTIES'"),
            ("name: x\nchanges:\n  - away: {resource: dr01, dates: 2026-13-10}\n", "changes[0].away.dates", 4, "not a real date"),
            ("name: base\nchanges: []\n", "name", 2, "reserved"),
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
    }

    @Test func changesThatDoNotFitTheBaseAreReportedAtTheirLine() throws {
        let v = try WhatIfTests.variant("name: x\nchanges:\n  - removeResource: dr01\n  - away: {resource: nobody, dates: 2026-12-10}\n")
        do {
            _ = try v.applied(to: WhatIfTests.base)
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.line == 5 && error.issues.first?.path == "changes[1]")
            #expect(error.issues.first?.message.contains("no resource has id 'nobody'") == true)
        }
        // A change that leaves the scenario invalid as a whole is reported too.
        let w = try WhatIfTests.variant("name: y\nchanges:\n  - limits: {resource: dr01, minDuties: 5, maxDuties: 2}\n")
        #expect(throws: ScenarioError.self) { _ = try w.applied(to: WhatIfTests.base) }
    }

    @Test func variantsAreSolvedConcurrentlyAndComparedAgainstTheBase() async throws {
        let away = try WhatIfTests.variant("name: away\nchanges:\n  - away: {resource: dr04, dates: {start: 2026-12-01, end: 2026-12-31}}\n")
        let impossible = try WhatIfTests.variant("name: impossible\nchanges:\n  - limits: {resource: dr00, minDuties: 40, maxDuties: 40}\n")
        let cheaper = try WhatIfTests.variant("name: cheaper\nchanges:\n  - weight: {rule: S-FAIR-DUTIES, weight: 0}\n  - weight: {rule: S-FAIR-DUTIES-MAX, weight: 0}\n")
        let comparison = try await Toban.whatIf(base: WhatIfTests.base, variants: [away, impossible, cheaper], maxConcurrency: 2)
        #expect(comparison.all.map(\.name) == ["base", "away", "impossible", "cheaper"])
        let base = try #require(comparison.base.report)
        let awayResult = comparison.variants[0]
        let awayRota = try #require(awayResult.report?.solution.rota)
        #expect(!awayRota.assignments.contains { $0.resourceID == "dr04" })
        // Moved duties, recomputed independently: per resource, duties only in one of the rotas.
        for r in comparison.resourceIDs {
            let a = Set(base.solution.rota.assignments(of: r)), b = Set(awayRota.assignments(of: r))
            #expect((awayResult.moved[r] ?? 0) == a.symmetricDifference(b).count, "\(r)")
        }
        #expect(awayResult.moved["dr04"] == base.solution.rota.assignments(of: "dr04").count)
        #expect(comparison.variants[1].report == nil && comparison.variants[1].failure?.contains("no rota") == true)
        #expect(!comparison.variants[1].isFeasible)
        #expect(comparison.variants[2].report?.check.totalCost == 0)
        // Spread: max − min of duties − target.
        let tallies = base.check.tallies
        let deviations = tallies.map { Double($0.duties) - $0.target.target }
        #expect(comparison.base.fairnessSpread == (deviations.max() ?? 0) - (deviations.min() ?? 0))

        let csv = comparison.csv()
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("scenario,title,feasible,termination,objective,duties,gaps,gap_slots,fairness_spread,moved,"))
        #expect(lines[0].contains("moved:dr04"))
        #expect(lines[3].hasPrefix("impossible,,no,no-rota,"))
        let table = comparison.table()
        #expect(table.contains("impossible") && table.contains("no rota") && table.contains("NO ROTA"))

        // Deterministic: the same comparison again gives the same bytes.
        let again = try await Toban.whatIf(base: WhatIfTests.base, variants: [away, impossible, cheaper], maxConcurrency: 1)
        #expect(again.csv() == csv)
        #expect(again.table() == table)
    }

    @Test func keepingCloseToTheBaseMovesOnlyWhatTheVariantForces() async throws {
        let away = try WhatIfTests.variant("name: away\nchanges:\n  - away: {resource: dr04, dates: {start: 2026-12-10, end: 2026-12-20}}\n")
        let comparison = try await Toban.whatIf(base: WhatIfTests.base, variants: [away], keepCloseToBase: true)
        let base = try #require(comparison.base.report?.solution.rota)
        let rota = try #require(comparison.variants[0].report?.solution.rota)
        // dr04's base duties inside the absence must move; each to one other physician.
        let forced = base.assignments.filter { $0.resourceID == "dr04" && ("2026-12-10"..."2026-12-20").contains($0.date.iso) }
        #expect(!forced.isEmpty)
        let changes = rota.changes(from: base)
        #expect(Set(changes.map(\.slotKey)) == Set(forced.map(\.slotKey)))
        #expect(changes.allSatisfy { $0.lost == ["dr04"] && $0.gained.count == 1 })
        #expect(comparison.variants[0].movedTotal == 2 * forced.count)
        // Stability is weighed at 0, so the variant's costs compare with the base's.
        #expect(comparison.variants[0].report?.check.costByRule[RuleID.stability] == nil)
    }

    @Test func duplicateVariantNamesAreRejected() async throws {
        let a = try WhatIfTests.variant("name: same\nchanges: []\n", file: "a.yaml")
        let b = try WhatIfTests.variant("name: same\nchanges: []\n", file: "b.yaml")
        await #expect(throws: DuplicateVariantError.self) { _ = try await Toban.whatIf(base: WhatIfTests.base, variants: [a, b]) }
    }
}
