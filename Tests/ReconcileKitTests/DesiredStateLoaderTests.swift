import Foundation
import ReconcileCore
import TestSupport
import Testing

@testable import ReconcileKit

/// Files are judged by kind, identity and size before they are read.
@Suite("DesiredStateLoader")
struct DesiredStateLoaderTests {
    /// A fresh folder for one test, removed afterwards.
    static func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = try ScratchFolder.folder("loader")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// The reason `read` refuses `path` with, or nil when it reads it.
    static func refusal(_ path: String, environment: [String: String] = [:]) -> String? {
        do {
            _ = try DesiredStateLoader.read([path], environment: environment)
            return nil
        } catch {
            guard case .unreadableFile(let refused, let reason) = error else { return "\(error)" }
            #expect(refused == path)
            return reason
        }
    }

    @Test(
        "devices and system files are refused by name",
        arguments: [
            ("/dev/null", "under /dev"), ("/dev/zero", "under /dev"), ("/proc/self/status", "under /proc"),
            ("/sys", "under /sys"), ("/", "folder"),
        ])
    func systemFilesAreRefused(path: String, reason: String) throws {
        let refusal = try #require(Self.refusal(path))
        #expect(refusal.contains(reason), "\(refusal)")
    }

    @Test func symlinksAreResolvedFirst() throws {
        try Self.withFolder { folder in
            let link = folder.appendingPathComponent("reconcile.yaml")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/proc/self/environ")
            #expect(Self.refusal(link.path)?.contains("under /proc") == true)
        }
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        try Self.withFolder { folder in
            let fifo = folder.appendingPathComponent("pipe.yaml").path
            #expect(mkfifo(fifo, 0o600) == 0)
            #expect(Self.refusal(fifo) == "it is a FIFO (named pipe), not a file")
        }
    }

    @Test func thePasswordFileIsRefusedUnread() throws {
        try Self.withFolder { folder in
            let secret = folder.appendingPathComponent("password")
            try Data("hunter2\n".utf8).write(to: secret)
            let link = folder.appendingPathComponent("reconcile.yaml")
            try FileManager.default.linkItem(at: secret, to: link)
            let reason = Self.refusal(link.path, environment: ["XOPERO_PASSWORD_FILE": secret.path])
            #expect(reason?.contains("password file (XOPERO_PASSWORD_FILE)") == true)
            #expect(reason?.contains("hunter2") == false)
            #expect(Self.refusal(link.path, environment: [:]) == nil)
        }
    }

    @Test func anOversizedFileIsRefusedBeforeReading() throws {
        try Self.withFolder { folder in
            let big = folder.appendingPathComponent("big.yaml")
            #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
            let handle = try FileHandle(forWritingTo: big)
            try handle.truncate(atOffset: UInt64(DesiredStateParser.maximumFileBytes + 1))  // sparse: nothing written
            try handle.close()
            let reason = try #require(Self.refusal(big.path))
            #expect(reason.hasPrefix("the file is 10 MB; desired-state files are limited to 10 MB"))
        }
    }

    @Test func invalidUTF8IsALocatedDiagnosticAndOtherFilesAreStillRead() throws {
        try Self.withFolder { folder in
            let bad = folder.appendingPathComponent("bad.yaml")
            try Data([0x76, 0x3A, 0x20, 0x31, 0x0A, 0x78, 0x3A, 0x20, 0xFF]).write(to: bad)
            let good = folder.appendingPathComponent("good.yaml")
            try Data("version: 1\n".utf8).write(to: good)
            let (files, problems) = try DesiredStateLoader.read([bad.path, good.path])
            #expect(files.map(\.path) == [bad.path, good.path])
            #expect(problems.map(\.location) == [SourceLocation(file: bad.path, line: 2, column: 4)])
            #expect(files.last?.text == "version: 1\n")
        }
    }

    @Test func aMissingFileSaysSo() {
        #expect(Self.refusal("/nonexistent/reconcile.yaml")?.hasPrefix("no such file") == true)
    }
}
