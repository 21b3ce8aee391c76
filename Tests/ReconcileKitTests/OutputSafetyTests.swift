import Foundation
import ReconcileKit
import TestSupport
import Testing
import XoperoAPI

@Suite("Output safety: the secret mask, and files the run writes")
struct OutputSafetyTests {
    @Test("every occurrence of a secret, as written, JSON-escaped or percent-encoded, becomes ***")
    func maskReplacesSecrets() {
        let mask = SecretMask(["p@ss\"w/rd", "tok-123456"])
        let text = #"pw p@ss"w/rd json "p@ss\"w\/rd" url p%40ss%22w%2Frd token tok-123456tok-123456"#
        let masked = mask.apply(text)
        #expect(masked == #"pw *** json "***" url *** token ******"#)
    }

    @Test("values shorter than four characters are not masked (masking every 'a' would hide nothing)")
    func shortValuesAreLeft() {
        #expect(SecretMask(["abc", ""]).apply("abc abc") == "abc abc")
        #expect(SecretMask(["abc"]).isEmpty)
    }

    @Test("the environment's secrets: the secret variables and the password file's content")
    func maskFromEnvironment() throws {
        let file = try RepositoryFiles.temporaryFile("from-the-file-9d1\n", name: "pw")
        let mask = SecretMask.fromEnvironment([
            "XOPERO_PASSWORD": "env-password-77", "XOPERO_TOKEN": "env-token-88", "XOPERO_PASSWORD_FILE": file,
            "XOPERO_NOTIFY_WEBHOOK": "https://hooks.example.com/T000/B000/XXXX", "XOPERO_EMAIL": "ops@example.com",
        ])
        let text =
            "env-password-77 env-token-88 from-the-file-9d1 https://hooks.example.com/T000/B000/XXXX ops@example.com"
        #expect(mask.apply(text) == "*** *** *** *** ops@example.com")
    }

    @Test("a password file that is not a regular file is never read (a FIFO would block)")
    func fifoIsNotRead() throws {
        let directory = try ScratchFolder.folder()
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(SecretMask.readBounded(fifo) == nil)
        #expect(throws: (any Error).self) { try XoperoCredentials.readPasswordFile(fifo) }
        #expect(SecretMask.readBounded("/dev/zero") == nil)
    }

    @Test(
        "--out is refused before anything happens when it is a device, a folder, a symbolic link, an input, or has no folder",
        arguments: ["device", "folder", "symlink", "input", "no folder", "unwritable"])
    func outRefusals(kind: String) throws {
        let directory = try ScratchFolder.folder()
        let input = try RepositoryFiles.temporaryFile("version: 1\n")
        let path: String
        let reason: String
        switch kind {
        case "device": (path, reason) = ("/dev/null", "not a regular file")
        case "folder": (path, reason) = (directory.path, "it is a folder")
        case "symlink":
            path = directory.appendingPathComponent("link.json").path
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: input)
            reason = "symbolic link"
        case "input": (path, reason) = (input, "the input file")
        case "unwritable":
            let locked = directory.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked.path)
            path = locked.appendingPathComponent("plan.json").path
            // Root writes anywhere: then this case says nothing.
            reason = getuid() == 0 ? "" : "not writable"
        default: (path, reason) = ("/nonexistent-folder-\(UUID().uuidString)/plan.json", "does not exist")
        }
        if reason.isEmpty { return }
        #expect(throws: ReconcileError.self) { _ = try OutputFile(path: path, option: "--out", inputs: [input]) }
        do {
            _ = try OutputFile(path: path, option: "--out", inputs: [input])
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
        // The input and the device are untouched.
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "version: 1\n")
    }

    @Test("a regular file is replaced atomically")
    func atomicWrite() throws {
        let path = try RepositoryFiles.temporaryFile("old", name: "plan.json")
        let file = try OutputFile(path: path, option: "--out", inputs: [])
        try file.write("new")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    @Test(
        "two output flags that reach one file are caught: the same path spelled twice, a linked folder, a hard link",
        arguments: ["spelling", "linked folder", "hard link", "different"])
    func outputFilesClash(kind: String) throws {
        let folder = try ScratchFolder.folder()
        let first = folder.appendingPathComponent("plan.json").path
        var second: String
        switch kind {
        case "spelling": second = folder.path + "/./sub/../plan.json"
        case "linked folder":
            let link = folder.path + "-link"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path)
            second = link + "/plan.json"
        case "hard link":
            try "{}".write(toFile: first, atomically: false, encoding: .utf8)
            second = folder.appendingPathComponent("other.json").path
            try FileManager.default.linkItem(atPath: first, toPath: second)
        default: second = folder.appendingPathComponent("plan.prom").path
        }
        let clash = OutputFile.firstClash([
            ("--codequality-report", folder.appendingPathComponent("cq.json").path), ("--out", first),
            ("--metrics-file", second),
        ])
        if kind == "different" {
            #expect(clash == nil)
        } else {
            #expect(clash.map { [$0.0, $0.1] } == ["--out", "--metrics-file"], "\(kind)")
        }
    }
}
