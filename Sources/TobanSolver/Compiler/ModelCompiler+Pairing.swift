import TobanMIP
import TobanModel

extension ModelCompiler {
    /// `H-BACKUP-DISTINCT`, `H-BACKUP-ORG` and `H-BACKUP-AREA`: the primary and the backup of
    /// the same date are different people, from different organisations and in the same or an
    /// adjacent area when the backup duty type says so.
    ///
    /// When both slots hold at most one resource (the usual case), incompatible pairs are
    /// aggregated into clique rows: per organisation, "primaries and backups of this
    /// organisation together ≤ 1"; per primary area, "primaries of the area plus backups
    /// incompatible with it ≤ 1". Otherwise one row per incompatible pair.
    mutating func compilePairing() {
        let slotIndex = Dictionary(compiled.slots.indices.map { (compiled.slots[$0].key, $0) }, uniquingKeysWith: { a, _ in a })
        let resources = Dictionary(scenario.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scenario = self.scenario
        for backup in scenario.dutyTypes {
            guard let primaryID = backup.backupOf, let primary = scenario.dutyType(primaryID) else { continue }
            for date in scenario.horizon.dates {
                guard let sp = slotIndex["\(date.iso)/\(primary.id)"], let sb = slotIndex["\(date.iso)/\(backup.id)"] else { continue }
                let p = bySlot[sp], b = bySlot[sb]
                let key = "\(date.iso)/\(backup.id)"
                // Same person as primary and backup.
                let backupByResource = Dictionary(b.map { ($0.resourceID, $0) }, uniquingKeysWith: { a, _ in a })
                for x in p {
                    guard let y = backupByResource[x.resourceID] else { continue }
                    compiled.model.addRow(name: "\(RuleID.backupDistinct)[\(key)/\(x.resourceID)]", ruleID: RuleID.backupDistinct,
                                          terms: [LinearTerm(x.variable), LinearTerm(y.variable)], upper: 1)
                }
                let singles = primary.coverage(on: date).max <= 1 && backup.coverage(on: date).max <= 1
                if backup.differentOrganisation {
                    let organisation = { (a: CompiledModel.AssignmentVariable) in resources[a.resourceID]?.organisation ?? "" }
                    if singles {
                        let orgs = Set(p.map(organisation)).intersection(b.map(organisation)).sorted()
                        for org in orgs {
                            let terms = (p.filter { organisation($0) == org } + b.filter { organisation($0) == org }).map { LinearTerm($0.variable) }
                            compiled.model.addRow(name: "\(RuleID.backupOrganisation)[\(key)/\(org)]", ruleID: RuleID.backupOrganisation,
                                                  terms: terms, upper: 1)
                        }
                    } else {
                        addPairRows(RuleID.backupOrganisation, key, p, b) { $0.resourceID != $1.resourceID && organisation($0) == organisation($1) }
                    }
                }
                if let rule = backup.backupArea {
                    let area = { (a: CompiledModel.AssignmentVariable) in resources[a.resourceID]?.area ?? "" }
                    let compatible = { (pa: String, ba: String) in rule == .same ? pa == ba : scenario.areasAreNear(pa, ba) }
                    if singles {
                        for a in Set(p.map(area)).sorted() {
                            let far = b.filter { !compatible(a, area($0)) }
                            guard !far.isEmpty else { continue }
                            let terms = (p.filter { area($0) == a } + far).map { LinearTerm($0.variable) }
                            compiled.model.addRow(name: "\(RuleID.backupArea)[\(key)/\(a)]", ruleID: RuleID.backupArea, terms: terms, upper: 1)
                        }
                    } else {
                        addPairRows(RuleID.backupArea, key, p, b) { !compatible(area($0), area($1)) }
                    }
                }
            }
        }
    }

    /// `x_primary + x_backup ≤ 1` for every pair the predicate calls incompatible.
    private mutating func addPairRows(_ rule: String, _ key: String, _ primaries: [CompiledModel.AssignmentVariable],
                                      _ backups: [CompiledModel.AssignmentVariable],
                                      incompatible: (CompiledModel.AssignmentVariable, CompiledModel.AssignmentVariable) -> Bool) {
        for x in primaries {
            for y in backups where x.resourceID != y.resourceID && incompatible(x, y) {
                compiled.model.addRow(name: "\(rule)[\(key)/\(x.resourceID)+\(y.resourceID)]", ruleID: rule,
                                      terms: [LinearTerm(x.variable), LinearTerm(y.variable)], upper: 1)
            }
        }
    }
}
