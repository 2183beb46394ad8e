extension ScenarioDecoder {
    /// `replan: {from: DATE, weight?: NUMBER, changesFirst?: BOOL, coverageFirst?: BOOL, published: [{date, duty, resource}]}`.
    func replanSettings(_ field: Field) -> ReplanSettings? {
        guard let m = reader.mapping(field, required: ["from", "published"], optional: ["weight", "changesFirst", "coverageFirst"]) else { return nil }
        let from = m["from"].flatMap(reader.date)
        let weight = m["weight"].flatMap { reader.double($0, in: 0...1e9) } ?? ReplanSettings.defaultChangeWeight
        let changesFirst = m["changesFirst"].flatMap(reader.bool) ?? true
        let coverageFirst = m["coverageFirst"].flatMap(reader.bool) ?? false
        let published = list(m["published"], assignment)
        guard let from else { return nil }
        var settings = ReplanSettings(published: Rota(assignments: published), from: from, changeWeight: weight, changesFirst: changesFirst)
        settings.coverageFirst = coverageFirst
        return settings
    }

    /// `{date, duty, resource}`: one assignment of a rota written in a scenario file.
    func assignment(_ field: Field) -> Assignment? {
        guard let m = reader.mapping(field, required: ["date", "duty", "resource"]),
              let date = m["date"].flatMap(reader.date), let duty = m["duty"].flatMap(reader.identifier),
              let resource = m["resource"].flatMap(reader.identifier) else { return nil }
        return Assignment(date: date, dutyTypeID: duty, resourceID: resource)
    }
}
