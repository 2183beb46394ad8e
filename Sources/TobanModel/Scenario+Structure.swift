/// An organisation's share of duties over the horizon (`S-ORG-QUOTA`).
public struct OrganisationQuota: Sendable, Hashable {
    /// The fewest duties its resources should take together, if set.
    public var min: Int?
    /// The most duties its resources should take together, if set.
    public var max: Int?
    /// The duty types counted; nil counts every duty type.
    public var dutyTypes: [String]?
    /// The cost of each duty outside `min…max`.
    public var weight: Double
    /// When set, `min…max` follow the organisation's FTE-proportional share instead: the sum of
    /// its resources' fair-share targets, widened by this many duties on each side.
    public var proportionalTolerance: Int?

    /// Creates a quota; by default each duty outside costs 100.
    public init(min: Int? = nil, max: Int? = nil, dutyTypes: [String]? = nil, weight: Double = 100) {
        self.min = min
        self.max = max
        self.dutyTypes = dutyTypes
        self.weight = weight
    }

    /// Whether a duty of `dutyTypeID` counts against the quota.
    public func counts(_ dutyTypeID: String) -> Bool { dutyTypes?.contains(dutyTypeID) ?? true }

    /// How far `count` lies outside `min…max`.
    public func deviation(of count: Int) -> Int {
        if let min, count < min { return min - count }
        if let max, count > max { return count - max }
        return 0
    }
}

/// Where a backup must be relative to the primary of the same date.
public enum BackupAreaRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// The backup's area is the primary's area.
    case same
    /// The backup's area is the primary's area or one adjacent to it.
    case adjacent
}

/// Beds needed per slot of a bed duty, counted from the designated hospitals' beds.
///
/// Each hospital designated on a slot lends all of its ``Resource/beds``; the slot's beds
/// are the sum. Fewer than ``min`` is an elastic gap paid per missing bed (`S-BED-GAP`);
/// more than ``max`` is forbidden (`H-BED-CAPACITY`).
public struct BedRequirement: Sendable, Hashable {
    /// The fewest beds per slot; each missing bed costs ``gapPenalty``.
    public var min: Int
    /// The most beds per slot (hard).
    public var max: Int
    /// The cost per missing bed.
    public var gapPenalty: Double

    /// Creates a requirement.
    public init(min: Int, max: Int, gapPenalty: Double = 10_000) {
        self.min = min
        self.max = max
        self.gapPenalty = gapPenalty
    }
}

/// Whether a duty counts as a night for `S-FAIR-NIGHTS`.
public enum DutyCategory: String, Sendable, Hashable, CaseIterable, Codable {
    case night, day
}

/// A group of duties whose counts are balanced by FTE like the total (`S-FAIR-DUTIES`).
public enum FairnessCategory: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Night duties (``DutyType/isNight``), `S-FAIR-NIGHTS`.
    case nights
    /// Duties on Saturdays, Sundays, holidays and the year-end, `S-FAIR-WEEKEND-HOLIDAY`.
    case weekendHoliday
    /// Duties on year-end days, `S-FAIR-YEAREND`.
    case yearEnd

    /// Whether a duty of `duty` on a day of `dayType` belongs to the category.
    public func contains(_ duty: DutyType, on dayType: DayType) -> Bool {
        switch self {
        case .nights: duty.isNight
        case .weekendHoliday: dayType != .weekday
        case .yearEnd: dayType == .yearEnd
        }
    }

    /// The rule id of the per-resource deviation.
    public var ruleID: String {
        switch self {
        case .nights: RuleID.fairNights
        case .weekendHoliday: RuleID.fairWeekendHoliday
        case .yearEnd: RuleID.fairYearEnd
        }
    }

    /// The rule id of the largest deviation.
    public var maxRuleID: String { ruleID + "-MAX" }

    /// The duties of `resource` in the category done before the horizon.
    public func history(of resource: Resource) -> Int {
        switch self {
        case .nights: resource.historyNights
        case .weekendHoliday: resource.historyWeekendHoliday
        case .yearEnd: resource.historyYearEnd
        }
    }

    /// English and Japanese names for messages.
    public var label: (english: String, japanese: String) {
        switch self {
        case .nights: ("night duties", "夜間当番")
        case .weekendHoliday: ("weekend and holiday duties", "土日祝の当番")
        case .yearEnd: ("year-end duties", "年末年始の当番")
        }
    }

    public static func < (a: FairnessCategory, b: FairnessCategory) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// The weights of one fairness category; 0 turns a rule off.
public struct FairnessWeights: Sendable, Hashable {
    /// Cost per duty outside a resource's fair band.
    public var weight: Double
    /// Cost per duty of the largest deviation over all resources.
    public var maxDeviationWeight: Double
    /// Creates weights.
    public init(weight: Double, maxDeviationWeight: Double) {
        self.weight = weight
        self.maxDeviationWeight = maxDeviationWeight
    }
}

/// At least ``min`` resources with ``qualification`` among the duties of ``dutyTypes`` on each date.
///
/// E.g. one pediatric-capable physician among a night's primary and backup. Elastic: each
/// missing qualified resource costs ``gapPenalty`` (`S-COVER-QUAL`) and is named in the result.
public struct QualificationRequirement: Sendable, Hashable {
    /// The qualification, e.g. `pediatric`.
    public var qualification: String
    /// The duty types whose assignments of a date are counted together.
    public var dutyTypes: [String]
    /// The day types on which the requirement applies; nil for every day.
    public var dayTypes: Set<DayType>?
    /// The fewest qualified resources per date.
    public var min: Int
    /// The cost of each missing qualified resource.
    public var gapPenalty: Double

    /// Creates a requirement.
    public init(qualification: String, dutyTypes: [String], dayTypes: Set<DayType>? = nil, min: Int = 1, gapPenalty: Double = 5_000) {
        self.qualification = qualification
        self.dutyTypes = dutyTypes
        self.dayTypes = dayTypes
        self.min = min
        self.gapPenalty = gapPenalty
    }

    /// A key for row names and messages, e.g. `pediatric@night-primary+night-backup`.
    public var key: String { qualification + "@" + dutyTypes.joined(separator: "+") }
}

extension Scenario {
    /// The quota of `organisation` with `min…max` resolved: as written, or for a proportional
    /// quota `floor(share) − tolerance … ceil(share) + tolerance`, where the share is the sum of
    /// its resources' fair-share targets (FTE × availability, history carried over) over the
    /// counted duty types.
    public func resolvedQuota(of organisation: Organisation, slots: [Slot]? = nil) -> OrganisationQuota? {
        guard var quota = organisation.quota else { return nil }
        guard let tolerance = quota.proportionalTolerance else { return quota }
        let counted = quota.dutyTypes
        let targets = fairnessTargets(slots: slots ?? self.slots(), counting: { duty, _ in counted?.contains(duty.id) ?? true },
                                      history: { counted == nil ? $0.historyDuties : 0 })
        let share = zip(resources, targets).filter { $0.0.organisation == organisation.id }.reduce(0.0) { $0 + $1.1.target }
        let clean = (share * 1e9).rounded() / 1e9
        quota.min = Swift.max(0, Int(clean.rounded(.down)) - tolerance)
        quota.max = Int(clean.rounded(.up)) + tolerance
        return quota
    }

    /// Whether `resource` works under ``Resource/weekendBlocks`` (its own setting or the default).
    public func weekendBlocks(_ resource: Resource) -> Bool { resource.weekendBlocks ?? rules.weekendBlocks }
    /// Whether `resource` works under ``Resource/noConsecutiveWeekends`` (its own setting or the default).
    public func noConsecutiveWeekends(_ resource: Resource) -> Bool { resource.noConsecutiveWeekends ?? rules.noConsecutiveWeekends }

    /// The weekends (Saturday, Sunday) touching the horizon, in order; a date outside the horizon is nil.
    public var weekends: [(saturday: CivilDate?, sunday: CivilDate?)] {
        var result: [(CivilDate?, CivilDate?)] = []
        for date in horizon.dates {
            if date.weekday == .saturday {
                let sunday = date.adding(days: 1)
                result.append((date, horizon.contains(sunday) ? sunday : nil))
            } else if date.weekday == .sunday && date == horizon.start {
                result.append((nil, date))
            }
        }
        return result
    }
}

/// How the solver combines the soft costs.
public enum PriorityMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Minimise the weighted sum of all soft costs at once.
    case weighted
    /// Minimise coverage costs first, then fairness with coverage fixed at its optimum, then the rest.
    case lexicographic
}
