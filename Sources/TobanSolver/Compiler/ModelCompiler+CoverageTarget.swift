import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-COVER-UNDER` and `S-COVER-OVER`: with a target `t` between `min` and `max`, a slot
    /// of `n` resources pays `gapPenalty × max(0, min − n)` (the gap, `S-COVER-GAP`),
    /// `underTargetPenalty × (t − max(n, min))` when `n < t`, and `overTargetPenalty × (n − t)`
    /// when `n > t`.
    ///
    /// The under-target variable is `max(0, t − n − gap)`; because validation requires
    /// `gapPenalty ≥ underTargetPenalty` whenever both can apply, raising the gap above the
    /// shortfall never pays, so the optimum prices every rota exactly as the checker does.
    mutating func compileCoverageTarget(slot: Slot, duty: DutyType, coverage: Coverage, terms: [LinearTerm], gap: VariableID?) {
        guard let target = coverage.target else { return }
        if duty.underTargetPenalty > 0, target > coverage.min {
            var minus = terms.map { LinearTerm($0.variable, -1) }
            if let gap { minus.append(LinearTerm(gap, -1)) }
            _ = addDerived(name: "\(RuleID.coverUnder)[\(slot.key)]", kind: .continuous, ruleID: RuleID.coverUnder, floor: 0,
                           upper: Double(target - coverage.min), pieces: [(Double(target), minus)], cost: duty.underTargetPenalty)
        }
        if duty.overTargetPenalty > 0, terms.count > target {
            _ = addDerived(name: "\(RuleID.coverOver)[\(slot.key)]", kind: .continuous, ruleID: RuleID.coverOver, floor: 0,
                           upper: Double(min(coverage.max, terms.count) - target), pieces: [(Double(-target), terms)], cost: duty.overTargetPenalty)
        }
    }
}
