import Foundation

/// A new fact for a re-plan: a resource unavailable on some dates.
public struct ResourceAbsence: Sendable, Hashable, CustomStringConvertible {
    /// The resource's id.
    public var resourceID: String
    /// The dates it is away (inclusive).
    public var dates: DateRange

    /// Creates an absence.
    public init(resourceID: String, dates: DateRange) {
        self.resourceID = resourceID
        self.dates = dates
    }

    /// Parses `ID:DATE..DATE` or `ID:DATE` (one day); nil when malformed.
    public init?(argument: String) {
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let id = String(argument[..<colon]), rest = argument[argument.index(after: colon)...]
        let parts = rest.components(separatedBy: "..")
        guard !id.isEmpty, (1...2).contains(parts.count), let start = CivilDate(iso: parts[0]),
              let end = CivilDate(iso: parts.count == 2 ? parts[1] : parts[0]), start <= end else { return nil }
        self.init(resourceID: id, dates: DateRange(start: start, end: end))
    }

    /// `ID:DATE..DATE`.
    public var description: String { "\(resourceID):\(dates.start.iso)..\(dates.end.iso)" }
}

/// A re-planned rota: the solve, the published rota it started from, and every change.
public struct ReplanResult: Sendable {
    /// The scenario as given, before the new facts (used to seed the calendar state).
    public var originalScenario: Scenario
    /// The solve of the re-plan scenario (``Scenario/replan`` set, absences added).
    public var report: SolveReport
    /// The rota as it was published.
    public var published: Rota
    /// The first date that could change.
    public var from: CivilDate
    /// Every slot whose resources changed, in date order (all on or after ``from``); a slot
    /// whose only change fills a seat the published rota left open counts 0.
    public var changes: [RotaChange]
    /// Remarks on the input, e.g. an absence clipped to the re-plan date.
    public var notes: [String]

    /// The number of changes as `S-STABILITY` counts them (seats whose occupant differs).
    public var changeCount: Int { changes.reduce(0) { $0 + $1.count } }

    /// `changes.csv`: `date,duty,lost,gained`, one row per changed slot; several resources are
    /// separated by `;`.
    public func changesCSV() -> String {
        (["date,duty,lost,gained"] + changes.map {
            "\($0.date.iso),\($0.dutyTypeID),\($0.lost.joined(separator: ";")),\($0.gained.joined(separator: ";"))"
        }).joined(separator: "\n") + "\n"
    }

    /// One line per change: `2026-12-20 night-primary: sato → tanaka` (`night-primary@north` for a per-area slot).
    public func changeLines() -> [String] {
        changes.map { c in
            let lost = c.lost.isEmpty ? "(open)" : c.lost.joined(separator: ", ")
            let gained = c.gained.isEmpty ? "(open)" : c.gained.joined(separator: ", ")
            return "\(c.date.iso) \(c.dutyTypeID)\(c.area.map { "@" + $0 } ?? ""): \(lost) → \(gained)"
        }
    }

    /// Writes the new rota files, `changes.csv` and `report.json` into `directory`.
    ///
    /// The calendars raise `SEQUENCE` only on events whose content changed since publication.
    /// The publication state is, in order of preference: the `publication.json` already in
    /// `directory`; the one in `publishedFolder` (where the published rota was exported);
    /// otherwise a state rebuilt from the published rota, as its own export would have left it.
    public func write(to directory: String, publishedFolder: String? = nil,
                      options: RotaOutputs.Options = RotaOutputs.Options()) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let manager = FileManager.default
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        let state = root.appendingPathComponent(ExportBundle.publicationFileName)
        if !manager.fileExists(atPath: state.path) {
            let sibling = publishedFolder.map { URL(fileURLWithPath: $0, isDirectory: true).appendingPathComponent(ExportBundle.publicationFileName) }
            if let sibling, manager.fileExists(atPath: sibling.path) {
                try Data(contentsOf: sibling).write(to: state, options: .atomic)
            } else {
                let gaps = RotaChecker(scenario: originalScenario).check(published).gaps
                let bundle = ExportBundle(input: ExportInput(scenario: originalScenario, rota: published, gaps: gaps),
                                          options: ExportOptions(dtstamp: options.dtstamp ?? Date()))
                try bundle.publication.jsonData().write(to: state, options: .atomic)
            }
        }
        var written = try RotaOutputs.write(report, to: directory, options: options)
        try Data(changesCSV().utf8).write(to: root.appendingPathComponent("changes.csv"), options: .atomic)
        written.append("changes.csv")
        return written
    }
}

extension Toban {
    /// The re-plan scenario: `scenario` with the new absences (clipped to `from`) and
    /// ``ReplanSettings`` for `published`; returns it with remarks on the input.
    ///
    /// Throws ``ScenarioError`` for an unknown resource or a scenario that does not
    /// validate (e.g. a frozen published duty the scenario no longer allows).
    public static func replanScenario(_ scenario: Scenario, published: Rota, from: CivilDate,
                                      unavailable: [ResourceAbsence] = [],
                                      changeWeight: Double = ReplanSettings.defaultChangeWeight,
                                      coverageFirst: Bool = false) throws(ScenarioError) -> (Scenario, [String]) {
        var s = scenario
        var notes: [String] = []
        var issues: [ScenarioIssue] = []
        for absence in unavailable {
            guard let i = s.resources.firstIndex(where: { $0.id == absence.resourceID }) else {
                issues.append(ScenarioIssue(file: "--unavailable", path: absence.description,
                                            message: "no resource has id '\(absence.resourceID)'\(Toban.known(s.resources.map(\.id)))"))
                continue
            }
            var dates = absence.dates
            if dates.end < from {
                notes.append("\(absence) lies before the re-plan date \(from.iso), which is frozen: ignored")
                continue
            }
            if dates.start < from {
                notes.append("\(absence) starts before the re-plan date \(from.iso): days before it are frozen, so it counts from \(from.iso)")
                dates.start = from
            }
            s.resources[i].unavailable.append(dates)
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
        s.replan = ReplanSettings(published: published, from: from, changeWeight: changeWeight, changesFirst: true)
        s.replan?.coverageFirst = coverageFirst
        try s.validate(file: "re-plan of \(scenario.name)")
        return (s, notes)
    }

    /// Re-plans `scenario` from `from` on: earlier days stay exactly as `published`
    /// (`H-FROZEN`); later days are re-solved with the new facts, the number of changed
    /// duties minimised before anything else (`S-STABILITY`, two-level solve). With
    /// `coverageFirst`, coverage gaps are minimised even before changes.
    ///
    /// ```swift
    /// let result = try Toban.replan(scenario, published: rota, from: CivilDate(iso: "2026-12-15")!,
    ///                               unavailable: [ResourceAbsence(argument: "sato:2026-12-15..2026-12-20")!])
    /// for line in result.changeLines() { print(line) }
    /// ```
    public static func replan(_ scenario: Scenario, published: Rota, from: CivilDate, unavailable: [ResourceAbsence] = [],
                              changeWeight: Double = ReplanSettings.defaultChangeWeight, coverageFirst: Bool = false,
                              options: RotaSolveOptions = RotaSolveOptions(), progress: ProgressHandler? = nil) throws -> ReplanResult {
        let (replanned, notes) = try replanScenario(scenario, published: published, from: from, unavailable: unavailable,
                                                    changeWeight: changeWeight, coverageFirst: coverageFirst)
        let report = try solve(replanned, options: options, progress: progress)
        let changes = replanned.replan?.changes(to: report.solution.rota, in: replanned) ?? []
        return ReplanResult(originalScenario: scenario, report: report, published: published, from: from, changes: changes, notes: notes)
    }

    /// ``replan(_:published:from:unavailable:changeWeight:coverageFirst:options:progress:)`` off the calling
    /// task, with cancellation (see ``solve(_:options:progress:)-swift.type.method``).
    public static func replan(_ scenario: Scenario, published: Rota, from: CivilDate, unavailable: [ResourceAbsence] = [],
                              changeWeight: Double = ReplanSettings.defaultChangeWeight, coverageFirst: Bool = false,
                              options: RotaSolveOptions = RotaSolveOptions(),
                              onProgress progress: (@Sendable (SolveProgress) -> Void)? = nil) async throws -> ReplanResult {
        try await offThread(progress: progress) { handler in
            try Toban.replan(scenario, published: published, from: from, unavailable: unavailable,
                             changeWeight: changeWeight, coverageFirst: coverageFirst, options: options, progress: handler)
        }
    }
}
