import Foundation
import TobanExport
import TobanModel

/// The small hand-built scenario of the golden files: four physicians and one hospital around
/// the 勤労感謝の日 holiday (Monday 23 November 2026), one gap, and names long enough to fold.
enum Fixture {
    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text: text)! }

    /// 2026-11-01T00:00:00Z, the `DTSTAMP` of the golden files.
    static let dtstamp = Date(timeIntervalSince1970: TimeInterval(day("2026-11-01").dayNumber * 86_400))
    static let options = ExportOptions(dtstamp: dtstamp)

    /// `duty` with an allowance per duty, and another on holidays (for `summary.csv`'s `allowance`).
    static func paid(_ duty: DutyType, _ allowance: Double, holiday: Double) -> DutyType {
        var duty = duty
        duty.allowanceDefault = allowance
        duty.allowanceByDayType = [.holiday: holiday]
        return duty
    }

    static let scenario = Scenario(
        name: "みどり区医師会 2026年11月 夜間当番",
        horizon: DateRange(start: day("2026-11-20"), end: day("2026-11-24")),
        organisations: [
            Organisation(id: "sato-clinic", name: "さとう内科クリニック", kind: .clinic),
            Organisation(id: "suzuki-iin", name: "鈴木医院", kind: .clinic),
            Organisation(id: "takahashi-cl", name: "高橋クリニック, 在宅診療部", kind: .clinic),
            Organisation(id: "midori-hp", name: "医療法人社団 緑風会 みどり野総合病院 在宅療養後方支援病棟", kind: .hospital),
        ],
        areas: [
            Area(id: "north", name: "北ブロック", adjacent: ["south"]),
            Area(id: "south", name: "南ブロック", adjacent: ["north"]),
        ],
        dutyTypes: [
            paid(DutyType(id: "night-primary", name: "夜間当番（主）", resourceKind: .physician,
                          start: time("18:00"), end: time("09:00")), 20_000, holiday: 30_000),
            paid(DutyType(id: "night-backup", name: "夜間当番（副）", resourceKind: .physician,
                          start: time("18:00"), end: time("09:00")), 10_000, holiday: 12_500.5),
            DutyType(id: "backup-bed", name: "後方支援病床", resourceKind: .hospital,
                     start: time("00:00"), end: time("00:00")),
        ],
        resources: [
            Resource(id: "sato", name: "佐藤 一郎", kind: .physician, organisation: "sato-clinic", area: "north"),
            Resource(id: "suzuki", name: "鈴木 花子", kind: .physician, organisation: "suzuki-iin", area: "south", fte: 0.5),
            Resource(id: "takahashi", name: "高橋 健太", kind: .physician, organisation: "takahashi-cl", area: "north"),
            Resource(id: "watanabe", name: "渡辺 美咲", kind: .physician, organisation: "takahashi-cl", area: "south",
                     unavailable: [DateRange(start: day("2026-11-22"), end: day("2026-11-22"))], historyDuties: 2),
            Resource(id: "midori", name: "みどり野総合病院", kind: .hospital, organisation: "midori-hp", area: "south"),
        ])

    static let rota = Rota(assignments: [
        ("2026-11-20", "sato", "suzuki"),
        ("2026-11-21", "takahashi", "watanabe"),
        ("2026-11-22", "suzuki", "sato"),
        ("2026-11-23", "watanabe", nil),
        ("2026-11-24", "sato", "takahashi"),
    ].flatMap { (date: String, primary: String, backup: String?) -> [Assignment] in
        [Assignment(date: day(date), dutyTypeID: "night-primary", resourceID: primary),
         Assignment(date: day(date), dutyTypeID: "backup-bed", resourceID: "midori")]
            + (backup.map { [Assignment(date: day(date), dutyTypeID: "night-backup", resourceID: $0)] } ?? [])
    })

    static let gaps = [
        Gap(date: day("2026-11-23"), dutyTypeID: "night-backup", missing: 1,
            reason: "no eligible resource is available on this date"),
    ]

    static let input = ExportInput(scenario: scenario, rota: rota, gaps: gaps)

    /// A whole month (December 2026, with the year-end) filled round-robin, with a few gaps:
    /// not a golden file, but a fuller page for the screenshot of `scripts/validate-exports.sh`.
    static var monthInput: ExportInput {
        var scenario = Fixture.scenario
        scenario.name = "みどり区医師会 2026年12月 夜間・休日当番"
        scenario.horizon = DateRange(start: day("2026-12-01"), end: day("2026-12-31"))
        scenario.dutyTypes.insert(
            DutyType(id: "holiday-day", name: "休日日中", resourceKind: .physician, start: time("09:00"), end: time("18:00"),
                     dayTypes: [.sunday, .holiday, .yearEnd]), at: 2)
        scenario.resources += [
            Resource(id: "ito", name: "伊藤 大輔", kind: .physician, organisation: "suzuki-iin", area: "north"),
            Resource(id: "yamamoto", name: "山本 さくら", kind: .physician, organisation: "sato-clinic", area: "south"),
        ]
        scenario.organisations.append(Organisation(id: "aoba-hp", name: "青葉台病院", kind: .hospital))
        scenario.resources.append(Resource(id: "aoba", name: "青葉台病院", kind: .hospital, organisation: "aoba-hp"))
        let physicians = scenario.resources.filter { $0.kind == .physician }.map(\.id)
        let hospitals = scenario.resources.filter { $0.kind == .hospital }.map(\.id)
        var assignments: [Assignment] = []
        var gaps: [Gap] = []
        var next = 0
        for slot in scenario.slots() {
            let gapDates: Set<String> = ["2026-12-12", "2026-12-30"]
            if slot.dutyTypeID == "night-backup" && gapDates.contains(slot.date.iso) {
                gaps.append(Gap(date: slot.date, dutyTypeID: slot.dutyTypeID, missing: 1, reason: "no eligible resource is available on this date"))
                continue
            }
            let pool = slot.dutyTypeID == "backup-bed" ? hospitals : physicians
            let id = pool[(slot.dutyTypeID == "backup-bed" ? slot.date.day : next) % pool.count]
            if slot.dutyTypeID != "backup-bed" { next += 1 }
            assignments.append(Assignment(date: slot.date, dutyTypeID: slot.dutyTypeID, resourceID: id))
        }
        return ExportInput(scenario: scenario, rota: Rota(assignments: assignments), gaps: gaps)
    }
}
