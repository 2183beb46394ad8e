import Foundation
import TobanKit

/// SplitMix64: a seeded generator, so every generated scenario is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func date(_ iso: String) -> CivilDate {
    guard let d = CivilDate(iso: iso) else { fatalError("bad date \(iso) in a test") }
    return d
}

func time(_ h: Int) -> TimeOfDay {
    guard let t = TimeOfDay(hour: h, minute: 0) else { fatalError("bad hour \(h) in a test") }
    return t
}

enum Generated {
    /// A December of `count` physicians in six clinics: a primary and a backup every night and
    /// a daytime duty on Sundays, holidays and the year-end; seeded absences and FTEs.
    static func month(physicians count: Int = 30, seed: UInt64 = 7) -> Scenario {
        var rng = SeededGenerator(state: seed)
        let clinics = (0..<6).map { Organisation(id: "clinic\($0)", name: "第\($0)クリニック", kind: .clinic) }
        let horizon = DateRange(start: date("2026-12-01"), end: date("2026-12-31"))
        let duties = [
            DutyType(id: "night-primary", name: "夜間当番（主）", resourceKind: .physician, start: time(18), end: time(9), gapPenalty: 10_000),
            DutyType(id: "night-backup", name: "夜間当番（副）", resourceKind: .physician, start: time(18), end: time(9), gapPenalty: 5_000),
            DutyType(id: "holiday-day", name: "休日日中当番", resourceKind: .physician, start: time(9), end: time(18),
                     dayTypes: [.sunday, .holiday, .yearEnd], gapPenalty: 8_000),
        ]
        var resources: [Resource] = []
        for i in 0..<count {
            var r = Resource(id: "dr\(i < 10 ? "0" : "")\(i)", name: "医師\(i)", kind: .physician, organisation: clinics[i % 6].id,
                             fte: [1, 1, 0.8, 0.5][Int.random(in: 0...3, using: &rng)],
                             maxDuties: max(6, (72 * 3 + count * 2 - 1) / (count * 2)))
            if Int.random(in: 0...3, using: &rng) == 0 {
                let start = horizon.start.adding(days: Int.random(in: 0...27, using: &rng))
                r.unavailable = [DateRange(start: start, end: start.adding(days: Int.random(in: 0...3, using: &rng)))]
            }
            resources.append(r)
        }
        return Scenario(name: "generated \(count) physicians seed \(seed)", horizon: horizon, organisations: clinics,
                        dutyTypes: duties, resources: resources)
    }

    /// A small random scenario of varied shape, for property tests.
    static func small(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(state: seed)
        let start = [date("2026-12-20"), date("2026-11-01"), date("2027-01-08")][Int.random(in: 0...2, using: &rng)]
        let days = Int.random(in: 5...14, using: &rng)
        let horizon = DateRange(start: start, end: start.adding(days: days - 1))
        let clinics = [Organisation(id: "a", name: "A", kind: .clinic), Organisation(id: "b", name: "B", kind: .clinic)]
        var duties: [DutyType] = []
        for k in 0..<Int.random(in: 1...2, using: &rng) {
            let minCover = Int.random(in: 1...2, using: &rng)
            duties.append(DutyType(id: "d\(k)", name: "当番\(k)", resourceKind: .physician, start: time(k == 0 ? 18 : 9), end: time(k == 0 ? 9 : 17),
                                   dayTypes: k == 0 ? Set(DayType.allCases) : [.saturday, .sunday, .holiday, .yearEnd],
                                   coverageMin: minCover, coverageMax: minCover + Int.random(in: 0...1, using: &rng),
                                   gapPenalty: Double(Int.random(in: 1...5, using: &rng) * 100)))
        }
        var resources: [Resource] = []
        for i in 0..<Int.random(in: 3...7, using: &rng) {
            var r = Resource(id: "r\(i)", name: "担当\(i)", kind: .physician, organisation: clinics[i % 2].id,
                             fte: [0.5, 1, 1, 0.8][Int.random(in: 0...3, using: &rng)])
            if Bool.random(using: &rng) { r.maxDuties = Int.random(in: 2...max(2, days), using: &rng) }
            if Int.random(in: 0...2, using: &rng) == 0 {
                let a = horizon.start.adding(days: Int.random(in: 0..<days, using: &rng))
                r.unavailable = [DateRange(start: a, end: a.adding(days: Int.random(in: 0...2, using: &rng)))]
            }
            resources.append(r)
        }
        return Scenario(name: "small \(seed)", horizon: horizon, organisations: clinics, dutyTypes: duties, resources: resources,
                        rules: RuleSettings(fairnessWeight: Double(Int.random(in: 0...20, using: &rng)),
                                            fairnessMaxWeight: Double(Int.random(in: 0...60, using: &rng))))
    }
}

enum TestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tobankit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
