import Foundation
import Testing
import TobanKit

@Suite("Swaps judged by the checker")
struct SwapTests {
    static let scenario = Generated.month(physicians: 8, seed: 2)

    @Test func takersAreExactlyThoseWhoBreakNoHardRuleRankedByCost() throws {
        let rota = try Toban.solve(SwapTests.scenario).solution.rota
        let duty = try #require(rota.assignments.first { $0.date == date("2026-12-12") })
        let offer = SwapOffer(resourceID: duty.resourceID, date: duty.date, dutyTypeID: duty.dutyTypeID)
        let takers = try Toban.swapTakers(for: offer, in: rota, scenario: SwapTests.scenario)
        #expect(!takers.isEmpty)
        #expect(takers.map(\.costChange) == takers.map(\.costChange).sorted())
        let before = Toban.check(rota, against: SwapTests.scenario)
        for r in SwapTests.scenario.resources where r.id != offer.resourceID {
            // Independently: build the swapped rota by hand and ask the checker.
            var assignments = rota.assignments.filter { $0 != duty }
            assignments.append(Assignment(date: duty.date, dutyTypeID: duty.dutyTypeID, resourceID: r.id))
            let after = Toban.check(Rota(assignments: assignments), against: SwapTests.scenario)
            let listed = takers.first { $0.takerID == r.id }
            #expect((listed != nil) == after.isFeasible, "\(r.id)")
            if let listed { #expect(Toban.sameCost(listed.costChange, after.totalCost - before.totalCost)) }
        }
    }

    @Test func aSwapOntoSomeoneAlreadyOnDutyThatDayIsNotAllowed() throws {
        let rota = try Toban.solve(SwapTests.scenario).solution.rota
        let day = rota.assignments.filter { $0.date == date("2026-12-08") }
        let primary = try #require(day.first { $0.dutyTypeID == "night-primary" })
        let backup = try #require(day.first { $0.dutyTypeID == "night-backup" })
        let verdict = try Toban.swap(SwapOffer(resourceID: primary.resourceID, date: primary.date, dutyTypeID: primary.dutyTypeID),
                                     to: backup.resourceID, in: rota, scenario: SwapTests.scenario)
        #expect(!verdict.isAllowed)
        #expect(verdict.newViolations.map(\.ruleID).contains(RuleID.oneDutyPerDate))
        #expect(verdict.rota.assignments.count == rota.assignments.count)
    }

    @Test func offersThatCannotBeJudgedThrow() throws {
        let rota = try Toban.solve(SwapTests.scenario).solution.rota
        let duty = try #require(rota.assignments.first)
        let offer = SwapOffer(resourceID: duty.resourceID, date: duty.date, dutyTypeID: duty.dutyTypeID)
        #expect(throws: SwapError.self) { _ = try Toban.swap(offer, to: "nobody", in: rota, scenario: SwapTests.scenario) }
        #expect(throws: SwapError.self) { _ = try Toban.swap(offer, to: duty.resourceID, in: rota, scenario: SwapTests.scenario) }
        let wrong = SwapOffer(resourceID: duty.resourceID, date: duty.date, dutyTypeID: "holiday-day-x")
        #expect(throws: SwapError.self) { _ = try Toban.swapTakers(for: wrong, in: rota, scenario: SwapTests.scenario) }
        #expect(SwapOffer(argument: "sato:2026-12-20:night-primary") == SwapOffer(resourceID: "sato", date: date("2026-12-20"), dutyTypeID: "night-primary"))
        #expect(SwapOffer(argument: "sato:2026-12-32:night") == nil && SwapOffer(argument: "sato:2026-12-20") == nil)
        #expect(ResourceAbsence(argument: "sato:2026-12-10..2026-12-12")?.dates.count == 3)
        #expect(ResourceAbsence(argument: "sato:2026-12-10")?.dates.count == 1)
        #expect(ResourceAbsence(argument: "sato:2026-12-12..2026-12-10") == nil && ResourceAbsence(argument: "sato") == nil)
    }
}
