import Foundation
import TestSupport

/// Runs the built `reconcile` executable as a child process and collects what it printed.
struct ReconcileProcess {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Everything the process printed, for "no secret anywhere" checks.
        var all: String { stdout + stderr }
    }

    /// The repository's root (this file is Tests/EndToEndTests/ReconcileProcess.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable `swift build` / `swift test` put next to the test bundle.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            // .../debug/xopero-reconcilePackageTests.xctest: the products sit beside it.
            candidates.append(
                URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("reconcile"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("reconcile"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("reconcile"))
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/reconcile"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw ProcessError.executableNotFound(candidates.map(\.path))
    }

    /// Runs `reconcile arguments` with exactly `environment` (no variable of the test process leaks in)
    /// in `directory`, and waits for it without blocking a thread of the concurrency pool.
    /// - Parameter whileRunning: called once the process has started, with its process id (to signal it).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL = repositoryRoot,
        whileRunning: (@Sendable (Int32) async -> Void)? = nil
    ) async throws -> Output {
        let scratch = try ScratchFolder.folder("reconcile-e2e")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw ProcessError.cannotCreate(url.path)
            }
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var childEnvironment = environment
        childEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        childEnvironment["NO_COLOR"] = "1"
        process.environment = childEnvironment
        process.currentDirectoryURL = directory
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        process.standardInput = FileHandle.nullDevice

        let (exits, exited) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()
        let watcher = whileRunning.map { body in Task { await body(process.processIdentifier) } }
        var status: Int32 = -1
        for await code in exits { status = code }
        watcher?.cancel()
        try stdoutHandle.close()
        try stderrHandle.close()
        return Output(
            status: status,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }

    enum ProcessError: Error {
        case executableNotFound([String])
        case cannotCreate(String)
    }
}
