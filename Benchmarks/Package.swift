// swift-tools-version: 6.1
// The benchmarks are a package of their own so that library users and the main `swift test`
// never build ordo-one/benchmark. Run with `cd Benchmarks && swift package benchmark`.
import PackageDescription

// SwiftPM names a path dependency after its folder, so the root package's identity is the
// name of the checkout's folder (e.g. `toban`, `main` or a worktree's name).
let rootIdentity = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "toban"

let package = Package(
    name: "TobanBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TobanBenchmarks",
            dependencies: [
                .product(name: "TobanKit", package: rootIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TobanBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
