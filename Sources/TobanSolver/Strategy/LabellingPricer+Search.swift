import Foundation

extension LabellingPricer {
    /// The least-cost block solution for `costs` (one per block variable) within `lower` and
    /// `upper` (block order: the model's bounds, narrowed by branch-and-price), or
    /// ``Outcome/notTractable`` past `labelLimit` labels on one day, ``Outcome/outOfTime``
    /// past `deadline`. With `alternatives` > 0, also up to that many other block solutions:
    /// the cheapest completions of the last day's labels, for column generation to add
    /// several columns per block and round.
    func solve(costs: [Double], lower: [Double], upper: [Double], deadline: ContinuousClock.Instant,
               labelLimit: Int = 250_000, alternatives: Int = 0) -> Outcome {
        guard !neverFeasible else { return .infeasible }
        // A derived variable with a negative cost would want to sit above its least value.
        for specs in derivedOfDay { for d in specs where costs[d.variable] < -Self.tolerance { return .notTractable } }
        guard let options = dayOptions(lower: lower, upper: upper) else { return .infeasible }
        let optionCosts = options.map { $0.map { $0.reduce(0) { $0 + costs[$1] } } }

        var values = [Double](repeating: 0, count: isRow.count)
        var previous = LabelLayer(width: 0)
        previous.insert([], cost: 0, parent: -1, option: -1)
        var trail: [(parent: [Int32], option: [Int32])] = []
        let tolerance = Self.tolerance
        // The cheapest completions on the last day, (cost, label, option), cheapest first.
        var finals: [(cost: Double, label: Int, option: Int)] = []
        let keepFinals = alternatives > 0 ? alternatives + 1 : 0
        for t in 0..<dayCount {
            let last = keepFinals > 0 && t == dayCount - 1
            let plan = DayPlan(self, day: t, options: options[t], optionCosts: optionCosts[t], costs: costs, lower: lower, upper: upper)
            var next = LabelLayer(width: plan.after.count)
            var key = [Double](repeating: 0, count: plan.after.count)
            var savedExpression = [Int](repeating: 0, count: plan.mostTouched)
            var savedValue = [Double](repeating: 0, count: plan.mostTouched)
            let width = previous.width
            var stopped: Outcome?
            values.withUnsafeMutableBufferPointer { v in
                for l in 0..<previous.count {
                    let base = l * width
                    for k in 0..<plan.before.count { v[plan.before[k]] = previous.keys[base + k] }
                    for k in 0..<plan.starting.count { v[plan.starting[k]] = plan.startingConstant[k] }
                    for o in 0..<plan.optionCosts.count {
                        var touched = 0
                        var cost = previous.costs[l] + plan.optionCosts[o]
                        for i in plan.optionEntryStart[o]..<plan.optionEntryStart[o + 1] {
                            let e = plan.entryExpression[i]
                            savedExpression[touched] = e
                            savedValue[touched] = v[e]
                            touched += 1
                            v[e] += plan.entryCoefficient[i]
                        }
                        var feasible = true
                        for d in 0..<plan.derivedFloor.count {
                            var x = plan.derivedFloor[d]
                            for i in plan.pieceStart[d]..<plan.pieceStart[d + 1] { x = Swift.max(x, v[plan.pieces[i]]) }
                            if plan.derivedIntegral[d] { x = (x - tolerance).rounded(.up) }
                            if x > plan.derivedUpper[d] + tolerance {
                                feasible = false
                                break
                            }
                            cost += plan.derivedCost[d] * x
                            if x != 0 {
                                for i in plan.derivedEntryStart[d]..<plan.derivedEntryStart[d + 1] {
                                    let e = plan.derivedEntryExpression[i]
                                    savedExpression[touched] = e
                                    savedValue[touched] = v[e]
                                    touched += 1
                                    v[e] += plan.derivedEntryCoefficient[i] * x
                                }
                            }
                        }
                        if feasible {
                            for k in 0..<plan.ending.count {
                                let x = v[plan.ending[k]]
                                if x.isFinite && (x < plan.endingLower[k] - tolerance || x > plan.endingUpper[k] + tolerance) {
                                    feasible = false
                                    break
                                }
                            }
                        }
                        if feasible {
                            for k in 0..<plan.after.count {
                                var x = v[plan.after[k]]
                                if plan.afterIsRow[k] && x.isFinite {
                                    let least = x + plan.futureLeast[k], most = x + plan.futureMost[k]
                                    if least > plan.afterUpper[k] + tolerance || most < plan.afterLower[k] - tolerance {
                                        feasible = false
                                        break
                                    }
                                    // Whatever the later days hold, the row is met: its sum stops mattering.
                                    if most <= plan.afterUpper[k] + tolerance && least >= plan.afterLower[k] - tolerance { x = .infinity }
                                }
                                key[k] = x + 0  // −0 and 0 alike
                            }
                        }
                        if feasible {
                            next.insert(key, cost: cost, parent: Int32(l), option: Int32(o))
                            if last && (finals.count < keepFinals || cost < finals[finals.count - 1].cost) {
                                let at = finals.firstIndex { cost < $0.cost } ?? finals.count
                                finals.insert((cost, l, o), at: at)
                                if finals.count > keepFinals { finals.removeLast() }
                            }
                        }
                        while touched > 0 {
                            touched -= 1
                            v[savedExpression[touched]] = savedValue[touched]
                        }
                    }
                    if next.count > labelLimit {
                        stopped = .notTractable
                        return
                    }
                    if l & 1023 == 1023 && ContinuousClock.now >= deadline {
                        stopped = .outOfTime
                        return
                    }
                }
            }
            if let stopped { return stopped }
            if next.count == 0 { return .infeasible }
            next = undominated(next, after: t)
            if ContinuousClock.now >= deadline && t + 1 < dayCount { return .outOfTime }
            trail.append((next.parents, next.options))
            previous = next
        }
        // After the last day nothing is open: one label, the optimum.
        var chosen = [Int](repeating: 0, count: dayCount)
        var label = 0
        for t in stride(from: dayCount - 1, through: 0, by: -1) {
            chosen[t] = Int(trail[t].option[label])
            label = Int(trail[t].parent[label])
        }
        let point = blockValues(options: chosen.enumerated().map { options[$0][$1] }, lower: lower, upper: upper)
        let objective = zip(costs, point).reduce(0) { $0 + $1.0 * $1.1 }
        var others: [[Double]] = []
        if let end = trail.last, end.parent.count > 0 {
            let optimum = (label: Int(end.parent[0]), option: Int(end.option[0]))
            for f in finals where others.count < alternatives && (f.label, f.option) != optimum {
                var path = [Int](repeating: 0, count: dayCount)
                path[dayCount - 1] = f.option
                var label = f.label
                for t in stride(from: dayCount - 2, through: 0, by: -1) {
                    path[t] = Int(trail[t].option[label])
                    label = Int(trail[t].parent[label])
                }
                others.append(blockValues(options: path.enumerated().map { options[$0][$1] }, lower: lower, upper: upper))
            }
        }
        return .solved(values: point, objective: objective, alternatives: others)
    }

    /// `layer` without the labels that another label of the same exact part (the two-sided
    /// rows' sums) dominates: no more cost and, on every one-sided row and piece, a sum that
    /// is no worse (a lower sum for an upper side or a piece, a higher one for a lower side; a
    /// row that can no longer break is best). Any completion of the dominated label completes
    /// the other one as cheaply, derived variables costing nothing negative.
    func undominated(_ layer: LabelLayer, after t: Int) -> LabelLayer {
        let exact = exactPositions[t], ordered = orderedPositions[t]
        guard !ordered.isEmpty, layer.count > 1 else { return layer }
        let width = layer.width
        // The ordered sums, transformed so that lower is better.
        var better = [Double](repeating: 0, count: layer.count * ordered.count)
        for l in 0..<layer.count {
            for (m, (k, flip)) in ordered.enumerated() {
                let v = layer.keys[l * width + k]
                better[l * ordered.count + m] = v == .infinity ? -.infinity : (flip ? -v : v)
            }
        }
        let sorted = (0..<layer.count).sorted { a, b in
            for k in exact {
                let x = layer.keys[a * width + k], y = layer.keys[b * width + k]
                if x != y { return x < y }
            }
            return layer.costs[a] != layer.costs[b] ? layer.costs[a] < layer.costs[b] : a < b
        }
        // Within a group (same exact part, cost ascending), a label is kept unless a kept
        // one is no worse on every ordered sum; the kept sums are stored contiguously.
        let m = ordered.count
        var kept: [Int] = []
        var keptBetter: [Double] = []
        keptBetter.reserveCapacity(layer.count * m)
        var groupStart = 0
        let tolerance = Self.tolerance
        better.withUnsafeBufferPointer { b in
            for (i, l) in sorted.enumerated() {
                if i > 0 {
                    let previous = sorted[i - 1]
                    if exact.contains(where: { layer.keys[previous * width + $0] != layer.keys[l * width + $0] }) { groupStart = kept.count }
                }
                let mine = l * m
                var dominated = false
                keptBetter.withUnsafeBufferPointer { kb in
                    var d = groupStart
                    // The cheapest `dominanceScan` kept labels only: on a big layer the full
                    // scan is quadratic, and a dominating label is a cheap one as a rule.
                    let end = Swift.min(kept.count, groupStart + Self.dominanceScan)
                    while d < end && !dominated {
                        let theirs = d * m
                        var q = 0
                        while q < m && kb[theirs + q] <= b[mine + q] + tolerance { q += 1 }
                        dominated = q == m
                        d += 1
                    }
                }
                if !dominated {
                    kept.append(l)
                    for q in 0..<m { keptBetter.append(b[mine + q]) }
                }
            }
        }
        guard kept.count < layer.count else { return layer }
        kept.sort()
        return layer.keeping(kept)
    }

    /// Per day, the sets of assignment variables that may be 1 together within the bounds:
    /// nil when some day has none.
    func dayOptions(lower: [Double], upper: [Double]) -> [[[Int]]]? {
        var result: [[[Int]]] = []
        for t in 0..<dayCount {
            let vars = assignmentsOfDay[t]
            if vars.contains(where: { lower[$0] > 0.5 && upper[$0] < 0.5 }) { return nil }
            let free = vars.filter { upper[$0] >= 0.5 && lower[$0] <= 0.5 }
            let forced = vars.filter { lower[$0] > 0.5 }
            var options: [[Int]] = []
            if atMostOne[t] {
                switch forced.count {
                case 0: options = [[]] + free.map { [$0] }
                case 1: options = [forced]
                default: return nil
                }
            } else {
                for mask in 0..<(1 << free.count) {
                    options.append(forced + free.indices.filter { mask & (1 << $0) != 0 }.map { free[$0] })
                }
            }
            result.append(options)
        }
        return result
    }

    /// A derived variable's least value given its pieces' sums in `values`, nil above its upper bound.
    func leastValue(_ d: Derived, values: [Double], lower: [Double], upper: [Double]) -> Double? {
        var x = Swift.max(d.floor, lower[d.variable])
        for p in d.pieces { x = Swift.max(x, values[p]) }
        if d.integral { x = (x - Self.tolerance).rounded(.up) }
        return x <= Swift.min(d.upper, upper[d.variable]) + Self.tolerance ? x : nil
    }

    /// The block point of one option per day, derived variables at their least values.
    func blockValues(options: [[Int]], lower: [Double], upper: [Double]) -> [Double] {
        var point = [Double](repeating: 0, count: variableCount)
        var values = constant
        func add(_ v: Int, _ x: Double) {
            point[v] = x
            for entry in entries[v] { values[entry.expression] += entry.coefficient * x }
        }
        for t in 0..<dayCount {
            for v in options[t] { add(v, 1) }
            for d in derivedOfDay[t] {
                add(d.variable, leastValue(d, values: values, lower: lower, upper: upper) ?? d.floor)
            }
        }
        return point
    }
}

/// The labels of one day boundary: their states (partial sums of the open expressions, flat,
/// `width` per label), costs and back pointers, with an open-addressing table over the states
/// so that a state reached twice keeps its cheaper label.
struct LabelLayer {
    let width: Int
    private(set) var keys: [Double] = []
    private(set) var costs: [Double] = []
    private(set) var parents: [Int32] = []
    private(set) var options: [Int32] = []
    private var table: [Int32] = Array(repeating: -1, count: 64)

    init(width: Int) { self.width = width }

    var count: Int { costs.count }

    /// The labels `kept` (ascending) only; no more insertions.
    func keeping(_ kept: [Int]) -> LabelLayer {
        var layer = LabelLayer(width: width)
        layer.keys.reserveCapacity(kept.count * width)
        for l in kept {
            layer.keys.append(contentsOf: keys[(l * width)..<((l + 1) * width)])
            layer.costs.append(costs[l])
            layer.parents.append(parents[l])
            layer.options.append(options[l])
        }
        return layer
    }

    mutating func insert(_ key: [Double], cost: Double, parent: Int32, option: Int32) {
        if 2 * (count + 1) > table.count { grow() }
        let mask = table.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let label = Int(table[slot])
            if label < 0 {
                table[slot] = Int32(count)
                keys.append(contentsOf: key)
                costs.append(cost)
                parents.append(parent)
                options.append(option)
                return
            }
            if matches(label, key) {
                if cost < costs[label] {
                    costs[label] = cost
                    parents[label] = parent
                    options[label] = option
                }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ label: Int, _ key: [Double]) -> Bool {
        let base = label * width
        for k in 0..<width where keys[base + k] != key[k] { return false }
        return true
    }

    private mutating func grow() {
        table = Array(repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for label in 0..<count {
            var slot = Self.hash(Array(keys[(label * width)..<((label + 1) * width)])) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(label)
        }
    }

    private static func hash(_ key: [Double]) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in key {
            h = (h ^ v.bitPattern) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0x9e37_79b9_7f4a_7c15
        return Int(truncatingIfNeeded: h >> 1)
    }
}

/// One day of a labelling search, flattened for the inner loop: the options' entries, the
/// derived variables with their pieces and entries, and the sides of the rows that end or
/// stay open.
struct DayPlan {
    let before: [Int]
    let after: [Int]
    let starting: [Int]
    let startingConstant: [Double]
    let optionCosts: [Double]
    let optionEntryStart: [Int]
    let entryExpression: [Int]
    let entryCoefficient: [Double]
    let derivedFloor: [Double]
    let derivedUpper: [Double]
    let derivedIntegral: [Bool]
    let derivedCost: [Double]
    let pieceStart: [Int]
    let pieces: [Int]
    let derivedEntryStart: [Int]
    let derivedEntryExpression: [Int]
    let derivedEntryCoefficient: [Double]
    let ending: [Int]
    let endingLower: [Double]
    let endingUpper: [Double]
    let afterIsRow: [Bool]
    let afterLower: [Double]
    let afterUpper: [Double]
    let futureLeast: [Double]
    let futureMost: [Double]
    /// The most expressions one option and the day's derived variables change.
    let mostTouched: Int

    init(_ pricer: LabellingPricer, day t: Int, options: [[Int]], optionCosts: [Double], costs: [Double],
         lower: [Double], upper: [Double]) {
        before = t > 0 ? pricer.open[t - 1] : []
        after = pricer.open[t]
        starting = pricer.startingOn[t]
        startingConstant = starting.map { pricer.constant[$0] }
        self.optionCosts = optionCosts
        var start = [0], expressions: [Int] = [], coefficients: [Double] = []
        var longest = 0
        for option in options {
            for v in option {
                for entry in pricer.entries[v] {
                    expressions.append(entry.expression)
                    coefficients.append(entry.coefficient)
                }
            }
            longest = Swift.max(longest, expressions.count - (start.last ?? 0))
            start.append(expressions.count)
        }
        optionEntryStart = start
        entryExpression = expressions
        entryCoefficient = coefficients
        let derived = pricer.derivedOfDay[t]
        derivedFloor = derived.map { Swift.max($0.floor, lower[$0.variable]) }
        derivedUpper = derived.map { Swift.min($0.upper, upper[$0.variable]) }
        derivedIntegral = derived.map(\.integral)
        derivedCost = derived.map { costs[$0.variable] }
        var ps = [0], pieceList: [Int] = []
        var es = [0], dExpressions: [Int] = [], dCoefficients: [Double] = []
        for d in derived {
            pieceList += d.pieces
            ps.append(pieceList.count)
            for entry in pricer.entries[d.variable] {
                dExpressions.append(entry.expression)
                dCoefficients.append(entry.coefficient)
            }
            es.append(dExpressions.count)
        }
        pieceStart = ps
        pieces = pieceList
        derivedEntryStart = es
        derivedEntryExpression = dExpressions
        derivedEntryCoefficient = dCoefficients
        ending = pricer.rowsEndingOn[t]
        endingLower = ending.map { pricer.lower[$0] }
        endingUpper = ending.map { pricer.upper[$0] }
        afterIsRow = after.map { pricer.isRow[$0] }
        afterLower = after.map { pricer.lower[$0] }
        afterUpper = after.map { pricer.upper[$0] }
        futureLeast = pricer.futureLeast[t]
        futureMost = pricer.futureMost[t]
        mostTouched = longest + dExpressions.count
    }
}
