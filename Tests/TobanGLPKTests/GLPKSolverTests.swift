import CGLPK
import Foundation
import Testing
import TobanMIP
@testable import TobanGLPK

/// A small seeded generator so that "random" instances are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("GLPKSolver")
struct GLPKSolverTests {
    let solver = GLPKSolver()

    func knapsack() -> LinearModel {
        var m = LinearModel(name: "knap", sense: .maximize)
        let values = [8.0, 11, 6, 4], weights = [5.0, 7, 4, 3]
        let x = (0..<4).map { m.addVariable(name: "x\($0)", kind: .binary, ruleID: "T") }
        for (j, v) in x.enumerated() { m.addObjective(v, coefficient: values[j], ruleID: "T") }
        m.addRow(name: "cap", ruleID: "T", terms: zip(x, weights).map { LinearTerm($0, $1) }, upper: 14)
        return m
    }

    /// A binary fixed at 0 or 1 by its bounds stays there (GLP_BV alone would reset them to
    /// [0, 1]): the knapsack's optimum {x1, x2, x3} (21) moves to {x0, x2, x3} (18) when x1 is
    /// held at 0, and to {x0, x1} (19) when x0 is held at 1.
    @Test func binaryBoundsAreHonoured() throws {
        let free = try solver.solve(knapsack(), options: SolveOptions(), progress: nil)
        #expect(free.objective == 21)
        var without = knapsack()
        without.setBounds(VariableID(index: 1), lower: 0, upper: 0)
        let a = try solver.solve(without, options: SolveOptions(), progress: nil)
        #expect(a.values[1] == 0)
        #expect(a.objective == 18)
        var with = knapsack()
        with.setBounds(VariableID(index: 0), lower: 1, upper: 1)
        let b = try solver.solve(with, options: SolveOptions(), progress: nil)
        #expect(b.values[0] == 1)
        #expect(b.objective == 19)
    }

    /// A market-split instance (Cornuéjols & Dawande): tiny, and very hard for branch and bound.
    func marketSplit(rows: Int = 4, columns: Int = 36, seed: UInt64 = 7) -> LinearModel {
        var rng = SplitMix64(state: seed)
        var m = LinearModel(name: "msplit")
        let x = (0..<columns).map { m.addVariable(name: "x\($0)", kind: .binary, ruleID: "T") }
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(Int.random(in: 0...99, using: &rng)) }
            let over = m.addVariable(name: "s\(i)p", kind: .continuous, ruleID: "S")
            let under = m.addVariable(name: "s\(i)m", kind: .continuous, ruleID: "S")
            m.addObjective(over, coefficient: 1, ruleID: "S")
            m.addObjective(under, coefficient: 1, ruleID: "S")
            let rhs = (a.reduce(0, +) / 2).rounded(.down)
            m.addRow(name: "split\(i)", ruleID: "T",
                     terms: zip(x, a).map { LinearTerm($0, $1) } + [LinearTerm(over, -1), LinearTerm(under, 1)],
                     lower: rhs, upper: rhs)
        }
        return m
    }

    @Test func knapsackOptimum() throws {
        let r = try solver.solve(knapsack())
        #expect(r.termination == .optimal)
        #expect(r.primal == .feasiblePoint)
        #expect(r.objective == 21)
        #expect(r.bound == 21)
        #expect(r.values == [0, 1, 1, 1])
        #expect(r.isOptimal)
    }

    @Test func generalIntegersCloseTheLPGap() throws {
        var m = LinearModel()
        let x = m.addVariable(name: "x", kind: .integer, lower: 0, upper: 10, ruleID: "T")
        let y = m.addVariable(name: "y", kind: .integer, lower: 0, upper: 10, ruleID: "T")
        m.addObjective(x, coefficient: 1, ruleID: "T")
        m.addObjective(y, coefficient: 1, ruleID: "T")
        m.addObjectiveConstant(0.5, ruleID: "K")
        m.addRow(name: "c", ruleID: "T", terms: [LinearTerm(x, 2), LinearTerm(y, 2)], lower: 3)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(r.objective == 2.5)
    }

    @Test func infeasibleIsReportedWithoutAPoint() throws {
        var m = LinearModel()
        let x = m.addVariable(name: "x", kind: .binary, ruleID: "T")
        let y = m.addVariable(name: "y", kind: .binary, ruleID: "T")
        m.addRow(name: "both", ruleID: "T", terms: [LinearTerm(x), LinearTerm(y)], lower: 3)
        for presolve in [true, false] {
            let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
            #expect(r.termination == .infeasible, "presolve \(presolve): \(r.rawStatus)")
            #expect(r.primal == .noSolution)
            #expect(r.values.isEmpty)
        }
    }

    @Test func integerInfeasibleButLPFeasible() throws {
        var m = LinearModel()
        let x = m.addVariable(name: "x", kind: .integer, lower: 0, upper: 5, ruleID: "T")
        m.addRow(name: "half", ruleID: "T", terms: [LinearTerm(x, 2)], lower: 3, upper: 3)
        let r = try solver.solve(m)
        #expect(r.termination == .infeasible)
    }

    @Test func unboundedIsToldApartFromInfeasible() throws {
        var m = LinearModel(sense: .maximize)
        let x = m.addVariable(name: "x", kind: .integer, lower: 0, ruleID: "T")
        let y = m.addVariable(name: "y", kind: .integer, lower: 0, upper: 3, ruleID: "T")
        m.addObjective(x, coefficient: 1, ruleID: "T")
        m.addRow(name: "link", ruleID: "T", terms: [LinearTerm(x), LinearTerm(y, -1)], lower: 1)
        let r = try solver.solve(m)
        #expect(r.termination == .unbounded, "\(r.rawStatus)")
        #expect(r.primal == .noSolution)
    }

    @Test func timeLimitStopsAHardInstance() throws {
        let m = marketSplit()
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 0.5))
        #expect(r.termination == .timeLimit, "\(r.rawStatus)")
        #expect(r.time < 10)
        if r.primal == .feasiblePoint {
            #expect(m.infeasibilities(of: r.values).isEmpty)
            #expect(!r.isOptimal)
        }
    }

    struct Stop: Error, Equatable {}

    @Test func progressErrorIsRethrownAfterTheSearch() throws {
        let m = marketSplit(seed: 11)
        nonisolated(unsafe) var calls = 0
        #expect(throws: Stop.self) {
            _ = try solver.solve(m, options: SolveOptions(timeLimit: 20)) { p in
                calls += 1
                #expect(p.elapsed >= 0)
                if p.elapsed > 0.3 { throw Stop() }
            }
        }
        #expect(calls > 0)
    }

    @Test func progressReportsIncumbentAndBound() throws {
        nonisolated(unsafe) var last: SolveProgress?
        _ = try solver.solve(marketSplit(rows: 2, columns: 14), options: SolveOptions(timeLimit: 5)) { last = $0 }
        let p = try #require(last)
        #expect(p.bound != nil)
    }

    @Test func feasibleStartIsUsedAndInfeasibleStartIgnored() throws {
        let m = knapsack()
        let good = try solver.solve(m, options: SolveOptions(start: [1, 1, 0, 0]))
        #expect(good.objective == 21)
        let bad = try solver.solve(m, options: SolveOptions(start: [1, 1, 1, 1]))
        #expect(bad.objective == 21)
    }

    @Test func invalidModelsThrowInsteadOfAborting() {
        var nan = knapsack()
        nan.addRow(name: "nan", ruleID: "T", terms: [LinearTerm(VariableID(index: 0), .nan)], upper: 1)
        var index = knapsack()
        index.addRow(name: "idx", ruleID: "T", terms: [LinearTerm(VariableID(index: 40))], upper: 1)
        var inverted = knapsack()
        inverted.addVariable(name: "z", kind: .integer, lower: 2, upper: 1, ruleID: "T")
        var duplicate = knapsack()
        duplicate.addRow(name: "dup", ruleID: "T", terms: [LinearTerm(VariableID(index: 1)), LinearTerm(VariableID(index: 1))], upper: 1)
        for m in [nan, index, inverted, duplicate] {
            #expect(throws: InvalidModelError.self) { try solver.solve(m) }
        }
        #expect(throws: InvalidModelError.self) { try solver.solve(knapsack(), options: SolveOptions(timeLimit: .nan)) }
        #expect(throws: InvalidModelError.self) { try solver.solve(knapsack(), options: SolveOptions(relativeGap: -1)) }
        #expect(throws: InvalidModelError.self) { try solver.solve(knapsack(), options: SolveOptions(start: [1])) }
    }

    /// The LP and MPS writers are checked by an independent reader: GLPK's own parsers.
    @Test(arguments: ["lp", "mps"])
    func writtenModelsReadBackWithTheSameOptimum(format: String) throws {
        var m = knapsack()
        let g = m.addVariable(name: "g", kind: .integer, lower: -2, upper: 7, ruleID: "T")
        let c = m.addVariable(name: "c", kind: .continuous, lower: -.infinity, upper: 4.5, ruleID: "T")
        m.addRow(name: "range", ruleID: "T", terms: [LinearTerm(g, 2), LinearTerm(c, 1)], lower: -1, upper: 3)
        m.addObjective(g, coefficient: 1.5, ruleID: "T")
        m.addObjective(c, coefficient: 0.25, ruleID: "T")
        m.addObjectiveConstant(5, ruleID: "T")
        let ours = try solver.solve(m)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("toban-\(UUID().uuidString).\(format)")
        defer { try? FileManager.default.removeItem(at: url) }
        try (format == "lp" ? m.lpText() : m.mpsText()).write(to: url, atomically: true, encoding: .utf8)
        glp_term_out(GLP_OFF)
        let p = glp_create_prob()
        defer { glp_delete_prob(p) }
        let rc = format == "lp" ? glp_read_lp(p, nil, url.path) : glp_read_mps(p, GLP_MPS_FILE, nil, url.path)
        #expect(rc == 0)
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.presolve = GLP_ON
        iocp.msg_lev = GLP_MSG_OFF
        #expect(glp_intopt(p, &iocp) == 0)
        // MPS has no maximisation here: the file holds the negated objective.
        let sign: Double = format == "mps" ? -1 : 1
        #expect(abs(sign * glp_mip_obj_val(p) - (ours.objective ?? .nan)) < 1e-9)
        #expect(glp_get_num_int(p) == 5)
    }
}
