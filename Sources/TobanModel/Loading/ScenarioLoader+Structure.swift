/// Decoding of the structural keys: qualifications, pairing, beds, weekends, fairness by
/// category, organisation quotas and allowances (see `docs/scenario-format.md`).
extension ScenarioDecoder {
    static let structureOrganisationKeys = ["quota"]
    static let structureDutyTypeKeys = ["area", "backupOf", "differentOrganisation", "backupArea", "beds", "category", "allowance"]
    static let structureResourceKeys = ["qualifications", "beds", "maxDesignatedDays", "weekendBlocks", "noConsecutiveWeekends"]
    static let structureHistoryKeys = ["nights", "weekendHoliday", "yearEnd"]
    static let structureRuleKeys = ["qualificationCoverage", "weekendBlocks", "noConsecutiveWeekends", "priorities"]
    static let structureFairnessKeys = FairnessCategory.allCases.map(\.rawValue)

    /// Areas with adjacency made symmetric: `b` listed under `a` adds `a` at the end of `b`'s
    /// list (original entries keep their indices, so validation paths still point at the file).
    static func symmetric(_ areas: [Area]) -> [Area] {
        var result = areas
        for a in areas {
            for b in a.adjacent {
                guard let j = result.firstIndex(where: { $0.id == b }), b != a.id, !result[j].adjacent.contains(a.id) else { continue }
                result[j].adjacent.append(a.id)
            }
        }
        return result
    }

    /// `quota: {min, max, duties, weight}`.
    func decodeStructure(_ m: [String: Field], into organisation: inout Organisation) {
        guard let f = m["quota"], let q = reader.mapping(f, optional: ["min", "max", "duties", "weight", "proportional", "tolerance"]) else { return }
        var quota = OrganisationQuota(min: q["min"].flatMap { reader.int($0, in: 0...100_000) },
                                      max: q["max"].flatMap { reader.int($0, in: 0...100_000) },
                                      dutyTypes: q["duties"].map { list($0, reader.identifier) },
                                      weight: q["weight"].flatMap { reader.double($0, in: 0...1e9) } ?? 100)
        let proportional = q["proportional"].flatMap(reader.bool) ?? false
        if proportional {
            if quota.min != nil || quota.max != nil {
                reader.report(f.path, "a proportional quota takes no min or max (they follow the organisation's FTE share)")
                return
            }
            quota.proportionalTolerance = q["tolerance"].flatMap { reader.int($0, in: 0...1_000) } ?? 0
        } else if q["tolerance"] != nil {
            reader.report(f.path + ".tolerance", "tolerance applies to a proportional quota only (add proportional: true)")
            return
        } else if quota.min == nil && quota.max == nil {
            reader.report(f.path, "a quota needs min, max or both, or proportional: true")
            return
        }
        organisation.quota = quota
    }

    func decodeStructure(_ m: [String: Field], into duty: inout DutyType) {
        duty.area = m["area"].flatMap(reader.identifier)
        duty.backupOf = m["backupOf"].flatMap(reader.identifier)
        duty.differentOrganisation = m["differentOrganisation"].flatMap(reader.bool) ?? false
        duty.backupArea = m["backupArea"].flatMap { reader.enumeration($0, BackupAreaRule.self) }
        duty.category = m["category"].flatMap { reader.enumeration($0, DutyCategory.self) }
        if let f = m["beds"], let b = reader.mapping(f, required: ["min"], optional: ["max", "gapPenalty"]),
           let min = b["min"].flatMap({ reader.int($0, in: 0...10_000) }) {
            let max = b["max"].flatMap { reader.int($0, in: 0...10_000) } ?? 10_000
            duty.beds = BedRequirement(min: min, max: max, gapPenalty: b["gapPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 10_000)
        }
        if let f = m["allowance"] {
            // A number for every day, or a mapping by day type with an optional `default`.
            if case .scalar = f.node {
                duty.allowanceDefault = reader.double(f, in: 0...1e9) ?? 0
            } else if let a = reader.mapping(f, optional: ["default"] + DayType.allCases.map(\.rawValue)) {
                duty.allowanceDefault = a["default"].flatMap { reader.double($0, in: 0...1e9) } ?? 0
                for type in DayType.allCases {
                    if let v = a[type.rawValue].flatMap({ reader.double($0, in: 0...1e9) }) { duty.allowanceByDayType[type] = v }
                }
            }
        }
    }

    func decodeStructure(_ m: [String: Field], history: [String: Field]?, into resource: inout Resource) {
        resource.qualifications = m["qualifications"].map { list($0, reader.identifier) } ?? []
        resource.beds = m["beds"].flatMap { reader.int($0, in: 0...10_000) } ?? 1
        resource.maxDesignatedDays = m["maxDesignatedDays"].flatMap { reader.int($0, in: 0...31) }
        resource.weekendBlocks = m["weekendBlocks"].flatMap(reader.bool)
        resource.noConsecutiveWeekends = m["noConsecutiveWeekends"].flatMap(reader.bool)
        if let history {
            resource.historyNights = history["nights"].flatMap { reader.int($0, in: 0...100_000) } ?? 0
            resource.historyWeekendHoliday = history["weekendHoliday"].flatMap { reader.int($0, in: 0...100_000) } ?? 0
            resource.historyYearEnd = history["yearEnd"].flatMap { reader.int($0, in: 0...100_000) } ?? 0
        }
    }

    func decodeStructure(_ m: [String: Field], fairness: [String: Field]?, into settings: inout RuleSettings) {
        settings.weekendBlocks = m["weekendBlocks"].flatMap(reader.bool) ?? false
        settings.noConsecutiveWeekends = m["noConsecutiveWeekends"].flatMap(reader.bool) ?? false
        settings.priorities = m["priorities"].flatMap { reader.enumeration($0, PriorityMode.self) } ?? .weighted
        settings.qualificationCoverage = list(m["qualificationCoverage"]) { f in
            guard let q = reader.mapping(f, required: ["qualification", "duties"], optional: ["days", "min", "gapPenalty"]),
                  let qualification = q["qualification"].flatMap(reader.identifier),
                  let duties = q["duties"].map({ list($0, reader.identifier) }) else { return nil }
            return QualificationRequirement(qualification: qualification, dutyTypes: duties,
                                            dayTypes: q["days"].map { Set(list($0) { reader.enumeration($0, DayType.self) }) },
                                            min: q["min"].flatMap { reader.int($0, in: 0...1_000) } ?? 1,
                                            gapPenalty: q["gapPenalty"].flatMap { reader.double($0, in: 0...1e9) } ?? 5_000)
        }
        guard let fairness else { return }
        for category in FairnessCategory.allCases {
            guard let f = fairness[category.rawValue], let w = reader.mapping(f, optional: ["weight", "maxDeviationWeight"]) else { continue }
            settings.categoryFairness[category] = FairnessWeights(
                weight: w["weight"].flatMap { reader.double($0, in: 0...1e6) } ?? 0,
                maxDeviationWeight: w["maxDeviationWeight"].flatMap { reader.double($0, in: 0...1e6) } ?? 0)
        }
    }
}
