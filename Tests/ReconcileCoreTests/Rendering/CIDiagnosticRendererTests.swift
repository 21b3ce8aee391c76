import Foundation
import Testing

@testable import ReconcileCore

/// Golden cases in `Golden/ci/<case>/`: the `*.yaml` files are parsed (with `env.json` when present)
/// and their diagnostics rendered as GitHub Actions workflow commands (`expected-github.txt`) and as a
/// GitLab Code Quality report (`expected-gitlab.json`). `UPDATE_GOLDEN=1` rewrites them.
@Suite("CI diagnostic renderers")
struct CIDiagnosticRendererTests {
    @Test("golden case", arguments: Golden.caseNames(in: "ci"))
    func goldenCase(_ name: String) throws {
        let folder = Golden.caseFolder("ci", name)
        let files = try Golden.files(in: folder, endingWith: ".yaml").map { file in
            SourceFile(path: file, text: try #require(Golden.text(folder.appendingPathComponent(file))))
        }
        let environment = try DiagnosticGoldenTests.environment(in: folder)
        let diagnostics = DesiredStateParser.parse(files, environment: environment).diagnostics
        let outputs = [
            "expected-github.txt": CIDiagnosticRenderer.githubActions(diagnostics),
            "expected-gitlab.json": CIDiagnosticRenderer.gitLabCodeQuality(
                diagnostics, fallbackPath: files.first?.path ?? "reconcile.yaml"),
        ]
        for (file, actual) in outputs {
            let url = folder.appendingPathComponent(file)
            if Golden.updateIfRequested(url, with: actual) { continue }
            let expected = try #require(Golden.text(url), "\(name)/\(file) is missing")
            let diff = goldenDiff(expected: expected, actual: actual)
            #expect(diff.isEmpty, "\(name)/\(file) differs (UPDATE_GOLDEN=1 rewrites it after review):\n\(diff)")
        }
    }

    static let hostile: [Diagnostic] = [
        .error(
            "100% wrong\r\nnext line \u{1B}[31m",
            at: SourceLocation(file: "odd:dir/a,b%.yaml", line: 3, column: 7),
            notes: [.init(message: "first here", location: SourceLocation(file: "x.yaml", line: 1, column: 2))]),
        .warning("careful, really: yes", at: SourceLocation(file: "x.yaml", line: 2, column: 1)),
        Diagnostic(.note, "just so you know"),
        .error("refused with no place"),
    ]

    @Test func githubEscapesMessagesAndProperties() {
        #expect(
            CIDiagnosticRenderer.githubActions(Self.hostile) == """
                ::error file=odd%3Adir/a%2Cb%25.yaml,line=3,col=7::100%25 wrong%0D%0Anext line \\u{1B}[31m%0Anote: first here (x.yaml:1:2)
                ::warning file=x.yaml,line=2,col=1::careful, really: yes
                ::notice::just so you know
                ::error::refused with no place

                """)
    }

    @Test func gitlabReportIsAnArrayWithStableFingerprints() throws {
        let report = CIDiagnosticRenderer.gitLabCodeQuality(Self.hostile, fallbackPath: "reconcile.yaml")
        #expect(report == CIDiagnosticRenderer.gitLabCodeQuality(Self.hostile, fallbackPath: "reconcile.yaml"))
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [[String: Any]])
        #expect(issues.count == 4)
        #expect(issues.map { $0["severity"] as? String } == ["major", "minor", "info", "major"])
        #expect(
            issues.map { $0["check_name"] as? String } == [
                "xopero-reconcile/error", "xopero-reconcile/warning", "xopero-reconcile/note", "xopero-reconcile/error",
            ])
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 4 && fingerprints.allSatisfy { $0.count == 64 })
        let last = try #require(issues.last?["location"] as? [String: Any])
        #expect(last["path"] as? String == "reconcile.yaml")
        #expect((last["lines"] as? [String: Int])?["begin"] == 1)
        #expect(
            issues.first?["description"] as? String
                == "100% wrong\r\nnext line \u{1B}[31m\nnote: first here (x.yaml:1:2)")
        #expect(!report.contains("\u{1B}"))
    }
}
