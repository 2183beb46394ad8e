import Testing
import TobanModel
@testable import TobanSolver

/// Infeasibility reasons of a re-plan whose frozen part breaks a hard rule by itself.
@Suite("Infeasibility reasons of the frozen past")
struct FrozenInfeasibilityTests {
    /// Nurses a and b, a night (18–09) and a day (09–17) duty, 12-01…12-06, re-planned from
    /// 12-04; `published` and `extra` (resource keys of a, rules) vary per test.
    func scenario(published: String, aKeys: String = "", rules: String = "", coverage: String = "{min: 0, max: 1}",
                  beds: String = "") throws -> Scenario {
        let yaml = """
        format: 1
        name: frozen
        horizon: {start: 2026-12-01, end: 2026-12-06}
        organisations:
          - {id: x, name: X, kind: station}
        dutyTypes:
          - {id: night, name: 夜勤, resourceKind: nurse, start: "18:00", end: "09:00", coverage: \(coverage)}
          - {id: day, name: 日勤, resourceKind: nurse, start: "09:00", end: "17:00", coverage: {min: 0, max: 1}}\(beds)
        resources:
          - {id: a, name: 青木, kind: nurse, organisation: x\(aKeys)}
          - {id: b, name: 馬場, kind: nurse, organisation: x}
        rules:
          fairness: {weight: 0, maxDeviationWeight: 0}\(rules)
        replan:
          from: 2026-12-04
          published: [\(published)]
        """
        return try ScenarioLoader.load(text: yaml, file: "frozen.yaml")
    }

    func solverReasons(_ scenario: Scenario) throws -> [String] {
        do {
            _ = try RotaSolver().solve(scenario)
            Issue.record("expected no rota")
            return []
        } catch let error as NoRotaError {
            #expect(error.termination == .infeasible)
            return error.reasons
        }
    }

    @Test func frozenRestAndSuccessionBreachesAreNamed() throws {
        // a works the night of 12-01 and the day of 12-02 (09:00 right after 09:00): no rest.
        let rest = try scenario(published: "{date: 2026-12-01, duty: night, resource: a}, {date: 2026-12-02, duty: day, resource: a}",
                                rules: "\n  minRestHours: 11")
        let found = try solverReasons(rest)
        #expect(found.contains("[H-FROZEN] the published rota before 2026-12-04, kept by H-FROZEN, gives a 2026-12-02/day too soon after 2026-12-01/night (H-REST)"), "\(found)")
        // Without minRestHours the same pair is fine: nothing to report.
        let ok = try scenario(published: "{date: 2026-12-01, duty: night, resource: a}, {date: 2026-12-02, duty: day, resource: a}")
        #expect(InfeasibilityDiagnosis.frozenReasons(ok).isEmpty)

        let succession = try scenario(published: "{date: 2026-12-01, duty: night, resource: a}, {date: 2026-12-02, duty: night, resource: a}",
                                      rules: "\n  forbiddenSuccessions: [{from: night, to: night}]")
        #expect(try solverReasons(succession).contains {
            $0.hasPrefix("[H-FROZEN]") && $0.contains("gives a 2026-12-02/night right after 2026-12-01/night") && $0.hasSuffix("(H-SUCCESSION)")
        })
    }

    @Test func frozenCountsOverTheirLimitsAreNamed() throws {
        // Coverage max 1 on the night, two published; a has maxDuties 1 and two frozen duties.
        let s = try scenario(published: """
        {date: 2026-12-01, duty: night, resource: a}, {date: 2026-12-01, duty: night, resource: b}, {date: 2026-12-03, duty: day, resource: a}
        """, aKeys: ", maxDuties: 1")
        let found = InfeasibilityDiagnosis.frozenReasons(s)
        #expect(found.contains { $0.contains("puts 2 resources on 2026-12-01/night, more than its maximum 1 (H-COVER-MAX)") }, "\(found)")
        #expect(found.contains { $0.contains("gives a 2 duties, more than its maximum 1 (H-MAX-DUTIES)") }, "\(found)")
        #expect(try solverReasons(s).contains { $0.hasSuffix("(H-COVER-MAX)") })
        // Per-date coverage counts: with max 2 on 12-01 the slot is fine.
        let wider = try scenario(published: "{date: 2026-12-01, duty: night, resource: a}, {date: 2026-12-01, duty: night, resource: b}",
                                 coverage: "{min: 0, max: 1}, coverageByDate: [{date: 2026-12-01, min: 0, max: 2}]")
        #expect(InfeasibilityDiagnosis.frozenReasons(wider).isEmpty)

        let twice = try scenario(published: "{date: 2026-12-02, duty: night, resource: a}, {date: 2026-12-02, duty: day, resource: a}")
        #expect(InfeasibilityDiagnosis.frozenReasons(twice).contains { $0.contains("gives a both 2026-12-02/day and 2026-12-02/night (H-ONE-DUTY-PER-DATE)") || $0.contains("gives a both 2026-12-02/night and 2026-12-02/day (H-ONE-DUTY-PER-DATE)") })
    }

    @Test func pinsAgainstTheFrozenPartAreNamed() throws {
        // A pin on a frozen date the published rota gives to b.
        let frozenPin = try scenario(published: "{date: 2026-12-02, duty: night, resource: b}",
                                     aKeys: ", pins: [{date: 2026-12-02, duty: night}]")
        #expect(try solverReasons(frozenPin).contains("[H-FROZEN] a is pinned to 2026-12-02/night, but the published rota before 2026-12-04, kept by H-FROZEN, does not have it there (H-PIN)"))
        // A pin just after the frozen dates that leaves too little rest after a frozen night.
        let restPin = try scenario(published: "{date: 2026-12-03, duty: night, resource: a}",
                                   aKeys: ", pins: [{date: 2026-12-04, duty: day}]", rules: "\n  minRestHours: 11")
        #expect(InfeasibilityDiagnosis.frozenReasons(restPin).contains {
            $0.contains("gives a 2026-12-03/night, too close to its pin 2026-12-04/day (H-REST)")
        })
        // A past duty followed by a frozen one in a forbidden succession.
        let past = try scenario(published: "{date: 2026-12-01, duty: night, resource: a}",
                                aKeys: ", history: {lastDuties: [{date: 2026-11-30, duty: night}]}",
                                rules: "\n  forbiddenSuccessions: [{from: night, to: night}]")
        #expect(InfeasibilityDiagnosis.frozenReasons(past).contains {
            $0.contains("gives a 2026-12-01/night, and its past duty 2026-11-30/night makes a forbidden succession night → night (H-SUCCESSION)")
        })
    }

    @Test func frozenBedsOverTheMaximumAreNamed() throws {
        let yaml = """
        format: 1
        name: frozen beds
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations:
          - {id: h, name: H, kind: hospital}
        dutyTypes:
          - {id: bed, name: 病床, resourceKind: hospital, start: "09:00", end: "09:00", coverage: {min: 0, max: 2}, beds: {min: 1, max: 3}}
        resources:
          - {id: h1, name: 一, kind: hospital, organisation: h, beds: 2}
          - {id: h2, name: 二, kind: hospital, organisation: h, beds: 2}
        replan:
          from: 2026-12-03
          published: [{date: 2026-12-01, duty: bed, resource: h1}, {date: 2026-12-01, duty: bed, resource: h2}]
        """
        let s = try ScenarioLoader.load(text: yaml, file: "beds.yaml")
        #expect(InfeasibilityDiagnosis.frozenReasons(s) == [
            "[H-FROZEN] the published rota before 2026-12-03, kept by H-FROZEN, lends 4 beds on 2026-12-01/bed, more than its maximum 3 (H-BED-CAPACITY)",
        ])
        // Not a re-plan: nothing to say.
        var plain = s
        plain.replan = nil
        #expect(InfeasibilityDiagnosis.frozenReasons(plain).isEmpty)
    }
}
