/// Decoding of the per-area keys of a duty type: `perArea`, `areas`, `coverageByArea`
/// (see `docs/scenario-format.md`).
extension ScenarioDecoder {
    static let perAreaDutyTypeKeys = ["perArea", "areas", "coverageByArea"]

    /// `perArea: true`, `areas: [area-id]`, `coverageByArea: [{area, min, max, target}]`.
    func decodePerArea(_ m: [String: Field], into duty: inout DutyType) {
        duty.perArea = m["perArea"].flatMap(reader.bool) ?? false
        duty.areas = m["areas"].map { list($0, reader.identifier) }
        duty.coverageByArea = list(m["coverageByArea"]) { f -> AreaCoverage? in
            guard let c = reader.mapping(f, required: ["area"], optional: ["min", "max", "target"]),
                  let area = c["area"].flatMap(reader.identifier) else { return nil }
            // The same defaults as `coverageByDate`: min 0, max the larger of min, target and 1.
            let min = c["min"].flatMap { reader.int($0, in: 0...1_000) } ?? 0
            let target = c["target"].flatMap { reader.int($0, in: 0...1_000) }
            let max = c["max"].flatMap { reader.int($0, in: 0...1_000) } ?? Swift.max(1, min, target ?? 0)
            return AreaCoverage(area: area, coverage: Coverage(min: min, max: max, target: target))
        }
    }
}
