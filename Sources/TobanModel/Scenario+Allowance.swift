extension Scenario {
    /// The allowance (yen) paid for one duty of `dutyTypeID` starting on `date`.
    ///
    /// The duty type's ``DutyType/allowance(on:)`` for the date's day type (``calendar``);
    /// 0 for a duty type the scenario does not know.
    public func allowance(dutyTypeID: String, on date: CivilDate) -> Double {
        guard let duty = dutyTypes.first(where: { $0.id == dutyTypeID }) else { return 0 }
        return duty.allowance(on: calendar.dayType(of: date))
    }

    /// The allowances (yen) earned per resource id by `assignments`; resources without a
    /// duty are left out. Summed in the assignments' sorted order, so the totals are reproducible.
    public func allowanceTotals(of assignments: [Assignment]) -> [String: Double] {
        assignments.sorted().reduce(into: [:]) { totals, a in
            totals[a.resourceID, default: 0] += allowance(dutyTypeID: a.dutyTypeID, on: a.date)
        }
    }
}
