import Foundation
import TobanModel

/// Counts of one resource's duties, shared by `summary.csv` and the HTML fairness chart.
struct DutyTally: Sendable {
    let resourceID: String
    var total = 0
    var byDuty: [String: Int] = [:]
    var byDayType: [DayType: Int] = [:]
    /// Duties that run past midnight into the next day (not merely ending at 00:00).
    var nights = 0
    /// The fairness target, nil for a resource the scenario does not know.
    var target: FairnessTarget?

    var deviation: Int? { target?.deviation(of: total) }

    /// The tallies of every resource in scenario order, then unknown ids found in the rota.
    static func all(_ index: ExportIndex) -> [DutyTally] {
        let targets = Dictionary(index.scenario.fairnessTargets().map { ($0.resourceID, $0) }, uniquingKeysWith: { a, _ in a })
        var tallies = index.resourceIDs.map { DutyTally(resourceID: $0, target: targets[$0]) }
        let position = Dictionary(tallies.enumerated().map { ($1.resourceID, $0) }, uniquingKeysWith: { a, _ in a })
        for assignment in index.assignments {
            guard let i = position[assignment.resourceID] else { continue }
            tallies[i].total += 1
            tallies[i].byDuty[assignment.dutyTypeID, default: 0] += 1
            tallies[i].byDayType[index.dayType(assignment.date), default: 0] += 1
            if let window = index.window(date: assignment.date, dutyTypeID: assignment.dutyTypeID) {
                let start = ExportTime.local(window.start, zone: index.zone)
                let end = ExportTime.local(window.end, zone: index.zone)
                let days = start.date.days(to: end.date)
                if days > 1 || (days == 1 && end.minutes > 0) { tallies[i].nights += 1 }
            }
        }
        return tallies
    }
}

extension CSVWriter {
    /// `summary.csv`: one row per resource in scenario order with its duty counts and fair share.
    ///
    /// Columns: `resource`, `name`, `organisation` (id), `organisation_name`, `kind`, `duties`
    /// (total), `duties_<duty-id>` per duty type in scenario order, `nights` (duties running
    /// past midnight), counts by day type `weekday`, `saturday`, `sunday`, `weekend` (Saturday
    /// plus Sunday), `holiday`, `year-end`, then `target` (two decimals), `band_min`,
    /// `band_max` (from `Scenario.fairnessTargets()`), `deviation` (duties outside the band),
    /// `history_duties` (done before the horizon) and `allowance` (yen earned by the rota's
    /// duties, from `Scenario.allowanceTotals(of:)`).
    public func summaryCSV() -> String {
        let duties = input.scenario.dutyTypes.map(\.id)
        var header = ["resource", "name", "organisation", "organisation_name", "kind", "duties"]
        header += duties.map { "duties_" + $0 }
        header += ["nights", "weekday", "saturday", "sunday", "weekend", "holiday", "year-end",
                   "target", "band_min", "band_max", "deviation", "history_duties", "allowance"]
        var rows = [header]
        let allowances = input.scenario.allowanceTotals(of: index.assignments)
        for tally in DutyTally.all(index) {
            let resource = index.resource(tally.resourceID)
            let organisation = resource.flatMap { index.organisation($0.organisation) }
            let day = { (type: DayType) in tally.byDayType[type] ?? 0 }
            var row = [tally.resourceID, resource?.name ?? "", resource?.organisation ?? "", organisation?.name ?? "",
                       resource?.kind.rawValue ?? "", String(tally.total)]
            row += duties.map { String(tally.byDuty[$0] ?? 0) }
            row += [tally.nights, day(.weekday), day(.saturday), day(.sunday), day(.saturday) + day(.sunday),
                    day(.holiday), day(.yearEnd)].map(String.init)
            row += [tally.target.map { Self.decimal($0.target) } ?? "",
                    tally.target.map { String($0.band.lowerBound) } ?? "",
                    tally.target.map { String($0.band.upperBound) } ?? "",
                    tally.deviation.map(String.init) ?? "",
                    String(resource?.historyDuties ?? 0),
                    Self.amount(allowances[tally.resourceID] ?? 0)]
            rows.append(row)
        }
        return encode(rows)
    }

    /// A yen amount: whole numbers without decimals (`45000`), others with two (`12.50`).
    static func amount(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : decimal(value)
    }

    /// `value` with two decimals and a point, whatever the locale.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
