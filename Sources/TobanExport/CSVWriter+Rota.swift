import Foundation
import TobanModel

extension CSVWriter {
    /// `rota.csv`: the header of ``RotaCSVColumn`` in order, then one `assigned` row per
    /// assignment and, for each gap, one `gap` row per missing resource with empty resource,
    /// name and organisation, and the area of a per-area slot (empty otherwise).
    ///
    /// Rows are in date order, then duty type in scenario order, then resource id, the gap rows
    /// of a slot after its assignments. `organisation` and `area` hold ids, like `duty` and
    /// `resource`; `start` and `end` are local times with their offset, e.g.
    /// `2026-12-01T18:00+09:00`. `toban check` reads the file back (see `RotaCSVReader`).
    public func rotaCSV() -> String {
        var rows = [RotaCSVColumn.allCases.map(\.rawValue)]
        for date in index.dates {
            for dutyID in index.dutyIDs(on: date) {
                let slotPart = slotFields(date: date, dutyID: dutyID)
                for assignment in index.assignments(on: date) where assignment.dutyTypeID == dutyID {
                    let resource = index.resource(assignment.resourceID)
                    rows.append(row(slotPart, resource: assignment.resourceID, name: resource?.name ?? "",
                                    organisation: resource?.organisation ?? "", area: resource?.area ?? "",
                                    status: RotaCSVColumn.assigned))
                }
                for gap in index.gaps(on: date) where gap.dutyTypeID == dutyID {
                    for _ in 0..<max(gap.missing, 0) {
                        rows.append(row(slotPart, resource: "", name: "", organisation: "", area: gap.area ?? "", status: RotaCSVColumn.gap))
                    }
                }
            }
        }
        return encode(rows)
    }

    /// The fields of a row that depend only on the slot, by column.
    private func slotFields(date: CivilDate, dutyID: String) -> [RotaCSVColumn: String] {
        let window = index.window(date: date, dutyTypeID: dutyID)
        return [
            .date: date.iso,
            .weekday: date.weekday.shortEnglish,
            .dayType: index.dayType(date).rawValue,
            .duty: dutyID,
            .dutyName: index.dutyType(dutyID)?.name ?? "",
            .start: window.map { ExportTime.localISO($0.start, zone: index.zone) } ?? "",
            .end: window.map { ExportTime.localISO($0.end, zone: index.zone) } ?? "",
        ]
    }

    /// A full row in header order; a column missing from the table would be empty.
    private func row(_ slot: [RotaCSVColumn: String], resource: String, name: String, organisation: String,
                     area: String, status: String) -> [String] {
        var fields = slot
        fields[.resource] = resource
        fields[.name] = name
        fields[.organisation] = organisation
        fields[.area] = area
        fields[.status] = status
        return RotaCSVColumn.allCases.map { fields[$0] ?? "" }
    }
}
