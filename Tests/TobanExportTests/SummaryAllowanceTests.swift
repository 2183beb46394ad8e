import Foundation
import Testing
import TobanExport
import TobanModel

/// `summary.csv`'s `allowance` column: the yen of each resource's duties, by day type.
@Suite("summary.csv allowance")
struct SummaryAllowanceTests {
    func allowanceColumn(_ rota: Rota) throws -> [String: String] {
        let csv = CSVWriter(input: ExportInput(scenario: Fixture.scenario, rota: rota, gaps: []), options: Fixture.options)
        let rows = parseCSV(csv.summaryCSV())
        let header = try #require(rows.first)
        #expect(header.last == "allowance")
        let column = try #require(header.firstIndex(of: "allowance"))
        return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[column]) })
    }

    @Test func holidayRatesAndFractionsAreSummed() throws {
        // 11-23 is 勤労感謝の日: backup pays 12500.5 there, 10000 on the Tuesday; primary 30000 on the holiday.
        let rota = Rota(assignments: [
            Assignment(date: Fixture.day("2026-11-23"), dutyTypeID: "night-backup", resourceID: "sato"),
            Assignment(date: Fixture.day("2026-11-24"), dutyTypeID: "night-backup", resourceID: "sato"),
            Assignment(date: Fixture.day("2026-11-23"), dutyTypeID: "night-primary", resourceID: "suzuki"),
            Assignment(date: Fixture.day("2026-11-23"), dutyTypeID: "backup-bed", resourceID: "midori"),
        ])
        let column = try allowanceColumn(rota)
        #expect(column == ["sato": "22500.50", "suzuki": "30000", "takahashi": "0", "watanabe": "0", "midori": "0"])
        // The model's helper is the one the checker's tallies use.
        let totals = Fixture.scenario.allowanceTotals(of: rota.assignments)
        #expect(totals["sato"] == 22_500.5)
        #expect(totals["midori"] == 0)
        #expect(totals["takahashi"] == nil)
        #expect(Fixture.scenario.allowance(dutyTypeID: "no-such-duty", on: Fixture.day("2026-11-23")) == 0)
    }
}
