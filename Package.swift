// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Toban",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TobanKit", targets: ["TobanKit"]),
        .library(name: "TobanModel", targets: ["TobanModel"]),
        .library(name: "TobanMIP", targets: ["TobanMIP"]),
        .executable(name: "toban", targets: ["toban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        .target(name: "TobanModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "TobanMIP"),
        .target(name: "TobanGLPK", dependencies: ["CGLPK", "TobanMIP"]),
        .target(name: "TobanSolver", dependencies: ["TobanModel", "TobanMIP", "TobanGLPK"]),
        .target(name: "TobanCheck", dependencies: ["TobanModel"]),
        .target(name: "TobanExport", dependencies: ["TobanModel"]),
        .target(
            name: "TobanKit",
            dependencies: ["TobanModel", "TobanMIP", "TobanGLPK", "TobanSolver", "TobanCheck", "TobanExport"]
        ),
        .executableTarget(
            name: "toban",
            dependencies: ["TobanKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "toban-example", dependencies: ["TobanKit"], path: "Examples/PlanDecember"),
        .testTarget(name: "TobanModelTests", dependencies: ["TobanModel"]),
        .testTarget(name: "TobanMIPTests", dependencies: ["TobanMIP"]),
        .testTarget(name: "TobanGLPKTests", dependencies: ["TobanGLPK", "TobanMIP", "CGLPK"]),
        .testTarget(name: "TobanSolverTests", dependencies: ["TobanSolver", "TobanModel", "TobanCheck"]),
        .testTarget(name: "TobanCheckTests", dependencies: ["TobanCheck", "TobanModel"]),
        // The golden files are read from the source tree (#filePath), not bundled as resources.
        .testTarget(name: "TobanExportTests", dependencies: ["TobanExport", "TobanModel"], exclude: ["Golden"]),
        .testTarget(name: "TobanKitTests", dependencies: ["TobanKit"]),
        .testTarget(name: "TobanCLITests", dependencies: ["toban"]),
    ],
    swiftLanguageModes: [.v6]
)
