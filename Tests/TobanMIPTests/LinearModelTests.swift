import Testing
@testable import TobanMIP

@Suite("LinearModel")
struct LinearModelTests {
    func knapsack() -> LinearModel {
        var m = LinearModel(name: "knap", sense: .maximize)
        let values = [8.0, 11, 6, 4], weights = [5.0, 7, 4, 3]
        let x = (0..<4).map { m.addVariable(name: "x\($0)", kind: .binary, ruleID: "T") }
        for (j, v) in x.enumerated() { m.addObjective(v, coefficient: values[j], ruleID: j < 2 ? "A" : "B") }
        m.addRow(name: "cap", ruleID: "T", terms: zip(x, weights).map { LinearTerm($0, $1) }, upper: 14)
        return m
    }

    @Test func validModelHasNoDefects() {
        #expect(knapsack().defects().isEmpty)
    }

    @Test func breakdownSumsByRule() {
        let m = knapsack()
        let b = m.objectiveBreakdown(of: [0, 1, 1, 1])
        #expect(b["A"] == 11)
        #expect(b["B"] == 10)
        #expect(m.objectiveValue(of: [0, 1, 1, 1]) == 21)
        #expect(m.infeasibilities(of: [1, 1, 0, 0]).isEmpty)  // weight 12 fits
        #expect(m.infeasibilities(of: [1, 0.5, 0, 0]).contains { $0.contains("not integral") })
        #expect(m.infeasibilities(of: [1, 1, 1, 0]).contains { $0.contains("cap") })
    }

    @Test func rejectsNaNAndInfiniteCoefficients() {
        var m = knapsack()
        m.addRow(name: "bad", ruleID: "T", terms: [LinearTerm(VariableID(index: 0), .nan)], upper: 1)
        m.addObjective(VariableID(index: 1), coefficient: .infinity, ruleID: "T")
        let d = m.defects().map(\.message)
        #expect(d.contains { $0.contains("bad") && $0.contains("nan") })
        #expect(d.contains { $0.contains("objective") && $0.contains("inf") })
    }

    @Test func rejectsBadIndicesAndDuplicates() {
        var m = knapsack()
        m.addRow(name: "dangling", ruleID: "T", terms: [LinearTerm(VariableID(index: 99))], upper: 1)
        m.addRow(name: "twice", ruleID: "T", terms: [LinearTerm(VariableID(index: 0)), LinearTerm(VariableID(index: 0))], upper: 1)
        m.addObjective(VariableID(index: -1), coefficient: 1, ruleID: "T")
        let d = m.defects().map(\.message)
        #expect(d.contains { $0.contains("dangling") && $0.contains("does not exist") })
        #expect(d.contains { $0.contains("twice") && $0.contains("appears twice") })
        #expect(d.contains { $0.contains("#-1") })
    }

    @Test func rejectsInvertedBoundsAndBadNames() {
        var m = LinearModel()
        m.addVariable(name: "y", kind: .integer, lower: 3, upper: 2, ruleID: "T")
        m.addVariable(name: "y", kind: .continuous, lower: .nan, upper: 1, ruleID: "T")
        m.addVariable(name: "", kind: .continuous, ruleID: "T")
        m.addVariable(name: "has space", kind: .continuous, ruleID: "T")
        m.addVariable(name: String(repeating: "n", count: 300), kind: .continuous, ruleID: "T")
        m.addRow(name: "r", ruleID: "T", terms: [LinearTerm(VariableID(index: 0))], lower: 5, upper: 4)
        m.addRow(name: "s", ruleID: "T", terms: [LinearTerm(VariableID(index: 0))], lower: -.infinity)
        let d = m.defects().map(\.message)
        #expect(d.contains { $0.contains("lower bound 3.0 > upper bound 2.0") })
        #expect(d.contains { $0.contains("duplicate variable name") })
        #expect(d.contains { $0.contains("NaN") })
        #expect(d.contains { $0.contains("empty name") })
        #expect(d.contains { $0.contains("space") })
        #expect(d.contains { $0.contains("longer than 255") })
        #expect(d.contains { $0.contains("lower side 5.0 > upper side 4.0") })
        #expect(d.contains { $0.contains("lower side is -inf") })
        #expect(throws: InvalidModelError.self) { try m.validate() }
    }

    @Test func lpTextHasAllSections() {
        var m = knapsack()
        let g = m.addVariable(name: "g", kind: .integer, lower: -2, upper: 7, ruleID: "T")
        m.addRow(name: "range", ruleID: "T", terms: [LinearTerm(g, 2)], lower: -1, upper: 3)
        m.addObjectiveConstant(5, ruleID: "C")
        let lp = m.lpText()
        #expect(lp.contains("Maximize"))
        #expect(lp.contains(" cap: 5 x0 + 7 x1 + 4 x2 + 3 x3 <= 14"))
        #expect(lp.contains("range_lo:") && lp.contains("range_hi:"))
        #expect(lp.contains(" -2 <= g <= 7"))
        #expect(lp.contains("Generals\n g"))
        #expect(lp.contains("Binaries\n x0 x1 x2 x3"))
        let mps = m.mpsText()
        #expect(mps.contains("* objective negated"))
        #expect(mps.contains(" obj_constant obj -5") && mps.contains(" FX BND obj_constant 1"))
        #expect(lp.contains("+ 5 obj_constant") && lp.contains(" obj_constant = 1"))
        #expect(mps.contains("RANGES\n RNG range 4"))
        #expect(mps.contains(" BV BND x0"))
    }
}
