import Foundation
import Testing
@testable import TobanModel

/// A scenario with one per-area night duty over three areas and a per-area backup.
let perAreaYAML = """
format: 1
name: 地区別テスト
horizon: {start: 2026-12-01, end: 2026-12-02}
organisations:
  - {id: c1, name: 一番クリニック, kind: clinic}
  - {id: c2, name: 二番医院, kind: clinic}
areas:
  - {id: north, name: 北地区, adjacent: [centre]}
  - {id: centre, name: 中央地区, adjacent: [south]}
  - {id: south, name: 南地区}
dutyTypes:
  - {id: night-primary, name: 夜間（主）, resourceKind: physician, start: "18:00", end: "09:00", perArea: true,
     coverageByArea: [{area: north, min: 2, max: 2}]}
  - {id: night-backup, name: 夜間（副）, resourceKind: physician, start: "18:00", end: "09:00", perArea: true,
     areas: [north, south], backupOf: night-primary, differentOrganisation: true}
resources:
  - {id: sato, name: 佐藤, kind: physician, organisation: c1, area: north}
  - {id: kato, name: 加藤, kind: physician, organisation: c2, area: centre}
  - {id: ito, name: 伊藤, kind: physician, organisation: c2}
"""

@Suite("Per-area duty keys")
struct PerAreaLoaderTests {
    @Test func loadsPerAreaKeysAndMakesOneSlotPerArea() throws {
        let s = try ScenarioLoader.load(text: perAreaYAML, file: "s.yaml")
        let primary = try #require(s.dutyType("night-primary"))
        #expect(primary.perArea && primary.areas == nil)
        #expect(primary.coverage(on: s.horizon.start, area: "north") == Coverage(min: 2, max: 2))
        #expect(primary.coverage(on: s.horizon.start, area: "south") == Coverage(min: 1, max: 1))
        let backup = try #require(s.dutyType("night-backup"))
        #expect(backup.areas == ["north", "south"])
        let keys = s.slots().map(\.key)
        #expect(keys == [
            "2026-12-01/night-backup@north", "2026-12-01/night-backup@south",
            "2026-12-01/night-primary@centre", "2026-12-01/night-primary@north", "2026-12-01/night-primary@south",
            "2026-12-02/night-backup@north", "2026-12-02/night-backup@south",
            "2026-12-02/night-primary@centre", "2026-12-02/night-primary@north", "2026-12-02/night-primary@south",
        ])
        // The resource's area decides the slot; without an area, or outside the duty's areas, not eligible.
        let day = s.horizon.start
        #expect(s.slotKey(of: Assignment(date: day, dutyTypeID: "night-primary", resourceID: "kato")) == "2026-12-01/night-primary@centre")
        #expect(s.slotKey(of: Assignment(date: day, dutyTypeID: "night-primary", resourceID: "ito")) == "2026-12-01/night-primary")
        #expect(s.resource("sato")?.isEligible(for: backup) == true)
        #expect(s.resource("kato")?.isEligible(for: primary) == true && s.resource("kato")?.isEligible(for: backup) == false)
        #expect(s.resource("ito")?.isEligible(for: primary) == false)
        #expect(s.resource("sato")?.isEligible(for: primary, slotArea: "south") == false)
    }

    @Test func jsonReadsTheSameKeys() throws {
        let json = """
        {"format": 1, "name": "例", "horizon": {"start": "2026-12-01", "end": "2026-12-01"},
         "organisations": [{"id": "c1", "name": "一番", "kind": "clinic"}],
         "areas": [{"id": "north", "name": "北"}, {"id": "south", "name": "南"}],
         "dutyTypes": [{"id": "night", "name": "夜間", "resourceKind": "physician", "start": "18:00", "end": "09:00",
                        "perArea": true, "areas": ["south"], "coverageByArea": [{"area": "south", "min": 2}]}],
         "resources": [{"id": "sato", "name": "佐藤", "kind": "physician", "organisation": "c1", "area": "south"}]}
        """
        let s = try ScenarioLoader.load(text: json, file: "s.json")
        #expect(s.slots().map(\.key) == ["2026-12-01/night@south"])
        #expect(s.dutyType("night")?.coverage(on: s.horizon.start, area: "south") == Coverage(min: 2, max: 2))
        let bad = json.replacingOccurrences(of: "\"areas\": [\"south\"]", with: "\"areas\": [\"east\"]")
        let found = issues(bad, file: "s.json")
        #expect(found.contains { $0.path == "dutyTypes[0].areas[0]" && $0.message.contains("no area has id 'east'") && $0.line != nil },
                "\(found)")
    }

    @Test func contradictionsAndDanglingAreasAreNamed() {
        let withArea = perAreaYAML.replacingOccurrences(of: "end: \"09:00\", perArea: true,\n     coverageByArea",
                                                        with: "end: \"09:00\", perArea: true, area: north,\n     coverageByArea")
        #expect(issues(withArea).contains { $0.path == "dutyTypes[0].perArea" && $0.message.contains("contradicts area: north") })

        let unknown = perAreaYAML.replacingOccurrences(of: "areas: [north, south]", with: "areas: [north, east, north]")
        let found = issues(unknown)
        #expect(found.contains { $0.path == "dutyTypes[1].areas[1]" && $0.message.contains("no area has id 'east'") }, "\(found)")
        #expect(found.contains { $0.path == "dutyTypes[1].areas[2]" && $0.message.contains("listed twice") }, "\(found)")
        #expect(found.allSatisfy { $0.line != nil }, "\(found)")

        let empty = perAreaYAML.replacingOccurrences(of: "areas: [north, south]", with: "areas: []")
        #expect(issues(empty).contains { $0.path == "dutyTypes[1].areas" && $0.message.contains("empty") })

        let noAreas = perAreaYAML.replacingOccurrences(of: "areas:\n  - {id: north, name: 北地区, adjacent: [centre]}\n  - {id: centre, name: 中央地区, adjacent: [south]}\n  - {id: south, name: 南地区}\n", with: "")
            .replacingOccurrences(of: ", area: north}", with: "}").replacingOccurrences(of: ", area: centre}", with: "}")
            .replacingOccurrences(of: "areas: [north, south], ", with: "")
            .replacingOccurrences(of: ",\n     coverageByArea: [{area: north, min: 2, max: 2}]", with: "")
        let noAreasFound = issues(noAreas)
        #expect(noAreasFound.contains { $0.path == "dutyTypes[0].perArea" && $0.message.contains("needs areas") }, "\(noAreasFound)")
    }

    @Test func perAreaKeysNeedPerArea() {
        let plain = perAreaYAML.replacingOccurrences(of: "perArea: true,", with: "perArea: false,")
        let found = issues(plain)
        #expect(found.contains { $0.path == "dutyTypes[0].coverageByArea" && $0.message.contains("add perArea: true") }, "\(found)")
        #expect(found.contains { $0.path == "dutyTypes[1].areas" && $0.message.contains("add perArea: true") }, "\(found)")
    }

    @Test func coverageByAreaIsChecked() {
        let bad = perAreaYAML.replacingOccurrences(of: "coverageByArea: [{area: north, min: 2, max: 2}]",
                                                   with: "coverageByArea: [{area: north, min: 3, max: 2}, {area: north, min: 1}, {area: west, min: 1}, {area: south, min: 1, max: 1, target: 2}]")
            .replacingOccurrences(of: "areas: [north, south], ", with: "areas: [north], coverageByArea: [{area: south}], ")
        let found = issues(bad)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(found.contains { $0.path == "dutyTypes[0].coverageByArea[0]" && $0.message.contains("min 3 is greater than max 2") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[0].coverageByArea[1].area" && $0.message.contains("already has its coverage") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[0].coverageByArea[2].area" && $0.message.contains("no area has id 'west'") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[0].coverageByArea[3]" && $0.message.contains("target 2 lies outside") }, "\(text)")
        #expect(found.contains { $0.path == "dutyTypes[1].coverageByArea[0].area" && $0.message.contains("not one of the duty's areas") }, "\(text)")
        let unknownKey = perAreaYAML.replacingOccurrences(of: "{area: north, min: 2, max: 2}", with: "{area: north, minimum: 2}")
        #expect(issues(unknownKey).contains { $0.path == "dutyTypes[0].coverageByArea[0].minimum" })
        let wrongType = perAreaYAML.replacingOccurrences(of: "perArea: true,\n     coverageByArea", with: "perArea: yes please,\n     coverageByArea")
        #expect(issues(wrongType).contains { $0.path == "dutyTypes[0].perArea" && $0.message.contains("true or false") })
    }

    @Test func aResourceListingAPerAreaDutyMustBeAbleToTakeIt() {
        let listed = perAreaYAML
            .replacingOccurrences(of: "organisation: c2, area: centre}", with: "organisation: c2, area: centre, duties: [night-primary, night-backup]}")
            .replacingOccurrences(of: "{id: ito, name: 伊藤, kind: physician, organisation: c2}", with: "{id: ito, name: 伊藤, kind: physician, organisation: c2, duties: [night-primary]}")
        let found = issues(listed)
        #expect(found.contains { $0.path == "resources[1].duties[1]" && $0.message.contains("has slots in north, south only, but kato is in area centre") }, "\(found)")
        #expect(!found.contains { $0.path == "resources[1].duties[0]" }, "\(found)")
        #expect(found.contains { $0.path == "resources[2].duties[0]" && $0.message.contains("ito has no area") }, "\(found)")
    }

    @Test func underTargetPenaltyIsCheckedAgainstAreaCoverage() {
        let bad = perAreaYAML.replacingOccurrences(of: "coverageByArea: [{area: north, min: 2, max: 2}]}",
                                                   with: "coverageByArea: [{area: north, min: 1, max: 3, target: 2}], gapPenalty: 10, underTargetPenalty: 20}")
        #expect(issues(bad).contains { $0.path == "dutyTypes[0].underTargetPenalty" && $0.message.contains("coverageByArea[0]") })
    }
}
