import TobanModel

extension CSVWriter {
    /// The text shown for a missing resource in the grid.
    public static let gapMark = "未充足"

    /// `grid.csv`: one row per date with `date`, `weekday`, `day_type`, `holiday` (the holiday's
    /// Japanese name, empty on ordinary days), then one column per duty type in scenario order,
    /// headed by the duty type id.
    ///
    /// A cell holds the names of the resources on duty, several joined with ` / `, and
    /// `未充足` for a gap (`未充足（2名）` when two are missing); it is empty when the duty type
    /// has no slot on that date. For a per-area duty each entry starts with its area's name,
    /// e.g. `北地区: 佐藤 一郎 / 南地区: 未充足`, area by area.
    public func gridCSV() -> String {
        let duties = input.scenario.dutyTypes.map(\.id)
        // Duty types the rota names but the scenario does not still get a column, at the end.
        let extra = Set(index.assignments.map(\.dutyTypeID) + index.gaps.map(\.dutyTypeID))
            .subtracting(duties).sorted()
        var seen = Set<String>()
        let columns = (duties + extra).filter { seen.insert($0).inserted }
        var rows = [["date", "weekday", "day_type", "holiday"] + columns]
        for date in index.dates {
            var row = [date.iso, date.weekday.shortEnglish, index.dayType(date).rawValue, index.holidayName(date) ?? ""]
            for duty in columns { row.append(cell(date: date, dutyID: duty).joined(separator: " / ")) }
            rows.append(row)
        }
        return encode(rows)
    }

    /// The entries of one grid cell: per slot, names in resource-id order, then the gap mark;
    /// a per-area slot's entries prefixed with the area's name.
    func cell(date: CivilDate, dutyID: String) -> [String] {
        index.slotGroups(date: date, dutyID: dutyID).flatMap { group in
            var names = group.resourceIDs.map { index.resourceName($0) }
            if group.missing > 0 { names.append(group.missing == 1 ? Self.gapMark : "\(Self.gapMark)（\(group.missing)名）") }
            guard let area = group.area else { return names }
            return names.map { "\(index.areaName(area)): \($0)" }
        }
    }
}
