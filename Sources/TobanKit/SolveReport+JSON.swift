import Foundation

/// The JSON form of a solve: `report.json`.
///
/// Keys are sorted and no wall-clock time is included unless asked for, so the same input
/// gives the same bytes. `schemaVersion` changes when a field is added, changes meaning or is
/// removed; `docs/report-json.md` documents every field and the history of versions.
public struct ReportDocument: Codable, Sendable {
    /// The version of this document's schema: 2 added ``scenarioSource``; 3 added
    /// ``qualificationGaps`` and the allowance and category fields of ``ResourceEntry``; 4 added
    /// ``GapEntry/area`` (per-area slots).
    public static let currentSchemaVersion = 4

    public var schemaVersion: Int
    public var generator: String
    public var scenario: ScenarioSummary
    public var solver: SolverSummary
    public var check: CheckSummary
    public var gaps: [GapEntry]
    public var assignments: [AssignmentEntry]
    public var resources: [ResourceEntry]
    /// The scenario exactly as it was loaded, so that `toban export` can render the report
    /// again; absent when the scenario was built in code rather than read from a file.
    public var scenarioSource: ScenarioSourceEntry?
    /// Dates short of qualified resources (`S-COVER-QUAL`), with the reason; from schema 3
    /// (nil only when decoding an older report).
    public var qualificationGaps: [QualificationGapEntry]?

    /// The source text of the scenario and of the files it refers to.
    public struct ScenarioSourceEntry: Codable, Sendable, Hashable {
        /// The scenario file's path as given to `toban solve`.
        public var file: String
        /// The lower-case hex SHA-256 of the UTF-8 bytes of ``text``.
        public var sha256: String
        /// The exact YAML or JSON text.
        public var text: String
        /// The files the scenario refers to (its holiday file), by the path written in it.
        public var includedFiles: [IncludedFileEntry]

        /// The entry of `source`, with SHA-256 digests computed.
        public init(_ source: ScenarioSource) {
            file = source.file
            text = source.text
            sha256 = ContentHash.sha256Hex(source.text)
            includedFiles = source.includedFiles.map { IncludedFileEntry(path: $0.path, sha256: ContentHash.sha256Hex($0.text), text: $0.text) }
        }

        /// The source this entry holds.
        public var source: ScenarioSource {
            ScenarioSource(file: file, text: text, includedFiles: includedFiles.map { .init(path: $0.path, text: $0.text) })
        }
    }

    /// One file a scenario refers to.
    public struct IncludedFileEntry: Codable, Sendable, Hashable {
        /// The path as written in the scenario.
        public var path: String
        /// The lower-case hex SHA-256 of ``text``.
        public var sha256: String
        /// The file's text.
        public var text: String
    }

    public struct ScenarioSummary: Codable, Sendable {
        public var name: String
        public var timeZone: String
        public var start: String
        public var end: String
        public var slots: Int
    }

    public struct SolverSummary: Codable, Sendable {
        public var engine: String
        public var termination: String
        public var primal: String
        public var objective: Double
        public var bound: Double?
        public var relativeGap: Double?
        public var timeSeconds: Double?
        public var raw: String
        public var variables: Int
        public var integerVariables: Int
        public var rows: Int
        public var costByRule: [String: Double]
    }

    public struct CheckSummary: Codable, Sendable {
        public var feasible: Bool
        public var totalCost: Double
        public var costByRule: [String: Double]
        public var violations: [ViolationEntry]
        public var costs: [CostEntry]
    }

    public struct ViolationEntry: Codable, Sendable {
        public var rule: String
        public var date: String?
        public var duty: String?
        public var resource: String?
        public var message: String
        public var messageJa: String
    }

    public struct CostEntry: Codable, Sendable {
        public var rule: String
        public var amount: Double
        public var date: String?
        public var resource: String?
        public var message: String
        public var messageJa: String
    }

    public struct GapEntry: Codable, Sendable {
        public var date: String
        public var duty: String
        public var missing: Int
        public var reason: String
        /// The area of a per-area slot (`perArea: true`); absent for a district-wide slot.
        public var area: String?
    }

    /// A date short of qualified resources among a requirement's duties (`S-COVER-QUAL`).
    public struct QualificationGapEntry: Codable, Sendable, Hashable {
        /// The date.
        public var date: String
        /// The qualification, e.g. `pediatric`.
        public var qualification: String
        /// The duty types whose assignments of the date were counted.
        public var duties: [String]
        /// How many qualified resources are missing.
        public var missing: Int
        /// Why, in plain English.
        public var reason: String
    }

    /// A resource's fair band in one fairness category (`S-FAIR-NIGHTS` and the like).
    public struct CategoryTargetEntry: Codable, Sendable, Hashable {
        /// The fractional target.
        public var target: Double
        /// The lowest count that costs nothing.
        public var bandLow: Int
        /// The highest count that costs nothing.
        public var bandHigh: Int
        /// How far the resource's count in the category lies outside the band.
        public var deviation: Int
    }

    public struct AssignmentEntry: Codable, Sendable {
        public var date: String
        public var duty: String
        public var resource: String
    }

    public struct ResourceEntry: Codable, Sendable {
        public var id: String
        public var name: String
        public var duties: Int
        public var byDayType: [String: Int]
        public var target: Double
        public var bandLow: Int
        public var bandHigh: Int
        public var deviation: Int
        public var historyDuties: Int
        /// The allowances (yen) earned by the resource's duties in the rota; from schema 3.
        public var allowance: Double?
        /// Duties per fairness category (`nights`, `weekendHoliday`, `yearEnd`), every category
        /// listed; from schema 3.
        public var categoryCounts: [String: Int]?
        /// The fair band per fairness category the scenario weighs (`rules.fairness.nights` and
        /// the like); from schema 3.
        public var categoryTargets: [String: CategoryTargetEntry]?
    }
}

extension SolveReport {
    /// The report as a document; `includeTiming` adds the solve time (which varies run to run).
    /// `scenarioSource` is embedded as ``ReportDocument/scenarioSource`` when given.
    public func document(engine: String = "glpk", includeTiming: Bool = false, scenarioSource: ScenarioSource? = nil) -> ReportDocument {
        let s = solution
        return ReportDocument(
            schemaVersion: ReportDocument.currentSchemaVersion,
            generator: "toban \(Toban.version)",
            scenario: .init(name: scenario.name, timeZone: scenario.timeZone, start: scenario.horizon.start.iso,
                            end: scenario.horizon.end.iso, slots: scenario.slots().count),
            solver: .init(engine: engine, termination: s.termination.rawValue, primal: s.primal.rawValue,
                          objective: s.objective, bound: s.bound,
                          relativeGap: s.bound.map { b in Swift.abs(s.objective - b) / Swift.max(Swift.abs(s.objective), 1e-10) },
                          timeSeconds: includeTiming ? s.time : nil, raw: s.rawStatus,
                          variables: s.modelSize.variables, integerVariables: s.modelSize.integers, rows: s.modelSize.rows,
                          costByRule: s.costByRule),
            check: .init(feasible: check.isFeasible, totalCost: check.totalCost, costByRule: check.costByRule,
                         violations: check.violations.map {
                             .init(rule: $0.ruleID, date: $0.date?.iso, duty: $0.dutyTypeID, resource: $0.resourceID,
                                   message: $0.message, messageJa: $0.japaneseMessage)
                         },
                         costs: check.costs.map {
                             .init(rule: $0.ruleID, amount: $0.amount, date: $0.date?.iso, resource: $0.resourceID,
                                   message: $0.message, messageJa: $0.japaneseMessage)
                         }),
            gaps: check.gaps.map { .init(date: $0.date.iso, duty: $0.dutyTypeID, missing: $0.missing, reason: $0.reason, area: $0.area) },
            assignments: s.rota.assignments.map { .init(date: $0.date.iso, duty: $0.dutyTypeID, resource: $0.resourceID) },
            resources: zip(scenario.resources, check.tallies).map { r, t in
                .init(id: r.id, name: r.name, duties: t.duties,
                      byDayType: Dictionary(uniqueKeysWithValues: t.dutiesByDayType.map { ($0.key.rawValue, $0.value) }),
                      target: t.target.target, bandLow: t.target.band.lowerBound, bandHigh: t.target.band.upperBound,
                      deviation: t.deviation, historyDuties: r.historyDuties, allowance: t.allowance,
                      categoryCounts: Dictionary(uniqueKeysWithValues: FairnessCategory.allCases.map { ($0.rawValue, t.categoryCounts[$0] ?? 0) }),
                      categoryTargets: Dictionary(uniqueKeysWithValues: t.categoryTargets.map { category, target in
                          (category.rawValue, ReportDocument.CategoryTargetEntry(
                              target: target.target, bandLow: target.band.lowerBound, bandHigh: target.band.upperBound,
                              deviation: target.deviation(of: t.categoryCounts[category] ?? 0)))
                      }))
            },
            scenarioSource: scenarioSource.map(ReportDocument.ScenarioSourceEntry.init),
            qualificationGaps: check.qualificationGaps.sorted().map {
                .init(date: $0.date.iso, qualification: $0.qualification, duties: $0.dutyTypeIDs, missing: $0.missing, reason: $0.reason)
            })
    }

    /// `report.json` bytes: pretty-printed, keys sorted, newline-terminated.
    public func reportJSON(includeTiming: Bool = false, scenarioSource: ScenarioSource? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document(includeTiming: includeTiming, scenarioSource: scenarioSource))
        data.append(0x0A)
        return data
    }
}
