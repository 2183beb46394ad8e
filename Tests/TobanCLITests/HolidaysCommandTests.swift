import Foundation
import Testing

@Suite("toban holidays contract", .serialized)
struct HolidaysCommandTests {
    @Test func headerThenISODatesAndNamesForEveryYear() throws {
        let result = try Toban.run(["holidays", "--from", "1948", "--to", "2099"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "date,name")
        var previous = ""
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 2, "\(line)")
            let date = String(fields[0])
            #expect(date.count == 10 && date > previous, "\(line)")  // ISO, strictly increasing
            #expect(!fields[1].isEmpty, "\(line)")
            previous = date
        }
        #expect(lines.first { $0.hasPrefix("1948-") } == "1948-09-23,秋分の日")  // the Act began on 20 July 1948
        #expect(lines.last?.hasPrefix("2099-") == true)
        #expect(result.stdout.hasSuffix("\n"))
    }

    @Test func englishNames() throws {
        let result = try Toban.run(["holidays", "--from", "2019", "--to", "2019", "--language", "en"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("2019-05-01,Enthronement Day\n"))
        #expect(result.stdout.contains("2019-04-30,Citizens' Holiday\n"))
        #expect(!result.stdout.contains("天皇"))
    }

    @Test(arguments: [
        (["--from", "1947", "--to", "1950"], "1948…2099"),
        (["--from", "2026", "--to", "2100"], "1948…2099"),
        (["--from", "2030", "--to", "2020"], "after"),
        (["--from", "twenty", "--to", "2020"], "--from"),
        (["--from", "2026", "--to", "2026", "--language", "fr"], "--language"),
        (["--to", "2026"], "--from"),
    ])
    func badArgumentsFailWithAMessage(arguments: [String], expected: String) throws {
        let result = try Toban.run(["holidays"] + arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
}
