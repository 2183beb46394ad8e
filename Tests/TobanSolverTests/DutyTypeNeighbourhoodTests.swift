import Foundation
import Testing
import TobanGLPK
import TobanMIP
import TobanModel
@testable import TobanSolver

/// The neighbourhood over everyone's assignments to one duty type: what it frees, and that
/// its sub-problem keeps everyone's other work.
@Suite("Duty-type neighbourhood")
struct DutyTypeNeighbourhoodTests {
    /// A scenario with several duty types, its model, and the direct optimum's values.
    static func cases() -> [(seed: UInt64, compiled: CompiledModel, incumbent: [Double])] {
        StrategyTests.elasticScenarios(3).compactMap { seed, _, compiled, direct in
            guard Set(compiled.slots.map(\.dutyTypeID)).count > 1 else { return nil }
            return (seed, compiled, compiled.values(for: direct.rota))
        }
    }

    @Test("frees exactly the type's assignments on the resource-days that are off or on that type")
    func freesOnlyTheTypeWhereTheIncumbentAllows() throws {
        let cases = Self.cases()
        try #require(!cases.isEmpty)
        for (seed, compiled, incumbent) in cases {
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            let (dates, dayOfSlot) = search.dayIndex()
            let resources = Set(compiled.assignments.map(\.resourceID))
            let type = try #require(Set(compiled.slots.map(\.dutyTypeID)).sorted().first)
            let neighbourhood = LargeNeighbourhoodSearch.Neighbourhood(resources: resources, dayRange: 0...(dates.count - 1),
                                                                       dutyTypes: [type])
            let isFree = search.freeVariables(neighbourhood, dayOfSlot: dayOfSlot, incumbent: incumbent)
            // The resource-days whose incumbent works another type.
            var busy = Set<String>()
            for a in compiled.assignments where incumbent[a.variable.index] > 0.5 && compiled.slots[a.slot].dutyTypeID != type {
                busy.insert("\(a.resourceID)#\(dayOfSlot[a.slot])")
            }
            var freed = 0
            for a in compiled.assignments where compiled.model.variables[a.variable.index].lower < compiled.model.variables[a.variable.index].upper {
                let expected = compiled.slots[a.slot].dutyTypeID == type && !busy.contains("\(a.resourceID)#\(dayOfSlot[a.slot])")
                #expect(isFree[a.variable.index] == expected, "seed \(seed): \(a.resourceID) slot \(a.slot)")
                if expected { freed += 1 }
            }
            #expect(freed > 0, "seed \(seed)")
        }
    }

    @Test("its sub-problem returns a feasible rota, no worse, with every other type's assignments unchanged")
    func subproblemKeepsOtherWork() throws {
        let cases = Self.cases()
        try #require(!cases.isEmpty)
        for (seed, compiled, optimum) in cases {
            // From a worse incumbent than the optimum: the optimum without its first assignments.
            var incumbent = optimum
            for a in compiled.assignments.prefix(compiled.assignments.count / 3) { incumbent[a.variable.index] = 0 }
            incumbent = compiled.tightened(incumbent)
            try #require(compiled.model.infeasibilities(of: incumbent).isEmpty, "seed \(seed)")
            let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
            let (dates, dayOfSlot) = search.dayIndex()
            for type in Set(compiled.slots.map(\.dutyTypeID)).sorted() {
                let neighbourhood = LargeNeighbourhoodSearch.Neighbourhood(resources: Set(compiled.assignments.map(\.resourceID)),
                                                                           dayRange: 0...(dates.count - 1), dutyTypes: [type])
                let outcome = try #require(search.solveSubproblem(neighbourhood, incumbent: incumbent, dayOfSlot: dayOfSlot,
                                                                  options: SolveOptions(timeLimit: 20, relativeGap: 0)))
                #expect(compiled.model.infeasibilities(of: outcome.values).isEmpty, "seed \(seed) type \(type)")
                #expect(compiled.model.objectiveValue(of: outcome.values) <= compiled.model.objectiveValue(of: incumbent) + 1e-6)
                for a in compiled.assignments where compiled.slots[a.slot].dutyTypeID != type {
                    #expect(abs(outcome.values[a.variable.index] - incumbent[a.variable.index]) < 0.5,
                            "seed \(seed) type \(type): \(a.resourceID) slot \(a.slot) changed")
                }
            }
        }
    }

    @Test("kind 3 is everyone on `size` of the duty types over the whole horizon; without types it is kind 2")
    func pickingKindThree() {
        let cases = Self.cases()
        guard let (_, compiled, _) = cases.first else { Issue.record("no scenario"); return }
        let search = LargeNeighbourhoodSearch(compiled: compiled, backend: GLPKSolver())
        let resources = ["a", "b", "c"]
        let types = ["day", "late", "night"]
        var random = SplitMix64(seed: 7)
        for size in 1...4 {
            let n = search.pick(kind: 3, size: size, resources: resources, partners: [[1, 2], [0, 2], [0, 1]], days: 30,
                                dutyTypes: types, random: &random)
            #expect(n.resources == Set(resources))
            #expect(n.dayRange == 0...29)
            #expect(n.dutyTypes?.count == Swift.min(size, types.count))
            #expect(n.dutyTypes.map { $0.isSubset(of: Set(types)) } == true)
        }
        // Every type is drawn now and then.
        let drawn = (0..<30).compactMap {
            _ in search.pick(kind: 3, size: 1, resources: resources, partners: [[], [], []], days: 30, dutyTypes: types, random: &random).dutyTypes
        }
        #expect(Set(drawn.flatMap { $0 }) == Set(types))
        let noTypes = search.pick(kind: 3, size: 2, resources: resources, partners: [[], [], []], days: 30, random: &random)
        #expect(noTypes.dutyTypes == nil)
        #expect(noTypes.dayRange.count == 4)
    }
}
