import TobanModel

extension RotaChecker {
    /// `H-WEEKEND-BLOCK`: for resources under the rule, a Saturday duty comes with a Sunday
    /// duty of the same weekend and vice versa; weekends cut by the horizon are exempt.
    func checkWeekendBlocks(_ rota: [Assignment]) -> [Violation] {
        let worked = Set(rota.map { "\($0.resourceID)|\($0.date.iso)" })
        var violations: [Violation] = []
        for r in scenario.resources where scenario.weekendBlocks(r) {
            for weekend in scenario.weekends {
                guard let saturday = weekend.saturday, let sunday = weekend.sunday else { continue }
                let sat = worked.contains("\(r.id)|\(saturday.iso)"), sun = worked.contains("\(r.id)|\(sunday.iso)")
                guard sat != sun else { continue }
                let (on, off) = sat ? (saturday, sunday) : (sunday, saturday)
                violations.append(Violation(ruleID: RuleID.weekendBlock, date: on, dutyTypeID: nil, resourceID: r.id,
                                            message: "\(r.id) works \(on.iso) but not \(off.iso) of the same weekend",
                                            japaneseMessage: "\(r.name) は \(on.iso) に当番がありますが、同じ週末の \(off.iso) にはありません"))
            }
        }
        return violations
    }

    /// `H-NO-CONSECUTIVE-WEEKENDS`: for resources under the rule, no duties on two weekends in a row.
    func checkNoConsecutiveWeekends(_ rota: [Assignment]) -> [Violation] {
        let worked = Set(rota.map { "\($0.resourceID)|\($0.date.iso)" })
        let weekends = scenario.weekends
        var violations: [Violation] = []
        for r in scenario.resources where scenario.noConsecutiveWeekends(r) {
            func works(_ w: (saturday: CivilDate?, sunday: CivilDate?)) -> CivilDate? {
                [w.saturday, w.sunday].compactMap { $0 }.first { worked.contains("\(r.id)|\($0.iso)") }
            }
            for (this, next) in zip(weekends, weekends.dropFirst()) {
                guard let first = works(this), let second = works(next) else { continue }
                violations.append(Violation(ruleID: RuleID.noConsecutiveWeekends, date: second, dutyTypeID: nil, resourceID: r.id,
                                            message: "\(r.id) works two weekends in a row (\(first.iso) and \(second.iso))",
                                            japaneseMessage: "\(r.name) は2週続けて週末に当番があります（\(first.iso)、\(second.iso)）"))
            }
        }
        return violations
    }
}
