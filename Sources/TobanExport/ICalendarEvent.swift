import Foundation
import TobanModel

/// One `VEVENT` before rendering: an assignment or a gap.
struct ICalendarEvent: Sendable, Hashable {
    var uid: String
    var sequence = 0
    var start: Date
    var end: Date
    var summary: String
    var description: String
    var location: String?
    /// `CONFIRMED` for duties, `TENTATIVE` for gaps (nobody holds them yet).
    var status: String
    /// `OPAQUE` for duties (the person is busy), `TRANSPARENT` for gaps.
    var transparency: String
    /// The resource on duty; nil for a gap.
    var resourceID: String?
    /// The resource's organisation; nil for a gap or an unknown resource.
    var organisationID: String?

    /// The properties that make up the content, unfolded: everything but `DTSTAMP` and `SEQUENCE`,
    /// which change without the event changing.
    var contentLines: [String] {
        var lines = [
            "DTSTART:" + ExportTime.utc(start),
            "DTEND:" + ExportTime.utc(end),
            "SUMMARY:" + ICalendarWriter.escapeText(summary),
            "DESCRIPTION:" + ICalendarWriter.escapeText(description),
        ]
        if let location { lines.append("LOCATION:" + ICalendarWriter.escapeText(location)) }
        lines += ["STATUS:" + status, "TRANSP:" + transparency]
        return lines
    }

    /// A hash of ``contentLines`` (and the UID), compared with the previous publication.
    var fingerprint: String {
        StableHash.hex(parts: [uid] + contentLines, hexDigits: 32)
    }

    /// The unfolded lines of the whole `VEVENT`.
    func lines(dtstamp: String) -> [String] {
        ["BEGIN:VEVENT", "UID:" + uid, "SEQUENCE:\(sequence)", "DTSTAMP:" + dtstamp]
            + contentLines + ["END:VEVENT"]
    }
}

extension ICalendarWriter {
    /// The event of one assignment; nil when its duty type is unknown (no times to give it).
    static func event(for assignment: Assignment, index: ExportIndex) -> ICalendarEvent? {
        guard let window = index.window(date: assignment.date, dutyTypeID: assignment.dutyTypeID) else { return nil }
        let resource = index.resource(assignment.resourceID)
        let organisation = resource.flatMap { index.organisation($0.organisation) }
        // A per-area duty's title names the area: 休日日中当番（北谷） 上野 里美.
        let dutyName = index.dutyName(assignment.dutyTypeID, area: index.resolver.area(of: assignment))
        let who = index.resourceName(assignment.resourceID)
        let isHospital = index.dutyType(assignment.dutyTypeID)?.resourceKind == .hospital || resource?.kind == .hospital

        var description = [dateLine(assignment.date, index: index), "時間: " + timeLine(window, index: index)]
        if let organisation, !isHospital { description.append("所属: " + organisation.name) }
        description += othersOnDuty(date: assignment.date, except: assignment, exceptGapOf: nil, index: index)

        return ICalendarEvent(
            uid: uid(scenarioName: index.scenario.name, date: assignment.date,
                     dutyTypeID: assignment.dutyTypeID, resourceID: assignment.resourceID),
            start: window.start, end: window.end,
            summary: "\(dutyName) \(who)",
            description: description.joined(separator: "\n"),
            location: isHospital ? (organisation?.name ?? who) : nil,
            status: "CONFIRMED", transparency: "OPAQUE",
            resourceID: assignment.resourceID, organisationID: resource?.organisation)
    }

    /// The event of one gap; nil when its duty type is unknown.
    static func event(for gap: Gap, index: ExportIndex) -> ICalendarEvent? {
        guard let window = index.window(date: gap.date, dutyTypeID: gap.dutyTypeID) else { return nil }
        let dutyName = index.dutyName(gap.dutyTypeID, area: gap.area)
        var description = [dateLine(gap.date, index: index), "時間: " + timeLine(window, index: index),
                           "不足: \(gap.missing)名"]
        if !gap.reason.isEmpty { description.append("理由: " + gap.reason) }
        description += othersOnDuty(date: gap.date, except: nil, exceptGapOf: gap.dutyTypeID, index: index)
        return ICalendarEvent(
            uid: gapUID(scenarioName: index.scenario.name, date: gap.date, dutyTypeID: gap.dutyTypeID, area: gap.area),
            start: window.start, end: window.end,
            summary: "未充足: \(dutyName)",
            description: description.joined(separator: "\n"),
            location: nil, status: "TENTATIVE", transparency: "TRANSPARENT",
            resourceID: nil, organisationID: nil)
    }

    /// `2026-11-23（月）祝日・勤労感謝の日`: the date as the rota's readers know it.
    static func dateLine(_ date: CivilDate, index: ExportIndex) -> String {
        let holiday = index.holidayName(date).map { "・" + $0 } ?? ""
        return "\(date.iso)（\(date.weekday.japanese)）\(index.dayType(date).japanese)\(holiday)"
    }

    /// `18:00–翌09:00`, in the scenario's zone, marking an end on a later day.
    static func timeLine(_ window: (start: Date, end: Date), index: ExportIndex) -> String {
        let start = ExportTime.local(window.start, zone: index.zone)
        let end = ExportTime.local(window.end, zone: index.zone)
        let days = start.date.days(to: end.date)
        let prefix = days == 0 ? "" : days == 1 ? "翌" : "\(days)日後"
        return ExportTime.clock(start.minutes) + "–" + prefix + ExportTime.clock(end.minutes)
    }

    /// `同日の当番:` followed by one line per duty type of the date with whoever else holds it,
    /// or `未充足` for its gap; the reader sees at once whom to call for backup.
    static func othersOnDuty(date: CivilDate, except: Assignment?, exceptGapOf gapDutyID: String?,
                             index: ExportIndex) -> [String] {
        var lines: [String] = []
        for dutyID in index.dutyIDs(on: date) {
            var names = index.assignments(on: date)
                .filter { $0.dutyTypeID == dutyID && $0 != except }
                .map { index.resourceName($0.resourceID) }
            let missing = dutyID == gapDutyID ? 0
                : index.gaps(on: date).filter { $0.dutyTypeID == dutyID }.reduce(0) { $0 + $1.missing }
            if missing > 0 { names.append(missing == 1 ? "未充足" : "未充足（\(missing)名）") }
            if !names.isEmpty { lines.append("・\(index.dutyName(dutyID)): " + names.joined(separator: "、")) }
        }
        return lines.isEmpty ? ["同日の他の当番: なし"] : ["同日の当番:"] + lines
    }
}
