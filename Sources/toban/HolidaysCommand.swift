import ArgumentParser
import TobanKit

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "Print Japanese public holidays as date,name CSV.",
        discussion: "Computed from the Act on National Holidays for \(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound)."
    )

    @Option(name: .long, help: "The first year.")
    var from: Int

    @Option(name: .long, help: "The last year (inclusive).")
    var to: Int

    @Option(name: .long, help: "Language of the names: ja or en.")
    var language: Language = .ja

    enum Language: String, ExpressibleByArgument, CaseIterable { case ja, en }

    func validate() throws {
        let years = JapaneseHolidays.supportedYears
        guard years.contains(from), years.contains(to) else {
            throw ValidationError("years must lie in \(years.lowerBound)…\(years.upperBound), got \(from)…\(to)")
        }
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() {
        print("date,name")
        for year in from...to {
            for h in JapaneseHolidays.holidays(in: year) {
                print("\(h.date.iso),\(language == .ja ? h.japaneseName : h.englishName)")
            }
        }
    }
}
