import TobanModel

extension RotaChecker {
    /// `S-REQUEST-WANT` and `S-REQUEST-AVOID`: a wanted duty (the duty type, or any duty, on
    /// the date) not given, or an unwanted one given, costs the request's weight.
    func costRequests(_ rota: [Assignment]) -> [CostItem] {
        let mine = byResource(rota)
        var costs: [CostItem] = []
        for r in scenario.resources {
            for request in r.requests where request.weight > 0 {
                let what = request.dutyTypeID ?? "any duty"
                let whatJa = request.dutyTypeID.flatMap { dutyTypesByID[$0]?.name } ?? "当番"
                let met = (mine[r.id] ?? []).contains { a in a.date == request.date && (request.dutyTypeID.map { $0 == a.dutyTypeID } ?? true) }
                switch request.kind {
                case .want where !met:
                    costs.append(CostItem(ruleID: RuleID.requestWant, amount: request.weight, resourceID: r.id, date: request.date,
                                          message: "\(r.id) wanted \(what) on \(request.date.iso) and did not get it",
                                          japaneseMessage: "\(r.name) の希望（\(request.date.iso) \(whatJa)）が叶っていません"))
                case .avoid where met:
                    costs.append(CostItem(ruleID: RuleID.requestAvoid, amount: request.weight, resourceID: r.id, date: request.date,
                                          message: "\(r.id) asked to avoid \(what) on \(request.date.iso) but has it",
                                          japaneseMessage: "\(r.name) は \(request.date.iso) の\(whatJa)を避けたい希望でしたが入っています"))
                default:
                    break
                }
            }
        }
        return costs
    }

    /// `H-PIN`: every pinned duty is in the rota.
    func checkPins(_ rota: [Assignment]) -> [Violation] {
        let given = Set(rota)
        var violations: [Violation] = []
        for r in scenario.resources {
            for pin in Set(r.pins).sorted(by: { ($0.date, $0.dutyTypeID) < ($1.date, $1.dutyTypeID) })
            where !given.contains(Assignment(date: pin.date, dutyTypeID: pin.dutyTypeID, resourceID: r.id)) {
                violations.append(violation(RuleID.pin, r, date: pin.date, duty: pin.dutyTypeID,
                    "\(r.id) is pinned to \(pin.dutyTypeID) on \(pin.date.iso) but does not have it",
                    "\(r.name) は \(pin.date.iso) の \(pin.dutyTypeID) に固定されていますが入っていません"))
            }
        }
        return violations
    }
}
