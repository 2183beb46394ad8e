import Foundation
import TobanModel

/// A self-contained printable HTML page of the rota: a calendar grid per month, the gaps, and a
/// fairness chart.
///
/// The page has no external resources (inline CSS and SVG, no scripts or fonts to fetch), so it
/// can be mailed or printed as it is; `@media print` lays it out on A4. Day types are
/// coloured (Saturday blue, Sunday and holidays red, the year-end amber) and holiday names are
/// shown; every cell lists the people per duty type and highlights gaps. All text from the
/// scenario is HTML-escaped.
public struct HTMLRotaPage: Sendable {
    /// The file name of the page in an export folder.
    public static let fileName = "rota.html"

    /// What is shown.
    public let input: ExportInput
    /// How it is exported; ``ExportOptions/dtstamp`` is shown as the creation time.
    public let options: ExportOptions

    let index: ExportIndex

    /// Prepares the page of `input`.
    public init(input: ExportInput, options: ExportOptions) {
        self.init(input: input, options: options, index: ExportIndex(input))
    }

    /// Prepares the page with an index already built for `input` (``ExportBundle`` shares one).
    init(input: ExportInput, options: ExportOptions, index: ExportIndex) {
        self.input = input
        self.options = options
        self.index = index
    }

    /// The whole page, UTF-8 text with LF line ends.
    public func render() -> String {
        let scenario = index.scenario
        var html = """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Toban 0.1">
        <title>\(Self.escape(scenario.name))</title>
        <style>
        \(Self.styleSheet)
        </style>
        </head>
        <body>
        <header>
        <h1>\(Self.escape(scenario.name))</h1>
        <p class="meta">\(Self.escape(metaLine()))</p>
        </header>

        """
        html += legend()
        for month in months() { html += monthSection(year: month.year, month: month.month) }
        html += gapSection()
        html += fairnessSection()
        html += """
        <footer>Toban 0.1</footer>
        </body>
        </html>

        """
        return html
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Parts

    /// `期間 2026-11-20（金）〜 2026-11-24（火） ・ 作成 2026-11-01 09:00 (Asia/Tokyo)`.
    private func metaLine() -> String {
        let horizon = index.scenario.horizon
        let made = ExportTime.local(options.dtstamp, zone: index.zone)
        return "期間 \(horizon.start.iso)（\(horizon.start.weekday.japanese)）〜 \(horizon.end.iso)（\(horizon.end.weekday.japanese)）"
            + " ・ 作成 \(made.date.iso) \(ExportTime.clock(made.minutes)) (\(index.scenario.timeZone))"
    }

    /// The duty types with their colour and hours, and the day-type colours.
    private func legend() -> String {
        var html = "<section class=\"legend\">\n<ul class=\"duties\">\n"
        for (i, duty) in index.scenario.dutyTypes.enumerated() {
            html += "<li><span class=\"tag d\(i % Self.dutyPaletteSize)\">\(Self.escape(duty.name))</span> "
                + "\(Self.escape(hours(duty)))</li>\n"
        }
        html += "</ul>\n<ul class=\"days\">"
        html += "<li class=\"saturday\">土曜</li><li class=\"sunday\">日曜</li><li class=\"holiday\">祝日</li>"
        html += "<li class=\"year-end\">年末年始</li><li class=\"gapkey\">未充足</li></ul>\n</section>\n"
        return html
    }

    /// `18:00–翌09:00`, or `24時間 (00:00–)` for a 24-hour duty.
    private func hours(_ duty: DutyType) -> String {
        if duty.durationMinutes == 1440 { return "24時間（\(duty.start)〜）" }
        return "\(duty.start)–\(duty.end.minutes <= duty.start.minutes ? "翌" : "")\(duty.end)"
    }

    /// The months that contain a date of the export, in order.
    private func months() -> [(year: Int, month: Int)] {
        var result: [(year: Int, month: Int)] = []
        for date in index.dates where result.last.map({ $0.year != date.year || $0.month != date.month }) ?? true {
            result.append((date.year, date.month))
        }
        return result
    }

    /// One month as a Monday-to-Sunday table of the weeks that hold exported dates.
    private func monthSection(year: Int, month: Int) -> String {
        let shown = Set(index.dates.filter { $0.year == year && $0.month == month })
        guard let first = shown.min(), let last = shown.max() else { return "" }
        let weekStart = first.adding(days: 1 - first.isoWeekday)
        let weekEnd = last.adding(days: 7 - last.isoWeekday)
        var html = "<section class=\"month\">\n<h2>\(year)年\(month)月</h2>\n<table class=\"cal\">\n<thead><tr>"
        for day in Weekday.allCases {
            let type = day == .saturday ? " class=\"saturday\"" : day == .sunday ? " class=\"sunday\"" : ""
            html += "<th\(type)>\(day.japanese)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for weekNumber in 0..<((weekStart.days(to: weekEnd) + 1) / 7) {
            html += "<tr>\n"
            for offset in 0..<7 {
                let date = weekStart.adding(days: weekNumber * 7 + offset)
                html += dayCell(date, inMonth: date.month == month && date.year == year, shown: shown.contains(date))
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// One day: its number and holiday name, then each duty type's people or gap.
    private func dayCell(_ date: CivilDate, inMonth: Bool, shown: Bool) -> String {
        guard inMonth else { return "<td class=\"pad\"></td>\n" }
        let type = index.dayType(date)
        guard shown else {
            return "<td class=\"day out \(type.rawValue)\"><div class=\"dn\">\(date.day)</div></td>\n"
        }
        var html = "<td class=\"day \(type.rawValue)\"><div class=\"dn\">\(date.day)"
        if let holiday = index.holidayName(date) {
            html += "<span class=\"hol\">\(Self.escape(holiday))</span>"
        } else if type == .yearEnd {
            html += "<span class=\"hol\">\(type.japanese)</span>"  // The amber alone is easy to miss on paper.
        }
        html += "</div>\n<ul>\n"
        // One entry per slot: a per-area duty has one per area, tagged with the area's name.
        for dutyID in index.dutyIDs(on: date) {
            for group in index.slotGroups(date: date, dutyID: dutyID) {
                let names = group.resourceIDs.map { index.resourceName($0) }
                let missing = group.missing
                let isGap = missing > 0
                var who = names.map { "<span class=\"who\">\(Self.escape($0))</span>" }
                if missing > 0 {
                    who.append("<span class=\"miss\">未充足\(missing > 1 ? "（\(missing)名）" : "")</span>")
                } else if names.isEmpty {
                    who.append("<span class=\"none\">—</span>")  // An optional duty nobody took.
                }
                html += "<li\(isGap ? " class=\"gap\"" : "")><span class=\"tag \(dutyClass(dutyID))\">"
                    + "\(Self.escape(index.dutyName(dutyID, area: group.area)))</span>\(who.joined())</li>\n"
            }
        }
        return html + "</ul></td>\n"
    }

    /// The colour class of a duty type, by its position in the scenario.
    private func dutyClass(_ dutyID: String) -> String {
        guard let i = index.scenario.dutyTypes.firstIndex(where: { $0.id == dutyID }) else { return "dx" }
        return "d\(i % Self.dutyPaletteSize)"
    }

    /// The gaps as a table with their reasons; a line saying there are none otherwise.
    private func gapSection() -> String {
        var html = "<section class=\"gaps\">\n<h2>未充足の枠</h2>\n"
        guard !index.gaps.isEmpty else { return html + "<p>未充足の枠はありません。</p>\n</section>\n" }
        html += "<table>\n<thead><tr><th>日付</th><th>当番</th><th>不足</th><th>理由</th></tr></thead>\n<tbody>\n"
        for gap in index.gaps {
            html += "<tr><td>\(gap.date.iso)（\(gap.date.weekday.japanese)）</td><td>\(Self.escape(index.dutyName(gap.dutyTypeID, area: gap.area)))</td>"
                + "<td>\(gap.missing)名</td><td>\(Self.escape(gap.reason))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
