import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `H-WEEKEND-BLOCK` and `H-NO-CONSECUTIVE-WEEKENDS`, for resources under those rules.
    ///
    /// With at most one duty per date, "works Saturday" is `Σ x(Saturday)`, so the block is
    /// `Σ x(Saturday) = Σ x(Sunday)` on every weekend wholly inside the horizon, and two
    /// weekends in a row are excluded by `Σ x(d₁) + Σ x(d₂) ≤ 1` for each day d₁ of one
    /// weekend and d₂ of the next.
    mutating func compileWeekends() {
        let weekends = scenario.weekends
        for r in scenario.resources {
            let blocks = scenario.weekendBlocks(r), spaced = scenario.noConsecutiveWeekends(r)
            guard blocks || spaced else { continue }
            let byDate = Dictionary(grouping: byResource[r.id] ?? []) { compiled.slots[$0.slot].date }
            func terms(_ date: CivilDate?, _ sign: Double = 1) -> [LinearTerm] {
                guard let date else { return [] }
                return (byDate[date] ?? []).map { LinearTerm($0.variable, sign) }
            }
            if blocks {
                for weekend in weekends {
                    guard let saturday = weekend.saturday, let sunday = weekend.sunday else { continue }
                    let row = terms(saturday) + terms(sunday, -1)
                    guard !row.isEmpty else { continue }
                    compiled.model.addRow(name: "\(RuleID.weekendBlock)[\(r.id)/\(saturday.iso)]", ruleID: RuleID.weekendBlock,
                                          terms: row, lower: 0, upper: 0)
                }
            }
            if spaced {
                for (this, next) in zip(weekends, weekends.dropFirst()) {
                    for d1 in [this.saturday, this.sunday].compactMap({ $0 }) {
                        for d2 in [next.saturday, next.sunday].compactMap({ $0 }) {
                            let a = terms(d1), b = terms(d2)
                            guard !a.isEmpty, !b.isEmpty else { continue }
                            compiled.model.addRow(name: "\(RuleID.noConsecutiveWeekends)[\(r.id)/\(d1.iso)+\(d2.iso)]",
                                                  ruleID: RuleID.noConsecutiveWeekends, terms: a + b, upper: 1)
                        }
                    }
                }
            }
        }
    }
}
