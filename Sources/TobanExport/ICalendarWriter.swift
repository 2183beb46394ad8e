import Foundation
import TobanModel

/// Writes the rota as iCalendar (RFC 5545): the whole rota, one calendar per resource and one
/// per organisation.
///
/// Every assignment becomes one `VEVENT` with UTC times taken from its slot, a Japanese
/// `SUMMARY` (duty name and who), a `DESCRIPTION` naming the others on duty that date, and for
/// hospital (bed) duties the hospital as `LOCATION`. Each gap becomes an event
/// `未充足: <duty name>` in the whole-rota calendar only. UIDs are stable (see
/// ``uid(scenarioName:date:dutyTypeID:resourceID:)``), and `SEQUENCE` rises only for events whose
/// content changed since ``ExportOptions/previousPublication``.
///
/// Output is CRLF-terminated, folded at 75 octets and byte-identical for the same input.
public struct ICalendarWriter: Sendable {
    /// The `PRODID` of every calendar.
    public static let productID = "-//Toban//Toban 0.1//JA"
    /// The file name of the whole-rota calendar.
    public static let rotaFileName = "rota.ics"

    /// What is exported.
    public let input: ExportInput
    /// How it is exported.
    public let options: ExportOptions
    /// The state to save after publishing these calendars: the previous state updated with
    /// every event's fingerprint and sequence.
    public let publication: PublicationState

    let index: ExportIndex
    /// Every event, assignments and gaps, in date, duty and resource order.
    let events: [ICalendarEvent]

    /// Prepares the calendars of `input`; the text is produced by the other methods.
    public init(input: ExportInput, options: ExportOptions) {
        self.init(input: input, options: options, index: ExportIndex(input))
    }

    /// Prepares the calendars with an index already built for `input` (``ExportBundle`` shares one).
    init(input: ExportInput, options: ExportOptions, index: ExportIndex) {
        self.input = input
        self.options = options
        self.index = index
        let previous = options.previousPublication ?? PublicationState()
        var state = previous
        var events: [ICalendarEvent] = []
        for date in index.dates {
            for dutyID in index.dutyIDs(on: date) {
                for assignment in index.assignments(on: date) where assignment.dutyTypeID == dutyID {
                    guard var event = Self.event(for: assignment, index: index) else { continue }
                    event.sequence = previous.sequence(uid: event.uid, fingerprint: event.fingerprint)
                    state.events[event.uid] = .init(fingerprint: event.fingerprint, sequence: event.sequence)
                    events.append(event)
                }
                for gap in index.gaps(on: date) where gap.dutyTypeID == dutyID {
                    guard var event = Self.event(for: gap, index: index) else { continue }
                    event.sequence = previous.sequence(uid: event.uid, fingerprint: event.fingerprint)
                    state.events[event.uid] = .init(fingerprint: event.fingerprint, sequence: event.sequence)
                    events.append(event)
                }
            }
        }
        self.events = events
        publication = state
    }

    // MARK: Calendars

    /// The whole rota: every assignment and every gap.
    public func rotaCalendar() -> String {
        calendar(name: index.scenario.name, events: events)
    }

    /// The duties of one resource (no gap events); a calendar without events when it has none.
    public func calendar(forResource resourceID: String) -> String {
        let name = index.resourceName(resourceID) + " – " + index.scenario.name
        return calendar(name: name, events: events.filter { $0.resourceID == resourceID })
    }

    /// The duties of every resource of one organisation (no gap events).
    public func calendar(forOrganisation organisationID: String) -> String {
        let name = (index.organisation(organisationID)?.name ?? organisationID) + " – " + index.scenario.name
        return calendar(name: name, events: events.filter { $0.organisationID == organisationID })
    }

    /// Every calendar file with its path relative to the export folder: `rota.ics`, then
    /// `people/<resource-id>.ics` for each resource and `organisations/<organisation-id>.ics`
    /// for each organisation, in scenario order.
    ///
    /// People and organisations without duties get a calendar without events, so that a
    /// subscription to their address keeps working when they have no duty this period.
    public func files() -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = [(Self.rotaFileName, rotaCalendar())]
        var seen = Set<String>()
        for resource in index.scenario.resources where seen.insert("people/" + resource.id).inserted {
            files.append(("people/\(ExportPath.component(resource.id)).ics", calendar(forResource: resource.id)))
        }
        for organisation in index.scenario.organisations where seen.insert("org/" + organisation.id).inserted {
            files.append(("organisations/\(ExportPath.component(organisation.id)).ics",
                          calendar(forOrganisation: organisation.id)))
        }
        return files
    }

    // MARK: UIDs

    /// The UID of a resource's duty: the same for the same date, duty type, resource and
    /// scenario name, whatever else changes, so that calendar clients update rather than
    /// duplicate the event when the rota is published again.
    ///
    /// The form is `<date>-<24 hex digits of a SHA-256>@toban`; the hash covers the scenario
    /// name (the namespace that keeps two districts' UIDs apart), the date, the duty type id
    /// and the resource id.
    public static func uid(scenarioName: String, date: CivilDate, dutyTypeID: String, resourceID: String) -> String {
        let hash = StableHash.hex(parts: ["toban-duty-v1", scenarioName, date.iso, dutyTypeID, resourceID], hexDigits: 24)
        return "\(date.iso)-\(hash)@toban"
    }

    /// The UID of a gap event: stable for the same date, duty type, area (of a per-area slot)
    /// and scenario name; a district-wide slot's UID does not depend on areas at all.
    public static func gapUID(scenarioName: String, date: CivilDate, dutyTypeID: String, area: String? = nil) -> String {
        let hash = StableHash.hex(parts: ["toban-gap-v1", scenarioName, date.iso, dutyTypeID] + (area.map { ["area", $0] } ?? []),
                                  hexDigits: 24)
        return "\(date.iso)-gap-\(hash)@toban"
    }

    // MARK: Rendering

    private func calendar(name: String, events: [ICalendarEvent]) -> String {
        let scenario = index.scenario
        let horizon = "\(scenario.horizon.start.iso) – \(scenario.horizon.end.iso)"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + Self.productID,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "NAME:" + Self.escapeText(name),
            "X-WR-CALNAME:" + Self.escapeText(name),
            "X-WR-CALDESC:" + Self.escapeText("\(scenario.name)（\(horizon)）"),
            "X-WR-TIMEZONE:" + scenario.timeZone,
            // Subscribers re-read published rotas twice a day, enough for swaps to reach them.
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
        ]
        let stamp = ExportTime.utc(options.dtstamp)
        for event in events { lines += event.lines(dtstamp: stamp) }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }
}

/// File and folder names made from ids.
enum ExportPath {
    /// `id` as one path component: scenario ids are already safe (letters, digits, `-`, `_`,
    /// `.`), but a hand-built scenario might not be, and no id may climb out of the folder.
    static func component(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars {
            let safe = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.".unicodeScalars.contains(scalar)
            out.unicodeScalars.append(safe && scalar.value > 32 ? scalar : "_")
        }
        if out.isEmpty || out.hasPrefix(".") { out = "_" + out }
        return out
    }
}
