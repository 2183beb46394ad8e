import Foundation
import Testing
import TobanCheck
import TobanModel
@testable import TobanSolver

@Suite("Priority levels")
struct PrioritySolveTests {
    /// Filling nights 2 and 3 needs `a`, whose history puts its fair band at 0: by weights a gap
    /// (10 each) is cheaper than unfairness (100 per duty), but coverage comes first by levels.
    static let yaml = """
    format: 1
    name: priorities
    horizon: {start: 2026-12-01, end: 2026-12-03}
    organisations:
      - {id: x, name: X, kind: clinic}
    dutyTypes:
      - {id: night, name: 夜間, resourceKind: physician, start: "18:00", end: "09:00", gapPenalty: 10}
    resources:
      - {id: a, name: A, kind: physician, organisation: x, history: {duties: 10}}
      - {id: b, name: B, kind: physician, organisation: x, unavailable: [{start: 2026-12-02, end: 2026-12-03}]}
    rules:
      fairness: {weight: 100, maxDeviationWeight: 0}
    """

    @Test func weightedLeavesGapsWhereLevelsCoverFirst() throws {
        let weighted = try ScenarioLoader.load(text: PrioritySolveTests.yaml, file: "p.yaml")
        let (w, wReport) = try solveAndCheck(weighted)
        #expect(wReport.gaps.count == 2 && w.termination == .optimal)

        let levels = try ScenarioLoader.load(text: PrioritySolveTests.yaml + "\n  priorities: lexicographic\n", file: "p.yaml")
        #expect(levels.rules.priorities == .lexicographic)
        let (l, lReport) = try solveAndCheck(levels)
        #expect(lReport.gaps.isEmpty && l.termination == .optimal)
        #expect(l.rawStatus.hasPrefix("lexicographic"))
        // Coverage first, then the least unfairness given full coverage: a takes nights 2 and 3 only.
        #expect(l.rota.assignments.map(\.resourceID) == ["b", "a", "a"])
        #expect(l.objective > w.objective)
    }

    @Test func rulesAreLevelledByFamily() {
        #expect(PrioritySolve.level(of: RuleID.coverGap) == 1 && PrioritySolve.level(of: RuleID.bedGap) == 1)
        #expect(PrioritySolve.level(of: RuleID.coverQualification) == 1)
        #expect(PrioritySolve.level(of: RuleID.fairNightsMax) == 2 && PrioritySolve.level(of: RuleID.organisationQuota) == 2)
        #expect(PrioritySolve.level(of: "S-REQUEST-WANT") == 3)
    }
}
