import Foundation
import Testing
import TobanExport
import TobanModel

@Suite("HTML page")
struct HTMLTests {
    let page = HTMLRotaPage(input: Fixture.input, options: Fixture.options).render()

    @Test func escapes() {
        #expect(HTMLRotaPage.escape(#"<b>"A&B's"</b>"#) == "&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;")
        var scenario = Fixture.scenario
        scenario.name = "<script>alert(1)</script>"
        scenario.resources[0].name = "佐藤 <i>一郎</i>"
        let html = HTMLRotaPage(input: ExportInput(scenario: scenario, rota: Fixture.rota, gaps: Fixture.gaps),
                                options: Fixture.options).render()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("佐藤 &lt;i&gt;一郎&lt;/i&gt;"))
    }

    @Test func selfContainedJapanesePage() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("@page { size: A4"))
        #expect(page.contains("@media print"))
        // Nothing fetched from elsewhere (the SVG namespace is a name, not a fetch).
        for reference in ["src=", "href=", "url(", "@import", "<script", "<link"] {
            #expect(!page.contains(reference), "\(reference)")
        }
    }

    @Test func calendarShowsDayTypesHolidaysAndGaps() {
        #expect(page.contains("<h2>2026年11月</h2>"))
        #expect(page.contains("<td class=\"day saturday\"><div class=\"dn\">21</div>"))
        #expect(page.contains("<td class=\"day sunday\"><div class=\"dn\">22</div>"))
        #expect(page.contains("<td class=\"day holiday\"><div class=\"dn\">23<span class=\"hol\">勤労感謝の日</span>"))
        #expect(page.contains("<li class=\"gap\"><span class=\"tag d1\">夜間当番（副）</span><span class=\"miss\">未充足</span></li>"))
        #expect(page.components(separatedBy: "class=\"gap\"").count - 1 == 1)
        // One week row: Monday 16 to Sunday 22 is shown only as far as it holds horizon dates.
        #expect(page.contains("<td class=\"day out weekday\"><div class=\"dn\">16</div></td>"))
    }

    @Test func yearEndHasItsOwnColour() {
        let html = HTMLRotaPage(input: Fixture.monthInput, options: Fixture.options).render()
        // Named as well as coloured, because the colour is easy to miss on paper.
        #expect(html.contains("<td class=\"day year-end\"><div class=\"dn\">29<span class=\"hol\">年末年始</span></div>"))
        #expect(html.contains(".year-end { background"))
    }

    @Test func closuresAreNamedAndColouredAsTheirDayType() {
        var scenario = Fixture.scenario
        scenario.calendar.closures = [Closure(name: "医師会休診日", dates: [DateRange(start: Fixture.day("2026-11-24"), end: Fixture.day("2026-11-24"))])]
        let html = HTMLRotaPage(input: ExportInput(scenario: scenario, rota: Fixture.rota, gaps: Fixture.gaps), options: Fixture.options).render()
        #expect(html.contains("<td class=\"day holiday\"><div class=\"dn\">24<span class=\"hol\">医師会休診日</span>"))
        // A name is one unit: it moves to the next line whole rather than breaking inside.
        #expect(html.contains(".who { display: inline-block; }"))
    }

    @Test func fairnessChartHasARowPerResource() {
        #expect(page.contains("<svg class=\"chart\""))
        for resource in Fixture.scenario.resources {
            #expect(page.contains("<text class=\"label\" x=\"182\" y=\"") && page.contains(">\(resource.name)</text>"))
        }
        // 高橋 has 2 duties below a band of 3–4: drawn as outside the band.
        #expect(page.contains("高橋 健太: 2回（目標 3.64、範囲 3–4）"))
        #expect(page.components(separatedBy: "class=\"bar over\"").count - 1 == 2)
    }
}
