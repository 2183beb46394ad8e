import TobanMIP
import TobanModel

/// A scenario compiled to a linear model, with the map back from variables to the rota.
public struct CompiledModel: Sendable {
    /// The linear model; every row and variable is named after the rule that made it.
    public internal(set) var model: LinearModel
    /// The slots of the horizon, in order.
    public let slots: [Slot]
    /// One binary variable per (slot, resource) pair that may be assigned.
    public internal(set) var assignments: [AssignmentVariable] = []
    /// Penalty variables whose optimal value is a function of the assignments, in dependency order.
    var derived: [DerivedVariable] = []

    /// A binary "resource takes slot" variable.
    public struct AssignmentVariable: Sendable, Hashable {
        /// Index into ``CompiledModel/slots``.
        public let slot: Int
        /// The resource's id.
        public let resourceID: String
        /// The model variable.
        public let variable: VariableID
    }

    /// `variable = max(floor, max over pieces of (constant + Σ terms))`: how a penalty variable
    /// that is only pushed down by the objective takes its least feasible value.
    struct DerivedVariable: Sendable {
        let variable: VariableID
        let floor: Double
        let pieces: [(constant: Double, terms: [LinearTerm])]
    }

    /// The rota that `values` (one per model variable) describes.
    public func rota(from values: [Double]) -> Rota {
        Rota(assignments: assignments.compactMap { a in
            guard values.indices.contains(a.variable.index), values[a.variable.index] > 0.5 else { return nil }
            return Assignment(date: slots[a.slot].date, dutyTypeID: slots[a.slot].dutyTypeID, resourceID: a.resourceID)
        })
    }

    /// `values` with every penalty variable lowered to the least value its rows allow.
    ///
    /// A search stopped early may hold an incumbent whose penalty variables sit above what
    /// the assignments force; lowering them makes the objective the true cost of the rota,
    /// which is what the checker computes.
    public func tightened(_ values: [Double]) -> [Double] {
        var v = values
        guard v.count == model.variables.count else { return values }
        for d in derived {
            var value = d.floor
            for piece in d.pieces {
                value = Swift.max(value, piece.terms.reduce(piece.constant) { $0 + $1.coefficient * v[$1.variable.index] })
            }
            if model.variables[d.variable.index].kind != .continuous { value = value.rounded(.up) }
            v[d.variable.index] = value
        }
        return v
    }

    /// The assignment values of a rota, with penalty variables at their least values: a start
    /// for the solver, or the point whose objective the checker's cost must match.
    public func values(for rota: Rota) -> [Double] {
        var v = [Double](repeating: 0, count: model.variables.count)
        // The occurrence and the resource name the variable: a per-area slot has variables
        // only for the resources of its area.
        let keys = Set(rota.assignments.map { "\($0.slotKey)|\($0.resourceID)" })
        for a in assignments where keys.contains("\(slots[a.slot].occurrenceKey)|\(a.resourceID)") {
            v[a.variable.index] = 1
        }
        return tightened(v)
    }
}
