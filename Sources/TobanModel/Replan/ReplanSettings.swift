/// What a re-plan keeps: the published rota, the date from which it may change, and what a change costs.
///
/// With re-plan settings a scenario gains two rules:
/// - `H-FROZEN`: every slot dated before ``from`` holds exactly the resources the published
///   rota gives it, no more and no fewer.
/// - `S-STABILITY`: from ``from`` on, each *change* costs ``changeWeight``. Changes are counted
///   per slot (duty type and date): the larger of the number of published resources the slot
///   loses and the number of new resources it gains, i.e. the seats whose occupant differs.
///   Handing a duty from one physician to another is one change; leaving a covered slot open
///   is one; replacing both of a slot's two resources is two; filling a seat the published
///   rota left open below minimum coverage is none. Counting seats rather than assignments
///   keeps "reassign" and "leave open" level, and filling a published gap free, so that
///   minimising changes first never prefers a gap to a replacement.
///
/// When ``changesFirst`` is true (the default) the solver minimises the number of changes
/// before anything else, in two levels: first the fewest changes any rota can have, then, with
/// that number fixed, every other cost (see `docs/whatif.md`). The reported cost of
/// `S-STABILITY` is then still ``changeWeight`` × changes.
public struct ReplanSettings: Sendable, Hashable {
    /// The default cost of one change.
    public static let defaultChangeWeight = 100.0

    /// The rota as it was published.
    public var published: Rota
    /// The first date that may change; earlier dates are frozen.
    public var from: CivilDate
    /// The cost of one change (`S-STABILITY`); 0 makes changes free (unless ``changesFirst``).
    public var changeWeight: Double
    /// Whether the number of changes is minimised before every other cost (two-level solve).
    public var changesFirst: Bool
    /// Whether coverage gaps (`S-COVER-GAP`) are minimised even before changes (a third level in
    /// front): then a re-plan never leaves a slot open to save moving another duty. Off by
    /// default, so that changes come first as asked; `toban replan --cover-first` turns it on.
    public var coverageFirst: Bool = false

    /// Creates settings.
    public init(published: Rota, from: CivilDate, changeWeight: Double = ReplanSettings.defaultChangeWeight,
                changesFirst: Bool = true) {
        self.published = published
        self.from = from
        self.changeWeight = changeWeight
        self.changesFirst = changesFirst
    }

    /// The published assignments dated before ``from`` inside `horizon`: what `H-FROZEN` keeps.
    public func frozenAssignments(in horizon: DateRange) -> [Assignment] {
        Array(Set(published.assignments.filter { $0.date < from && horizon.contains($0.date) })).sorted()
    }

    /// The published assignments from ``from`` to the end of `horizon`: what `S-STABILITY` compares against.
    public func comparedAssignments(in horizon: DateRange) -> [Assignment] {
        Array(Set(published.assignments.filter { $0.date >= from && horizon.contains($0.date) })).sorted()
    }

    /// Whether `date` is frozen (before ``from``).
    public func isFrozen(_ date: CivilDate) -> Bool { date < from }

    /// The changes of `rota` against the published rota from ``from`` to the end of the
    /// horizon of `scenario`, as `S-STABILITY` counts them: each slot whose resources differ,
    /// with the seats the published rota left open below minimum coverage as its shortfall.
    public func changes(to rota: Rota, in scenario: Scenario) -> [RotaChange] {
        let window = DateRange(start: Swift.max(from, scenario.horizon.start), end: scenario.horizon.end)
        let published = Rota(assignments: comparedAssignments(in: scenario.horizon))
        let actual = Rota(assignments: Array(Set(rota.assignments.filter { window.contains($0.date) })))
        // Per slot: a per-area duty's changes are counted area by area.
        let resolver = SlotResolver(scenario)
        return actual.changes(from: published, resolver: resolver).map { change in
            var c = change
            let held = published.assignments(date: c.date, dutyTypeID: c.dutyTypeID).filter { resolver.area(of: $0) == c.area }.count
            c.shortfall = Swift.max(0, (scenario.dutyType(c.dutyTypeID)?.coverage(on: c.date, area: c.area).min ?? 0) - held)
            return c
        }
    }
}

/// One slot whose resources differ between two rotas: who loses it and who gains it.
public struct RotaChange: Sendable, Hashable, Comparable {
    /// The date the duty starts on.
    public var date: CivilDate
    /// The duty type's id.
    public var dutyTypeID: String
    /// Resources in the old rota but not in the new one, sorted.
    public var lost: [String]
    /// Resources in the new rota but not in the old one, sorted.
    public var gained: [String]
    /// Seats the old rota left open below the slot's minimum coverage: filling them is no change.
    public var shortfall: Int
    /// The area of a per-area slot (``DutyType/perArea``); nil for a district-wide slot.
    public var area: String?

    /// Creates a change.
    public init(date: CivilDate, dutyTypeID: String, lost: [String], gained: [String], shortfall: Int = 0, area: String? = nil) {
        self.date = date
        self.dutyTypeID = dutyTypeID
        self.lost = lost
        self.gained = gained
        self.shortfall = shortfall
        self.area = area
    }

    /// The number of changes it stands for, as `S-STABILITY` counts them: the seats whose
    /// occupant differs, the larger of ``lost`` and ``gained`` (less the ``shortfall`` filled).
    public var count: Int { Swift.max(lost.count, gained.count - shortfall, 0) }

    /// The slot key `YYYY-MM-DD/duty-id`, or `YYYY-MM-DD/duty-id@area` for a per-area slot.
    public var slotKey: String { Slot.key(date: date, dutyTypeID: dutyTypeID, area: area) }

    public static func < (a: RotaChange, b: RotaChange) -> Bool {
        (a.date, a.dutyTypeID, a.area ?? "") < (b.date, b.dutyTypeID, b.area ?? "")
    }
}

extension Rota {
    /// The slots whose resources differ from `old` to `self`, in date and duty order.
    ///
    /// Only dates in `dates` are compared when it is given (e.g. from a re-plan date on). With
    /// a `resolver`, a per-area duty's slots are compared area by area.
    public func changes(from old: Rota, within dates: DateRange? = nil, resolver: SlotResolver? = nil) -> [RotaChange] {
        func bySlot(_ rota: Rota) -> [String: (CivilDate, String, Set<String>, String?)] {
            var result: [String: (CivilDate, String, Set<String>, String?)] = [:]
            for a in rota.assignments where dates?.contains(a.date) ?? true {
                let area = resolver?.area(of: a)
                result[resolver?.key(of: a) ?? a.slotKey, default: (a.date, a.dutyTypeID, [], area)].2.insert(a.resourceID)
            }
            return result
        }
        let before = bySlot(old), after = bySlot(self)
        var changes: [RotaChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            guard let slot = before[key] ?? after[key] else { continue }
            let was = before[key]?.2 ?? [], now = after[key]?.2 ?? []
            let lost = was.subtracting(now).sorted(), gained = now.subtracting(was).sorted()
            if !lost.isEmpty || !gained.isEmpty {
                changes.append(RotaChange(date: slot.0, dutyTypeID: slot.1, lost: lost, gained: gained, area: slot.3))
            }
        }
        return changes.sorted()
    }

    /// Per resource, how many of its assignments differ between `old` and `self` (lost + gained);
    /// resources without a difference are left out.
    public func movedDuties(from old: Rota) -> [String: Int] {
        var moved: [String: Int] = [:]
        for change in changes(from: old) {
            for r in change.lost + change.gained { moved[r, default: 0] += 1 }
        }
        return moved
    }
}
