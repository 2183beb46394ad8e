import Foundation
import TobanModel

/// Look-ups and orderings shared by the writers, built once per export.
///
/// Every list is sorted here and every look-up table is only read by key, never iterated,
/// so that the writers' output cannot depend on dictionary order.
struct ExportIndex: Sendable {
    let scenario: Scenario
    let zone: TimeZone
    /// Assignments by date, duty type in scenario order, then resource id.
    let assignments: [Assignment]
    /// Gaps in the same order.
    let gaps: [Gap]
    /// The horizon's dates plus any date an assignment or gap names outside it, in order.
    let dates: [CivilDate]

    private let dutyOrder: [String: Int]
    private let slotsByKey: [String: Slot]
    private let resourcesByID: [String: Resource]
    private let organisationsByID: [String: Organisation]
    private let areasByID: [String: Area]
    private let assignmentsByDate: [CivilDate: [Assignment]]
    private let gapsByDate: [CivilDate: [Gap]]
    /// Which area's slot an assignment of a per-area duty fills.
    let resolver: SlotResolver

    init(_ input: ExportInput) {
        let scenario = input.scenario
        self.scenario = scenario
        zone = scenario.zone
        // First wins on duplicate ids, as in `Scenario.resource(_:)`.
        dutyOrder = Dictionary(scenario.dutyTypes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // By occurrence (`date/duty`): a per-area duty's slots share their date and times.
        slotsByKey = Dictionary(scenario.slots().map { ($0.occurrenceKey, $0) }, uniquingKeysWith: { a, _ in a })
        resourcesByID = Dictionary(scenario.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        organisationsByID = Dictionary(scenario.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        areasByID = Dictionary(scenario.areas.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let order = dutyOrder
        func dutyKey(_ id: String) -> (Int, String) { (order[id] ?? Int.max, id) }
        assignments = input.rota.assignments.sorted {
            ($0.date, dutyKey($0.dutyTypeID).0, dutyKey($0.dutyTypeID).1, $0.resourceID)
                < ($1.date, dutyKey($1.dutyTypeID).0, dutyKey($1.dutyTypeID).1, $1.resourceID)
        }
        gaps = input.gaps.sorted {
            ($0.date, dutyKey($0.dutyTypeID).0, dutyKey($0.dutyTypeID).1, $0.area ?? "", $0.missing, $0.reason)
                < ($1.date, dutyKey($1.dutyTypeID).0, dutyKey($1.dutyTypeID).1, $1.area ?? "", $1.missing, $1.reason)
        }
        resolver = SlotResolver(scenario)
        assignmentsByDate = Dictionary(grouping: assignments, by: \.date)
        gapsByDate = Dictionary(grouping: gaps, by: \.date)
        dates = Set(scenario.horizon.dates + assignments.map(\.date) + gaps.map(\.date)).sorted()
    }

    func dutyType(_ id: String) -> DutyType? { dutyOrder[id].map { scenario.dutyTypes[$0] } }
    func resource(_ id: String) -> Resource? { resourcesByID[id] }
    func organisation(_ id: String) -> Organisation? { organisationsByID[id] }
    func area(_ id: String) -> Area? { areasByID[id] }

    /// The display name of a duty type, its id when unknown.
    func dutyName(_ id: String) -> String { dutyType(id)?.name ?? id }
    /// A duty's display name with the area of a per-area slot, e.g. `夜間当番（主）（北地区）`.
    func dutyName(_ id: String, area: String?) -> String {
        guard let area else { return dutyName(id) }
        return "\(dutyName(id))（\(areaName(area))）"
    }
    /// The display name of a resource, its id when unknown.
    func resourceName(_ id: String) -> String { resource(id)?.name ?? id }

    /// Whether duty type `a` comes before `b`: scenario order, unknown ids last by id.
    func dutyPrecedes(_ a: String, _ b: String) -> Bool {
        (dutyOrder[a] ?? Int.max, a) < (dutyOrder[b] ?? Int.max, b)
    }

    func dayType(_ date: CivilDate) -> DayType { scenario.calendar.dayType(of: date) }
    func holidayName(_ date: CivilDate) -> String? { scenario.calendar.holidayName(date) }

    func assignments(on date: CivilDate) -> [Assignment] { assignmentsByDate[date] ?? [] }
    func gaps(on date: CivilDate) -> [Gap] { gapsByDate[date] ?? [] }

    /// The people and the gap of each slot of a duty on a date: one group for a district-wide
    /// duty; for a per-area duty one per area that has someone or a gap, in the duty's area
    /// order (assignments of resources outside its areas last, by area id).
    func slotGroups(date: CivilDate, dutyID: String) -> [(area: String?, resourceIDs: [String], missing: Int)] {
        let taken = assignments(on: date).filter { $0.dutyTypeID == dutyID }
        let open = gaps(on: date).filter { $0.dutyTypeID == dutyID }
        guard let duty = dutyType(dutyID), duty.perArea else {
            return [(nil, taken.map(\.resourceID), open.reduce(0) { $0 + $1.missing })]
        }
        let listed = scenario.slotAreas(of: duty)
        let others = Set(taken.map { resolver.area(of: $0) } + open.map(\.area)).filter { !listed.contains($0) }
            .sorted { ($0 ?? "") < ($1 ?? "") }
        let groups: [(area: String?, resourceIDs: [String], missing: Int)] = (listed + others).compactMap { area in
            let ids = taken.filter { resolver.area(of: $0) == area }.map(\.resourceID)
            let missing = open.filter { $0.area == area }.reduce(0) { $0 + $1.missing }
            return ids.isEmpty && missing == 0 ? nil : (area, ids, missing)
        }
        return groups.isEmpty ? [(nil, [], 0)] : groups
    }

    /// The display name of an area, its id when unknown.
    func areaName(_ id: String) -> String { area(id)?.name ?? id }

    /// The duty types that have a slot, an assignment or a gap on `date`, in scenario order.
    func dutyIDs(on date: CivilDate) -> [String] {
        var ids = Set(assignments(on: date).map(\.dutyTypeID)).union(gaps(on: date).map(\.dutyTypeID))
        for duty in scenario.dutyTypes where slotsByKey["\(date.iso)/\(duty.id)"] != nil { ids.insert(duty.id) }
        return ids.sorted(by: dutyPrecedes)
    }

    /// The start and end instants of a duty on a date; nil when the duty type is unknown.
    ///
    /// Taken from the scenario's slots; a rota may name a date on which the duty type has no
    /// slot (the checker reports that), and then the window is computed the same way.
    func window(date: CivilDate, dutyTypeID: String) -> (start: Date, end: Date)? {
        if let slot = slotsByKey["\(date.iso)/\(dutyTypeID)"] { return (slot.start, slot.end) }
        guard let duty = dutyType(dutyTypeID) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let endDate = duty.end.minutes > duty.start.minutes ? date : date.adding(days: 1)
        guard let start = Self.instant(date, duty.start, calendar), let end = Self.instant(endDate, duty.end, calendar) else {
            return nil
        }
        return (start, end)
    }

    private static func instant(_ date: CivilDate, _ time: TimeOfDay, _ calendar: Calendar) -> Date? {
        let day = time.minutes == 1440 ? date.adding(days: 1) : date
        let parts = DateComponents(year: day.year, month: day.month, day: day.day,
                                   hour: (time.minutes % 1440) / 60, minute: time.minutes % 60)
        return calendar.date(from: parts)
    }

    /// The rows' resource ids in scenario order for resources that have assignments or are
    /// listed, followed by unknown ids found in the rota.
    var resourceIDs: [String] {
        let known = scenario.resources.map(\.id)
        let knownSet = Set(known)
        let unknown = Set(assignments.map(\.resourceID)).subtracting(knownSet).sorted()
        var seen = Set<String>()
        return (known + unknown).filter { seen.insert($0).inserted }
    }
}

/// Formats instants as text without `DateFormatter`, whose output depends on the locale and
/// the platform's ICU data; arithmetic on the zone offset is exact for whole minutes.
enum ExportTime {
    /// The UTC form iCalendar uses, e.g. `20261120T090000Z`.
    static func utc(_ instant: Date) -> String {
        let (date, seconds) = split(Int(instant.timeIntervalSince1970.rounded(.down)))
        return date.iso.replacingOccurrences(of: "-", with: "") + "T" + pad(seconds / 3600) + pad(seconds / 60 % 60)
            + pad(seconds % 60) + "Z"
    }

    /// Local ISO 8601 with offset and minute precision, e.g. `2026-11-20T18:00+09:00`.
    static func localISO(_ instant: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let (date, seconds) = split(Int(instant.timeIntervalSince1970.rounded(.down)) + offset)
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset) / 60
        let zoneText = sign + pad(absolute / 60) + ":" + pad(absolute % 60)
        return "\(date.iso)T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60))" + zoneText
    }

    /// The local date and minutes after midnight of an instant.
    static func local(_ instant: Date, zone: TimeZone) -> (date: CivilDate, minutes: Int) {
        let offset = zone.secondsFromGMT(for: instant)
        let (date, seconds) = split(Int(instant.timeIntervalSince1970.rounded(.down)) + offset)
        return (date, seconds / 60)
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(_ minutes: Int) -> String { pad(minutes / 60) + ":" + pad(minutes % 60) }

    private static func split(_ seconds: Int) -> (CivilDate, Int) {
        let days = seconds >= 0 ? seconds / 86_400 : -((86_399 - seconds) / 86_400)
        return (CivilDate(dayNumber: days), seconds - days * 86_400)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
