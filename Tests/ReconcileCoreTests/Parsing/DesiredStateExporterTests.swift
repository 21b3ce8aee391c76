import Testing

@testable import ReconcileCore

@Suite("DesiredStateExporter")
struct DesiredStateExporterTests {
    static func repository(_ name: String, removed: Bool = false) -> LiveRepository {
        LiveRepository(id: "id-\(name)", name: name, isActive: true, isRemoved: removed)
    }

    static let live = LiveState(organizations: [
        LiveOrganization(
            id: "o2", name: "zeta",
            repositories: [
                "api", "web", "a*b", "!bang", "q?[x]", "yes", "123", "has: colon", "${HOME}", "odd \"quote\"", "gone",
            ]
            .map { repository($0, removed: $0 == "gone") },
            plans: [
                LivePlan(
                    id: "p2", name: "nightly", backupType: 5, includeMetadata: true, includeAllRepositories: false,
                    repositoryIds: [
                        "id-web", "id-api", "id-a*b", "id-!bang", "id-q?[x]", "id-yes", "id-123",
                        "id-has: colon", "id-${HOME}", "id-odd \"quote\"", "id-gone", "id-missing",
                    ]),
                LivePlan(
                    id: "p3", name: "all", backupType: nil, includeMetadata: nil, includeAllRepositories: true,
                    repositoryIds: ["id-api"]),
                LivePlan(
                    id: "p4", name: "empty", backupType: nil, includeMetadata: false, includeAllRepositories: false,
                    repositoryIds: []),
            ]),
        LiveOrganization(id: "o1", name: "true", repositories: [repository("r")], plans: []),
    ])

    @Test func exportReadsBackWithTheSamePlansAndRepositories() throws {
        let text = DesiredStateExporter.export(Self.live)
        let result = DesiredStateParser.parse([SourceFile(path: "export.yaml", text: text)], environment: [:])
        #expect(
            result.diagnostics.isEmpty,
            "\(DiagnosticRenderer.render(result.diagnostics, sources: [SourceFile(path: "export.yaml", text: text)]))\n\(text)"
        )
        let state = try #require(result.desiredState)
        #expect(state.organizations.map(\.name) == ["true", "zeta"])  // sorted by name, "true" stays text
        #expect(state.organizations.allSatisfy { $0.licenses == .additive })
        let zeta = state.organizations[1]
        #expect(zeta.plans.map(\.name) == ["all", "empty", "nightly"])
        let all = zeta.plans[0]
        let empty = zeta.plans[1]
        let nightly = zeta.plans[2]
        #expect(all.includeAllRepositories == true && all.repositories == nil)
        #expect(empty.repositories?.isEmpty == true && empty.membership == .exact && empty.includeMetadata == false)
        // nightly still holds a removed repository that the file cannot name, so it must not detach it.
        #expect(nightly.backupType == 5 && nightly.includeMetadata == true && nightly.membership == .additive)

        // Each selector matches exactly its own repository among the organization's names.
        let names = Self.live.organizations[0].repositories.filter { !$0.isRemoved }.map(\.name)
        let selectors = try #require(nightly.repositories)
        #expect(selectors.allSatisfy { !$0.isExclusion })
        var matched: [String] = []
        for selector in selectors {
            let pattern = try GlobPattern(selector.pattern)
            let hits = names.filter { pattern.matches($0) }
            #expect(hits.count == 1, "\(selector.pattern) matches \(hits)")
            matched += hits
        }
        #expect(
            Set(matched) == [
                "api", "web", "a*b", "!bang", "q?[x]", "yes", "123", "has: colon", "${HOME}", "odd \"quote\"",
            ])
    }

    @Test func planningTheExportAgainstTheSameLiveStatePlansNothing() throws {
        let text = DesiredStateExporter.export(Self.live)
        let desired = try #require(
            DesiredStateParser.parse([SourceFile(path: "export.yaml", text: text)], environment: [:]).desiredState)
        let result = Planner.plan(desired: desired, live: Self.live)
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.operations.isEmpty, "\(PlanRenderer.text(plan))")
    }

    @Test func exportIsSortedAndStable() {
        var shuffled = Self.live
        shuffled.organizations.reverse()
        shuffled.organizations[1].plans.reverse()
        shuffled.organizations[1].plans[2].repositoryIds.reverse()
        #expect(DesiredStateExporter.export(shuffled) == DesiredStateExporter.export(Self.live))
    }

    @Test func removedAndUnknownRepositoriesBecomeComments() {
        let text = DesiredStateExporter.export(Self.live)
        #expect(text.contains("          # - gone  (removed from the Git host; still attached)\n"))
        #expect(text.contains("          # repository id id-missing is attached but not in the organization's list\n"))
    }

    @Test func namesThatNeedQuotingAreQuoted() {
        let text = DesiredStateExporter.export(Self.live)
        #expect(text.contains("  - name: \"true\"\n"))
        #expect(text.contains("          - \"123\"\n"))
        #expect(text.contains("          - \"has: colon\"\n"))
        #expect(text.contains("          - \"$${HOME}\"\n"))
        #expect(text.contains("          - \"a[*]b\"\n"))
        #expect(text.contains("          - \"[]!]bang\"\n"))
    }

    /// The tool cannot manage an ambiguous name, so only the first organization or plan of a name is
    /// written (in the server's order) and the others are left as comments: the file still parses.
    @Test func onlyTheFirstOfSeveralSameNamesIsWritten() throws {
        let live = LiveState(organizations: [
            LiveOrganization(
                id: "o1", name: "dup", repositories: [Self.repository("api")],
                plans: [
                    LivePlan(
                        id: "p1", name: "nightly", backupType: 5, includeMetadata: nil, includeAllRepositories: false,
                        repositoryIds: ["id-api"]),
                    LivePlan(
                        id: "p2", name: "nightly", backupType: 3, includeMetadata: nil, includeAllRepositories: false,
                        repositoryIds: []),
                ]),
            LiveOrganization(id: "o2", name: "dup", repositories: [], plans: []),
        ])
        let text = DesiredStateExporter.export(live)
        #expect(text.contains("  # Another organization is also named dup (id o2); not written.\n"))
        #expect(
            text.contains(
                "      # Another plan is also named nightly (id p2); "
                    + "plan names must be unique to be managed, so it is not written.\n"))
        let state = try #require(
            DesiredStateParser.parse([SourceFile(path: "export.yaml", text: text)], environment: [:]).desiredState)
        #expect(state.organizations.map(\.name) == ["dup"])
        #expect(state.organizations.first?.plans.map(\.backupType) == [5])
    }

    @Test func minimalExportLooksTidy() {
        let live = LiveState(organizations: [
            LiveOrganization(
                id: "o", name: "acme", repositories: [Self.repository("api"), Self.repository("web")],
                plans: [
                    LivePlan(
                        id: "p", name: "nightly", backupType: 5, includeMetadata: true, includeAllRepositories: false,
                        repositoryIds: ["id-web", "id-api"])
                ])
        ])
        #expect(
            DesiredStateExporter.export(live) == """
                # Desired state exported from the live state by xopero-reconcile.
                # Write-only plan fields (worker, settings) cannot be read from the server and are not included.
                version: 1

                organizations:
                  - name: acme
                    licenses: additive
                    plans:
                      - name: nightly
                        backupType: 5
                        includeMetadata: true
                        repositories:
                          - api
                          - web
                        membership: exact

                """)
    }

    @Test(
        "scalars read back as the same text",
        arguments: [
            "plain", "with space", "yes", "null", "~", "0x10", "1.5", "2024-01-01", "-dash", "#hash", "a #b", "a: b",
            "'single'", "\"double\"", "back\\slash", "tab\there", "new\nline", "@at", "`tick", "%pct", "&amp", "*star",
            "!bang", "|pipe", ">gt", "{brace}", "[bracket]", ",comma", "?q", "${VAR}", "$${X}", "ünïcødé", " lead",
            "trail ",
        ])
    func scalarRoundTrip(text: String) throws {
        // `worker` takes any text; names may not hold control characters (see the next test).
        let yaml =
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n"
            + "        worker: \(YAMLScalarWriter.scalar(text))\n"
        let state = try #require(parseOne(yaml).desiredState, "\(yaml)")
        #expect(state.organizations.first?.plans.first?.worker == text)
    }

    @Test func controlAndBidiCharactersAreEscapedAndANameHoldingThemIsRefusedOnReading() throws {
        let scalar = YAMLScalarWriter.scalar("a\u{1B}b\u{202E}c\nd")
        #expect(scalar == "\"a\\u001Bb\\u202Ec\\nd\"")
        let result = parseOne("version: 1\norganizations:\n  - name: \(scalar)\n")
        #expect(result.desiredState == nil)
        #expect(result.diagnostics.first?.location == SourceLocation(file: "reconcile.yaml", line: 3, column: 13))
    }
}
