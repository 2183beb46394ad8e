import TobanModel

extension RotaChecker {
    /// `H-BACKUP-DISTINCT`, `H-BACKUP-ORG`, `H-BACKUP-AREA`: every (primary, backup) pair of
    /// the same date is two people, from different organisations and near each other when
    /// the backup duty type says so; per-area primary and backup pair area by area.
    func checkPairing(_ rota: [Assignment]) -> [Violation] {
        let bySlot = Dictionary(grouping: rota, by: \.slotKey)
        var violations: [Violation] = []
        for backup in scenario.dutyTypes {
            guard let primaryID = backup.backupOf, let primary = dutyTypesByID[primaryID] else { continue }
            for date in scenario.horizon.dates {
                let primaries = bySlot["\(date.iso)/\(primary.id)"] ?? [], backups = bySlot["\(date.iso)/\(backup.id)"] ?? []
                // A per-area backup of a per-area primary pairs within its area; otherwise
                // every primary of the date pairs with every backup (docs/rules.md).
                let withinArea = primary.perArea && backup.perArea
                for p in primaries {
                    for b in backups where !withinArea || resolver.area(of: p) == resolver.area(of: b) {
                        guard let rp = resourcesByID[p.resourceID], let rb = resourcesByID[b.resourceID] else { continue }
                        func fail(_ rule: String, _ en: String, _ ja: String) {
                            violations.append(Violation(ruleID: rule, date: date, dutyTypeID: backup.id, resourceID: rb.id, message: en, japaneseMessage: ja))
                        }
                        if rp.id == rb.id {
                            fail(RuleID.backupDistinct, "\(rp.id) is both \(primary.id) and its backup \(backup.id) on \(date.iso)",
                                 "\(rp.name) が \(date.iso) の \(primary.name) と \(backup.name) を兼ねています")
                            continue
                        }
                        if backup.differentOrganisation && rp.organisation == rb.organisation {
                            fail(RuleID.backupOrganisation,
                                 "\(date.iso): backup \(rb.id) is from the same organisation (\(rb.organisation)) as primary \(rp.id)",
                                 "\(date.iso): \(backup.name) の \(rb.name) は \(primary.name) の \(rp.name) と同じ機関（\(rb.organisation)）です")
                        }
                        if let rule = backup.backupArea, let pa = rp.area, let ba = rb.area,
                           rule == .same ? pa != ba : !scenario.areasAreNear(pa, ba) {
                            let want = rule == .same ? "the same area" : "the same or an adjacent area"
                            fail(RuleID.backupArea,
                                 "\(date.iso): backup \(rb.id) (\(ba)) is not in \(want) as primary \(rp.id) (\(pa))",
                                 "\(date.iso): \(backup.name) の \(rb.name)（\(ba)）は \(primary.name) の \(rp.name)（\(pa)）と\(rule == .same ? "同じ地区" : "同じ地区・隣接地区")ではありません")
                        }
                    }
                }
            }
        }
        return violations
    }
}
