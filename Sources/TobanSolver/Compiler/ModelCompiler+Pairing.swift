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
        var slotIndex: [String: [Int]] = [:]
        for s in compiled.slots.indices { slotIndex[compiled.slots[s].occurrenceKey, default: []].append(s) }
        let resources = Dictionary(scenario.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scenario = self.scenario
        for backup in scenario.dutyTypes {
            guard let primaryID = backup.backupOf, let primary = scenario.dutyType(primaryID) else { continue }
            for date in scenario.horizon.dates {
                let primarySlots = slotIndex["\(date.iso)/\(primary.id)"] ?? [], backupSlots = slotIndex["\(date.iso)/\(backup.id)"] ?? []
                // Which slots pair (docs/rules.md, "Per-area coverage"): per-area with per-area
                // of the same area; otherwise every primary slot of the date with every backup slot.
                for sp in primarySlots {
                    for sb in backupSlots where !(primary.perArea && backup.perArea) || compiled.slots[sp].area == compiled.slots[sb].area {
                        compilePair(primary: primary, backup: backup, sp, sb, resources: resources)
                    }
                }
            }
        }
    }

    /// The pairing rows of one primary slot and one backup slot of the same date.
    private mutating func compilePair(primary: DutyType, backup: DutyType, _ sp: Int, _ sb: Int, resources: [String: Resource]) {
        let scenario = self.scenario
        let p = bySlot[sp], b = bySlot[sb]
        let primarySlot = compiled.slots[sp], backupSlot = compiled.slots[sb]
        // The backup slot's key; a district-wide backup of a per-area primary adds the primary's area.
        let key = Slot.key(date: backupSlot.date, dutyTypeID: backup.id, area: backupSlot.area ?? primarySlot.area)
        // Same person as primary and backup.
        let backupByResource = Dictionary(b.map { ($0.resourceID, $0) }, uniquingKeysWith: { a, _ in a })
        for x in p {
            guard let y = backupByResource[x.resourceID] else { continue }
            compiled.model.addRow(name: "\(RuleID.backupDistinct)[\(key)/\(x.resourceID)]", ruleID: RuleID.backupDistinct,
                                  terms: [LinearTerm(x.variable), LinearTerm(y.variable)], upper: 1)
        }
        // Clique rows need each of the two slots to hold at most one resource.
        let singles = primary.coverage(of: primarySlot).max <= 1 && backup.coverage(of: backupSlot).max <= 1
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
