import TobanModel

extension HTMLRotaPage {
    /// The fairness chart: per resource, its duty count as a bar over its fair band (shaded)
    /// and target (a line), the bar red when the count lies outside the band.
    func fairnessSection() -> String {
        let tallies = DutyTally.all(index)
        var html = "<section class=\"fairness\">\n<h2>当番回数と目標</h2>\n"
        guard !tallies.isEmpty else { return html + "<p>対象者がいません。</p>\n</section>\n" }
        html += fairnessChart(tallies)
        html += "<p class=\"note\">棒: 今期の当番回数　緑の帯: 公平な回数の範囲　縦線: 目標（FTE と勤務可能日から按分、前期までの回数を考慮）</p>\n"
        return html + "</section>\n"
    }

    /// The chart as inline SVG; coordinates are rounded to 0.1 so the text is stable.
    private func fairnessChart(_ tallies: [DutyTally]) -> String {
        let labelWidth = 190.0, chartWidth = 430.0, valueWidth = 150.0, rowHeight = 24.0, top = 24.0
        let largest = tallies.map { max($0.total, $0.target?.band.upperBound ?? 0) }.max() ?? 0
        let scale = Double(max(largest, 1))
        let step = scale <= 12 ? 1 : scale <= 24 ? 2 : scale <= 60 ? 5 : 10
        func x(_ value: Double) -> Double { labelWidth + value / scale * chartWidth }
        let width = labelWidth + chartWidth + valueWidth
        let height = top + Double(tallies.count) * rowHeight + 8

        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"当番回数と目標\">\n"
        // Axis: a grid line and a number at every step.
        for tick in stride(from: 0, through: Int(scale), by: step) {
            let tx = x(Double(tick))
            svg += "<line class=\"grid\" x1=\"\(n(tx))\" y1=\"\(n(top - 4))\" x2=\"\(n(tx))\" y2=\"\(n(height - 8))\"/>"
                + "<text class=\"axis\" x=\"\(n(tx))\" y=\"\(n(top - 8))\">\(tick)</text>\n"
        }
        for (row, tally) in tallies.enumerated() {
            let y = top + Double(row) * rowHeight
            let name = index.resourceName(tally.resourceID)
            let outside = (tally.deviation ?? 0) > 0
            var tip = "\(name): \(tally.total)回"
            if let target = tally.target {
                tip += "（目標 \(CSVWriter.decimal(target.target))、範囲 \(target.band.lowerBound)–\(target.band.upperBound)）"
            }
            svg += "<g><title>\(Self.escape(tip))</title>\n"
            svg += "<text class=\"label\" x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 16))\">\(Self.escape(name))</text>\n"
            if let target = tally.target {
                let low = x(Double(target.band.lowerBound)), high = x(Double(target.band.upperBound))
                // A band of one value would be invisible: give it a few pixels.
                let (bx, bw) = high - low < 4 ? (low - 2, 4.0) : (low, high - low)
                svg += "<rect class=\"band\" x=\"\(n(bx))\" y=\"\(n(y + 3))\" width=\"\(n(bw))\" height=\"\(n(rowHeight - 6))\"/>"
                let tx = x(target.target)
                svg += "<line class=\"target\" x1=\"\(n(tx))\" y1=\"\(n(y + 2))\" x2=\"\(n(tx))\" y2=\"\(n(y + rowHeight - 2))\"/>\n"
            }
            let barWidth = x(Double(tally.total)) - x(0)
            svg += "<rect class=\"bar\(outside ? " over" : "")\" x=\"\(n(x(0)))\" y=\"\(n(y + 8))\" width=\"\(n(barWidth))\" height=\"8\"/>"
            var value = "\(tally.total)回"
            if let target = tally.target { value += " / 目標 \(CSVWriter.decimal(target.target))" }
            svg += "<text class=\"value\(outside ? " over" : "")\" x=\"\(n(labelWidth + chartWidth + 8))\" y=\"\(n(y + 16))\">"
                + "\(Self.escape(value))</text>\n</g>\n"
        }
        return svg + "</svg>\n"
    }

    /// A coordinate with at most one decimal, without locale.
    private func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return sign + (magnitude % 10 == 0 ? "\(magnitude / 10)" : "\(magnitude / 10).\(magnitude % 10)")
    }
}
