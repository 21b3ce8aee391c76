// swift-tools-version: 6.2
import PackageDescription

// `XOPERO_STRICT=1` (which .ci/run sets) makes every warning in the project's own targets an error. The
// contract target is left out: the OpenAPI generator's output carries unused public imports.
let strictSettings: [SwiftSetting] =
    Context.environment["XOPERO_STRICT"] == "1" ? [.treatAllWarnings(as: .error)] : []

let package = Package(
    name: "xopero-reconcile",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "reconcile", targets: ["reconcile"]),
        .executable(name: "xopero-sim", targets: ["xopero-sim"]),
        .library(name: "PrintableText", targets: ["PrintableText"]),
        .library(name: "ReconcileCore", targets: ["ReconcileCore"]),
        .library(name: "XoperoContract", targets: ["XoperoContract"]),
        .library(name: "XoperoAPI", targets: ["XoperoAPI"]),
        .library(name: "XoperoSimulator", targets: ["XoperoSimulator"]),
        .library(name: "ReconcileKit", targets: ["ReconcileKit"]),
        .library(name: "ReconcileCLI", targets: ["ReconcileCLI"]),
    ],
    dependencies: [
        // Pinned to 6.2.x: the parser reads libyaml through Yams' unpublished CYaml target, whose C API a
        // minor release could move (docs/DECISIONS.md; LibYAMLContractTests guard it).
        .package(url: "https://github.com/jpsim/Yams", .upToNextMinor(from: "6.2.2")),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // Already resolved through AsyncHTTPClient and Hummingbird; the tests' misbehaving servers use it directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already resolved through Hummingbird; the simulator uses its ServiceGroup to shut down gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Text from outside made safe to print: one list of the characters shown escaped, one spelling of
        // the escape, for names and messages from the files (TerminalText) and from a server (ServerText).
        .target(name: "PrintableText", swiftSettings: strictSettings),
        // Pure core: desired state, live state, diagnostics, planning, rendering, schema. No I/O.
        .target(
            name: "ReconcileCore",
            dependencies: [
                "PrintableText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The wire contract: openapi.yaml (every assumption marked x-assumed), the types and the client and
        // server stubs generated from it, and the facts both sides share (calls, assumptions, counters, the
        // answers' field table), with a plain JSON value for bodies read outside the generated types.
        .target(
            name: "XoperoContract",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The client: login and re-login, retries, deadlines, bounded answers, errors that say what to do.
        .target(
            name: "XoperoAPI",
            dependencies: [
                "PrintableText",
                "XoperoContract",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The simulator: store actor, routes, faults, persistence, generator.
        .target(
            name: "XoperoSimulator",
            dependencies: [
                "XoperoContract",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                // HTTPS (`--tls-cert`/`--tls-key`); HummingbirdCore names the server builders TLS wraps.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Joins the core and the API: fetch live state, execute a plan.
        .target(
            name: "ReconcileKit",
            dependencies: [
                "PrintableText",
                "ReconcileCore",
                "XoperoContract",
                "XoperoAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The `reconcile` command line as a library: commands, flags, the embedded simulator. Tests run it in process.
        .target(
            name: "ReconcileCLI",
            dependencies: [
                "ReconcileKit",
                "ReconcileCore",
                "XoperoAPI",
                "XoperoContract",
                "XoperoSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "reconcile",
            dependencies: ["ReconcileCLI"],
            swiftSettings: strictSettings
        ),
        // Times the pure core on 100,000 repositories (release build; not part of the tests).
        .executableTarget(
            name: "reconcile-benchmark",
            dependencies: ["ReconcileCore"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "xopero-sim",
            dependencies: [
                "XoperoSimulator", "ReconcileCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // What the test targets share: one way to run a simulator, test accounts, misbehaving servers.
        .target(
            name: "TestSupport",
            dependencies: [
                "XoperoSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "PrintableTextTests", dependencies: ["PrintableText"], swiftSettings: strictSettings),
        .testTarget(
            name: "ReconcileCoreTests",
            dependencies: ["ReconcileCore", "PrintableText"],
            // Golden cases, read from the source tree (see Support/GoldenDiff.swift) so they can be updated.
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "XoperoAPITests",
            dependencies: ["XoperoAPI", "XoperoContract", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "XoperoContractTests",
            dependencies: [
                "XoperoContract", "XoperoSimulator", .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("VendorSamples")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "XoperoSimulatorTests",
            dependencies: [
                "XoperoSimulator",
                "XoperoContract",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReconcileKitTests",
            dependencies: [
                "ReconcileKit", "ReconcileCore", "XoperoAPI", "XoperoContract", "XoperoSimulator", "TestSupport",
            ],
            // Test-only certificates, read from the source tree (see TLS/README.txt).
            exclude: ["TLS"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            // The executables are dependencies so that `swift test` builds them before running them.
            dependencies: [
                "XoperoContract", "XoperoSimulator", "ReconcileCore", "ReconcileKit", "ReconcileCLI", "TestSupport",
                "reconcile", "xopero-sim",
            ],
            swiftSettings: strictSettings
        ),
    ]
)
