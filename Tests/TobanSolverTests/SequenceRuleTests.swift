import Foundation
import Testing
import TobanCheck
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The per-resource rules: the compiler and the checker agree on every fixture rota, and the
/// solver respects each rule where an unconstrained solve would break it.
@Suite("Per-resource rules")
struct SequenceRuleTests {
    static func load(_ name: String) throws -> (Scenario, Rota) {
        let dir = fixturesRoot.appendingPathComponent(name)
        return (try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path),
                try RotaCSVReader.read(path: dir.appendingPathComponent("rota.csv").path))
    }

    /// Rules compiled by omission (no variable) cannot show up as a broken row.
    static let byOmission: Set<String> = [RuleID.rota, RuleID.eligible, RuleID.available]

    @Test(arguments: SolverTests.fixtureNames)
    func compilerPricesAndJudgesEveryFixtureRotaLikeTheChecker(_ name: String) throws {
        let (scenario, rota) = try Self.load(name)
        let report = RotaChecker(scenario: scenario).check(rota)
        let compiled = ModelCompiler.compile(scenario)
        #expect(compiled.model.defects().isEmpty, "\(compiled.model.defects())")
        let values = compiled.values(for: rota)
        let broken = compiled.model.infeasibilities(of: values)
        let judged = Set(report.violations.map(\.ruleID)).subtracting(Self.byOmission)
        if report.violations.isEmpty {
            #expect(broken.isEmpty, "\(broken)")
            #expect(abs(compiled.model.objectiveValue(of: values) - report.totalCost) < 1e-9)
            let breakdown = compiled.model.objectiveBreakdown(of: values).filter { $0.value != 0 }
            #expect(breakdown == report.costByRule)
        }
        for rule in judged {
            #expect(broken.contains { $0.contains("row \(rule)[") }, "\(rule) broken in the rota but no \(rule) row is: \(broken)")
        }
        for row in compiled.model.rows { #expect(row.name.hasPrefix(row.ruleID + "[")) }
    }
}

/// Tiny random scenarios small enough to enumerate every rota: the solver's optimum must be
/// the least cost over all rotas the checker accepts, so the compiled rules neither let a
/// broken rota through nor forbid a rota the checker accepts.
enum TinyScenario {
    static let starts = ["2026-12-04", "2026-12-11", "2026-12-28", "2027-01-08", "2026-12-01"]

    static func make(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(state: seed &* 7919)
        let start = CivilDate(iso: starts[Int.random(in: 0..<starts.count, using: &rng)]) ?? CivilDate(dayNumber: 0)
        let horizon = DateRange(start: start, end: start.adding(days: Int.random(in: 3...6, using: &rng)))
        let time = { (h: Int) in TimeOfDay(hour: h, minute: 0) ?? TimeOfDay(hour: 0, minute: 0)! }
        var night = DutyType(id: "night", name: "夜勤", resourceKind: .nurse, start: time(18), end: time(9),
                             coverageMin: Int.random(in: 0...1, using: &rng), coverageMax: 1, gapPenalty: 100)
        night.coverageMax = night.coverageMin + Int.random(in: 0...1, using: &rng)
        let day = DutyType(id: "day", name: "日勤", resourceKind: .nurse, start: time(Int.random(in: 7...9, using: &rng)), end: time(17),
                           dayTypes: [.saturday, .sunday, .holiday, .yearEnd], coverageMin: 1, coverageMax: 1, gapPenalty: 60)
        let resources = (0..<2).map { Resource(id: "n\($0)", name: "看護師\($0)", kind: .nurse, organisation: "st") }
        let base = Scenario(name: "tiny \(seed)", timeZone: "Asia/Tokyo", horizon: horizon,
                            organisations: [Organisation(id: "st", name: "ステーション", kind: .station)],
                            dutyTypes: [night, day], resources: resources, rules: RuleSettings(fairnessWeight: 0, fairnessMaxWeight: 0))
        return RandomScenario.withResourceRules(base, seed: seed)
    }

    /// The least checker cost over every rota of the scenario's open (slot, resource) pairs,
    /// nil when no rota passes; only for scenarios with at most `limit` pairs.
    static func bruteForceOptimum(_ scenario: Scenario, limit: Int) -> Double?? {
        let pairs = scenario.slots().flatMap { slot in
            scenario.resources.filter { r in scenario.dutyType(slot.dutyTypeID).map(r.isEligible) == true && scenario.isAvailable(r, for: slot) }
                .map { Assignment(date: slot.date, dutyTypeID: slot.dutyTypeID, resourceID: $0.id) }
        }
        guard pairs.count <= limit else { return nil }
        let checker = RotaChecker(scenario: scenario)
        var best: Double?
        for mask in 0..<(1 << pairs.count) {
            let rota = Rota(assignments: pairs.indices.filter { mask & (1 << $0) != 0 }.map { pairs[$0] })
            let report = checker.check(rota)
            if report.isFeasible, best.map({ report.totalCost < $0 }) ?? true { best = report.totalCost }
        }
        return .some(best)
    }
}

@Suite("Per-resource rules against exhaustive search")
struct ExhaustiveTests {
    static let seeds: [UInt64] = {
        var found: [UInt64] = []
        var seed: UInt64 = 1
        while found.count < 30 && seed < 2_000 {
            let s = TinyScenario.make(seed: seed)
            let open = s.slots().flatMap { slot in s.resources.filter { s.isAvailable($0, for: slot) }.map { _ in 1 } }.count
            if open <= 10 && s.validationIssues().isEmpty { found.append(seed) }
            seed += 1
        }
        return found
    }()

    @Test func enoughTinyScenarios() { #expect(Self.seeds.count == 30) }

    @Test(arguments: seeds)
    func solverOptimumIsTheBestRotaTheCheckerAccepts(seed: UInt64) throws {
        let scenario = TinyScenario.make(seed: seed)
        let best = try #require(TinyScenario.bruteForceOptimum(scenario, limit: 10))
        do {
            let (solution, _) = try solveAndCheck(scenario)
            #expect(solution.termination == .optimal)
            #expect(best != nil, "the solver found a rota although exhaustive search found none")
            if let best { #expect(abs(solution.objective - best) < 1e-6, "solver \(solution.objective) vs exhaustive \(best)") }
        } catch let error as NoRotaError {
            #expect(error.termination == .infeasible)
            #expect(best == nil, "the solver found no rota, exhaustive search found one at \(best ?? 0)")
        }
    }
}

/// One nurse and one day duty (09:00–17:00, at least one, a gap costs 100) on every date: with
/// no limits the nurse works every day at cost 0, so each rule's least number of gaps is known.
@Suite("The solver respects each per-resource rule")
struct RuleRespectTests {
    /// Monday 7 December to Sunday 13 December 2026, or another range.
    static func oneNurse(from: String = "2026-12-07", to: String = "2026-12-13", _ change: (inout Resource) -> Void) throws -> Scenario {
        let horizon = DateRange(start: try #require(CivilDate(iso: from)), end: try #require(CivilDate(iso: to)))
        let duty = DutyType(id: "day", name: "日勤", resourceKind: .nurse, start: try #require(TimeOfDay(text: "09:00")),
                            end: try #require(TimeOfDay(text: "17:00")), coverageMin: 1, coverageMax: 1, gapPenalty: 100)
        var nurse = Resource(id: "n", name: "看護師", kind: .nurse, organisation: "st")
        change(&nurse)
        let scenario = Scenario(name: "one nurse", horizon: horizon, organisations: [Organisation(id: "st", name: "ステーション", kind: .station)],
                                dutyTypes: [duty], resources: [nurse], rules: RuleSettings(fairnessWeight: 0, fairnessMaxWeight: 0))
        #expect(scenario.validationIssues().isEmpty)
        return scenario
    }

    @Test func unconstrainedNurseWorksEveryDay() throws {
        let (solution, _) = try solveAndCheck(try Self.oneNurse { _ in })
        #expect(solution.objective == 0 && solution.rota.assignments.count == 7)
    }

    @Test func maxConsecutiveLeavesEveryThirdDayOpen() throws {
        let (solution, report) = try solveAndCheck(try Self.oneNurse { $0.maxConsecutive = 2 })
        #expect(solution.objective == 200)
        #expect(report.gaps.count == 2)
    }

    @Test func maxConsecutiveCountsThePastDays() throws {
        // Two duty days before the horizon: the first day of the horizon must be off.
        let (solution, _) = try solveAndCheck(try Self.oneNurse {
            $0.maxConsecutive = 2
            $0.lastDuties = [PastDuty(date: CivilDate(iso: "2026-12-05")!, dutyTypeID: "day"), PastDuty(date: CivilDate(iso: "2026-12-06")!, dutyTypeID: "day")]
        })
        #expect(!solution.rota.assignments.contains { $0.date.day == 7 })
        #expect(solution.objective == 300)
    }

    @Test func minDaysOffMakesTheBreakTwoDaysLong() throws {
        // At most three in a row forces a break; inside the horizon it must last two days.
        let (solution, _) = try solveAndCheck(try Self.oneNurse { $0.maxConsecutive = 3; $0.minDaysOff = 2 })
        #expect(solution.objective == 200)
    }

    @Test func minConsecutiveExemptsTheEdges() throws {
        // Blocks of exactly three: 7–9 and 11–13 touch the edges, 10 is the only gap.
        let (solution, _) = try solveAndCheck(try Self.oneNurse { $0.maxConsecutive = 3; $0.minConsecutive = 3 })
        #expect(solution.objective == 100)
        // Blocks of at least four and breaks of at least two: 7–9, off 10–11, 12–13 has short
        // blocks, but both touch an edge, so two gaps suffice.
        let (tight, _) = try solveAndCheck(try Self.oneNurse { $0.maxConsecutive = 4; $0.minConsecutive = 4; $0.minDaysOff = 2 })
        #expect(tight.objective == 200)
        #expect(tight.rota.assignments.count == 5)
    }

    @Test func maxPerWeekCountsTheISOWeek() throws {
        // Saturday 5 to Friday 11 December: two days of the week of 30 November, five of the next.
        let (solution, _) = try solveAndCheck(try Self.oneNurse(from: "2026-12-05", to: "2026-12-11") { $0.maxPerWeek = 3 })
        #expect(solution.objective == 200)
        let (past, _) = try solveAndCheck(try Self.oneNurse(from: "2026-12-05", to: "2026-12-11") {
            $0.maxPerWeek = 3
            $0.lastDuties = [PastDuty(date: CivilDate(iso: "2026-12-03")!, dutyTypeID: "day"), PastDuty(date: CivilDate(iso: "2026-12-04")!, dutyTypeID: "day")]
        })
        #expect(past.objective == 300)
    }

    @Test func maxWeekendsUsesCalendarWeekends() throws {
        // Friday 4 to Monday 14 December holds the weekends of the 5th and the 12th.
        let (solution, _) = try solveAndCheck(try Self.oneNurse(from: "2026-12-04", to: "2026-12-14") { $0.maxWeekends = 1 })
        #expect(solution.objective == 200)
        #expect(solution.rota.assignments.filter { $0.date.weekendSaturday != nil }.count == 2)
    }

    @Test func minutesCapTheDuties() throws {
        let (solution, _) = try solveAndCheck(try Self.oneNurse { $0.maxMinutes = 4 * 480 + 479 })
        #expect(solution.objective == 300)
        let (least, _) = try solveAndCheck(try Self.oneNurse { $0.maxDuties = 2; $0.minMinutes = 960 })
        #expect(least.rota.assignments.count == 2)
    }

    @Test func dutyLimitByDayType() throws {
        let (solution, _) = try solveAndCheck(try Self.oneNurse { $0.limits = [DutyLimit(dayTypes: [.saturday, .sunday], max: 1)] })
        #expect(solution.objective == 100)
    }

    @Test func partDayAbsenceRemovesOverlappingDuties() throws {
        let (solution, report) = try solveAndCheck(try Self.oneNurse {
            $0.unavailableTimes = [UnavailableTime(date: CivilDate(iso: "2026-12-08")!, from: TimeOfDay(text: "16:59")!, to: TimeOfDay(text: "24:00")!),
                                   UnavailableTime(date: CivilDate(iso: "2026-12-09")!, from: TimeOfDay(text: "17:00")!, to: TimeOfDay(text: "24:00")!)]
        })
        #expect(solution.objective == 100)
        #expect(report.gaps.map(\.slotKey) == ["2026-12-08/day"])
    }

    @Test func restAndSuccessionsShapeNightsAndDays() throws {
        // One nurse, a night (18:00–09:00) and an early day (09:00–17:00) each date; the night
        // is wanted (gap 100), the day less (gap 10). Without rules: all nights, 7 day gaps.
        var scenario = try Self.oneNurse { _ in }
        scenario.dutyTypes[0].gapPenalty = 10
        scenario.dutyTypes.append(DutyType(id: "night", name: "夜勤", resourceKind: .nurse, start: try #require(TimeOfDay(text: "18:00")),
                                           end: try #require(TimeOfDay(text: "09:00")), gapPenalty: 100))
        let (free, _) = try solveAndCheck(scenario)
        #expect(free.objective == 70)
        // No night after a night: nights on alternate dates, days between (all rest-compatible at 0 h).
        var alternate = scenario
        alternate.rules.forbiddenSuccessions = [ForbiddenSuccession(from: "night", to: "night")]
        let (a, _) = try solveAndCheck(alternate)
        #expect(a.objective == 3 * 100 + 4 * 10)
        // Add 11 hours of rest: a day duty right after a night is out, so the day between two
        // nights goes too; with a day the morning after, a night pattern N–D is impossible.
        var rested = alternate
        rested.rules.minRestHours = 11
        let (r, _) = try solveAndCheck(rested)
        #expect(r.objective == 3 * 100 + 7 * 10)
    }

    @Test func pinsAndRequestsSteerTheRota() throws {
        var scenario = try Self.oneNurse { $0.maxConsecutive = 2 }
        scenario.resources[0].pins = [Pin(date: CivilDate(iso: "2026-12-09")!, dutyTypeID: "day")]
        scenario.resources[0].requests = [DutyRequest(kind: .avoid, date: CivilDate(iso: "2026-12-07")!, weight: 300)]
        let (solution, _) = try solveAndCheck(scenario)
        // Off 7 (avoided) and at most two in a row after it, 9 included: three gaps.
        #expect(!solution.rota.assignments.contains { $0.date.day == 7 })
        #expect(solution.rota.assignments.contains { $0.date.day == 9 })
        #expect(solution.objective == 300)
        // A cheap avoid is overridden: 7 9 10 12 13 pays it and two gaps.
        scenario.resources[0].requests[0].weight = 30
        let (cheap, _) = try solveAndCheck(scenario)
        #expect(cheap.objective == 230)
        scenario.resources[0].requests = [DutyRequest(kind: .want, date: CivilDate(iso: "2026-12-13")!, dutyTypeID: "day", weight: 30)]
        let (wanted, _) = try solveAndCheck(scenario)
        #expect(wanted.objective == 200)
        #expect(wanted.rota.assignments.contains { $0.date.day == 13 })
        #expect(wanted.rota.assignments.contains { $0.date.day == 9 })
    }
}

@Suite("Infeasibility reasons of the per-resource rules")
struct ResourceInfeasibilityTests {
    func reasons(_ scenario: Scenario) throws -> [String] {
        do {
            _ = try RotaSolver().solve(scenario)
            Issue.record("expected no rota")
            return []
        } catch let error as NoRotaError {
            #expect(error.termination == .infeasible)
            return error.reasons
        }
    }

    @Test func pinsThatBreakRestAreNamed() throws {
        var scenario = try RuleRespectTests.oneNurse { _ in }
        scenario.dutyTypes.append(DutyType(id: "night", name: "夜勤", resourceKind: .nurse, start: try #require(TimeOfDay(text: "18:00")),
                                           end: try #require(TimeOfDay(text: "09:00")), gapPenalty: 100))
        scenario.rules.minRestHours = 11
        scenario.resources[0].pins = [Pin(date: try #require(CivilDate(iso: "2026-12-08")), dutyTypeID: "night"),
                                      Pin(date: try #require(CivilDate(iso: "2026-12-09")), dutyTypeID: "day")]
        #expect(scenario.validationIssues().isEmpty)
        let found = try reasons(scenario)
        #expect(found.contains { $0.contains("[H-PIN] n is pinned to 2026-12-09/day, too close to 2026-12-08/night (H-REST)") }, "\(found)")
    }

    @Test func unreachableMinimumsAreNamed() throws {
        let scenario = try RuleRespectTests.oneNurse {
            $0.limits = [DutyLimit(dayTypes: [.saturday, .sunday], min: 3)]
            $0.unavailable = [DateRange(start: CivilDate(iso: "2026-12-13")!, end: CivilDate(iso: "2026-12-13")!)]
        }
        let found = try reasons(scenario)
        #expect(found.contains { $0.contains("[H-DUTY-LIMIT] n needs at least 3 duties of all@saturday+sunday but can take them on only 1 date") }, "\(found)")
        let minutes = try RuleRespectTests.oneNurse { $0.minMinutes = 8 * 480 }
        #expect(try reasons(minutes).contains { $0.contains("[H-MIN-MINUTES] n needs at least 3840 minutes of duty but its open duties hold at most 3360") })
    }
}

@Suite("Succession bicliques")
struct SuccessionBicliqueTests {
    @Test func everyForbiddenPairIsInOneMaximalBiclique() {
        // Late may be followed by neither early nor day; day not by early.
        let pairs = [("L", "E"), ("L", "D"), ("D", "E")].map { ForbiddenSuccession(from: $0.0, to: $0.1) }
        let bicliques = ModelCompiler.successionBicliques(pairs)
        let shown = bicliques.map { $0.from.sorted().joined() + ">" + $0.to.sorted().joined() }.sorted()
        #expect(shown == ["DL>E", "L>DE"])
        for p in pairs { #expect(bicliques.contains { $0.from.contains(p.from) && $0.to.contains(p.to) }) }
        for b in bicliques { for f in b.from { for t in b.to { #expect(pairs.contains(ForbiddenSuccession(from: f, to: t))) } } }
    }
}
