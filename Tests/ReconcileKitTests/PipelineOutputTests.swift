import Foundation
import ReconcileCore
import ReconcileKit
import Testing

@Suite("PipelineOutput: JSON log lines, workflow commands, the Code Quality report, the extra mask")
struct PipelineOutputTests {
    static let diagnostics = [
        Diagnostic.error(
            "unknown key 'plan'", at: SourceLocation(file: "/work/repo/conf/reconcile.yaml", line: 7, column: 9),
            notes: [
                .init(message: "first defined here", location: SourceLocation(file: "./a.yaml", line: 3, column: 5))
            ]),
        Diagnostic.warning("the glob 'x-*' matches nothing, 100%, a:b"),
    ]

    /// Every line parses as an object with exactly time, level, message and fields (strings).
    static func jsonObjects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["time", "level", "message", "fields"], "\(line)")
            #expect(object["fields"] is [String: String], "\(line)")
            return object
        }
    }

    @Test("with JSON logs every standard-error line becomes one object; log lines pass through; stdout is untouched")
    func jsonLines() throws {
        let captured = CapturedOutput(terminal: true)
        let output = PipelineOutput(base: captured, jsonLogs: true)
        output.printError("reconcile: SIMULATOR: running against a simulated server")
        output.write(
            "apply: attach: 3 calls\n\nreconcile: error: cannot log in\r\nsimulator: warning: slow\n",
            to: .standardError)
        let logLine =
            #"{"fields":{"source":"reconcile"},"level":"info","message":"read","time":"2026-01-01T00:00:00.000Z"}"#
        output.printError(logLine)
        output.printDiagnostics(Self.diagnostics, sources: [], colour: true)
        output.printOut("Plan: 1 to activate.")

        #expect(captured.standardOutput == "Plan: 1 to activate.\n")
        #expect(!output.isTerminal(.standardError))
        let objects = try Self.jsonObjects(captured.standardError)
        #expect(objects.count == 7)
        #expect(
            objects.map { $0["level"] as? String } == [
                "notice", "notice", "error", "warning", "info", "error", "warning",
            ])
        #expect(objects[2]["message"] as? String == "cannot log in")
        #expect((objects[3]["fields"] as? [String: String])?["source"] == "simulator")
        #expect(captured.standardError.contains(logLine))
        let diagnostic = try #require(objects[5]["fields"] as? [String: String])
        #expect(diagnostic["kind"] == "diagnostic")
        #expect(diagnostic["file"] == "/work/repo/conf/reconcile.yaml")
        #expect(diagnostic["line"] == "7" && diagnostic["column"] == "9")
        #expect(diagnostic["notes"] == "first defined here (./a.yaml:3:5)")
        #expect(output.collector.lastError == "cannot log in")
        #expect(output.collector.diagnostics == Self.diagnostics)
    }

    @Test("annotations: the text diagnostics, then one workflow command each, paths relative to the workspace")
    func annotations() {
        let captured = CapturedOutput()
        let output = PipelineOutput(base: captured, annotations: CheckoutPaths(root: "/work/repo/"))
        output.printDiagnostics(Self.diagnostics, sources: [], colour: false)
        let lines = captured.standardError.split(separator: "\n")
        #expect(lines.first == "/work/repo/conf/reconcile.yaml:7:9: error: unknown key 'plan'")
        #expect(
            lines.contains(
                "::error file=conf/reconcile.yaml,line=7,col=9::unknown key 'plan'%0Anote: first defined here (a.yaml:3:5)"
            ))
        #expect(lines.last == "::warning::the glob 'x-*' matches nothing, 100%25, a:b")
    }

    @Test("the Code Quality report is rewritten with every diagnostic so far; a failure to write is a warning")
    func codeQuality() throws {
        let folder = try PipelineFixtures.folder()
        let path = folder.appendingPathComponent("gl-code-quality-report.json").path
        let report = try CodeQualityReport(
            path: path, inputs: [], paths: CheckoutPaths(root: "/work/repo"), firstFile: "/work/repo/reconcile.yaml")
        let captured = CapturedOutput()
        let output = PipelineOutput(base: captured, codeQuality: report)
        output.printDiagnostics([Self.diagnostics[0]], sources: [], colour: false)
        output.printDiagnostics([Self.diagnostics[1]], sources: [], colour: false)
        let issues = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        #expect(issues.count == 2)
        #expect((issues[0]["location"] as? [String: Any])?["path"] as? String == "conf/reconcile.yaml")
        // A diagnostic without a place is put at line 1 of the first desired-state file.
        #expect((issues[1]["location"] as? [String: Any])?["path"] as? String == "reconcile.yaml")
        #expect(issues.map { $0["severity"] as? String } == ["major", "minor"])
        #expect(!captured.standardError.contains("warning: --codequality-report"))

        try FileManager.default.removeItem(at: folder)
        output.printDiagnostics([Self.diagnostics[1]], sources: [], colour: false)
        #expect(captured.standardError.contains("reconcile: warning: --codequality-report \(path): "))
    }

    @Test("the report's path is refused when it is an input file, a folder or a symbolic link")
    func codeQualityRefusals() throws {
        let folder = try PipelineFixtures.folder()
        let input = folder.appendingPathComponent("reconcile.yaml").path
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: input))
        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        for (path, reason) in [(input, "input file"), (folder.path, "folder"), (link, "symbolic link")] {
            #expect {
                try CodeQualityReport(path: path, inputs: [input], paths: CheckoutPaths(root: nil), firstFile: input)
            } throws: { error in
                guard let error = error as? ReconcileError else { return false }
                let message = error.description
                return message.hasPrefix("--codequality-report \(path): ") && message.contains(reason)
            }
        }
    }

    @Test("the extra mask hides a secret in every stream and in JSON lines")
    func mask() {
        let secret = "https://hooks.example.com/services/T0/B0/s3cr3t-token"
        let captured = CapturedOutput()
        for jsonLogs in [false, true] {
            let output = PipelineOutput(base: captured, jsonLogs: jsonLogs, mask: SecretMask([secret]))
            output.printOut("stdout \(secret)")
            output.printError("reconcile: error: posting to \(secret) failed")
            output.printDiagnostics([.error("bad \(secret)")], sources: [], colour: false)
        }
        #expect(!captured.all.contains("s3cr3t-token"))
        #expect(captured.all.contains("***"))
    }

    @Test("checkout paths: inside the root become relative, others only lose a leading ./")
    func checkoutPaths() {
        let paths = CheckoutPaths(root: "/w/r")
        #expect(paths.relative("/w/r/a/b.yaml") == "a/b.yaml")
        #expect(paths.relative("/w/rr/b.yaml") == "/w/rr/b.yaml")
        #expect(paths.relative("././b.yaml") == "b.yaml")
        #expect(CheckoutPaths(root: "").relative("/w/r/b.yaml") == "/w/r/b.yaml")
    }
}
