import TobanModel

extension RotaChecker {
    /// `H-ROTA`: each assignment names a known resource and an existing slot, at most once.
    /// Returns the assignments that pass, which the other rules then judge.
    func checkWellFormed(_ rota: Rota) -> ([Assignment], [Violation]) {
        var valid: [Assignment] = []
        var violations: [Violation] = []
        var seen = Set<Assignment>()
        for a in rota.assignments {
            func fail(_ en: String, _ ja: String) {
                violations.append(Violation(ruleID: RuleID.rota, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                                            message: en, japaneseMessage: ja))
            }
            if resourcesByID[a.resourceID] == nil {
                fail("\(a.date.iso) \(a.dutyTypeID): unknown resource '\(a.resourceID)'", "\(a.date.iso) \(a.dutyTypeID): 不明な担当者「\(a.resourceID)」")
            } else if dutyTypesByID[a.dutyTypeID] == nil {
                fail("\(a.date.iso): unknown duty type '\(a.dutyTypeID)'", "\(a.date.iso): 不明な当番種別「\(a.dutyTypeID)」")
            } else if !scenario.horizon.contains(a.date) {
                fail("\(a.date.iso) is outside the horizon \(scenario.horizon.start.iso)…\(scenario.horizon.end.iso)",
                     "\(a.date.iso) は計画期間 \(scenario.horizon.start.iso)〜\(scenario.horizon.end.iso) の外です")
            } else if slotsByKey[a.slotKey] == nil {
                fail("\(a.dutyTypeID) does not occur on \(a.date.iso) (\(scenario.calendar.dayType(of: a.date).rawValue))",
                     "\(a.date.iso)（\(scenario.calendar.dayType(of: a.date).japanese)）に \(a.dutyTypeID) はありません")
            } else if !seen.insert(a).inserted {
                fail("\(a.resourceID) is assigned to \(a.slotKey) twice", "\(a.resourceID) が \(a.slotKey) に重複して割り当てられています")
            } else {
                valid.append(a)
            }
        }
        return (valid, violations)
    }

    /// `H-ELIGIBLE`: a resource takes only duty types of its kind that it is eligible for.
    func checkEligible(_ rota: [Assignment]) -> [Violation] {
        rota.compactMap { a in
            guard let r = resourcesByID[a.resourceID], let d = dutyTypesByID[a.dutyTypeID], !r.isEligible(for: d) else { return nil }
            let why = r.kind != d.resourceKind ? "a \(r.kind.rawValue) cannot take a \(d.resourceKind.rawValue) duty"
                : d.area.flatMap { $0 != r.area ? "the duty is for area \($0) only" : nil }
                ?? perAreaIneligibility(r, d) ?? "not on its list of duties"
            let whyJa = r.kind == d.resourceKind && d.area == nil && perAreaIneligibility(r, d) != nil
                ? (r.area.map { "（\(areaName($0)) には \(d.name) の枠がありません）" } ?? "（地区別の当番ですが、地区が未設定です）") : ""
            return Violation(ruleID: RuleID.eligible, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                             message: "\(a.resourceID) is not eligible for \(a.dutyTypeID) on \(a.date.iso): \(why)",
                             japaneseMessage: "\(r.name) は \(d.name) を担当できません（\(a.date.iso)）\(whyJa)")
        }
    }

    /// Why `r` cannot take the per-area duty `d` (no area, or an area without a slot), nil when
    /// the area is not the reason.
    private func perAreaIneligibility(_ r: Resource, _ d: DutyType) -> String? {
        guard d.perArea, r.duties?.contains(d.id) ?? true else { return nil }
        guard let area = r.area else { return "the duty is per area and \(r.id) has no area" }
        let listed = scenario.slotAreas(of: d).compactMap { $0 }
        return listed.contains(area) ? nil : "the duty is per area and has no slot in area \(area) (areas: \(listed.joined(separator: ", ")))"
    }

    /// `H-AVAILABLE`: no duty on a date the resource is unavailable, and none whose instants
    /// overlap one of its part-day windows.
    func checkAvailable(_ rota: [Assignment]) -> [Violation] {
        rota.compactMap { a in
            guard let r = resourcesByID[a.resourceID] else { return nil }
            if !r.isAvailable(on: a.date) {
                return Violation(ruleID: RuleID.available, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                                 message: "\(a.resourceID) is unavailable on \(a.date.iso) but has \(a.dutyTypeID)",
                                 japaneseMessage: "\(r.name) は \(a.date.iso) 不在ですが当番が入っています")
            }
            guard let slot = slotsByKey[a.slotKey], let w = scenario.unavailableWindow(of: r, overlapping: slot) else { return nil }
            return Violation(ruleID: RuleID.available, date: a.date, dutyTypeID: a.dutyTypeID, resourceID: a.resourceID,
                             message: "\(a.resourceID) is unavailable \(w.date.iso) \(w.from)–\(w.to) but has \(a.dutyTypeID) on \(a.date.iso), which overlaps it",
                             japaneseMessage: "\(r.name) は \(w.date.iso) \(w.from)〜\(w.to) 不在ですが、重なる当番（\(a.date.iso) \(a.dutyTypeID)）が入っています")
        }
    }

    /// `H-COVER-MAX`: no slot over its duty type's maximum coverage.
    func checkCoverMax(_ rota: [Assignment]) -> [Violation] {
        let bySlot = Dictionary(grouping: rota) { resolver.key(of: $0) }
        return bySlot.keys.sorted().compactMap { key in
            guard let first = bySlot[key]?.first, let d = dutyTypesByID[first.dutyTypeID], let n = bySlot[key]?.count else { return nil }
            let area = resolver.area(of: first)
            let max = d.coverage(on: first.date, area: area).max
            guard n > max else { return nil }
            return Violation(ruleID: RuleID.coverMax, date: first.date, dutyTypeID: d.id, resourceID: nil,
                             message: "\(key) has \(n) resources, more than the maximum \(max)",
                             japaneseMessage: "\(first.date.iso) \(d.name)\(areaLabel(area)) は \(n) 名で、上限 \(max) 名を超えています")
        }
    }

    /// `H-ONE-DUTY-PER-DATE`: at most one duty starting on the same date per resource.
    func checkOneDutyPerDate(_ rota: [Assignment]) -> [Violation] {
        let byResourceDate = Dictionary(grouping: rota) { "\($0.resourceID)|\($0.date.iso)" }
        return byResourceDate.keys.sorted().compactMap { key in
            guard let list = byResourceDate[key], list.count > 1, let first = list.first else { return nil }
            let duties = list.map(\.dutyTypeID).sorted().joined(separator: ", ")
            return Violation(ruleID: RuleID.oneDutyPerDate, date: first.date, dutyTypeID: nil, resourceID: first.resourceID,
                             message: "\(first.resourceID) has \(list.count) duties on \(first.date.iso): \(duties)",
                             japaneseMessage: "\(first.resourceID) は \(first.date.iso) に \(list.count) 件の当番があります（\(duties)）")
        }
    }

    /// `H-MAX-DUTIES`: at most the resource's maximum number of duties.
    func checkMaxDuties(_ rota: [Assignment]) -> [Violation] {
        let counts = Dictionary(grouping: rota, by: \.resourceID).mapValues(\.count)
        return scenario.resources.compactMap { r in
            guard let max = r.maxDuties, let n = counts[r.id], n > max else { return nil }
            return Violation(ruleID: RuleID.maxDuties, date: nil, dutyTypeID: nil, resourceID: r.id,
                             message: "\(r.id) has \(n) duties, more than the maximum \(max)",
                             japaneseMessage: "\(r.name) の当番は \(n) 回で、上限 \(max) 回を超えています")
        }
    }

    /// `H-MIN-DUTIES`: at least the resource's minimum number of duties.
    func checkMinDuties(_ rota: [Assignment]) -> [Violation] {
        let counts = Dictionary(grouping: rota, by: \.resourceID).mapValues(\.count)
        return scenario.resources.compactMap { r in
            let n = counts[r.id] ?? 0
            guard let min = r.minDuties, n < min else { return nil }
            return Violation(ruleID: RuleID.minDuties, date: nil, dutyTypeID: nil, resourceID: r.id,
                             message: "\(r.id) has \(n) duties, fewer than the minimum \(min)",
                             japaneseMessage: "\(r.name) の当番は \(n) 回で、下限 \(min) 回に足りません")
        }
    }
}
