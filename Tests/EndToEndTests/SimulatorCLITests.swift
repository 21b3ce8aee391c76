import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `xopero-sim` executable as a script would run it: a subprocess, its stdout, its exit code.
@Suite struct SimulatorCLITests {
    /// The built `xopero-sim`, next to the test bundle (this target depends on the executable, so
    /// `swift test` builds it first).
    static func executable() throws -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("xopero-sim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw CLIError.notFound(Bundle.main.bundleURL.path)
    }

    enum CLIError: Error { case notFound(String) }

    static let exampleState = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/live-state.json").path

    /// Runs `xopero-sim` with `arguments` to completion.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    /// Starts `serve` on port 0 and returns the process and the first line of its stdout.
    static func serve(_ extra: [String] = []) throws -> (process: Process, url: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["serve", "--state", exampleState, "--port", "0"] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        return (process, String(decoding: line, as: UTF8.self))
    }

    @Test func servePrintsItsURLFirstAndAnswers() async throws {
        let (process, url) = try Self.serve()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let port = try #require(Int(url.split(separator: ":").last ?? ""))
        #expect(port > 0)
        var request = URLRequest(url: try #require(URL(string: url + "/account/login")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"email": "admin@example.com", "password": "change-me"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("accessToken"))
    }

    @Test func aTakenPortExits1WithOneLine() throws {
        let (first, url) = try Self.serve()
        defer {
            first.terminate()
            first.waitUntilExit()
        }
        let port = String(url.split(separator: ":").last ?? "")
        let second = try Self.run(["serve", "--state", Self.exampleState, "--port", port])
        #expect(second.status == 1)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.contains("port \(port)"))
        #expect(second.stderr.contains("already in use"))
        #expect(second.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ("missing.json", "", "does not exist"),
        ("broken.json", "{ not json", "is not JSON"),
        (
            "invalid.json", #"{"users": [{"email": "a@b", "password": "p", "roles": ["Root"]}], "organizations": []}"#,
            "users[0].roles[0]"
        ),
    ])
    func badStateFilesExit1WithOneLine(name: String, content: String, message: String) throws {
        let folder = try ScratchFolder.folder("sim-cli")
        let path = folder.appendingPathComponent(name).path
        if !content.isEmpty { try Data(content.utf8).write(to: URL(fileURLWithPath: path)) }
        let result = try Self.run(["serve", "--state", path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func generateIsDeterministic() throws {
        let first = try Self.run(["generate", "--orgs", "3", "--repos", "200", "--plans", "9", "--seed", "5"])
        let second = try Self.run(["generate", "--orgs", "3", "--repos", "200", "--plans", "9", "--seed", "5"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let state = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect((state?["organizations"] as? [Any])?.count == 3)
    }

    @Test func helpExplainsEveryServeFlag() throws {
        let help = try Self.run(["serve", "--help"]).stdout
        for flag in [
            "--state", "--host", "--port", "--persist", "--latency", "--fault-rate", "--fault-mode", "--throttle",
            "--token-ttl", "--seed",
        ] {
            #expect(help.contains(flag), "\(flag)")
        }
    }
}
