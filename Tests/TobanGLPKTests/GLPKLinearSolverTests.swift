import Testing
import TobanMIP
@testable import TobanGLPK

@Suite("GLPK LP solves with duals")
struct GLPKLinearSolverTests {
    /// min 2x + 3y  s.t.  x + y ≥ 4,  x − y ≤ 2,  x, y ≥ 0.
    /// Optimum x = 3, y = 1, value 9; both rows active, duals 2.5 (≥ row) and −0.5 (≤ row):
    /// 2 − 2.5 − (−0.5) = 0 and 3 − 2.5 + (−0.5) = 0, and 4·2.5 + 2·(−0.5) = 9.
    func tinyLP() -> LinearModel {
        var m = LinearModel(name: "tiny")
        let x = m.addVariable(name: "x", kind: .continuous, ruleID: "T")
        let y = m.addVariable(name: "y", kind: .continuous, ruleID: "T")
        m.addObjective(x, coefficient: 2, ruleID: "T")
        m.addObjective(y, coefficient: 3, ruleID: "T")
        m.addRow(name: "cover", ruleID: "T", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], lower: 4)
        m.addRow(name: "balance", ruleID: "T", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], upper: 2)
        return m
    }

    @Test func tinyLPHasTheKnownPrimalAndDuals() throws {
        let r = try GLPKSolver().solveLP(tinyLP(), timeLimit: nil)
        #expect(r.status == .optimal, "\(r.rawStatus)")
        #expect(abs((r.objective ?? 0) - 9) < 1e-9)
        #expect(r.values.count == 2 && abs(r.values[0] - 3) < 1e-9 && abs(r.values[1] - 1) < 1e-9)
        #expect(r.rowDuals.count == 2 && abs(r.rowDuals[0] - 2.5) < 1e-9 && abs(r.rowDuals[1] + 0.5) < 1e-9)
    }

    @Test func objectiveConstantIsIncluded() throws {
        var m = tinyLP()
        m.addObjectiveConstant(10, ruleID: "C")
        let r = try GLPKSolver().solveLP(m, timeLimit: 5)
        #expect(abs((r.objective ?? 0) - 19) < 1e-9)
    }

    /// A cheaper column z (cost 1, in the cover row) takes over: value 4, the cover row's dual
    /// falls to z's cost, the balance row becomes slack (dual 0).
    @Test func addedColumnChangesTheOptimumAndTheDuals() throws {
        let lp = try GLPKSolver().makeIncrementalLP(tinyLP())
        #expect(lp.rowCount == 2 && lp.columnCount == 2)
        _ = try lp.solve(timeLimit: nil)
        try lp.addColumn(cost: 1, lower: 0, upper: .infinity, entries: [ColumnEntry(row: 0, coefficient: 1)])
        #expect(lp.columnCount == 3)
        let r = try lp.solve(timeLimit: nil)
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - 4) < 1e-9)
        #expect(r.values.count == 3 && abs(r.values[2] - 4) < 1e-9)
        #expect(abs(r.rowDuals[0] - 1) < 1e-9 && abs(r.rowDuals[1]) < 1e-9)
    }

    /// Fixing y at 3 (as diving fixes a column): x = 1 covers the rest, value 2 + 9 = 11;
    /// freeing it again restores the optimum 9. Bad indices and bounds are refused first.
    @Test func columnBoundsCanBeChangedBetweenSolves() throws {
        let lp = try GLPKSolver().makeIncrementalLP(tinyLP())
        _ = try lp.solve(timeLimit: nil)
        try lp.setColumnBounds(1, lower: 3, upper: 3)
        let fixed = try lp.solve(timeLimit: nil)
        #expect(fixed.status == .optimal)
        #expect(abs((fixed.objective ?? 0) - 11) < 1e-9)
        #expect(abs(fixed.values[0] - 1) < 1e-9 && abs(fixed.values[1] - 3) < 1e-9)
        try lp.setColumnBounds(1, lower: 0, upper: .infinity)
        #expect(abs((try lp.solve(timeLimit: nil).objective ?? 0) - 9) < 1e-9)
        for (column, lower, upper) in [(2, 0.0, 1.0), (-1, 0, 1), (0, 2, 1), (0, .nan, 1), (0, .infinity, .infinity)] {
            #expect(throws: InvalidModelError.self) { try lp.setColumnBounds(column, lower: lower, upper: upper) }
        }
        #expect(abs((try lp.solve(timeLimit: nil).objective ?? 0) - 9) < 1e-9)
    }

    @Test func badColumnsAreRejectedBeforeGLPKAndLeaveTheLPUnchanged() throws {
        let lp = try GLPKSolver().makeIncrementalLP(tinyLP())
        let bad: [(Double, Double, Double, [ColumnEntry])] = [
            (1, 0, 1, [ColumnEntry(row: 2, coefficient: 1)]),                                     // row out of range
            (1, 0, 1, [ColumnEntry(row: -1, coefficient: 1)]),
            (1, 0, 1, [ColumnEntry(row: 0, coefficient: 1), ColumnEntry(row: 0, coefficient: 2)]), // duplicate row
            (1, 0, 1, [ColumnEntry(row: 0, coefficient: .nan)]),
            (.infinity, 0, 1, []),
            (1, 2, 1, []),                                                                         // inverted bounds
            (1, .nan, 1, []),
        ]
        for (cost, lower, upper, entries) in bad {
            #expect(throws: InvalidModelError.self) { try lp.addColumn(cost: cost, lower: lower, upper: upper, entries: entries) }
        }
        #expect(lp.columnCount == 2)
        let r = try lp.solve(timeLimit: nil)
        #expect(abs((r.objective ?? 0) - 9) < 1e-9)
        #expect(throws: InvalidModelError.self) { try lp.solve(timeLimit: -1) }
    }

    @Test func infeasibleAndUnboundedLPsAreReported() throws {
        var infeasible = LinearModel(name: "inf")
        let x = infeasible.addVariable(name: "x", kind: .continuous, lower: 0, upper: 1, ruleID: "T")
        infeasible.addRow(name: "r", ruleID: "T", terms: [LinearTerm(x, 1)], lower: 2)
        #expect(try GLPKSolver().solveLP(infeasible, timeLimit: nil).status == .infeasible)

        var unbounded = LinearModel(name: "unb")
        let y = unbounded.addVariable(name: "y", kind: .continuous, ruleID: "T")
        unbounded.addObjective(y, coefficient: -1, ruleID: "T")
        unbounded.addRow(name: "r", ruleID: "T", terms: [LinearTerm(y, 1)], lower: 0)
        let r = try GLPKSolver().solveLP(unbounded, timeLimit: nil)
        #expect(r.status == .unbounded && r.values.isEmpty && r.rowDuals.isEmpty)
    }

    @Test func lpsWithoutRowsOrColumnsAreSolvedWithoutGLPKRefusing() throws {
        var noRows = LinearModel(name: "norows")
        let x = noRows.addVariable(name: "x", kind: .continuous, lower: 1, upper: 5, ruleID: "T")
        noRows.addObjective(x, coefficient: -2, ruleID: "T")
        let r = try GLPKSolver().solveLP(noRows, timeLimit: nil)
        #expect(r.status == .optimal && r.values == [5] && r.objective == -10)

        var noColumns = LinearModel(name: "nocols")
        noColumns.addRow(name: "r", ruleID: "T", terms: [], lower: 1)
        #expect(try GLPKSolver().solveLP(noColumns, timeLimit: nil).status == .infeasible)
    }

    @Test func invalidModelsAreRejectedBeforeGLPK() throws {
        var m = LinearModel(name: "bad")
        let x = m.addVariable(name: "x", kind: .continuous, ruleID: "T")
        m.addRow(name: "r", ruleID: "T", terms: [LinearTerm(x, 1), LinearTerm(x, 1)], lower: 0)
        #expect(throws: InvalidModelError.self) { try GLPKSolver().solveLP(m, timeLimit: nil) }
        #expect(throws: InvalidModelError.self) { try GLPKSolver().makeIncrementalLP(m) }
    }
}
