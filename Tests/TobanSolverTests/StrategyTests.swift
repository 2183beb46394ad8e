import Foundation
import Testing
import TobanCheck
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

@Suite("Solve strategies")
struct StrategyTests {
    /// Fixing any subset of variables at an optimal point and substituting them out leaves a
    /// sub-problem whose optimum, expanded back, is a feasible point of the same cost.
    @Test func restrictedModelKeepsTheOptimumAndExpandsToFeasiblePoints() throws {
        let seeds = feasibleSeeds(4)
        try #require(seeds.count == 4)
        for seed in seeds { try restrictedModelCheck(seed: seed) }
    }

    func restrictedModelCheck(seed: UInt64) throws {
        let scenario = RandomScenario.make(seed: seed)
        let compiled = ModelCompiler.compile(scenario)
        let model = compiled.model
        let full = try GLPKSolverHelper.solve(model)
        let optimum = compiled.tightened(full.values)
        var rng = SeededGenerator(state: seed)
        let isFree = model.variables.map { _ in Bool.random(using: &rng) }
        let restricted = RestrictedModel(model, values: optimum, isFree: isFree)
        #expect(restricted.model.variables.count == isFree.filter { $0 }.count)
        // The optimum restricted is feasible in the sub-problem, at the same objective.
        let start = restricted.restrict(optimum)
        #expect(restricted.model.infeasibilities(of: start).isEmpty)
        #expect(abs(restricted.model.objectiveValue(of: start) - model.objectiveValue(of: optimum)) < 1e-6)
        // Solving the sub-problem cannot beat the full optimum, and expands to a feasible point.
        let sub = try GLPKSolverHelper.solve(restricted.model)
        let expanded = restricted.expand(sub.values)
        #expect(model.infeasibilities(of: expanded).isEmpty)
        #expect(abs(model.objectiveValue(of: expanded) - model.objectiveValue(of: optimum)) < 1e-6)
    }

    /// Started from the empty rota, the neighbourhood rounds and the proof run reach the same
    /// optimum as one direct run, and the checker prices the rota at that objective.
    @Test func largeNeighbourhoodSearchReachesTheDirectOptimum() throws {
        let cases = StrategyTests.elasticScenarios(3)
        #expect(cases.count == 3)
        for (seed, scenario, compiled, direct) in cases {
            try lnsCheck(scenario: scenario, compiled: compiled, direct: direct, seed: seed)
        }
    }

    /// The first `count` random scenarios (seeds 1–80, without hard minimums) whose empty rota is
    /// feasible and whose direct optimum costs something, with that optimum.
    static func elasticScenarios(_ count: Int) -> [(seed: UInt64, scenario: Scenario, compiled: CompiledModel, direct: RotaSolution)] {
        var found: [(UInt64, Scenario, CompiledModel, RotaSolution)] = []
        for seed in 1...(80 as UInt64) where found.count < count {
            let scenario = StrategyTests.withoutHardMinimums(RandomScenario.make(seed: seed))
            let compiled = ModelCompiler.compile(scenario)
            guard compiled.model.infeasibilities(of: compiled.values(for: Rota(assignments: []))).isEmpty,
                  let direct = try? RotaSolver().solve(scenario), direct.termination == .optimal, direct.objective > 0 else { continue }
            found.append((seed, scenario, compiled, direct))
        }
        return found
    }

    /// `scenario` without minimum duties, minutes, pins or limit minimums, so that the empty rota is feasible.
    static func withoutHardMinimums(_ scenario: Scenario) -> Scenario {
        var scenario = scenario
        for i in scenario.resources.indices {
            scenario.resources[i].minDuties = nil
            scenario.resources[i].minMinutes = nil
            scenario.resources[i].pins = []
            scenario.resources[i].limits = scenario.resources[i].limits.map { DutyLimit(dutyTypes: $0.dutyTypes, dayTypes: $0.dayTypes, max: $0.max) }
        }
        return scenario
    }

    /// GLPK, but no sub-problem is ever reported proved: the search then never proves the
    /// whole problem itself, so whether a proof run follows is up to its settings.
    final class NeverProved: MIPSolver, @unchecked Sendable {
        var name: String { "glpk, never proved" }
        func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult {
            var result = try GLPKSolver().solve(model, options: options, progress: progress)
            if result.termination == .optimal { result.termination = .timeLimit }
            return result
        }
    }

    /// With `proofShare` 0 the search has no proof run on the whole model (it searches until
    /// the time limit); with the default it has one.
    @Test func aZeroProofShareMeansNoProofRun() throws {
        var compared = 0
        for seed in 1...(30 as UInt64) where compared < 2 {
            let scenario = RandomScenario.make(seed: seed)
            let compiled = ModelCompiler.compile(scenario)
            let empty = compiled.values(for: Rota(assignments: []))
            guard compiled.model.infeasibilities(of: empty).isEmpty else { continue }
            compared += 1
            func run(_ proofShare: Double) throws -> SolveResult {
                try LargeNeighbourhoodSearch(compiled: compiled, backend: NeverProved(),
                                             settings: LNSSettings(seed: seed, proofShare: proofShare, subproblemTimeLimit: 0.5, initialResources: 1))
                    .solve(timeLimit: 1.5, relativeGap: 0, threads: 2, verbose: false, initial: empty, progress: nil)
            }
            let usual = try run(0.3)
            #expect(usual.rawStatus.contains("; proof "), "seed \(seed): \(usual.rawStatus)")
            let searchOnly = try run(0)
            #expect(!searchOnly.rawStatus.contains("proof"), "seed \(seed): \(searchOnly.rawStatus)")
            #expect(searchOnly.primal == .feasiblePoint)
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: searchOnly.values))
            #expect(check.violations.isEmpty, "seed \(seed)")
            #expect(abs(check.totalCost - (searchOnly.objective ?? .nan)) < 1e-6, "seed \(seed)")
        }
        #expect(compared == 2)
    }

    func lnsCheck(scenario: Scenario, compiled: CompiledModel, direct: RotaSolution, seed: UInt64) throws {
        let empty = compiled.values(for: Rota(assignments: []))
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver(),
                                              settings: LNSSettings(seed: seed, subproblemTimeLimit: 2, initialResources: 1))
        let result = try search.solve(timeLimit: 20, relativeGap: 0, threads: 2, verbose: false, initial: empty, progress: nil)
        #expect(result.primal == .feasiblePoint)
        #expect(result.rawStatus.hasPrefix("lns subproblems="))
        #expect(!result.rawStatus.hasPrefix("lns subproblems=0 "))
        let objective = try #require(result.objective)
        #expect(abs(objective - direct.objective) < 1e-6, "lns \(objective) vs direct \(direct.objective)")
        let rota = compiled.rota(from: result.values)
        let check = RotaChecker(scenario: scenario).check(rota)
        #expect(check.violations.isEmpty)
        #expect(abs(check.totalCost - objective) < 1e-6)
    }

    /// A backend that, like GLPK on a large model, runs out of time on the whole model without
    /// a rota (on its first `failures` whole-model runs), but solves the (smaller) sub-problems.
    final class NoRotaOnWholeModel: MIPSolver, @unchecked Sendable {
        let variables: Int
        let failures: Int
        // Guarded by `lock`: the search may call the backend from several threads.
        private var wholeRuns = 0
        private let lock = NSLock()
        init(variables: Int, failures: Int = .max) {
            self.variables = variables
            self.failures = failures
        }
        var name: String { "glpk, except on the whole model" }
        func solve(_ model: LinearModel, options: SolveOptions, progress: ProgressHandler?) throws -> SolveResult {
            if model.variables.count == variables && options.start == nil {
                lock.lock()
                wholeRuns += 1
                let fails = wholeRuns <= failures
                lock.unlock()
                if fails {
                    return SolveResult(termination: .timeLimit, primal: .noSolution, values: [], objective: nil, bound: nil,
                                       time: 0, rawStatus: "test: no rota on the whole model")
                }
            }
            return try GLPKSolver().solve(model, options: options, progress: progress)
        }
    }

    @Test func neighbourhoodSearchStartsFromTheEmptyRotaWhenTheWholeModelGivesNone() throws {
        let cases = StrategyTests.elasticScenarios(2)
        #expect(cases.count == 2)
        for (seed, scenario, compiled, _) in cases {
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: NoRotaOnWholeModel(variables: compiled.model.variables.count),
                                                  settings: LNSSettings(seed: seed, subproblemTimeLimit: 2, initialResources: 1))
            let result = try search.solve(timeLimit: 20, relativeGap: 0, threads: 2, verbose: false, progress: nil)
            #expect(result.primal == .feasiblePoint, "seed \(seed): \(result.rawStatus)")
            let objective = try #require(result.objective)
            // The empty rota costs every gap; the search must have improved on it.
            #expect(objective < compiled.model.objectiveValue(of: compiled.values(for: Rota(assignments: []))))
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: result.values))
            #expect(check.violations.isEmpty)
            #expect(abs(check.totalCost - objective) < 1e-6)
        }
    }

    @Test func neighbourhoodSearchGivesTheWholeModelTheRestWhenThereIsNoStart() throws {
        // A scenario whose empty rota breaks a hard rule (minimum duties): no start but a rota.
        var tested = 0
        for seed in 1...(60 as UInt64) where tested < 1 {
            let scenario = RandomScenario.make(seed: seed)
            let compiled = ModelCompiler.compile(scenario)
            guard !compiled.model.infeasibilities(of: compiled.values(for: Rota(assignments: []))).isEmpty,
                  let direct = try? RotaSolver().solve(scenario), direct.termination == .optimal else { continue }
            tested += 1
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: NoRotaOnWholeModel(variables: compiled.model.variables.count, failures: 1),
                                                  settings: LNSSettings(seed: seed, subproblemTimeLimit: 2, initialResources: 1))
            let result = try search.solve(timeLimit: 20, relativeGap: 0, threads: 2, verbose: false, progress: nil)
            #expect(result.primal == .feasiblePoint, "seed \(seed): \(result.rawStatus)")
            let objective = try #require(result.objective)
            #expect(abs(objective - direct.objective) < 1e-6)
            let check = RotaChecker(scenario: scenario).check(compiled.rota(from: result.values))
            #expect(check.violations.isEmpty)
        }
        #expect(tested == 1)
    }

    @Test func automaticStrategyChoosesBySize() {
        #expect(SolveStrategy.automatic.resolved(integers: SolveStrategy.automaticThreshold) == .direct)
        #expect(SolveStrategy.automatic.resolved(integers: SolveStrategy.automaticThreshold + 1) == .largeNeighbourhood(LNSSettings()))
        #expect(SolveStrategy.direct.resolved(integers: 1_000_000) == .direct)
        #expect(RotaSolveOptions().strategy == .automatic)
        #expect(RotaSolveOptions().tuning == .rotaDefault)
        #expect(MIPTuning(list: "none") == MIPTuning())
        #expect(MIPTuning(list: "cuts") == .allCuts)
    }

    @Test func rotaSolverRunsTheNeighbourhoodStrategyThroughTheSamePipeline() throws {
        let scenario = RandomScenario.make(seed: try #require(feasibleSeeds(1, from: 40).first))
        var options = RotaSolveOptions(timeLimit: 10)
        options.strategy = .largeNeighbourhood(LNSSettings())
        options.threads = 2
        let lns = try RotaSolver().solve(scenario, options: options)
        let direct = try RotaSolver().solve(scenario)
        #expect(abs(lns.objective - direct.objective) < 1e-6)
        #expect(abs(RotaChecker(scenario: scenario).check(lns.rota).totalCost - lns.objective) < 1e-6)
    }

    @Test func tuningListsParse() throws {
        let all = try #require(MIPTuning(list: "cuts,ps,br=pch,bt=bph"))
        #expect(all.gomoryCuts && all.mirCuts && all.coverCuts && all.cliqueCuts && all.proximitySearch && !all.feasibilityPump)
        #expect(all.branching == .hybridPseudoCost && all.backtracking == .bestProjection)
        #expect(MIPTuning(list: "") == MIPTuning())
        #expect(MIPTuning(list: "mir, clq")?.mirCuts == true)
        #expect(MIPTuning(list: "gomory") == nil)
        #expect(MIPTuning(list: "br=xyz") == nil)
    }

    @Test func tunedGLPKSolvesToTheSameOptimum() throws {
        let scenario = RandomScenario.make(seed: try #require(feasibleSeeds(1, from: 7).first))
        let model = ModelCompiler.compile(scenario).model
        let plain = try GLPKSolverHelper.solve(model)
        var options = SolveOptions()
        options.tuning = MIPTuning(list: "cuts,fp,ps,br=pch,bt=dfs") ?? MIPTuning()
        let tuned = try GLPKSolver().solve(model, options: options, progress: nil)
        #expect(tuned.isOptimal && abs((tuned.objective ?? 0) - (plain.objective ?? 1)) < 1e-6)
        var bad = SolveOptions()
        bad.tuning.proximityTimeLimit = .nan
        #expect(throws: InvalidModelError.self) { try GLPKSolver().solve(model, options: bad, progress: nil) }
    }

    // MARK: Curtois mapping against brute force

    /// Every roster of a tiny instance is enumerated and judged by the benchmark's own rules
    /// (written here from `SOURCE.md`, independently of the compiler and the checker); the
    /// compiled model's optimum must equal the best feasible roster's objective.
    @Test(arguments: [tinyTwoShifts, tinyWeekend])
    func curtoisOptimumEqualsBruteForce(text: String) throws {
        let instance = try CurtoisInstance.parse(text)
        let scenario = try instance.scenario(name: "tiny")
        let solution = try RotaSolver().solve(scenario)
        let brute = try #require(bruteForceOptimum(instance))
        #expect(solution.objective == Double(brute), "solver \(solution.objective), brute force \(brute)")
        let roster = CurtoisInstance.roster(solution.rota)
        #expect(curtoisViolations(instance, roster).isEmpty)
        #expect(instance.objective(of: roster) == brute)
        #expect(RotaChecker(scenario: scenario).check(solution.rota).totalCost == Double(brute))
    }
}

/// The first `count` random-scenario seeds from `from` whose model GLPK solves to optimality.
func feasibleSeeds(_ count: Int, from: UInt64 = 1) -> [UInt64] {
    var found: [UInt64] = []
    for seed in from..<(from + 200) where found.count < count {
        let model = ModelCompiler.compile(RandomScenario.make(seed: seed)).model
        if let r = try? GLPKSolver().solve(model, options: SolveOptions(), progress: nil), r.isOptimal { found.append(seed) }
    }
    return found
}

/// Solves with plain GLPK and requires an optimum.
enum GLPKSolverHelper {
    static func solve(_ model: LinearModel) throws -> SolveResult {
        let result = try GLPKSolver().solve(model, options: SolveOptions(), progress: nil)
        try #require(result.isOptimal, "\(result.rawStatus)")
        return result
    }
}

/// 2 staff, 6 days, two shift types: successions, per-type maximum, minutes, consecutive
/// limits with the edge rule, days off, requests and cover both ways.
let tinyTwoShifts = """
SECTION_HORIZON
6

SECTION_SHIFTS
E,480,
L,600,E

SECTION_STAFF
A,E=6|L=2,2880,1440,3,2,2,1
B,E=3|L=6,3000,960,4,2,1,1

SECTION_DAYS_OFF
A,3

SECTION_SHIFT_ON_REQUESTS
A,0,L,3
B,2,E,2

SECTION_SHIFT_OFF_REQUESTS
B,4,L,2
A,1,E,1

SECTION_COVER
0,E,1,100,1
1,E,2,100,1
2,L,1,100,1
3,L,1,100,1
4,E,1,100,1
5,L,2,100,1

"""

/// 2 staff, 7 days, one shift: the weekend (days 5 and 6) and the edges matter.
let tinyWeekend = """
SECTION_HORIZON
7

SECTION_SHIFTS
D,480,

SECTION_STAFF
A,D=7,2880,1440,3,2,2,0
B,D=5,2400,960,2,2,2,1

SECTION_DAYS_OFF
B,0

SECTION_SHIFT_ON_REQUESTS
A,5,D,2
B,2,D,1

SECTION_SHIFT_OFF_REQUESTS
A,0,D,1

SECTION_COVER
0,D,1,100,1
1,D,2,100,1
2,D,1,100,1
3,D,2,100,1
4,D,1,100,1
5,D,1,100,1
6,D,2,100,1

"""

/// Hard-constraint violations of a roster by `SOURCE.md`'s definition.
func curtoisViolations(_ i: CurtoisInstance, _ roster: [CurtoisRosterKey: String]) -> [String] {
    var found: [String] = []
    let minutes = Dictionary(uniqueKeysWithValues: i.shifts.map { ($0.id, $0.minutes) })
    let forbidden = Dictionary(uniqueKeysWithValues: i.shifts.map { ($0.id, Set($0.forbiddenNext)) })
    for s in i.staff {
        let days = (0..<i.horizon).map { roster[CurtoisRosterKey(staff: s.id, day: $0)] }
        for d in 0..<(i.horizon - 1) {
            if let a = days[d], let b = days[d + 1], forbidden[a]?.contains(b) == true { found.append("\(s.id) succession \(d)") }
        }
        for limit in s.maxShifts where days.filter({ $0 == limit.shift }).count > limit.max { found.append("\(s.id) max \(limit.shift)") }
        let total = days.compactMap { $0 }.reduce(0) { $0 + (minutes[$1] ?? 0) }
        if total < s.minTotalMinutes || total > s.maxTotalMinutes { found.append("\(s.id) minutes \(total)") }
        var d = 0
        while d < i.horizon {
            var e = d
            while e + 1 < i.horizon && (days[e + 1] != nil) == (days[d] != nil) { e += 1 }
            let length = e - d + 1, inner = d > 0 && e < i.horizon - 1
            if days[d] != nil {
                if length > s.maxConsecutiveShifts { found.append("\(s.id) max consecutive at \(d)") }
                if inner && length < s.minConsecutiveShifts { found.append("\(s.id) min consecutive at \(d)") }
            } else if inner && length < s.minConsecutiveDaysOff {
                found.append("\(s.id) min days off at \(d)")
            }
            d = e + 1
        }
        let weekends = (0..<(i.horizon / 7)).filter { days[7 * $0 + 5] != nil || days[7 * $0 + 6] != nil }.count
        if weekends > s.maxWeekends { found.append("\(s.id) weekends") }
        for off in i.daysOff[s.id] ?? [] where days[off] != nil { found.append("\(s.id) day off \(off)") }
    }
    return found
}

/// The best objective over every roster that breaks no hard constraint; nil when none is feasible.
func bruteForceOptimum(_ i: CurtoisInstance) -> Int? {
    let choices: [String?] = [nil] + i.shifts.map(\.id)
    // Each employee's feasible schedules (hard constraints are per employee).
    var perStaff: [[[String?]]] = []
    for s in i.staff {
        var feasible: [[String?]] = []
        var schedule = [String?](repeating: nil, count: i.horizon)
        func walk(_ d: Int) {
            if d == i.horizon {
                var roster: [CurtoisRosterKey: String] = [:]
                for (day, shift) in schedule.enumerated() { if let shift { roster[CurtoisRosterKey(staff: s.id, day: day)] = shift } }
                let only = CurtoisInstance(horizon: i.horizon, shifts: i.shifts, staff: [s], daysOff: i.daysOff,
                                           onRequests: [], offRequests: [], cover: [])
                if curtoisViolations(only, roster).isEmpty { feasible.append(schedule) }
                return
            }
            for c in choices {
                schedule[d] = c
                walk(d + 1)
            }
        }
        walk(0)
        perStaff.append(feasible)
    }
    var best: Int?
    var roster: [CurtoisRosterKey: String] = [:]
    func combine(_ k: Int) {
        if k == i.staff.count {
            let value = i.objective(of: roster)
            if best.map({ value < $0 }) ?? true { best = value }
            return
        }
        for schedule in perStaff[k] {
            for (day, shift) in schedule.enumerated() { roster[CurtoisRosterKey(staff: i.staff[k].id, day: day)] = shift }
            combine(k + 1)
        }
    }
    combine(0)
    return best
}
