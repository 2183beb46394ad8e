import Testing
@testable import TobanModel

/// Fair-share targets follow per-date coverage and part-day availability.
@Suite("Fair-share targets")
struct FairnessTargetTests {
    /// Three nights, two nurses; `extra` adds lines to the duty type, `aUnavailable` to nurse a.
    func scenario(coverageByDate: String = "", aUnavailable: String = "[]") throws -> Scenario {
        let yaml = """
        format: 1
        name: fairness targets
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations:
          - {id: x, name: Xステーション, kind: station}
        dutyTypes:
          - {id: night, name: 夜勤, resourceKind: nurse, start: "18:00", end: "09:00", coverage: {min: 1, max: 3}\(coverageByDate)}
        resources:
          - {id: a, name: 青木, kind: nurse, organisation: x, unavailable: \(aUnavailable)}
          - {id: b, name: 馬場, kind: nurse, organisation: x}
        """
        return try ScenarioLoader.load(text: yaml, file: "fair.yaml")
    }

    /// Each resource's total target, or its target in `category`.
    func targets(_ s: Scenario, in category: FairnessCategory? = nil) -> [String: Double] {
        let all = category.map { s.fairnessTargets(for: $0) } ?? s.fairnessTargets()
        return Dictionary(uniqueKeysWithValues: all.map { ($0.resourceID, $0.target) })
    }

    @Test func defaultCoverageSplitsEvenly() throws {
        #expect(targets(try scenario()) == ["a": 1.5, "b": 1.5])
    }

    @Test func perDateCoverageRaisesTheDemand() throws {
        // 12-02 needs 3 instead of 1: demand 1 + 3 + 1 = 5, split evenly.
        let s = try scenario(coverageByDate: ", coverageByDate: [{date: 2026-12-02, min: 3, max: 3}]")
        #expect(targets(s) == ["a": 2.5, "b": 2.5])
        let band = s.fairnessTargets().first { $0.resourceID == "a" }?.band
        #expect(band == 2...3)
    }

    @Test func perDateCoverageWeighsAvailability() throws {
        // a is away on the busy date (3 of 5 demand): a can take 2/5, b all 5/5 → a 5·(2/5)/(7/5) = 10/7.
        let s = try scenario(coverageByDate: ", coverageByDate: [{date: 2026-12-02, min: 3, max: 3}]",
                             aUnavailable: "[2026-12-02]")
        let shares = s.fairnessTargets(slots: s.slots(), counting: { _, _ in true }, history: \.historyDuties)
        #expect(abs(shares[0].target - 10.0 / 7.0) < 1e-6)
        #expect(abs(shares[1].target - 25.0 / 7.0) < 1e-6)
        // b cannot work more than the 3 dates (one duty per date): capped at 3, a takes the rest.
        #expect(targets(s) == ["a": 2, "b": 3])
    }

    @Test func partDayWindowRemovesTheSlotsShare() throws {
        // a is away on 12-03 until 10:00, so the night of 12-02 (to 09:00 on 12-03) is closed to a:
        // a can take 2 of 3 nights, b 3 → a 3·(2/3)/(5/3) = 1.2, b 1.8.
        let s = try scenario(aUnavailable: "[{date: 2026-12-03, to: \"10:00\"}]")
        let t = targets(s)
        #expect(abs((t["a"] ?? 0) - 1.2) < 1e-9)
        #expect(abs((t["b"] ?? 0) - 1.8) < 1e-9)
        // A window that misses every night (daytime on 12-02) changes nothing.
        let daytime = try scenario(aUnavailable: "[{date: 2026-12-02, from: \"10:00\", to: \"17:00\"}]")
        #expect(targets(daytime) == ["a": 1.5, "b": 1.5])
    }

    @Test func proportionalQuotaFollowsTheSameShares() throws {
        let yaml = """
        format: 1
        name: quota shares
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations:
          - {id: x, name: X, kind: station, quota: {proportional: true, tolerance: 0}}
          - {id: y, name: Y, kind: station}
        dutyTypes:
          - {id: night, name: 夜勤, resourceKind: nurse, start: "18:00", end: "09:00", coverage: {min: 1, max: 3},
             coverageByDate: [{date: 2026-12-02, min: 3, max: 3}]}
        resources:
          - {id: a, name: 青木, kind: nurse, organisation: x, unavailable: [2026-12-02]}
          - {id: b, name: 馬場, kind: nurse, organisation: y}
        """
        let s = try ScenarioLoader.load(text: yaml, file: "quota.yaml")
        let quota = try #require(s.organisations.first { $0.id == "x" }.flatMap { s.resolvedQuota(of: $0) })
        // x's share is a's 10/7 ≈ 1.43 → 1…2.
        #expect(quota.min == 1 && quota.max == 2)
    }

    /// Two duty types a day (night and day), three days; `resources` are the nurse lines.
    func twoDutyScenario(_ resources: String) throws -> Scenario {
        let yaml = """
        format: 1
        name: capped targets
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations:
          - {id: x, name: X, kind: station}
        dutyTypes:
          - {id: night, name: 夜勤, resourceKind: nurse, start: "18:00", end: "09:00", coverage: {min: 1, max: 1}}
          - {id: day, name: 日勤, resourceKind: nurse, start: "09:00", end: "17:00", coverage: {min: 1, max: 1}}
        resources:
        \(resources)
        """
        return try ScenarioLoader.load(text: yaml, file: "capped.yaml")
    }

    @Test func totalTargetIsCappedAtTheDatesOneCanWork() throws {
        // Demand 6; FTE 1 and 0.5 give 4 and 2, but one duty per date allows a at most 3.
        let s = try twoDutyScenario("""
          - {id: a, name: 青木, kind: nurse, organisation: x}
          - {id: b, name: 馬場, kind: nurse, organisation: x, fte: 0.5}
        """)
        #expect(targets(s) == ["a": 3, "b": 3])
    }

    @Test func categoryTargetIsCappedByADutyLimit() throws {
        // Three nights among three nurses: 1 each without limits. a may do no night at all
        // (a limit counting every night), so its night share goes to b and c.
        let s = try twoDutyScenario("""
          - {id: a, name: 青木, kind: nurse, organisation: x, limits: [{duties: [night], max: 0}]}
          - {id: b, name: 馬場, kind: nurse, organisation: x}
          - {id: c, name: 千葉, kind: nurse, organisation: x}
        """)
        #expect(targets(s, in: .nights) == ["a": 0, "b": 1.5, "c": 1.5])
        // A limit on day duties only does not cap the nights.
        let dayLimited = try twoDutyScenario("""
          - {id: a, name: 青木, kind: nurse, organisation: x, limits: [{duties: [day], max: 0}]}
          - {id: b, name: 馬場, kind: nurse, organisation: x}
          - {id: c, name: 千葉, kind: nurse, organisation: x}
        """)
        #expect(targets(dayLimited, in: .nights) == ["a": 1, "b": 1, "c": 1])
    }
}
