import Testing

@testable import ReconcileCore

/// No value from the environment is printed by the parser or the planner: the secret variables
/// cannot be interpolated at all, and every message about an interpolated value names the variable.
@Suite("Secrets are never printed")
struct SecretVariableTests {
    static let secret = "hunter2-Secret-Value"

    /// Parses, plans against `live` when parsing succeeds, and renders every diagnostic.
    static func rendered(_ text: String, environment: [String: String], live: LiveState? = nil) -> (String, ParseResult)
    {
        let file = SourceFile(path: "reconcile.yaml", text: text)
        let parsed = DesiredStateParser.parse([file], environment: environment)
        var diagnostics = parsed.diagnostics
        if let live, let desired = parsed.desiredState {
            diagnostics += Planner.plan(desired: desired, live: live).diagnostics
        }
        return (DiagnosticRenderer.render(diagnostics, sources: [file]), parsed)
    }

    @Test("a secret variable is refused at the reference, set or not", arguments: SecretVariables.names)
    func secretVariableIsRefused(name: String) throws {
        let text = "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: \"x-${\(name)}\"\n"
        for environment in [[name: Self.secret], [:]] {
            let (output, parsed) = Self.rendered(text, environment: environment)
            #expect(parsed.desiredState == nil)
            let diagnostic = try #require(parsed.diagnostics.first)
            #expect(diagnostic.message.hasPrefix("${\(name)} may not be used in a desired-state file"))
            #expect(diagnostic.location == SourceLocation(file: "reconcile.yaml", line: 5, column: 18))
            #expect(!output.contains(Self.secret))
        }
    }

    @Test func aFallbackDoesNotMakeASecretVariableUsable() {
        let (output, parsed) = Self.rendered(
            "version: 1\norganizations:\n  - name: ${XOPERO_TOKEN:-acme}\n", environment: ["XOPERO_TOKEN": Self.secret])
        #expect(parsed.desiredState == nil)
        #expect(output.contains("${XOPERO_TOKEN} may not be used"))
        #expect(!output.contains(Self.secret))
    }

    @Test func theListIsSortedAndHoldsTheCredentialVariables() {
        #expect(SecretVariables.names == SecretVariables.names.sorted())
        for name in ["XOPERO_PASSWORD", "XOPERO_TOKEN", "XOPERO_PASSWORD_FILE", "XOPERO_NOTIFY_WEBHOOK"] {
            #expect(SecretVariables.contains(name))
        }
        #expect(!SecretVariables.contains("XOPERO_URL"))
    }

    /// Each case: a file whose interpolated value is wrong, and the message naming the variable.
    @Test(
        "a bad interpolated value is named by its variable, never shown",
        arguments: [
            (
                "    plans:\n      - name: p\n        backupType: ${V}\n",
                "'backupType' must be a whole number, but the variable V gave another value"
            ),
            (
                "    plans:\n      - name: p\n        includeMetadata: ${V}\n",
                "'includeMetadata' must be true or false, but the variable V gave another value"
            ),
            ("    licenses: ${V}\n", "'licenses' must be additive or exact, but the variable V gave another value"),
            (
                "    plans:\n      - name: p\n        membership: \"${V}\"\n",
                "'membership' must be exact or additive, but the variable V gave another value"
            ),
            (
                "    plans:\n      - name: p\n        repositories: ${V}\n",
                "'repositories' must be a list, but the variable V gave a single value"
            ),
            (
                "    plans:\n      - name: p\n        repositories: [\"${V}\"]\n",
                "the variable V gave an invalid repository pattern (not shown)"
            ),
            (
                "    plans:\n      - name: \"${V}\"\n",
                "holds a control or bidirectional-override character that the variable V gave"
            ),
        ] as [(String, String)])
    func badValueNamesTheVariable(tail: String, expected: String) {
        let value = tail.contains("name: \"${V}\"") ? "evil\u{1B}[2J" + Self.secret : "[" + Self.secret
        let text = "version: 1\norganizations:\n  - name: acme\n" + tail
        let (output, parsed) = Self.rendered(text, environment: ["V": value])
        #expect(parsed.desiredState == nil)
        #expect(output.contains(expected), "\(output)")
        #expect(!output.contains(Self.secret), "\(output)")
    }

    @Test func duplicateNamesFromVariablesAreNotShown() {
        let text = "version: 1\norganizations:\n  - name: ${A}\n  - name: ${B}\n"
        let (output, _) = Self.rendered(text, environment: ["A": Self.secret, "B": Self.secret])
        #expect(output.contains("organization (named by the variable B) is already defined at reconcile.yaml:3:11"))
        #expect(!output.contains(Self.secret))
    }

    @Test func namesFromVariablesThatMatchNothingAreNotShownNorSuggested() {
        // Server names close to the secret: a "did you mean" would print them.
        let live = LiveState(organizations: [
            LiveOrganization(
                id: "o1", name: "acme",
                repositories: [LiveRepository(id: "r1", name: Self.secret + "r", isActive: true, isRemoved: false)],
                plans: [
                    LivePlan(
                        id: "p1", name: "nightly", backupType: 5, includeMetadata: true,
                        includeAllRepositories: false, repositoryIds: []),
                    LivePlan(
                        id: "p2", name: Self.secret + "p", backupType: 5, includeMetadata: true,
                        includeAllRepositories: false, repositoryIds: []),
                ]),
            LiveOrganization(id: "o2", name: Self.secret + "o", repositories: [], plans: []),
        ])
        let organization = "version: 1\norganizations:\n  - name: ${ORG}\n"
        let (orgOutput, _) = Self.rendered(organization, environment: ["ORG": Self.secret], live: live)
        #expect(orgOutput.contains("the organization named by the variable ORG does not exist on the server"))
        #expect(!orgOutput.contains(Self.secret) && !orgOutput.contains("did you mean"), "\(orgOutput)")

        let inside =
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: ${P}\n"
            + "      - name: nightly\n        repositories: [\"${R}\", \"${G}-*\"]\n"
        let (output, _) = Self.rendered(
            inside, environment: ["P": Self.secret, "R": Self.secret, "G": Self.secret], live: live)
        #expect(output.contains("the plan named by the variable P does not exist in organization \"acme\""))
        #expect(output.contains("the repository named by the variable R does not exist in organization \"acme\""))
        #expect(output.contains("the pattern the variable G gave matches no repository"))
        #expect(!output.contains("did you mean"))
        #expect(!output.contains(Self.secret), "\(output)")
    }
}
