/// Everything one solve needs: horizon, calendar, duty types, resources, rules and history.
///
/// A scenario is plain data. ``ScenarioLoader`` builds one from YAML or JSON and validates it
/// completely; code that builds a scenario by hand should call ``validate()`` before solving.
public struct Scenario: Sendable, Hashable {
    /// The version of the scenario format this value follows (see `docs/scenario-format.md`).
    public static let currentFormat = 1

    /// The format version the file declared.
    public var format: Int
    /// A human-readable title, e.g. `中央区医師会 2026年12月 夜間当番`.
    public var name: String
    /// The IANA time zone in which duty windows are read, default `Asia/Tokyo`.
    public var timeZone: String
    /// The dates planned, inclusive.
    public var horizon: DateRange
    /// Calendar settings: year-end, extra and removed holidays, closures.
    public var calendar: CalendarSettings
    /// Clinics, stations and hospitals.
    public var organisations: [Organisation]
    /// Blocks or groups of the district.
    public var areas: [Area]
    /// The roles to fill.
    public var dutyTypes: [DutyType]
    /// Who or what fills the slots.
    public var resources: [Resource]
    /// Weights and switches of the soft rules.
    public var rules: RuleSettings
    /// The published rota to stay close to when re-planning (`H-FROZEN`, `S-STABILITY`); nil for a fresh plan.
    public var replan: ReplanSettings? = nil

    /// Creates a scenario.
    public init(format: Int = Scenario.currentFormat, name: String, timeZone: String = "Asia/Tokyo",
                horizon: DateRange, calendar: CalendarSettings = CalendarSettings(),
                organisations: [Organisation], areas: [Area] = [], dutyTypes: [DutyType],
                resources: [Resource], rules: RuleSettings = RuleSettings()) {
        self.format = format
        self.name = name
        self.timeZone = timeZone
        self.horizon = horizon
        self.calendar = calendar
        self.organisations = organisations
        self.areas = areas
        self.dutyTypes = dutyTypes
        self.resources = resources
        self.rules = rules
    }

    /// The duty type with `id`, if any.
    public func dutyType(_ id: String) -> DutyType? { dutyTypes.first { $0.id == id } }
    /// The resource with `id`, if any.
    public func resource(_ id: String) -> Resource? { resources.first { $0.id == id } }
    /// The organisation with `id`, if any.
    public func organisation(_ id: String) -> Organisation? { organisations.first { $0.id == id } }
}

/// An inclusive range of dates.
public struct DateRange: Sendable, Hashable {
    /// The first date.
    public var start: CivilDate
    /// The last date (inclusive).
    public var end: CivilDate
    /// Creates a range; `end` may equal `start`.
    public init(start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }
    /// Whether `date` lies in the range.
    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }
    /// Every date of the range in order.
    public var dates: [CivilDate] { CivilDate.range(start, through: end) }
    /// The number of dates in the range.
    public var count: Int { Swift.max(0, start.days(to: end) + 1) }
}

/// What kind of resource fills a duty.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case physician, nurse, hospital
}

/// A clinic, visiting-nurse station or hospital.
public struct Organisation: Sendable, Hashable {
    /// Stable id used in references.
    public var id: String
    /// Display name.
    public var name: String
    /// `clinic`, `station` or `hospital`.
    public var kind: OrganisationKind
    /// The organisation's share of duties, if it has one (`S-ORG-QUOTA`).
    public var quota: OrganisationQuota?
    /// Creates an organisation.
    public init(id: String, name: String, kind: OrganisationKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// The kind of an organisation.
public enum OrganisationKind: String, Sendable, Hashable, CaseIterable, Codable {
    case clinic, station, hospital
}

/// A block or group of the district.
public struct Area: Sendable, Hashable {
    /// Stable id used in references.
    public var id: String
    /// Display name.
    public var name: String
    /// Ids of the areas next to this one (adjacency is symmetric once loaded).
    public var adjacent: [String]
    /// Creates an area.
    public init(id: String, name: String, adjacent: [String] = []) {
        self.id = id
        self.name = name
        self.adjacent = adjacent
    }
}

/// A time of day, minutes after midnight in the scenario's time zone.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0 to 1439, or 1440 for the end of the day (`24:00`).
    public let minutes: Int
    /// Creates a time from hours and minutes; nil when out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        minutes = hour * 60 + minute
    }
    /// Parses `HH:MM` (24-hour); nil when malformed.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }
    /// `HH:MM`.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// A role to fill on some dates, e.g. `night-primary` 18:00–09:00.
public struct DutyType: Sendable, Hashable {
    /// Stable id used in rule ids, CSV and references.
    public var id: String
    /// Display name, e.g. `夜間当番（主）`.
    public var name: String
    /// Which kind of resource fills it.
    public var resourceKind: ResourceKind
    /// When the duty starts on its date.
    public var start: TimeOfDay
    /// When it ends; at or before ``start`` means the next day (`18:00`–`09:00`), and
    /// equal to ``start`` means a 24-hour duty.
    public var end: TimeOfDay
    /// The day types on which the duty occurs.
    public var dayTypes: Set<DayType>
    /// The fewest resources per slot; a shortfall is an elastic gap (see ``gapPenalty``).
    public var coverageMin: Int
    /// The most resources per slot (hard).
    public var coverageMax: Int
    /// The cost of each missing resource below ``coverageMin`` in a slot.
    public var gapPenalty: Double
    /// The preferred number per slot, if any: fewer costs ``underTargetPenalty`` each
    /// (`S-COVER-UNDER`), more costs ``overTargetPenalty`` each (`S-COVER-OVER`).
    public var coverageTarget: Int?
    /// The cost per resource below ``coverageTarget`` (down to ``coverageMin``).
    public var underTargetPenalty: Double = 0
    /// The cost per resource above ``coverageTarget``.
    public var overTargetPenalty: Double = 0
    /// Coverage on particular dates, replacing the defaults above on those dates.
    public var coverageByDate: [CivilDate: Coverage] = [:]
    /// The only area whose resources may take it (the fallback of one duty type per area); nil for district-wide.
    public var area: String?
    /// Whether the duty has one slot per area on each date, each filled by resources of its
    /// area with its own coverage (``Scenario/slotAreas(of:)``).
    public var perArea: Bool = false
    /// The areas of a per-area duty; nil means every area of the scenario.
    public var areas: [String]?
    /// Coverage of a per-area duty's slots in particular areas, replacing the duty's default
    /// coverage there (``coverage(on:area:)``; a ``coverageByDate`` entry still wins on its date).
    public var coverageByArea: [AreaCoverage] = []
    /// The primary duty type this one backs up (`H-BACKUP-DISTINCT`, `H-BACKUP-ORG`, `H-BACKUP-AREA`).
    public var backupOf: String?
    /// Whether a backup must come from another organisation than the primary of the same date (`H-BACKUP-ORG`).
    public var differentOrganisation: Bool = false
    /// Where a backup must be relative to the primary of the same date (`H-BACKUP-AREA`); nil for anywhere.
    public var backupArea: BackupAreaRule?
    /// Beds needed per slot, counted from the designated hospitals' ``Resource/beds`` (`S-BED-GAP`, `H-BED-CAPACITY`).
    public var beds: BedRequirement?
    /// Night, day or decided by the window (``isNight``); counts for `S-FAIR-NIGHTS`.
    public var category: DutyCategory?
    /// The allowance (yen) paid per duty, by day type; ``allowance(on:)`` falls back to ``allowanceDefault``.
    public var allowanceByDayType: [DayType: Double] = [:]
    /// The allowance (yen) paid per duty on day types not in ``allowanceByDayType``.
    public var allowanceDefault: Double = 0

    /// Whether the duty counts as a night: `category: night`, or by default a window that
    /// crosses midnight and is shorter than 24 hours.
    public var isNight: Bool {
        switch category {
        case .night: true
        case .day: false
        case nil: end.minutes < start.minutes
        }
    }

    /// The allowance paid for one duty on a day of `dayType`.
    public func allowance(on dayType: DayType) -> Double { allowanceByDayType[dayType] ?? allowanceDefault }

    /// The coverage that applies on `date` to a district-wide slot.
    public func coverage(on date: CivilDate) -> Coverage {
        coverage(on: date, area: nil)
    }

    /// The coverage that applies on `date` to the slot of `area` (nil for a district-wide slot):
    /// the date's ``coverageByDate`` entry, else the area's ``coverageByArea`` entry, else the default.
    public func coverage(on date: CivilDate, area: String?) -> Coverage {
        if let byDate = coverageByDate[date] { return byDate }
        if let area, let byArea = coverageByArea.first(where: { $0.area == area }) { return byArea.coverage }
        return Coverage(min: coverageMin, max: coverageMax, target: coverageTarget)
    }

    /// The coverage of `slot` (its date and area).
    public func coverage(of slot: Slot) -> Coverage { coverage(on: slot.date, area: slot.area) }

    /// Creates a duty type.
    public init(id: String, name: String, resourceKind: ResourceKind, start: TimeOfDay, end: TimeOfDay,
                dayTypes: Set<DayType> = Set(DayType.allCases), coverageMin: Int = 1, coverageMax: Int = 1,
                gapPenalty: Double = 10_000) {
        self.id = id
        self.name = name
        self.resourceKind = resourceKind
        self.start = start
        self.end = end
        self.dayTypes = dayTypes
        self.coverageMin = coverageMin
        self.coverageMax = coverageMax
        self.gapPenalty = gapPenalty
    }

    /// The duty's length in minutes (24 h when start equals end).
    public var durationMinutes: Int {
        end.minutes > start.minutes ? end.minutes - start.minutes : end.minutes + 1440 - start.minutes
    }
}

/// The coverage of a per-area duty's slots in one area (`coverageByArea`).
public struct AreaCoverage: Sendable, Hashable {
    /// The area's id.
    public var area: String
    /// Its coverage, replacing the duty type's default in that area.
    public var coverage: Coverage
    /// Creates an area's coverage.
    public init(area: String, coverage: Coverage) {
        self.area = area
        self.coverage = coverage
    }
}

/// How many resources a slot needs: at least ``min`` (elastic), at most ``max`` (hard),
/// preferably ``target``.
public struct Coverage: Sendable, Hashable {
    /// The fewest; each missing one is a gap.
    public var min: Int
    /// The most.
    public var max: Int
    /// The preferred number, if any.
    public var target: Int?
    /// Creates a coverage.
    public init(min: Int, max: Int, target: Int? = nil) {
        self.min = min
        self.max = max
        self.target = target
    }
}

/// A physician, nurse or hospital (bed) that fills slots.
public struct Resource: Sendable, Hashable {
    /// Stable id used in references, CSV and file names.
    public var id: String
    /// Display name, e.g. `佐藤 一郎`.
    public var name: String
    /// Physician, nurse or hospital.
    public var kind: ResourceKind
    /// The id of the organisation it belongs to.
    public var organisation: String
    /// The id of its area, if areas are used.
    public var area: String?
    /// Full-time equivalent, the weight of its fair share (1 = full share).
    public var fte: Double
    /// The duty types it may take; nil means every duty type of its kind.
    public var duties: [String]?
    /// Dates on which it cannot take any duty.
    public var unavailable: [DateRange]
    /// The fewest duties over the horizon (hard), if set.
    public var minDuties: Int?
    /// The most duties over the horizon (hard), if set.
    public var maxDuties: Int?
    /// Duties already done in earlier periods, carried into the fairness target.
    public var historyDuties: Int
    /// Limits on the count of duties of some duty types and/or day types (`H-DUTY-LIMIT`).
    public var limits: [DutyLimit] = []
    /// The most duties in one ISO week, Monday to Sunday (`H-MAX-PER-WEEK`).
    public var maxPerWeek: Int?
    /// The most duty days in a row (`H-MAX-CONSECUTIVE`).
    public var maxConsecutive: Int?
    /// The fewest duty days in a row; blocks touching the horizon's edges are exempt (`H-MIN-CONSECUTIVE`).
    public var minConsecutive: Int?
    /// The fewest days off in a row; stretches touching the horizon's edges are exempt (`H-MIN-DAYS-OFF`).
    public var minDaysOff: Int?
    /// The most weekends (Saturday–Sunday) with any duty (`H-MAX-WEEKENDS`).
    public var maxWeekends: Int?
    /// The fewest total duty minutes over the horizon (`H-MIN-MINUTES`).
    public var minMinutes: Int?
    /// The most total duty minutes over the horizon (`H-MAX-MINUTES`).
    public var maxMinutes: Int?
    /// Wishes for or against duties on given dates (`S-REQUEST-WANT`, `S-REQUEST-AVOID`).
    public var requests: [DutyRequest] = []
    /// Duties fixed in advance (`H-PIN`).
    public var pins: [Pin] = []
    /// The last duties before the horizon (`history.lastDuties`), for rest, successions,
    /// consecutive days and weeks across the boundary; dates not listed count as days off.
    public var lastDuties: [PastDuty] = []
    /// Part days without any duty: a duty whose instants overlap a window is not allowed (`H-AVAILABLE`).
    public var unavailableTimes: [UnavailableTime] = []
    /// What it is qualified for, e.g. `pediatric` (`S-COVER-QUAL`).
    public var qualifications: [String] = []
    /// Beds a hospital lends on each day it is designated (`S-BED-GAP`, `H-BED-CAPACITY`).
    public var beds: Int = 1
    /// The most dates with a duty in one calendar month (`H-MAX-DESIGNATED-DAYS`).
    public var maxDesignatedDays: Int?
    /// Whether a Saturday duty needs a Sunday duty of the same weekend and vice versa; nil follows ``RuleSettings/weekendBlocks``.
    public var weekendBlocks: Bool?
    /// Whether it may not work two weekends in a row; nil follows ``RuleSettings/noConsecutiveWeekends``.
    public var noConsecutiveWeekends: Bool?
    /// Night duties done before the horizon (`S-FAIR-NIGHTS`).
    public var historyNights: Int = 0
    /// Weekend and holiday duties done before the horizon (`S-FAIR-WEEKEND-HOLIDAY`).
    public var historyWeekendHoliday: Int = 0
    /// Year-end duties done before the horizon (`S-FAIR-YEAREND`).
    public var historyYearEnd: Int = 0

    /// Creates a resource.
    public init(id: String, name: String, kind: ResourceKind, organisation: String, area: String? = nil,
                fte: Double = 1, duties: [String]? = nil, unavailable: [DateRange] = [],
                minDuties: Int? = nil, maxDuties: Int? = nil, historyDuties: Int = 0) {
        self.id = id
        self.name = name
        self.kind = kind
        self.organisation = organisation
        self.area = area
        self.fte = fte
        self.duties = duties
        self.unavailable = unavailable
        self.minDuties = minDuties
        self.maxDuties = maxDuties
        self.historyDuties = historyDuties
    }

    /// Whether the resource may take duties of `dutyType` at all (kind and eligibility list).
    /// For a per-area duty type the resource needs an area among the duty's areas.
    public func isEligible(for dutyType: DutyType) -> Bool {
        kind == dutyType.resourceKind && (duties?.contains(dutyType.id) ?? true) && (dutyType.area == nil || dutyType.area == area)
            && (!dutyType.perArea || area.map { dutyType.areas?.contains($0) ?? true } == true)
    }

    /// Whether the resource may take `dutyType`'s slot of `slotArea` (nil for a district-wide
    /// slot): eligible for the duty type, and of that area when the slot has one.
    public func isEligible(for dutyType: DutyType, slotArea: String?) -> Bool {
        isEligible(for: dutyType) && (slotArea == nil || slotArea == area)
    }

    /// Whether the resource is available on `date`.
    public func isAvailable(on date: CivilDate) -> Bool {
        !unavailable.contains { $0.contains(date) }
    }
}

/// A limit on how many duties of some duty types and/or day types a resource takes.
public struct DutyLimit: Sendable, Hashable {
    /// The duty types counted; nil counts every duty type.
    public var dutyTypes: [String]?
    /// The day types counted; nil counts every day type.
    public var dayTypes: Set<DayType>?
    /// The fewest such duties, if set.
    public var min: Int?
    /// The most such duties, if set.
    public var max: Int?

    /// Creates a limit.
    public init(dutyTypes: [String]? = nil, dayTypes: Set<DayType>? = nil, min: Int? = nil, max: Int? = nil) {
        self.dutyTypes = dutyTypes
        self.dayTypes = dayTypes
        self.min = min
        self.max = max
    }

    /// Whether a duty of `dutyTypeID` on a day of `dayType` counts against this limit.
    public func counts(dutyTypeID: String, dayType: DayType) -> Bool {
        (dutyTypes?.contains(dutyTypeID) ?? true) && (dayTypes?.contains(dayType) ?? true)
    }

    /// A short label for messages and row names, e.g. `night-primary@holiday+sunday`.
    public var label: String {
        let duties = dutyTypes?.joined(separator: "+") ?? "all"
        guard let dayTypes else { return duties }
        return duties + "@" + dayTypes.sorted().map(\.rawValue).joined(separator: "+")
    }
}

/// A resource's wish for or against a duty on a date.
public struct DutyRequest: Sendable, Hashable {
    /// Whether the resource wants the duty or wants to avoid it.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case want, avoid
    }
    /// Want or avoid.
    public var kind: Kind
    /// The date.
    public var date: CivilDate
    /// The duty type; nil means any duty that date.
    public var dutyTypeID: String?
    /// The cost when the wish is not met.
    public var weight: Double

    /// Creates a request.
    public init(kind: Kind, date: CivilDate, dutyTypeID: String? = nil, weight: Double) {
        self.kind = kind
        self.date = date
        self.dutyTypeID = dutyTypeID
        self.weight = weight
    }
}

/// A duty fixed in advance: the resource takes this duty type on this date.
public struct Pin: Sendable, Hashable {
    /// The date.
    public var date: CivilDate
    /// The duty type.
    public var dutyTypeID: String
    /// Creates a pin.
    public init(date: CivilDate, dutyTypeID: String) {
        self.date = date
        self.dutyTypeID = dutyTypeID
    }
}

/// A duty done before the horizon, given in `history.lastDuties`.
public struct PastDuty: Sendable, Hashable {
    /// The date it started on (before the horizon).
    public var date: CivilDate
    /// The duty type.
    public var dutyTypeID: String
    /// Creates a past duty.
    public init(date: CivilDate, dutyTypeID: String) {
        self.date = date
        self.dutyTypeID = dutyTypeID
    }
}

/// A part of one date on which a resource cannot be on duty, e.g. 13:00–24:00.
public struct UnavailableTime: Sendable, Hashable {
    /// The date.
    public var date: CivilDate
    /// The start of the window (inclusive).
    public var from: TimeOfDay
    /// The end of the window (exclusive); `24:00` is the end of the date.
    public var to: TimeOfDay
    /// Creates a window; `from` must lie before `to`.
    public init(date: CivilDate, from: TimeOfDay, to: TimeOfDay) {
        self.date = date
        self.from = from
        self.to = to
    }
}

/// A duty type that may not follow another on the next date (e.g. no early shift after a night).
public struct ForbiddenSuccession: Sendable, Hashable {
    /// The duty type on the first date.
    public var from: String
    /// The duty type on the next date.
    public var to: String
    /// Creates a forbidden succession.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Weights and switches of the soft rules.
public struct RuleSettings: Sendable, Hashable {
    /// The least rest in hours between the end of one duty and the start of the next (`H-REST`);
    /// nil checks only that a resource's duties do not overlap.
    public var minRestHours: Double?
    /// Duty types that may not follow each other on consecutive dates (`H-SUCCESSION`).
    public var forbiddenSuccessions: [ForbiddenSuccession] = []
    /// Cost per duty of deviation from a resource's fair band (`S-FAIR-DUTIES`); 0 turns it off.
    public var fairnessWeight: Double
    /// Cost per duty of the largest deviation over all resources (`S-FAIR-DUTIES-MAX`); 0 turns it off.
    public var fairnessMaxWeight: Double
    /// Fairness weights of nights, weekend/holiday and year-end duties (off by default).
    public var categoryFairness: [FairnessCategory: FairnessWeights] = [:]
    /// Requirements of qualified resources among a date's duties (`S-COVER-QUAL`).
    public var qualificationCoverage: [QualificationRequirement] = []
    /// The default of ``Resource/weekendBlocks`` (`H-WEEKEND-BLOCK`).
    public var weekendBlocks: Bool = false
    /// The default of ``Resource/noConsecutiveWeekends`` (`H-NO-CONSECUTIVE-WEEKENDS`).
    public var noConsecutiveWeekends: Bool = false
    /// How soft costs are combined: one weighted sum, or level by level (coverage, fairness, the rest).
    public var priorities: PriorityMode = .weighted

    /// Creates settings; by default fairness weighs 10 per duty and 50 for the largest deviation.
    public init(fairnessWeight: Double = 10, fairnessMaxWeight: Double = 50) {
        self.fairnessWeight = fairnessWeight
        self.fairnessMaxWeight = fairnessMaxWeight
    }
}
