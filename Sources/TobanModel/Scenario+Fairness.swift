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
    /// A target above what a resource can take — its `maxDuties`, a duty limit counting every
    /// duty, or the dates it can work — cannot be met by any rota, so it is capped there and
    /// the excess shared among the other resources in proportion to their targets (repeated
    /// until no target exceeds its cap), see ``dutyCap(of:slots:counting:)``.
    public func fairnessTargets(slots: [Slot]? = nil) -> [FairnessTarget] {
        let allSlots = slots ?? self.slots()
        let shares = fairShares(slots: allSlots, counting: { _, _ in true }, history: \.historyDuties)
        return Scenario.capped(shares.targets, caps: resources.map { dutyCap(of: $0, slots: allSlots, counting: { _, _ in true }) },
                               pools: shares.pools)
    }

    /// The most duties among `slots` passing `counting` that `resource` can take under its
    /// limits: `maxDuties`, every `limits` entry with a maximum that counts all of them, and
    /// one duty per date (`H-ONE-DUTY-PER-DATE`) on the dates it is eligible and available for.
    ///
    /// A fair target above this can never be met, so the targets are capped here: an
    /// unavoidable fairness cost would only blur the costs that a better rota could remove.
    func dutyCap(of resource: Resource, slots: [Slot], counting: (DutyType, Slot) -> Bool) -> Double {
        var dates = Set<CivilDate>()
        var counted: [(duty: DutyType, slot: Slot)] = []
        for slot in slots {
            guard let duty = dutyType(slot.dutyTypeID), counting(duty, slot), resource.isEligible(for: duty, slotArea: slot.area),
                  isAvailable(resource, for: slot) else { continue }
            dates.insert(slot.date)
            counted.append((duty, slot))
        }
        var cap = dates.count
        if let most = resource.maxDuties { cap = Swift.min(cap, most) }
        for limit in resource.limits {
            guard let most = limit.max,
                  counted.allSatisfy({ limit.counts(dutyTypeID: $0.duty.id, dayType: $0.slot.dayType) }) else { continue }
            cap = Swift.min(cap, most)
        }
        return Double(cap)
    }

    /// `targets` with each one at most its cap, the excess of a pool spread over that pool's
    /// uncapped members by weight (see ``fairShares(slots:counting:history:)``).
    static func capped(_ targets: [FairnessTarget], caps: [Double], pools: [Int]) -> [FairnessTarget] {
        var values = targets.map(\.target)
        var fixed = [Bool](repeating: false, count: values.count)
        for _ in 0..<values.count {
            var excess: [Int: Double] = [:]
            for i in values.indices where !fixed[i] && values[i] > caps[i] + 1e-9 {
                excess[pools[i], default: 0] += values[i] - caps[i]
                values[i] = caps[i]
                fixed[i] = true
            }
            guard !excess.isEmpty else { break }
            for (pool, amount) in excess.sorted(by: { $0.key < $1.key }) {
                let open = values.indices.filter { pools[$0] == pool && !fixed[$0] && values[$0] > 0 }
                let weight = open.reduce(0.0) { $0 + values[$1] }
                guard weight > 0 else { continue }
                for i in open { values[i] += amount * values[i] / weight }
            }
        }
        return zip(targets, values).map { target, value in
            let clean = (value * 1e9).rounded() / 1e9
            return FairnessTarget(resourceID: target.resourceID, target: clean,
                                  band: Int(clean.rounded(.down))...Int(clean.rounded(.up)))
        }
    }

    /// The fair-share targets of the duties of one category (nights, weekend/holiday, year-end),
    /// with that category's history; computed like ``fairnessTargets(slots:)`` over its slots.
    ///
    /// Each target is capped like the total's: at the most duties of the category the resource
    /// can take (``dutyCap(of:slots:counting:)``), the excess shared among the others.
    public func fairnessTargets(for category: FairnessCategory, slots: [Slot]? = nil) -> [FairnessTarget] {
        let allSlots = slots ?? self.slots()
        let counting: (DutyType, Slot) -> Bool = { category.contains($0, on: $1.dayType) }
        let shares = fairShares(slots: allSlots, counting: counting, history: { category.history(of: $0) })
        return Scenario.capped(shares.targets, caps: resources.map { dutyCap(of: $0, slots: allSlots, counting: counting) },
                               pools: shares.pools)
    }

    public func fairnessTargets(slots allSlots: [Slot], counting: (DutyType, Slot) -> Bool, history: (Resource) -> Int) -> [FairnessTarget] {
        fairShares(slots: allSlots, counting: counting, history: history).targets
    }

    /// The uncapped targets, and for each resource its *pool*: resources that share a counted
    /// duty type are in one pool (joined transitively); -1 for a resource with no share.
    ///
    /// History and capped excess move only within a pool: a physician's past nights say
    /// nothing about how often a hospital should lend a bed.
    func fairShares(slots allSlots: [Slot], counting: (DutyType, Slot) -> Bool,
                    history: (Resource) -> Int) -> (targets: [FairnessTarget], pools: [Int]) {
        var share = [Double](repeating: 0, count: resources.count)
        var pools = UnionFind(count: resources.count)
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
                let sharing = resources.indices.filter { weights[$0] > 0 }
                for i in sharing {
                    // Bed duties: the share is in beds; designations are beds ÷ beds lent per day.
                    let perDuty = duty.beds == nil ? 1 : Double(resources[i].beds)
                    share[i] += demand * weights[i] / total / perDuty
                    pools.union(i, sharing[0])
                }
            }
        }
        let pool = resources.indices.map { share[$0] > 0 ? pools.find($0) : -1 }
        // History: duties done before the horizon count against the new share, spread over
        // the same weights within the pool so that its total stays balanced.
        var historySum: [Int: Int] = [:]
        var weightSum: [Int: Double] = [:]
        for i in resources.indices where pool[i] >= 0 {
            historySum[pool[i], default: 0] += history(resources[i])
            weightSum[pool[i], default: 0] += share[i]
        }
        let targets = resources.indices.map { i in
            var target = share[i]
            if pool[i] >= 0, let past = historySum[pool[i]], past > 0, let weights = weightSum[pool[i]], weights > 0 {
                target = (share[i] / weights) * (weights + Double(past)) - Double(history(resources[i]))
                target = Swift.max(0, target)
            }
            // Round to 1e-9 so that floor/ceil do not flip on representation noise.
            let clean = (target * 1e9).rounded() / 1e9
            let lower = Int(clean.rounded(.down)), upper = Int(clean.rounded(.up))
            return FairnessTarget(resourceID: resources[i].id, target: clean, band: lower...upper)
        }
        return (targets, pool)
    }
}

/// Disjoint sets over `0..<count`, for the fairness pools.
struct UnionFind {
    private var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func find(_ i: Int) -> Int {
        var root = i
        while parent[root] != root { root = parent[root] }
        var j = i
        while parent[j] != root { (parent[j], j) = (root, parent[j]) }
        return root
    }
    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        // The smaller index is the root, so pools do not depend on the order of unions.
        if ra != rb { parent[Swift.max(ra, rb)] = Swift.min(ra, rb) }
    }
}
