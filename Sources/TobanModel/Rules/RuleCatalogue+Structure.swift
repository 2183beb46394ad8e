/// Rule ids of the district's structure: qualifications, primary/backup pairing, beds,
/// weekends, fairness by category and organisation quotas.
extension RuleID {
    /// Each qualified resource missing below a qualification requirement costs its penalty.
    public static let coverQualification = "S-COVER-QUAL"
    /// The primary and the backup of the same date are different resources.
    public static let backupDistinct = "H-BACKUP-DISTINCT"
    /// The backup comes from another organisation than the primary, when the duty says so.
    public static let backupOrganisation = "H-BACKUP-ORG"
    /// The backup is in the primary's area or an adjacent one, when the duty says so.
    public static let backupArea = "H-BACKUP-AREA"
    /// Each bed missing below a bed duty's minimum costs its penalty.
    public static let bedGap = "S-BED-GAP"
    /// A bed slot holds at most its maximum beds.
    public static let bedCapacity = "H-BED-CAPACITY"
    /// A resource has duties on at most its maximum number of dates per calendar month.
    public static let maxDesignatedDays = "H-MAX-DESIGNATED-DAYS"
    /// A Saturday duty comes with a Sunday duty of the same weekend, and vice versa.
    public static let weekendBlock = "H-WEEKEND-BLOCK"
    /// No duty on two weekends in a row.
    public static let noConsecutiveWeekends = "H-NO-CONSECUTIVE-WEEKENDS"
    /// Each night duty outside a resource's fair band of nights costs its weight.
    public static let fairNights = "S-FAIR-NIGHTS"
    /// The largest deviation from the fair band of nights costs its weight per duty.
    public static let fairNightsMax = "S-FAIR-NIGHTS-MAX"
    /// Each weekend or holiday duty outside a resource's fair band costs its weight.
    public static let fairWeekendHoliday = "S-FAIR-WEEKEND-HOLIDAY"
    /// The largest deviation from the fair band of weekend and holiday duties costs its weight per duty.
    public static let fairWeekendHolidayMax = "S-FAIR-WEEKEND-HOLIDAY-MAX"
    /// Each year-end duty outside a resource's fair band costs its weight.
    public static let fairYearEnd = "S-FAIR-YEAREND"
    /// The largest deviation from the fair band of year-end duties costs its weight per duty.
    public static let fairYearEndMax = "S-FAIR-YEAREND-MAX"
    /// Each duty outside an organisation's quota costs the quota's weight.
    public static let organisationQuota = "S-ORG-QUOTA"
}

extension RuleCatalogue {
    /// The structural rules (see `docs/rules.md`).
    public static let structureRules: [RuleInfo] = [
        RuleInfo(id: RuleID.coverQualification, severity: .soft, title: "Qualification coverage", japaneseTitle: "有資格者の配置",
                 summary: "Each qualified resource missing below a qualification requirement among a date's duties costs its penalty."),
        RuleInfo(id: RuleID.backupDistinct, severity: .hard, title: "Backup is another person", japaneseTitle: "主・副の別人",
                 summary: "The primary and the backup of the same date are different resources."),
        RuleInfo(id: RuleID.backupOrganisation, severity: .hard, title: "Backup from another organisation", japaneseTitle: "副は別機関",
                 summary: "The backup comes from another organisation than the primary of the same date."),
        RuleInfo(id: RuleID.backupArea, severity: .hard, title: "Backup nearby", japaneseTitle: "副は同一・隣接地区",
                 summary: "The backup is in the primary's area, or in an adjacent one when the duty allows it."),
        RuleInfo(id: RuleID.bedGap, severity: .soft, title: "Bed gap", japaneseTitle: "病床の不足",
                 summary: "Each bed missing below a bed duty's minimum costs its penalty."),
        RuleInfo(id: RuleID.bedCapacity, severity: .hard, title: "Bed capacity", japaneseTitle: "病床の上限",
                 summary: "The beds of the hospitals designated on a bed slot do not exceed its maximum."),
        RuleInfo(id: RuleID.maxDesignatedDays, severity: .hard, title: "Maximum designated days", japaneseTitle: "月間指定日数上限",
                 summary: "A resource has duties on at most its maximum number of dates in each calendar month."),
        RuleInfo(id: RuleID.weekendBlock, severity: .hard, title: "Weekend block", japaneseTitle: "土日連続担当",
                 summary: "A Saturday duty comes with a Sunday duty of the same weekend and vice versa (weekends cut by the horizon are exempt)."),
        RuleInfo(id: RuleID.noConsecutiveWeekends, severity: .hard, title: "No two weekends in a row", japaneseTitle: "連続週末の禁止",
                 summary: "A resource does not have duties on two consecutive weekends."),
        RuleInfo(id: RuleID.fairNights, severity: .soft, title: "Fair share of nights", japaneseTitle: "夜間当番の公平性",
                 summary: "Each night duty above or below a resource's fair band of nights costs its weight."),
        RuleInfo(id: RuleID.fairNightsMax, severity: .soft, title: "Largest deviation in nights", japaneseTitle: "夜間当番の公平性（最大偏差）",
                 summary: "The largest deviation from a fair band of nights costs its weight per duty."),
        RuleInfo(id: RuleID.fairWeekendHoliday, severity: .soft, title: "Fair share of weekend and holiday duties", japaneseTitle: "土日祝当番の公平性",
                 summary: "Each weekend or holiday duty above or below a resource's fair band costs its weight."),
        RuleInfo(id: RuleID.fairWeekendHolidayMax, severity: .soft, title: "Largest deviation in weekend and holiday duties", japaneseTitle: "土日祝当番の公平性（最大偏差）",
                 summary: "The largest deviation from a fair band of weekend and holiday duties costs its weight per duty."),
        RuleInfo(id: RuleID.fairYearEnd, severity: .soft, title: "Fair share of year-end duties", japaneseTitle: "年末年始当番の公平性",
                 summary: "Each year-end duty above or below a resource's fair band costs its weight."),
        RuleInfo(id: RuleID.fairYearEndMax, severity: .soft, title: "Largest deviation in year-end duties", japaneseTitle: "年末年始当番の公平性（最大偏差）",
                 summary: "The largest deviation from a fair band of year-end duties costs its weight per duty."),
        RuleInfo(id: RuleID.organisationQuota, severity: .soft, title: "Organisation quota", japaneseTitle: "機関別の割当",
                 summary: "Each duty an organisation takes outside its quota costs the quota's weight."),
    ]
}
