import Foundation
import Testing
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The labelling pricer against GLPK on the same pricing problems: the same optimum, a point
/// that satisfies every block row, and the same verdict on infeasible ones.
@Suite("Labelling pricer")
struct LabellingPricerTests {
    /// A random Curtois instance: 7–14 days, 1–3 shift types with forbidden successions, 2–4
    /// staff with every staff rule at random (including impossible ones), days off, requests, cover.
    static func randomCurtois(seed: UInt64) -> String {
        var rng = SeededGenerator(state: seed &* 0x2545_F491_4F6C_DD1D)
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        let days = int(7...14)
        let names = Array(["E", "L", "N"].prefix(int(1...3)))
        let lengths = names.map { _ in [480, 600, 720][int(0...2)] }
        var text = "SECTION_HORIZON\n\(days)\n\nSECTION_SHIFTS\n"
        for (k, name) in names.enumerated() {
            let forbidden = names.filter { _ in int(0...2) == 0 }.joined(separator: "|")
            text += "\(name),\(lengths[k]),\(forbidden)\n"
        }
        text += "\nSECTION_STAFF\n"
        let staff = (0..<int(2...4)).map { "S\($0)" }
        for id in staff {
            let maxShifts = names.map { "\($0)=\(int(0...days))" }.joined(separator: "|")
            let maxMinutes = int(2...days) * 480
            let minMinutes = Swift.max(0, maxMinutes - int(1...6) * 480)
            let maxConsecutive = int(2...5)
            text += "\(id),\(maxShifts),\(maxMinutes),\(minMinutes),\(maxConsecutive),\(int(1...Swift.min(3, maxConsecutive))),\(int(1...3)),\(int(0...2))\n"
        }
        text += "\nSECTION_DAYS_OFF\n"
        for id in staff where int(0...1) == 0 { text += "\(id),\(int(0...(days - 1)))\n" }
        text += "\nSECTION_SHIFT_ON_REQUESTS\n"
        for _ in 0..<int(0...6) { text += "\(staff[int(0...(staff.count - 1))]),\(int(0...(days - 1))),\(names[int(0...(names.count - 1))]),\(int(1...3))\n" }
        text += "\nSECTION_SHIFT_OFF_REQUESTS\n"
        for _ in 0..<int(0...6) { text += "\(staff[int(0...(staff.count - 1))]),\(int(0...(days - 1))),\(names[int(0...(names.count - 1))]),\(int(1...3))\n" }
        text += "\nSECTION_COVER\n"
        for d in 0..<days {
            for name in names { text += "\(d),\(name),\(int(0...2)),100,1\n" }
        }
        return text + "\n"
    }

    /// Compares the labelling with GLPK on every block that has a pricer, for a few random
    /// dual vectors and branching decisions (asking for 3 alternative solutions each); returns
    /// how many pricing problems were compared and how many alternatives came back.
    static func compareWithGLPK(_ compiled: CompiledModel, seed: UInt64, label: String) throws -> (compared: Int, alternatives: Int) {
        guard let d = try? DantzigWolfeDecomposition.make(compiled) else { return (0, 0) }
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: d)
        var rng = SeededGenerator(state: seed ^ 0x1ABE_1ABE)
        var compared = 0
        var alternativesSeen = 0
        for b in 0..<master.blockCount {
            guard case .success(let pricer) = LabellingPricer.make(compiled, master: master, block: b) else { continue }
            for round in 0..<3 {
                let duals = master.projected((0..<master.linkCount).map { _ in round == 0 ? 0 : Double.random(in: -60...160, using: &rng).rounded() })
                var sub = master.pricingModel(block: b, duals: duals)
                var lower = pricer.modelLower, upper = pricer.modelUpper
                if round == 2 {
                    // Branching decisions on a few assignment variables.
                    let assignments = (0..<pricer.variableCount).filter { !pricer.derivedVariables.contains($0) }.shuffled(using: &rng)
                    for k in assignments.prefix(2) {
                        let one = Bool.random(using: &rng)
                        (lower[k], upper[k]) = one ? (Swift.max(lower[k], 1), upper[k]) : (lower[k], Swift.min(upper[k], 0))
                        sub.setBounds(VariableID(index: k), lower: lower[k], upper: upper[k])
                    }
                }
                let glpk = try GLPKSolver().solve(sub, options: SolveOptions(timeLimit: 60, relativeGap: 0), progress: nil)
                let labelled = pricer.solve(costs: master.pricingCosts(block: b, duals: duals), lower: lower, upper: upper,
                                            deadline: .now + .seconds(60), alternatives: 3)
                let context = "\(label) block \(d.blocks[b].resourceID) round \(round)"
                switch labelled {
                case .solved(let values, let objective, let alternatives):
                    #expect(glpk.termination == .optimal, "\(context): GLPK says \(glpk.rawStatus)")
                    if let optimum = glpk.objective { #expect(Swift.abs(optimum - objective) < 1e-6, "\(context): GLPK \(optimum), labelling \(objective)") }
                    #expect(sub.infeasibilities(of: values).isEmpty, "\(context): \(sub.infeasibilities(of: values))")
                    #expect(Swift.abs(sub.objectiveValue(of: values) - objective) < 1e-6, "\(context)")
                    // Other block solutions: feasible, no cheaper than the optimum, all distinct.
                    #expect(alternatives.count <= 3, "\(context)")
                    var seen: Set<[Double]> = [values]
                    var previous = objective
                    for other in alternatives {
                        #expect(sub.infeasibilities(of: other).isEmpty, "\(context) alternative: \(sub.infeasibilities(of: other))")
                        let cost = sub.objectiveValue(of: other)
                        #expect(cost >= previous - 1e-6, "\(context): alternative \(cost) below \(previous)")
                        #expect(seen.insert(other).inserted, "\(context): an alternative repeats a solution")
                        previous = cost
                    }
                    alternativesSeen += alternatives.count
                case .infeasible:
                    #expect(glpk.termination == .infeasible, "\(context): labelling infeasible, GLPK \(glpk.rawStatus) \(glpk.objective ?? .nan)")
                case .notTractable, .outOfTime:
                    Issue.record("\(context): the labelling gave up: \(labelled)")
                }
                compared += 1
            }
        }
        return (compared, alternativesSeen)
    }

    /// Random Curtois instances: every staff block has a pricer, and it agrees with GLPK.
    @Test func labellingAgreesWithGLPKOnRandomCurtoisBlocks() throws {
        var compared = 0
        var alternatives = 0
        for seed in 1...(40 as UInt64) {
            let scenario = try CurtoisInstance.parse(Self.randomCurtois(seed: seed)).scenario(name: "random \(seed)")
            let compiled = ModelCompiler.compile(scenario)
            let counts = try Self.compareWithGLPK(compiled, seed: seed, label: "curtois seed \(seed)")
            compared += counts.compared
            alternatives += counts.alternatives
        }
        #expect(compared >= 40 * 2 * 3)
        #expect(alternatives >= compared, "most blocks have more than one solution")
    }

    /// Random ordinary scenarios (rest, pins, history, weekly limits, weekends…): wherever a
    /// block gets a pricer, it agrees with GLPK.
    @Test func labellingAgreesWithGLPKOnRandomScenarios() throws {
        var compared = 0
        for seed in 1...(40 as UInt64) {
            let compiled = ModelCompiler.compile(RandomScenario.make(seed: seed))
            compared += try Self.compareWithGLPK(compiled, seed: seed, label: "scenario seed \(seed)").compared
        }
        #expect(compared >= 60)
    }

    /// Column generation converges to the same Lagrangian bound whichever pricer solves the
    /// blocks and however many columns a labelled block adds per round (the bound is the
    /// master LP's optimum, unique); more columns a round take no more rounds.
    @Test func columnGenerationConvergesToTheSameBoundWithEitherPricer() throws {
        var tested = 0
        var (oneColumnRounds, severalColumnsRounds) = (0, 0)
        for seed in 1...(60 as UInt64) where tested < 5 {
            let compiled = ModelCompiler.compile(RandomScenario.make(seed: seed))
            guard let d = try? DantzigWolfeDecomposition.make(compiled) else { continue }
            let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(),
                                            settings: ColumnGenerationSettings(columnsPerBlock: 1))
            let plain = DantzigWolfeMaster(model: compiled.model, decomposition: d)
            var labelled = plain
            labelled.labellers = strategy.makeLabellers(labelled)
            guard labelled.labellers.contains(where: { $0 != nil }) else { continue }
            tested += 1
            let a = try strategy.generateColumns(plain, pool: try strategy.makePool(plain), until: 30, threads: 2,
                                                 elapsed: { 0 }, rounded: { $0 }, progress: nil)
            let b = try strategy.generateColumns(labelled, pool: try strategy.makePool(labelled), until: 30, threads: 2,
                                                 elapsed: { 0 }, rounded: { $0 }, progress: nil)
            let several = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(),
                                           settings: ColumnGenerationSettings(columnsPerBlock: 4))
            let pool = try several.makePool(labelled)
            let c = try several.generateColumns(labelled, pool: pool, until: 30, threads: 2, elapsed: { 0 }, rounded: { $0 }, progress: nil)
            #expect(a.converged && b.converged && c.converged, "seed \(seed)")
            let (x, y, z) = (a.lastMasterObjective ?? .nan, b.lastMasterObjective ?? .nan, c.lastMasterObjective ?? .nan)
            #expect(Swift.abs(x - y) <= 1e-6 * Swift.max(1, Swift.abs(x)), "seed \(seed): GLPK pricing \(x), labelling \(y)")
            #expect(Swift.abs(x - z) <= 1e-6 * Swift.max(1, Swift.abs(x)), "seed \(seed): GLPK pricing \(x), 4 columns a block \(z)")
            (oneColumnRounds, severalColumnsRounds) = (oneColumnRounds + b.iterations, severalColumnsRounds + c.iterations)
        }
        #expect(tested == 5)
        #expect(severalColumnsRounds <= oneColumnRounds, "\(severalColumnsRounds) rounds with 4 columns a block, \(oneColumnRounds) with 1")
    }

    /// The whole strategy proves the same optimum on a Curtois instance with and without the labelling.
    @Test func columnGenerationProvesTheSameOptimumWithEitherPricer() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        var objectives: [Double] = []
        for labelling in [true, false] {
            let strategy = ColumnGeneration(compiled: compiled, backend: GLPKSolver(), lpSolver: GLPKSolver(),
                                            settings: ColumnGenerationSettings(labelling: labelling))
            let result = try strategy.solve(timeLimit: 30, relativeGap: 0, threads: 2, verbose: false, progress: nil)
            #expect(result.termination == .optimal, "labelling \(labelling): \(result.rawStatus)")
            objectives.append(result.objective ?? .nan)
        }
        #expect(objectives[0] == objectives[1])
    }

    /// Every block of a Curtois instance gets a pricer (sequence rules only).
    @Test func curtoisTinyBlocksAllHavePricers() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: try DantzigWolfeDecomposition.make(compiled))
        for b in 0..<master.blockCount {
            if case .failure(let why) = LabellingPricer.make(compiled, master: master, block: b) { Issue.record("block \(b): \(why)") }
        }
    }

    /// A label limit of one makes a block with choices not tractable; a past deadline stops it.
    @Test func aTinyLabelLimitGivesUp() throws {
        let compiled = ModelCompiler.compile(try CurtoisInstance.parse(tinyTwoShifts).scenario(name: "tiny"))
        let master = DantzigWolfeMaster(model: compiled.model, decomposition: try DantzigWolfeDecomposition.make(compiled))
        guard case .success(let pricer) = LabellingPricer.make(compiled, master: master, block: 0) else {
            Issue.record("no pricer")
            return
        }
        let costs = master.pricingCosts(block: 0, duals: [Double](repeating: 0, count: master.linkCount))
        #expect(pricer.solve(costs: costs, lower: pricer.modelLower, upper: pricer.modelUpper, deadline: .now + .seconds(10), labelLimit: 1) == .notTractable)
        #expect(pricer.solve(costs: costs, lower: pricer.modelLower, upper: pricer.modelUpper, deadline: .now - .seconds(1)) == .outOfTime)
    }
}
