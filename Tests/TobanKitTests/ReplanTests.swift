import Foundation
import Testing
import TobanKit

@Suite("Re-planning: frozen past, fewest changes")
struct ReplanTests {
    /// The physician with the most published duties in `window`, and those duties.
    static func busiest(_ rota: Rota, in window: DateRange) -> (String, [Assignment]) {
        let inWindow = Dictionary(grouping: rota.assignments.filter { window.contains($0.date) }, by: \.resourceID)
        let best = inWindow.keys.sorted().max { (inWindow[$0]?.count ?? 0, $1) < (inWindow[$1]?.count ?? 0, $0) } ?? ""
        return (best, inWindow[best] ?? [])
    }

    @Test func oneAbsenceOnAThirtyPhysicianMonthChangesOnlyTheDutiesThatMustMove() throws {
        let scenario = Generated.month(physicians: 30)
        let published = try Toban.solve(scenario).solution.rota
        let from = date("2026-12-15")
        let absence = DateRange(start: date("2026-12-16"), end: date("2026-12-25"))
        let (absent, lost) = ReplanTests.busiest(published, in: absence)
        // The lower bound, computed without the solver: each published duty of the absent
        // physician inside the absence must change hands; the other 29 can absorb them.
        let lowerBound = lost.count
        #expect(lowerBound >= 2, "the test needs a physician with several duties in the absence")

        var clock = ContinuousClock().now
        let result = try Toban.replan(scenario, published: published, from: from,
                                      unavailable: [ResourceAbsence(resourceID: absent, dates: absence)])
        var seconds = [ContinuousClock().now - clock]
        #expect(result.changeCount == lowerBound)
        #expect(result.changes.count == lowerBound)
        #expect(Set(result.changes.map(\.slotKey)) == Set(lost.map(\.slotKey)))
        for change in result.changes {
            #expect(change.lost == [absent])
            #expect(change.gained.count == 1 && change.gained != [absent])
        }
        // Days before the re-plan date are exactly as published.
        let new = result.report.solution.rota
        #expect(new.assignments.filter { $0.date < from } == published.assignments.filter { $0.date < from })
        #expect(result.report.check.isFeasible)
        #expect(result.report.check.gaps.isEmpty)
        #expect(result.report.check.costByRule[RuleID.stability] == ReplanSettings.defaultChangeWeight * Double(lowerBound))
        #expect(!new.assignments.contains { $0.resourceID == absent && absence.contains($0.date) })

        // Measured, not asserted: the median of a few re-plans (printed for the report).
        for _ in 0..<4 {
            clock = ContinuousClock().now
            _ = try Toban.replan(scenario, published: published, from: from, unavailable: [ResourceAbsence(resourceID: absent, dates: absence)])
            seconds.append(ContinuousClock().now - clock)
        }
        let sorted = seconds.sorted()
        print("re-plan of a 30-physician month: median \(sorted[sorted.count / 2]) over \(sorted.count) runs")
    }

    @Test func changesFirstNeverChangesMoreThanAWeightedSolve() throws {
        let scenario = Generated.month(physicians: 30, seed: 11)
        let published = try Toban.solve(scenario).solution.rota
        let from = date("2026-12-10")
        let (absent, _) = ReplanTests.busiest(published, in: DateRange(start: from, end: date("2026-12-31")))
        let absences = [ResourceAbsence(resourceID: absent, dates: DateRange(start: from, end: date("2026-12-31")))]
        let first = try Toban.replan(scenario, published: published, from: from, unavailable: absences)

        // The same facts with a cheap change and changes not first: fairness may buy changes.
        var (weighted, _) = try Toban.replanScenario(scenario, published: published, from: from, unavailable: absences, changeWeight: 1)
        weighted.replan?.changesFirst = false
        weighted.rules.fairnessWeight = 50
        let cheap = try Toban.solve(weighted)
        let cheapChanges = try #require(weighted.replan).changes(to: cheap.solution.rota, in: weighted)
        #expect(first.changeCount <= cheapChanges.reduce(0) { $0 + $1.count })
        #expect(cheap.check.costByRule[RuleID.stability] == Double(cheapChanges.reduce(0) { $0 + $1.count }))
    }

    @Test(arguments: 1...12)
    func randomReplansKeepTheFrozenDaysAndAgreeWithTheChecker(seed: Int) throws {
        let scenario = Generated.small(seed: UInt64(seed))
        let published = try Toban.solve(scenario).solution.rota
        var rng = SeededGenerator(state: UInt64(seed) * 31)
        let days = scenario.horizon.count
        let from = scenario.horizon.start.adding(days: Int.random(in: 0..<days, using: &rng))
        let who = scenario.resources[Int.random(in: 0..<scenario.resources.count, using: &rng)].id
        let away = DateRange(start: from, end: from.adding(days: Int.random(in: 0...3, using: &rng)))
        // Toban.replan runs Toban.solve, which throws when checker and solver disagree.
        let result = try Toban.replan(scenario, published: published, from: from, unavailable: [ResourceAbsence(resourceID: who, dates: away)],
                                      changeWeight: Double(Int.random(in: 0...200, using: &rng)))
        let new = result.report.solution.rota
        #expect(new.assignments.filter { $0.date < from } == published.assignments.filter { $0.date < from })
        #expect(result.report.check.violations.isEmpty)
        // Every published duty of the absent resource inside the absence had to change.
        let forced = published.assignments.filter { $0.resourceID == who && away.contains($0.date) && scenario.horizon.contains($0.date) }
        #expect(result.changeCount >= forced.count)
        #expect(result.changes.allSatisfy { $0.date >= from })
    }

    @Test func fillingASeatThePublishedRotaLeftOpenIsNoChange() throws {
        let scenario = Generated.month(physicians: 12, seed: 8)
        let full = try Toban.solve(scenario).solution.rota
        // Publish the rota with two slots open, as if nobody had been free then.
        let open = full.assignments.filter { $0.date == date("2026-12-20") || $0.date == date("2026-12-21") }.prefix(2)
        let published = Rota(assignments: full.assignments.filter { !open.contains($0) })
        let result = try Toban.replan(scenario, published: published, from: date("2026-12-18"))
        #expect(result.report.check.gaps.isEmpty)
        #expect(result.changeCount == 0)
        #expect(result.report.check.costByRule[RuleID.stability] == nil)
        #expect(Set(result.changes.map(\.slotKey)) == Set(open.map(\.slotKey)))
        #expect(result.changes.allSatisfy { $0.lost.isEmpty && $0.gained.count == 1 && $0.shortfall == 1 && $0.count == 0 })
    }

    @Test func coverageFirstFillsTheDearerGapAtTheCostOfAnotherChange() throws {
        // One night, a primary (gap 10000) and a backup (gap 5000); x falls ill. Changes first:
        // leave the primary open (1 change). Coverage first: y moves up, the backup is open (2 changes).
        let scenario = Scenario(name: "one night", horizon: DateRange(start: date("2026-12-01"), end: date("2026-12-01")),
                                organisations: [Organisation(id: "o", name: "O", kind: .clinic)],
                                dutyTypes: [DutyType(id: "primary", name: "主", resourceKind: .physician, start: time(18), end: time(9), gapPenalty: 10_000),
                                            DutyType(id: "backup", name: "副", resourceKind: .physician, start: time(18), end: time(9), gapPenalty: 5_000)],
                                resources: [Resource(id: "x", name: "X", kind: .physician, organisation: "o"),
                                            Resource(id: "y", name: "Y", kind: .physician, organisation: "o")],
                                rules: RuleSettings(fairnessWeight: 0, fairnessMaxWeight: 0))
        let published = Rota(assignments: [Assignment(date: date("2026-12-01"), dutyTypeID: "primary", resourceID: "x"),
                                           Assignment(date: date("2026-12-01"), dutyTypeID: "backup", resourceID: "y")])
        let ill = [ResourceAbsence(resourceID: "x", dates: scenario.horizon)]
        let changesFirst = try Toban.replan(scenario, published: published, from: date("2026-12-01"), unavailable: ill)
        #expect(changesFirst.changeCount == 1)
        #expect(changesFirst.report.check.gaps.map(\.slotKey) == ["2026-12-01/primary"])
        let coverFirst = try Toban.replan(scenario, published: published, from: date("2026-12-01"), unavailable: ill, coverageFirst: true)
        #expect(coverFirst.changeCount == 2)
        #expect(coverFirst.report.check.gaps.map(\.slotKey) == ["2026-12-01/backup"])
        #expect(coverFirst.report.check.costByRule[RuleID.coverGap] == 5_000)
        #expect(coverFirst.report.check.costByRule[RuleID.stability] == 2 * ReplanSettings.defaultChangeWeight)
    }

    @Test func absencesBeforeTheReplanDateAreClippedOrIgnoredWithANote() throws {
        let scenario = Generated.small(seed: 3)
        let published = try Toban.solve(scenario).solution.rota
        let start = scenario.horizon.start, from = start.adding(days: 3)
        let who = scenario.resources[0].id
        let (s, notes) = try Toban.replanScenario(scenario, published: published, from: from, unavailable: [
            ResourceAbsence(resourceID: who, dates: DateRange(start: start, end: start.adding(days: 1))),
            ResourceAbsence(resourceID: who, dates: DateRange(start: start.adding(days: 2), end: from.adding(days: 1))),
        ])
        #expect(notes.count == 2)
        #expect(notes[0].contains("ignored") && notes[1].contains("counts from \(from.iso)"))
        #expect(s.resource(who)?.unavailable.last == DateRange(start: from, end: from.adding(days: 1)))
        #expect(throws: ScenarioError.self) {
            _ = try Toban.replanScenario(scenario, published: published, from: from, unavailable: [ResourceAbsence(resourceID: "nobody", dates: scenario.horizon)])
        }
    }

    @Test func aFrozenDutyTheScenarioNoLongerAllowsIsReportedBeforeSolving() throws {
        var scenario = Generated.small(seed: 5)
        let published = try Toban.solve(scenario).solution.rota
        let first = try #require(published.assignments.first)
        scenario.resources[try #require(scenario.resources.firstIndex { $0.id == first.resourceID })].unavailable.append(DateRange(start: first.date, end: first.date))
        scenario.replan = ReplanSettings(published: published, from: first.date.adding(days: 1))
        let problems = scenario.validationIssues()
        #expect(problems.contains { $0.path == "replan.published" && $0.message.contains("unavailable on \(first.date.iso)") && $0.message.contains("frozen") })
        var outside = scenario
        outside.replan = ReplanSettings(published: Rota(assignments: []), from: scenario.horizon.end.adding(days: 5))
        #expect(outside.validationIssues().contains { $0.path == "replan.from" })
    }

    @Test func replanSettingsLoadFromYAMLWithPlacesInErrors() throws {
        let good = """
        format: 1
        name: t
        horizon: {start: 2026-12-01, end: 2026-12-03}
        organisations: [{id: x, name: X, kind: clinic}]
        dutyTypes: [{id: n, name: N, resourceKind: physician, start: "18:00", end: "09:00"}]
        resources: [{id: a, name: A, kind: physician, organisation: x}, {id: b, name: B, kind: physician, organisation: x}]
        replan:
          from: 2026-12-02
          weight: 7
          published: [{date: 2026-12-01, duty: n, resource: a}, {date: 2026-12-02, duty: n, resource: b}]
        """
        let scenario = try ScenarioLoader.load(text: good, file: "t.yaml")
        #expect(scenario.replan?.from == date("2026-12-02"))
        #expect(scenario.replan?.changeWeight == 7)
        #expect(scenario.replan?.published.assignments.count == 2)
        let report = try Toban.solve(scenario)
        // 12-03 was not published (a seat left open): filling it is no change, so it is filled.
        #expect(report.solution.rota.assignments.prefix(2).map(\.resourceID) == ["a", "b"])
        #expect(report.solution.rota.assignments.count == 3)
        #expect(report.check.costByRule[RuleID.stability] == nil)

        let bad = good.replacingOccurrences(of: "weight: 7", with: "wieght: 7").replacingOccurrences(of: "resource: b}]", with: "resource: zz}]")
        do {
            _ = try ScenarioLoader.load(text: bad.replacingOccurrences(of: "from: 2026-12-02", with: "from: 2026-12-03"), file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.contains { $0.path == "replan.wieght" && $0.line == 9 && $0.message.contains("did you mean 'weight'") })
        }
        do {
            _ = try ScenarioLoader.load(text: good.replacingOccurrences(of: "from: 2026-12-02", with: "from: 2026-12-03")
                .replacingOccurrences(of: "resource: b}]", with: "resource: zz}]"), file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.contains { $0.path == "replan.published" && $0.line == 10 && $0.message.contains("'zz'") })
        }
    }

    @Test func onlyChangedEventsRaiseTheirSequence() throws {
        let scenario = Generated.month(physicians: 12, seed: 3)
        let published = try Toban.solve(scenario)
        let dir = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = RotaOutputs.Options(dtstamp: Date(timeIntervalSince1970: 1_764_547_200))
        let from = date("2026-12-12")
        let (absent, _) = ReplanTests.busiest(published.solution.rota, in: DateRange(start: from, end: date("2026-12-20")))
        let result = try Toban.replan(scenario, published: published.solution.rota, from: from,
                                      unavailable: [ResourceAbsence(resourceID: absent, dates: DateRange(start: from, end: date("2026-12-20")))])
        #expect(result.changeCount > 0)
        // No publication.json anywhere: the state is rebuilt from the published rota.
        let out = dir.appendingPathComponent("replan")
        _ = try result.write(to: out.path, options: options)
        let changedDates = Set(result.changes.map(\.date.iso))
        let calendar = try String(contentsOf: out.appendingPathComponent("rota.ics"), encoding: .utf8)
        var raised = 0, kept = 0
        for event in calendar.components(separatedBy: "BEGIN:VEVENT").dropFirst() {
            let lines = event.components(separatedBy: "\r\n")
            let sequence = lines.first { $0.hasPrefix("SEQUENCE:") }.flatMap { Int($0.dropFirst(9)) } ?? -1
            let uid = lines.first { $0.hasPrefix("UID:") } ?? ""
            let onChangedDate = changedDates.contains { uid.hasPrefix("UID:" + $0) }
            if sequence > 0 { raised += 1; #expect(onChangedDate, "\(uid) raised its SEQUENCE but nothing changed that day") }
            if !onChangedDate { kept += 1; #expect(sequence == 0, "\(uid)") }
        }
        #expect(raised > 0 && kept > 0)
        let csv = try String(contentsOf: out.appendingPathComponent("changes.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("date,duty,lost,gained\n"))
        #expect(csv.split(separator: "\n").count == result.changes.count + 1)
    }
}
