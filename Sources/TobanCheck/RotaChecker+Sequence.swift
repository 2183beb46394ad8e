import TobanModel

/// The per-resource sequence rules, judged on the rota's dates and slot instants alone.
/// A *duty day* is a date on which the resource has a duty starting.
extension RotaChecker {
    /// The rota's assignments per resource id.
    func byResource(_ rota: [Assignment]) -> [String: [Assignment]] {
        Dictionary(grouping: rota, by: \.resourceID)
    }

    /// Maximal runs of consecutive dates in `dates` (sorted, distinct), as (first, last).
    func runs(_ dates: [CivilDate]) -> [(first: CivilDate, last: CivilDate)] {
        var result: [(first: CivilDate, last: CivilDate)] = []
        for d in dates {
            if let last = result.last, last.last.adding(days: 1) == d {
                result[result.count - 1].last = d
            } else {
                result.append((d, d))
            }
        }
        return result
    }

    /// `2026-12-04` for a one-day run, `2026-12-04…2026-12-06` otherwise (`〜` in Japanese).
    func span(_ run: (first: CivilDate, last: CivilDate), japanese: Bool = false) -> String {
        run.first == run.last ? run.first.iso : run.first.iso + (japanese ? "〜" : "…") + run.last.iso
    }

    func violation(_ rule: String, _ r: Resource, date: CivilDate?, duty: String? = nil, _ en: String, _ ja: String) -> Violation {
        Violation(ruleID: rule, date: date, dutyTypeID: duty, resourceID: r.id, message: en, japaneseMessage: ja)
    }

    /// `H-SUCCESSION`: no duty of a forbidden successor type on the date after a duty, also
    /// after the last duties before the horizon (`history.lastDuties`).
    func checkSuccessions(_ rota: [Assignment]) -> [Violation] {
        let forbidden = Set(scenario.rules.forbiddenSuccessions.map { "\($0.from)>\($0.to)" })
        guard !forbidden.isEmpty else { return [] }
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            let duties = (mine[r.id] ?? []).map { PastDuty(date: $0.date, dutyTypeID: $0.dutyTypeID) }
            let byDate = Dictionary(grouping: duties + r.lastDuties, by: \.date)
            for a in duties.sorted(by: { ($0.date, $0.dutyTypeID) < ($1.date, $1.dutyTypeID) }) {
                for before in (byDate[a.date.adding(days: -1)] ?? []).map(\.dutyTypeID).sorted()
                where forbidden.contains("\(before)>\(a.dutyTypeID)") {
                    violations.append(violation(RuleID.succession, r, date: a.date, duty: a.dutyTypeID,
                        "\(r.id) has \(before) on \(a.date.adding(days: -1).iso) and then \(a.dutyTypeID) on \(a.date.iso), a forbidden succession",
                        "\(r.name) は \(a.date.adding(days: -1).iso) の \(before) の翌日 \(a.date.iso) に \(a.dutyTypeID) が入っています（禁止された連続）"))
                }
            }
        }
        return violations
    }

    /// `H-DUTY-LIMIT`: each limit's count of duties of its duty types and day types lies within its min and max.
    func checkDutyTypeLimits(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            for limit in r.limits {
                let n = (mine[r.id] ?? []).filter { a in
                    guard let slot = slotsByKey[a.slotKey] else { return false }
                    return limit.counts(dutyTypeID: a.dutyTypeID, dayType: slot.dayType)
                }.count
                if let max = limit.max, n > max {
                    violations.append(violation(RuleID.dutyLimit, r, date: nil,
                        "\(r.id) has \(n) duties of \(limit.label), more than the maximum \(max)",
                        "\(r.name) の \(limit.label) は \(n) 回で、上限 \(max) 回を超えています"))
                }
                if let min = limit.min, n < min {
                    violations.append(violation(RuleID.dutyLimit, r, date: nil,
                        "\(r.id) has \(n) duties of \(limit.label), fewer than the minimum \(min)",
                        "\(r.name) の \(limit.label) は \(n) 回で、下限 \(min) 回に足りません"))
                }
            }
        }
        return violations
    }

    /// `H-MAX-CONSECUTIVE`: no run of more than `maxConsecutive` duty days that reaches into
    /// the horizon, counting the dates of `history.lastDuties` as duty days.
    func checkMaxConsecutive(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let k = r.maxConsecutive else { continue }
            let dates = Set((mine[r.id] ?? []).map(\.date) + r.lastDuties.map(\.date)).sorted()
            for run in runs(dates) where run.last >= scenario.horizon.start {
                let length = run.first.days(to: run.last) + 1
                guard length > k else { continue }
                violations.append(violation(RuleID.maxConsecutive, r, date: run.first,
                    "\(r.id) has \(length) duty days in a row (\(span(run))), more than the maximum \(k)",
                    "\(r.name) は \(span(run, japanese: true)) に \(length) 日連続で勤務しており、上限 \(k) 日を超えています"))
            }
        }
        return violations
    }

    /// `H-MIN-CONSECUTIVE`: every block of duty days with a day off inside the horizon on both
    /// sides is at least `minConsecutive` days long; blocks touching the first or last day are exempt.
    func checkMinConsecutive(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        let horizon = scenario.horizon
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let k = r.minConsecutive else { continue }
            let dates = Set((mine[r.id] ?? []).map(\.date)).sorted()
            for run in runs(dates) where run.first > horizon.start && run.last < horizon.end {
                let length = run.first.days(to: run.last) + 1
                guard length < k else { continue }
                violations.append(violation(RuleID.minConsecutive, r, date: run.first,
                    "\(r.id) has a block of \(length) duty day\(length == 1 ? "" : "s") (\(span(run))), fewer than the minimum \(k)",
                    "\(r.name) の連続勤務 \(span(run, japanese: true)) は \(length) 日で、下限 \(k) 日に足りません"))
            }
        }
        return violations
    }

    /// `H-MIN-DAYS-OFF`: every stretch of days off with a duty day inside the horizon on both
    /// sides is at least `minDaysOff` days long; stretches touching the first or last day are exempt.
    func checkMinDaysOff(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        let horizon = scenario.horizon
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let k = r.minDaysOff else { continue }
            let worked = Set((mine[r.id] ?? []).map(\.date))
            let off = horizon.dates.filter { !worked.contains($0) }
            for run in runs(off) where run.first > horizon.start && run.last < horizon.end {
                let length = run.first.days(to: run.last) + 1
                guard length < k else { continue }
                violations.append(violation(RuleID.minDaysOff, r, date: run.first,
                    "\(r.id) has only \(length) day\(length == 1 ? "" : "s") off in a row (\(span(run))), fewer than the minimum \(k)",
                    "\(r.name) の連続休日 \(span(run, japanese: true)) は \(length) 日で、下限 \(k) 日に足りません"))
            }
        }
        return violations
    }

    /// `H-MAX-WEEKENDS`: at most `maxWeekends` weekends (Saturday and Sunday by the calendar)
    /// with a duty on either day.
    func checkMaxWeekends(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let m = r.maxWeekends else { continue }
            let weekends = Set((mine[r.id] ?? []).compactMap(\.date.weekendSaturday)).sorted()
            guard weekends.count > m else { continue }
            let list = weekends.map(\.iso).joined(separator: ", ")
            violations.append(violation(RuleID.maxWeekends, r, date: nil,
                "\(r.id) works \(weekends.count) weekends (Saturdays \(list)), more than the maximum \(m)",
                "\(r.name) の週末勤務は \(weekends.count) 回（土曜 \(list)）で、上限 \(m) 回を超えています"))
        }
        return violations
    }

    /// `H-MIN-MINUTES` and `H-MAX-MINUTES`: total duty minutes, each duty at its slot's true length.
    func checkMinutes(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources where r.minMinutes != nil || r.maxMinutes != nil {
            let total = (mine[r.id] ?? []).compactMap { slotsByKey[$0.slotKey]?.minutes }.reduce(0, +)
            if let max = r.maxMinutes, total > max {
                violations.append(violation(RuleID.maxMinutes, r, date: nil,
                    "\(r.id) has \(total) minutes of duty, more than the maximum \(max)",
                    "\(r.name) の勤務時間は \(total) 分で、上限 \(max) 分を超えています"))
            }
            if let min = r.minMinutes, total < min {
                violations.append(violation(RuleID.minMinutes, r, date: nil,
                    "\(r.id) has \(total) minutes of duty, fewer than the minimum \(min)",
                    "\(r.name) の勤務時間は \(total) 分で、下限 \(min) 分に足りません"))
            }
        }
        return violations
    }

    /// `H-MAX-PER-WEEK`: at most `maxPerWeek` duties per ISO week (Monday–Sunday), counting
    /// the past duties of `history.lastDuties` in a week cut by the horizon's start.
    func checkMaxPerWeek(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            guard let m = r.maxPerWeek else { continue }
            let byWeek = Dictionary(grouping: mine[r.id] ?? [], by: \.date.weekMonday)
            for monday in byWeek.keys.sorted() {
                let past = r.lastDuties.filter { $0.date.weekMonday == monday }.count
                let n = (byWeek[monday] ?? []).count + past
                guard n > m else { continue }
                let history = past > 0 ? " (\(past) before the horizon)" : ""
                violations.append(violation(RuleID.maxPerWeek, r, date: monday,
                    "\(r.id) has \(n) duties in the week of \(monday.iso)\(history), more than the maximum \(m)",
                    "\(r.name) は \(monday.iso) の週に \(n) 回の当番があり、上限 \(m) 回を超えています"))
            }
        }
        return violations
    }

    /// `H-REST`: no two duties of a resource on different dates overlap or lie less than
    /// `minRestHours` apart, including the last duties before the horizon. Two duties on the
    /// same date are `H-ONE-DUTY-PER-DATE`'s matter and are not reported twice.
    func checkRest(_ rota: [Assignment]) -> [Violation] {
        let mine = byResource(rota)
        let hours = scenario.rules.minRestHours ?? 0
        var violations: [Violation] = []
        for r in scenario.resources {
            let planned = (mine[r.id] ?? []).compactMap { slotsByKey[$0.slotKey] }.sorted()
            let past = scenario.pastSlots(of: r)
            let all = past + planned
            // Two duties more than the longest duty plus the rest apart in start cannot conflict.
            let reach = (all.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0) + hours * 3600
            for j in past.count..<all.count {
                for i in 0..<j where abs(all[j].start.timeIntervalSince(all[i].start)) <= reach
                    && all[i].date != all[j].date && scenario.restConflict(all[i], all[j]) {
                    let (a, b) = all[i].start <= all[j].start ? (all[i], all[j]) : (all[j], all[i])
                    let overlap = b.start < a.end
                    let en = overlap ? "\(r.id) has \(b.key), which overlaps \(a.key)"
                        : "\(r.id) has \(b.key), which starts less than \(RotaChecker.hours(hours)) h after \(a.key) ends"
                    let ja = overlap ? "\(r.name) の \(b.key) は \(a.key) と重なっています"
                        : "\(r.name) の \(b.key) は \(a.key) の終了から \(RotaChecker.hours(hours)) 時間以内に始まります"
                    violations.append(violation(RuleID.rest, r, date: all[j].date, duty: all[j].dutyTypeID, en, ja))
                }
            }
        }
        return violations
    }

    static func hours(_ h: Double) -> String {
        h == h.rounded() ? String(Int(h)) : String(h)
    }
}
