import Foundation
import Testing

/// Tools from outside Swift that some tests check their output with (a Prometheus parser from PyPI,
/// `sh`, `curl` and `jq` for the CI recipes' scripts). `.ci/run` installs them and sets
/// `XOPERO_REQUIRE_TEST_TOOLS=1`; there a missing tool fails the test. A developer without them still
/// runs every check that needs no tool, and the test reports a *known issue* naming the missing tool
/// and how to install it: visible in the test output (never a silent pass), yet not a failure.
public enum TestTools {
    public static var required: Bool {
        ProcessInfo.processInfo.environment["XOPERO_REQUIRE_TEST_TOOLS"] == "1"
    }

    /// True when every program in `programs` is on PATH and `probe` (a command, if any) exits 0. When
    /// not, records a failure (under .ci/run) or a known issue (elsewhere) that says how to install it.
    public static func available(
        _ programs: [String], probe: [String]? = nil, install: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Bool {
        var missing = programs.filter { ChildProcess.which($0) == nil }
        if missing.isEmpty, let probe, let program = ChildProcess.which(probe[0]) {
            let result = try? await ChildProcess.run(
                program, Array(probe.dropFirst()), environment: ProcessInfo.processInfo.environment)
            if result?.status != 0 { missing.append(probe.joined(separator: " ")) }
        }
        guard !missing.isEmpty else { return true }
        let message = Comment(
            rawValue: "missing test tool: \(missing.joined(separator: ", ")); install it with `\(install)` "
                + "(.ci/run does). The checks that need it did not run.")
        if required {
            Issue.record(message, sourceLocation: sourceLocation)
        } else {
            withKnownIssue(message) { Issue.record(message, sourceLocation: sourceLocation) }
        }
        return false
    }
}
