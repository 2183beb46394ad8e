/// Rule ids of the per-resource rules: coverage targets, successions, limits per duty and day
/// type, consecutive days, weekends, minutes, requests, pins, weeks and rest.
extension RuleID {
    /// Each resource below a slot's coverage target (down to its minimum) costs the duty's under-target penalty.
    public static let coverUnder = "S-COVER-UNDER"
    /// Each resource above a slot's coverage target costs the duty's over-target penalty.
    public static let coverOver = "S-COVER-OVER"
    /// No duty of a forbidden successor type on the date after a duty.
    public static let succession = "H-SUCCESSION"
    /// Counts of duties of some duty types and/or day types within their limits.
    public static let dutyLimit = "H-DUTY-LIMIT"
    /// At most `maxConsecutive` duty days in a row.
    public static let maxConsecutive = "H-MAX-CONSECUTIVE"
    /// Blocks of duty days inside the horizon at least `minConsecutive` long.
    public static let minConsecutive = "H-MIN-CONSECUTIVE"
    /// Stretches of days off inside the horizon at least `minDaysOff` long.
    public static let minDaysOff = "H-MIN-DAYS-OFF"
    /// At most `maxWeekends` weekends with a duty.
    public static let maxWeekends = "H-MAX-WEEKENDS"
    /// At least `minMinutes` duty minutes over the horizon.
    public static let minMinutes = "H-MIN-MINUTES"
    /// At most `maxMinutes` duty minutes over the horizon.
    public static let maxMinutes = "H-MAX-MINUTES"
    /// A wanted duty not given costs the request's weight.
    public static let requestWant = "S-REQUEST-WANT"
    /// An unwanted duty given costs the request's weight.
    public static let requestAvoid = "S-REQUEST-AVOID"
    /// A pinned duty is taken.
    public static let pin = "H-PIN"
    /// At most `maxPerWeek` duties per ISO week.
    public static let maxPerWeek = "H-MAX-PER-WEEK"
    /// No duty overlaps another or starts less than `minRestHours` after one ends.
    public static let rest = "H-REST"
}

extension RuleCatalogue {
    /// The per-resource rules, in the order reports list them.
    public static let resourceRules: [RuleInfo] = [
        RuleInfo(id: RuleID.coverUnder, severity: .soft, title: "Below coverage target", japaneseTitle: "目標人数不足",
                 summary: "Each resource below a slot's coverage target, down to its minimum, costs the duty type's under-target penalty."),
        RuleInfo(id: RuleID.coverOver, severity: .soft, title: "Above coverage target", japaneseTitle: "目標人数超過",
                 summary: "Each resource above a slot's coverage target costs the duty type's over-target penalty."),
        RuleInfo(id: RuleID.succession, severity: .hard, title: "Forbidden succession", japaneseTitle: "禁止された連続勤務",
                 summary: "No duty of a forbidden successor type on the date after a duty (also across the horizon's start)."),
        RuleInfo(id: RuleID.dutyLimit, severity: .hard, title: "Limits per duty and day type", japaneseTitle: "種別・曜日別の回数制限",
                 summary: "A resource's count of duties of the given duty types and/or day types lies within the limit's min and max."),
        RuleInfo(id: RuleID.maxConsecutive, severity: .hard, title: "Maximum consecutive duty days", japaneseTitle: "連続勤務日数上限",
                 summary: "At most maxConsecutive duty days in a row, counting the last duties before the horizon."),
        RuleInfo(id: RuleID.minConsecutive, severity: .hard, title: "Minimum consecutive duty days", japaneseTitle: "連続勤務日数下限",
                 summary: "A block of duty days with a day off on both sides inside the horizon is at least minConsecutive days long."),
        RuleInfo(id: RuleID.minDaysOff, severity: .hard, title: "Minimum consecutive days off", japaneseTitle: "連続休日下限",
                 summary: "A stretch of days off with a duty day on both sides inside the horizon is at least minDaysOff days long."),
        RuleInfo(id: RuleID.maxWeekends, severity: .hard, title: "Maximum weekends", japaneseTitle: "週末勤務上限",
                 summary: "At most maxWeekends weekends (Saturday and Sunday) with a duty on either day."),
        RuleInfo(id: RuleID.minMinutes, severity: .hard, title: "Minimum duty minutes", japaneseTitle: "勤務時間下限",
                 summary: "At least minMinutes minutes of duty over the horizon."),
        RuleInfo(id: RuleID.maxMinutes, severity: .hard, title: "Maximum duty minutes", japaneseTitle: "勤務時間上限",
                 summary: "At most maxMinutes minutes of duty over the horizon."),
        RuleInfo(id: RuleID.requestWant, severity: .soft, title: "Wanted duty", japaneseTitle: "希望勤務",
                 summary: "A wanted duty (a duty type, or any duty, on a date) not given costs the request's weight."),
        RuleInfo(id: RuleID.requestAvoid, severity: .soft, title: "Unwanted duty", japaneseTitle: "回避希望",
                 summary: "An unwanted duty (a duty type, or any duty, on a date) given costs the request's weight."),
        RuleInfo(id: RuleID.pin, severity: .hard, title: "Pinned duty", japaneseTitle: "固定当番",
                 summary: "A duty fixed in advance is taken by its resource."),
        RuleInfo(id: RuleID.maxPerWeek, severity: .hard, title: "Maximum duties per week", japaneseTitle: "週あたり当番上限",
                 summary: "At most maxPerWeek duties per ISO week (Monday to Sunday), counting past duties of a week cut by the horizon."),
        RuleInfo(id: RuleID.rest, severity: .hard, title: "Minimum rest", japaneseTitle: "勤務間休息",
                 summary: "No duty overlaps another duty of the same resource or starts less than minRestHours after one ends."),
    ]
}
