/// A resource's fair share of duties over the horizon.
///
/// The share is proportional to FTE times the fraction of the demand the resource can take
/// (eligible, and available on the slot's date and outside its part-day windows), with history carried over: the target is the resource's share
/// of all duties (past and planned) minus the duties it has already done. Deviation is counted
/// outside the integer band `[floor(target), ceil(target)]`, so that costs are whole numbers
/// and the solver's objective and the checker's cost agree exactly.
public struct FairnessTarget: Sendable, Hashable {
    /// The resource's id.
    public var resourceID: String
    /// The fractional target for the horizon.
    public var target: Double
    /// The band of counts that cost nothing.
    public var band: ClosedRange<Int>

    /// How far `count` lies outside the band.
    public func deviation(of count: Int) -> Int {
        if count < band.lowerBound { return band.lowerBound - count }
        if count > band.upperBound { return count - band.upperBound }
        return 0
    }
}

extension Scenario {
    /// The fair-share target of every resource, in resource order.
    ///
    /// Computed per duty type (a per-area one area by area): the type's demand (the sum over its
    /// slots of the minimum coverage on each date and area, ``DutyType/coverage(of:)``) is split
    /// among the eligible resources (of the area) by FTE ×
    /// the part of that demand on slots they can take (``isAvailable(_:for:)``), and the shares of all types are summed per
    /// resource. History then moves duties between resources: the pooled past and planned
    /// duties are divided by the same shares, and each resource's past duties subtracted.
    /// A bed duty (``DutyType/beds``) splits its demand in beds and divides each hospital's
    /// share by the beds it lends, so a hospital lending two beds is designated half as often.
    ///
    /// A target above a resource's `maxDuties` cannot be met by any rota, so it is capped there
    /// and the excess shared among the other resources in proportion to their targets (repeated
    /// until no target exceeds its cap): a fairness cost is then always avoidable by some rota
    /// that respects the limits.
    public func fairnessTargets(slots: [Slot]? = nil) -> [FairnessTarget] {
        let targets = fairnessTargets(slots: slots ?? self.slots(), counting: { _, _ in true }, history: \.historyDuties)
        return Scenario.capped(targets, caps: resources.map { $0.maxDuties.map(Double.init) })
    }

    /// `targets` with each one at most its cap, the excess spread over the uncapped ones by weight.
    static func capped(_ targets: [FairnessTarget], caps: [Double?]) -> [FairnessTarget] {
        var values = targets.map(\.target)
        var fixed = [Bool](repeating: false, count: values.count)
        for _ in 0..<values.count {
            var excess = 0.0
            for i in values.indices where !fixed[i] {
                if let cap = caps[i], values[i] > cap + 1e-9 {
                    excess += values[i] - cap
                    values[i] = cap
                    fixed[i] = true
                }
            }
            guard excess > 0 else { break }
            let open = values.indices.filter { !fixed[$0] && values[$0] > 0 }
            let weight = open.reduce(0.0) { $0 + values[$1] }
            guard weight > 0 else { break }
            for i in open { values[i] += excess * values[i] / weight }
        }
        return zip(targets, values).map { target, value in
            let clean = (value * 1e9).rounded() / 1e9
            return FairnessTarget(resourceID: target.resourceID, target: clean,
                                  band: Int(clean.rounded(.down))...Int(clean.rounded(.up)))
        }
    }

    /// The fair-share targets of the duties of one category (nights, weekend/holiday, year-end),
    /// with that category's history; computed like ``fairnessTargets(slots:)`` over its slots.
    public func fairnessTargets(for category: FairnessCategory, slots: [Slot]? = nil) -> [FairnessTarget] {
        fairnessTargets(slots: slots ?? self.slots(), counting: { category.contains($0, on: $1.dayType) },
                        history: { category.history(of: $0) })
    }

    func fairnessTargets(slots allSlots: [Slot], counting: (DutyType, Slot) -> Bool, history: (Resource) -> Int) -> [FairnessTarget] {
        var share = [Double](repeating: 0, count: resources.count)
        // A per-area duty is shared area by area: its slots in an area are open to that
        // area's resources only, so each area's demand is split among them alone.
        for duty in dutyTypes {
            for area in slotAreas(of: duty) {
                let dutySlots = allSlots.filter { $0.dutyTypeID == duty.id && $0.area == area && counting(duty, $0) }
                guard !dutySlots.isEmpty else { continue }
                // Demand per slot: the coverage of its date and area (``DutyType/coverage(of:)``), or beds for a bed duty.
                let slotDemand = dutySlots.map { Double(duty.beds?.min ?? duty.coverage(of: $0).min) }
                let demand = slotDemand.reduce(0, +)
                guard demand > 0 else { continue }
                var weights = [Double](repeating: 0, count: resources.count)
                for (i, r) in resources.enumerated() where r.isEligible(for: duty, slotArea: area) && (duty.beds == nil || r.beds > 0) {
                    // Availability as the compiler decides which assignments exist: whole dates and
                    // part-day windows; a slot counts by its demand, so a busy date weighs more.
                    let open = zip(dutySlots, slotDemand).filter { isAvailable(r, for: $0.0) }.reduce(0.0) { $0 + $1.1 }
                    weights[i] = r.fte * open / demand
                }
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                for i in resources.indices where weights[i] > 0 {
                    // Bed duties: the share is in beds; designations are beds ÷ beds lent per day.
                    let perDuty = duty.beds == nil ? 1 : Double(resources[i].beds)
                    share[i] += demand * weights[i] / total / perDuty
                }
            }
        }
        // History: duties done before the horizon count against the new share, spread over
        // the same weights so that the totals stay balanced.
        let eligibleHistory = resources.indices.filter { share[$0] > 0 }
        let historySum = eligibleHistory.reduce(0) { $0 + history(resources[$1]) }
        let weightSum = eligibleHistory.reduce(0.0) { $0 + share[$1] }
        return resources.indices.map { i in
            var target = share[i]
            if historySum > 0, weightSum > 0, share[i] > 0 {
                target = (share[i] / weightSum) * (weightSum + Double(historySum)) - Double(history(resources[i]))
                target = Swift.max(0, target)
            }
            // Round to 1e-9 so that floor/ceil do not flip on representation noise.
            let clean = (target * 1e9).rounded() / 1e9
            let lower = Int(clean.rounded(.down)), upper = Int(clean.rounded(.up))
            return FairnessTarget(resourceID: resources[i].id, target: clean, band: lower...upper)
        }
    }
}
