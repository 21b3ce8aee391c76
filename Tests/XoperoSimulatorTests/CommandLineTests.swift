import Foundation
import Testing

@testable import XoperoSimulator

/// `xopero-sim` refuses bad flags and flag values with exit 64 (EX_USAGE) and a message naming the flag.
@Suite struct CommandLineTests {
    /// The built `xopero-sim`: in the folder of the test bundle or one of the two above it
    /// (`swift build --build-tests` and `swift test` build every product of the package).
    static func executable() throws -> URL {
        let folders = sequence(first: Bundle.main.bundleURL) { $0.deletingLastPathComponent() }.prefix(3)
        let found = folders.map { $0.appendingPathComponent("xopero-sim") }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
        return try #require(found, "xopero-sim is not built next to the tests; run swift build --build-tests")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    static let state = Fixtures.repositoryRoot.appendingPathComponent("examples/live-state.json").path

    @Test(arguments: [
        (["--fault-rate", "2"], "--fault-rate"),
        (["--capacity", "0"], "--capacity"),
        (["--max-page-size", "-3"], "--max-page-size"),
        (["--latency", "-1"], "--latency"),
        (["--latency", "600001"], "--latency"),
        (["--port", "70000"], "--port"),
        (["--port", "eighty"], "--port"),
        (["--token-ttl", "0"], "--token-ttl"),
        (["--throttle", "0"], "--throttle"),
        (["--fault-mode", "sometimes"], "--fault-mode"),
        (["--no-such-flag"], "--no-such-flag"),
    ])
    func badServeFlagsExit64NamingTheFlag(extra: [String], flag: String) throws {
        let result = try Self.run(["serve", "--state", Self.state, "--port", "0"] + extra)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(flag), "\(result.stderr)")
    }

    @Test(arguments: [
        (["--orgs", "0", "--repos", "1", "--plans", "1"], "--orgs"),
        (["--orgs", "1", "--repos", "-1", "--plans", "1"], "--repos"),
        (["--orgs", "1", "--repos", "1"], "--plans"),
    ])
    func badGenerateFlagsExit64NamingTheFlag(arguments: [String], flag: String) throws {
        let result = try Self.run(["generate"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(flag), "\(result.stderr)")
    }

    @Test func optionsOutOfRangeNameTheirFlagInProcessToo() {
        let cases: [(SimulatorOptions, String)] = [
            (SimulatorOptions(capacity: 0), "--capacity"),
            (SimulatorOptions(maxPageSize: 0), "--max-page-size"),
            (SimulatorOptions(tokenTTL: .seconds(200 * 365 * 24 * 3600)), "--token-ttl"),
            (SimulatorOptions(latency: .seconds(601)), "--latency"),
        ]
        for (options, flag) in cases {
            #expect(throws: SimulatorError.self) { try options.validate() }
            do {
                try options.validate()
            } catch {
                guard case .invalidOption(let name, _) = error else {
                    Issue.record("expected invalidOption, got \(error)")
                    continue
                }
                #expect(name == flag)
            }
        }
        #expect(throws: Never.self) { try SimulatorOptions(capacity: 1, maxPageSize: 1).validate() }
    }
}
