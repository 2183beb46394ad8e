import Foundation
import TobanModel

/// What every exporter reads: the scenario, the rota solved for it and the gaps left open.
///
/// The exporters never solve or check anything: they print what they are given. Assignments
/// or gaps that name an unknown duty type or resource are still written where a format can
/// hold them (CSV), with empty names, so that a broken rota is visible rather than hidden.
public struct ExportInput: Sendable, Hashable {
    /// The scenario the rota was made for.
    public var scenario: Scenario
    /// The assignments.
    public var rota: Rota
    /// The slots left short of their minimum coverage (any order; the writers sort them).
    public var gaps: [Gap]

    /// Creates an input.
    public init(scenario: Scenario, rota: Rota, gaps: [Gap] = []) {
        self.scenario = scenario
        self.rota = rota
        self.gaps = gaps
    }
}

/// How to export: the publication time stamp, the CSV flavour and the previous publication.
///
/// Nothing in the exporters reads the clock: the caller passes ``dtstamp`` (for example from
/// `SOURCE_DATE_EPOCH`, see ``sourceDateEpoch(in:)``), so the same input always gives
/// byte-identical files.
public struct ExportOptions: Sendable, Hashable {
    /// The instant written as `DTSTAMP` of every event and shown on the HTML page.
    public var dtstamp: Date
    /// Whether CSV files start with a UTF-8 byte-order mark and end lines with CRLF, as
    /// Excel needs to read UTF-8 Japanese text; plain UTF-8 with LF otherwise.
    public var excelCompatible: Bool
    /// The state saved after the previous publication of the same calendars, if any; events
    /// whose content changed since then get a higher `SEQUENCE`.
    public var previousPublication: PublicationState?

    /// Creates options.
    public init(dtstamp: Date, excelCompatible: Bool = false, previousPublication: PublicationState? = nil) {
        self.dtstamp = dtstamp
        self.excelCompatible = excelCompatible
        self.previousPublication = previousPublication
    }

    /// The instant named by `SOURCE_DATE_EPOCH` in `environment`, if it is set to whole seconds.
    ///
    /// The reproducible-builds convention: callers that want stable output across runs set it
    /// and pass the result as ``dtstamp``; others pass the current time.
    public static func sourceDateEpoch(in environment: [String: String]) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
