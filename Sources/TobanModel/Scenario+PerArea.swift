/// Per-area duties (`perArea: true`): one slot per area and date, filled by the area's resources.
///
/// A rota names only date, duty type and resource; the resource's area decides which per-area
/// slot an assignment fills. Every rule that groups assignments by slot goes through
/// ``SlotResolver`` (or ``Scenario/slotKey(of:)``), so that the compiler, the checker and the
/// exports agree on it.
extension Scenario {
    /// The areas in which `duty` has a slot on each of its dates: `[nil]` for a district-wide
    /// duty, the duty's ``DutyType/areas`` (every area of the scenario by default) for a per-area one.
    public func slotAreas(of duty: DutyType) -> [String?] {
        guard duty.perArea else { return [nil] }
        return (duty.areas ?? areas.map(\.id)).map { Optional($0) }
    }

    /// The area of the slot `assignment` fills: the resource's area for a per-area duty, nil
    /// for a district-wide one (and for a resource without an area, which cannot take it).
    public func slotArea(of assignment: Assignment) -> String? {
        SlotResolver(self).area(of: assignment)
    }

    /// The key of the slot `assignment` fills: `YYYY-MM-DD/duty`, or `YYYY-MM-DD/duty@area`
    /// for a per-area duty (the area being the resource's).
    public func slotKey(of assignment: Assignment) -> String {
        SlotResolver(self).key(of: assignment)
    }

    /// Whether `resource` may take `slot` as far as eligibility goes (`H-ELIGIBLE`): eligible
    /// for its duty type and, for a per-area slot, of the slot's area.
    public func isEligible(_ resource: Resource, for slot: Slot) -> Bool {
        guard let duty = dutyType(slot.dutyTypeID) else { return false }
        return resource.isEligible(for: duty, slotArea: slot.area)
    }

    /// The coverage of `slot`: its duty type's coverage on its date in its area.
    public func coverage(of slot: Slot) -> Coverage? {
        dutyType(slot.dutyTypeID)?.coverage(of: slot)
    }
}

/// Resolves which slot an assignment fills, with the look-ups built once.
///
/// For a per-area duty type the slot is the one of the resource's area; for every other duty
/// type it is the duty's only slot of the date.
public struct SlotResolver: Sendable {
    private let perAreaDuties: Set<String>
    private let areaOfResource: [String: String]

    /// Creates a resolver for `scenario`.
    public init(_ scenario: Scenario) {
        perAreaDuties = Set(scenario.dutyTypes.filter(\.perArea).map(\.id))
        // First wins on duplicate ids, as in `Scenario.resource(_:)`.
        var areas: [String: String] = [:]
        for r in scenario.resources where areas[r.id] == nil {
            if let area = r.area { areas[r.id] = area }
        }
        areaOfResource = areas
    }

    /// Whether the scenario has any per-area duty type.
    public var hasPerAreaDuties: Bool { !perAreaDuties.isEmpty }

    /// The area of the slot that a duty of `dutyTypeID` taken by `resourceID` fills; nil for a
    /// district-wide duty.
    public func area(dutyTypeID: String, resourceID: String) -> String? {
        perAreaDuties.contains(dutyTypeID) ? areaOfResource[resourceID] : nil
    }

    /// The area of the slot `assignment` fills.
    public func area(of assignment: Assignment) -> String? {
        area(dutyTypeID: assignment.dutyTypeID, resourceID: assignment.resourceID)
    }

    /// The key of the slot `assignment` fills (see ``Slot/key``).
    public func key(of assignment: Assignment) -> String {
        Slot.key(date: assignment.date, dutyTypeID: assignment.dutyTypeID, area: area(of: assignment))
    }
}
