import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `S-COVER-QUAL`: on each date, at least `min` resources with the qualification among the
    /// assignments of the requirement's duty types; each one missing is an integer gap paid at
    /// the requirement's penalty (elastic, so a rota always comes back with the gap named).
    mutating func compileQualificationCoverage() {
        guard !scenario.rules.qualificationCoverage.isEmpty else { return }
        let slotsByDate = Dictionary(grouping: compiled.slots.indices) { compiled.slots[$0].date }
        for requirement in scenario.rules.qualificationCoverage where requirement.min > 0 {
            let qualified = Set(scenario.resources.filter { $0.qualifications.contains(requirement.qualification) }.map(\.id))
            for date in slotsByDate.keys.sorted() {
                let indices = (slotsByDate[date] ?? []).filter { requirement.dutyTypes.contains(compiled.slots[$0].dutyTypeID) }
                guard let first = indices.first else { continue }
                if let days = requirement.dayTypes, !days.contains(compiled.slots[first].dayType) { continue }
                let terms = indices.flatMap { s in bySlot[s].filter { qualified.contains($0.resourceID) } }.map { LinearTerm($0.variable, -1) }
                _ = addDerived(name: "\(RuleID.coverQualification)[\(date.iso)/\(requirement.key)]", kind: .integer,
                               ruleID: RuleID.coverQualification, floor: 0, upper: Double(requirement.min),
                               pieces: [(Double(requirement.min), terms)], cost: requirement.gapPenalty)
            }
        }
    }
}
