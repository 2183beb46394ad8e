import Foundation
import Testing
import TobanExport
import TobanModel

/// The golden files, found next to this source file because the test target declares no
/// resources (the package manifest is not ours to change).
private let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Whether to rewrite the golden files instead of comparing (`TOBAN_RECORD_GOLDEN=1`).
private let recording = ProcessInfo.processInfo.environment["TOBAN_RECORD_GOLDEN"] == "1"

/// Every file below `directory`, as relative paths with `/`, sorted.
private func relativeFiles(in directory: URL) -> [String] {
    let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
    var paths: [String] = []
    while let path = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            paths.append(path)
        }
    }
    return paths.sorted()
}

@Suite("Golden files")
struct GoldenTests {
    let bundle = ExportBundle(input: Fixture.input, options: Fixture.options)

    @Test("each exported file matches its golden copy", arguments: ExportBundle(input: Fixture.input, options: Fixture.options).files.map(\.path))
    func matchesGolden(path: String) throws {
        let file = try #require(bundle.file(path))
        let url = goldenDirectory.appendingPathComponent(path)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
            return
        }
        let golden = try Data(contentsOf: url)
        #expect(file.data == golden, "\(path) differs from Golden/\(path); re-record with TOBAN_RECORD_GOLDEN=1 after checking the change")
    }

    @Test func goldenFolderHoldsExactlyTheExport() {
        guard !recording else { return }
        #expect(relativeFiles(in: goldenDirectory) == bundle.files.map(\.path).sorted())
    }

    @Test func fileListIsComplete() {
        #expect(bundle.files.map(\.path) == [
            "rota.csv", "grid.csv", "summary.csv", "rota.ics",
            "people/sato.ics", "people/suzuki.ics", "people/takahashi.ics", "people/watanabe.ics", "people/midori.ics",
            "organisations/sato-clinic.ics", "organisations/suzuki-iin.ics", "organisations/takahashi-cl.ics",
            "organisations/midori-hp.ics", "rota.html", "publication.json",
        ])
    }

    /// Writes the golden sample (and a fuller month) to `TOBAN_SAMPLE_DIR` for
    /// `scripts/validate-exports.sh`; does nothing when the variable is unset.
    @Test func writesSampleExports() throws {
        guard let dir = ProcessInfo.processInfo.environment["TOBAN_SAMPLE_DIR"], !dir.isEmpty else { return }
        let root = URL(fileURLWithPath: dir)
        try bundle.write(to: root)
        try ExportBundle(input: Fixture.monthInput, options: Fixture.options).write(to: root.appendingPathComponent("month"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("rota.ics").path))
    }
}
