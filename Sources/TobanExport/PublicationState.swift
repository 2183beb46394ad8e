import Foundation

/// What was last published of each event: its content fingerprint and `SEQUENCE`, by UID.
///
/// Calendar clients update an event they already hold only when its `SEQUENCE` rises, so a
/// re-export compares each event's fingerprint with this state: the same content keeps its
/// sequence, changed content gets the previous sequence plus one. Save the state returned by
/// ``ICalendarWriter/publication`` (as `publication.json`, see ``jsonData()``) next to the
/// calendars and pass it back as ``ExportOptions/previousPublication`` next time.
///
/// Entries of events that are no longer published are kept, so that an event which comes
/// back later never reuses a sequence number a client has already seen.
public struct PublicationState: Sendable, Hashable, Codable {
    /// What was published of one event.
    public struct Entry: Sendable, Hashable, Codable {
        /// A hash of the event's content, everything but `DTSTAMP` and `SEQUENCE`.
        public var fingerprint: String
        /// The `SEQUENCE` it was published with.
        public var sequence: Int

        /// Creates an entry.
        public init(fingerprint: String, sequence: Int) {
            self.fingerprint = fingerprint
            self.sequence = sequence
        }
    }

    /// The entries by UID.
    public var events: [String: Entry]

    /// Creates a state; empty by default (nothing published yet).
    public init(events: [String: Entry] = [:]) {
        self.events = events
    }

    /// The sequence an event with `uid` and `fingerprint` gets when published after this state.
    public func sequence(uid: String, fingerprint: String) -> Int {
        guard let previous = events[uid] else { return 0 }
        return previous.fingerprint == fingerprint ? previous.sequence : previous.sequence + 1
    }

    /// The state as JSON with sorted keys, one event per line, so that saving it is deterministic.
    ///
    /// Written by hand rather than with `JSONEncoder` because the encoder's pretty-printing
    /// differs between Foundation versions, and the file should be byte-identical everywhere.
    public func jsonText() -> String {
        let lines = events.keys.sorted().compactMap { uid -> String? in
            guard let entry = events[uid] else { return nil }
            return "    \(Self.jsonString(uid)): {\"fingerprint\": \(Self.jsonString(entry.fingerprint)), \"sequence\": \(entry.sequence)}"
        }
        if lines.isEmpty { return "{\n  \"events\": {}\n}\n" }
        return "{\n  \"events\": {\n" + lines.joined(separator: ",\n") + "\n  }\n}\n"
    }

    /// ``jsonText()`` as UTF-8.
    public func jsonData() -> Data { Data(jsonText().utf8) }

    /// A JSON string literal; UIDs and fingerprints are ASCII, but escape everything needed anyway.
    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Reads a state written by ``jsonData()``.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(PublicationState.self, from: jsonData)
    }
}
