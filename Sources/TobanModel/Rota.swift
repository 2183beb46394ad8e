/// One resource assigned to one slot.
public struct Assignment: Sendable, Hashable, Comparable {
    /// The date the duty starts on.
    public var date: CivilDate
    /// The duty type's id.
    public var dutyTypeID: String
    /// The resource's id.
    public var resourceID: String

    /// Creates an assignment.
    public init(date: CivilDate, dutyTypeID: String, resourceID: String) {
        self.date = date
        self.dutyTypeID = dutyTypeID
        self.resourceID = resourceID
    }

    /// The key of the duty's occurrence, `YYYY-MM-DD/duty-id`; for a per-area duty the slot
    /// it fills also depends on the resource's area (``Scenario/slotKey(of:)``).
    public var slotKey: String { "\(date.iso)/\(dutyTypeID)" }

    public static func < (a: Assignment, b: Assignment) -> Bool {
        (a.date, a.dutyTypeID, a.resourceID) < (b.date, b.dutyTypeID, b.resourceID)
    }
}

/// The assignment of resources to slots: what a solve produces and the checker judges.
public struct Rota: Sendable, Hashable {
    /// The assignments, sorted by date, duty type and resource.
    public private(set) var assignments: [Assignment]

    /// Creates a rota; the assignments are sorted so that equal rotas compare and print equal.
    public init(assignments: [Assignment]) {
        self.assignments = assignments.sorted()
    }

    /// The assignments of one slot.
    public func assignments(date: CivilDate, dutyTypeID: String) -> [Assignment] {
        assignments.filter { $0.date == date && $0.dutyTypeID == dutyTypeID }
    }

    /// The assignments of one resource.
    public func assignments(of resourceID: String) -> [Assignment] {
        assignments.filter { $0.resourceID == resourceID }
    }
}
