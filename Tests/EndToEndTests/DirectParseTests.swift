import ArgumentParser
import Testing

@testable import ReconcileCLI

/// `ReconcileCLI.parse` lets the subcommand parse its own arguments and asks the root only when that fails:
/// the result must be the root's, and help, `--version` and every usage error must still be the root's.
@Suite("Command line: a subcommand parses its own arguments, as the root would")
struct DirectParseTests {
    static let lines: [[String]] = [
        [],
        ["-f", "a.yaml"],
        ["--apply", "-f", "a.yaml", "-f", "b.yaml", "--expect-fingerprint", "abc", "--force"],
        ["plan", "--format", "json", "--org", "x", "--org", "y", "--concurrency", "4", "--timeout", "2.5"],
        ["plan", "--dry-run", "--step-summary", "--metrics-file", "m.prom", "--notify-on", "drift"],
        ["plan", "--diagnostics-format", "github", "--codequality-report", "cq.json", "--log-format", "json"],
        ["-f", "validate"],
        ["plan", "-f", "plan"],
        ["validate", "a.yaml", "b.yaml", "--diagnostics-format", "text"],
        ["export", "--server", "https://h.example", "--wait-for-sync", "5", "--org", "a"],
        ["schema"],
        ["doctor", "--simulator", "state.json", "--format", "json", "--insecure"],
    ]

    static func dumped(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test("a line the root parses is parsed by its subcommand to the same command", arguments: lines)
    func sameCommand(line: [String]) throws {
        let root = try Reconcile.parseAsRoot(line)
        let direct = try #require(ReconcileCLI.directParse(line), "the subcommand alone did not parse \(line)")
        #expect(type(of: direct) == type(of: root))
        #expect(Self.dumped(direct) == Self.dumped(root))
    }

    static let rootOnly: [[String]] = [
        ["--help"], ["-h"], ["help"], ["help", "plan"], ["--version"], ["plan", "--version"], ["plan", "--help"],
        ["validate", "-h"], ["bogus"], ["plan", "--bogus"], ["-f"], ["plan", "--concurrency", "0"],
        ["export", "--server", "https://a", "--simulator", "s.json"], ["--generate-completion-script", "bash"],
        ["plan", "--experimental-dump-help"],
    ]

    @Test("help, --version and usage errors are left to the root, which words them", arguments: rootOnly)
    func leftToTheRoot(line: [String]) {
        #expect(ReconcileCLI.directParse(line) == nil)
    }
}
