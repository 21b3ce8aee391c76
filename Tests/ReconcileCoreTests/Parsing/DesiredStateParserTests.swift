import Testing

@testable import ReconcileCore

@Suite("DesiredStateParser: valid files")
struct DesiredStateParserTests {
    @Test func specExampleParsesWithDefaultsAndInterpolation() throws {
        let text = """
            # yaml-language-server: $schema=./reconcile.schema.json
            version: 1
            defaults:
              includeMetadata: true
            organizations:
              - name: acme
                licenses: exact
                keepLicensed: ["archive-*"]
                plans:
                  - name: nightly
                    backupType: 5
                    worker: ${NIGHTLY_WORKER_ID}
                    settings:
                      compression: zstd
                      level: 9
                    repositories:
                      - api
                      - "web-*"
                      - "!web-legacy"
                    membership: additive
                  - name: everything
                    includeAllRepositories: true
            """
        let result = parseOne(text, environment: ["NIGHTLY_WORKER_ID": "worker-7"])
        #expect(result.diagnostics.isEmpty)
        let state = try #require(result.desiredState)
        let acme = try #require(state.organizations.first)
        #expect(acme.name == "acme")
        #expect(acme.licenses == .exact)
        #expect(acme.location == SourceLocation(file: "reconcile.yaml", line: 6, column: 11))
        #expect(acme.keepLicensed.map(\.pattern) == ["archive-*"])
        let nightly = acme.plans[0]
        #expect(nightly.name == "nightly")
        #expect(nightly.backupType == 5)
        #expect(nightly.includeMetadata == true)  // from the top-level defaults
        #expect(nightly.worker == "worker-7")
        #expect(nightly.settings == ["compression": "zstd", "level": "9"])
        #expect(nightly.membership == .additive)
        #expect(nightly.includeAllRepositories == nil)
        let repositories = try #require(nightly.repositories)
        #expect(repositories.map(\.pattern) == ["api", "web-*", "web-legacy"])
        #expect(repositories.map(\.isExclusion) == [false, false, true])
        #expect(repositories[2].location == SourceLocation(file: "reconcile.yaml", line: 19, column: 13))
        let everything = acme.plans[1]
        #expect(everything.includeAllRepositories == true)
        #expect(everything.repositories == nil)
        #expect(everything.includeMetadata == true)
        #expect(everything.membership == .exact)
        #expect(everything.backupType == nil)
    }

    @Test func planFieldsWinOverOrganizationDefaultsWhichWinOverTopLevel() throws {
        let text = """
            version: 1
            defaults:
              backupType: 1
              includeMetadata: false
              worker: top
              settings: {a: "1", b: "2"}
              membership: additive
            organizations:
              - name: acme
                defaults:
                  backupType: 2
                  settings: {c: "3"}
                plans:
                  - name: own
                    backupType: 3
                    settings: {d: "4"}
                    membership: exact
                  - name: inherits
              - name: beta
                plans:
                  - name: top-only
            """
        let state = try #require(parseOne(text).desiredState)
        let own = state.organizations[0].plans[0]
        let inherits = state.organizations[0].plans[1]
        let topOnly = state.organizations[1].plans[0]
        #expect(own.backupType == 3 && own.settings == ["d": "4"] && own.membership == .exact)
        #expect(own.includeMetadata == false && own.worker == "top")
        // A plan's settings replace the defaults' map as a whole; organization defaults replace top-level ones.
        #expect(inherits.backupType == 2 && inherits.settings == ["c": "3"] && inherits.membership == .additive)
        #expect(topOnly.backupType == 1 && topOnly.settings == ["a": "1", "b": "2"] && topOnly.worker == "top")
    }

    @Test func fieldsLeftOutAreNotManaged() throws {
        let state = try #require(
            parseOne("version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n").desiredState)
        let plan = state.organizations[0].plans[0]
        #expect(plan.backupType == nil && plan.includeMetadata == nil && plan.worker == nil && plan.settings == nil)
        #expect(plan.repositories == nil && plan.includeAllRepositories == nil && plan.membership == .exact)
        #expect(state.organizations[0].licenses == .additive)
    }

    @Test func severalFilesMergeInOrder() throws {
        let a = SourceFile(
            path: "a.yaml",
            text:
                "version: 1\ndefaults: {includeMetadata: true}\norganizations:\n  - name: acme\n    plans: [{name: p}]\n"
        )
        let b = SourceFile(path: "b.yaml", text: "version: 1\norganizations:\n  - name: beta\n    plans: [{name: q}]\n")
        let result = DesiredStateParser.parse([a, b], environment: [:])
        let state = try #require(result.desiredState)
        #expect(state.organizations.map(\.name) == ["acme", "beta"])
        // Top-level defaults apply to the organizations of their own file only.
        #expect(state.organizations[0].plans[0].includeMetadata == true)
        #expect(state.organizations[1].plans[0].includeMetadata == nil)
        #expect(state.organizations[1].location.file == "b.yaml")
    }

    @Test func anchorsAndAliasesWithinTheBudgetAreExpanded() throws {
        let text = """
            version: 1
            organizations:
              - name: acme
                plans:
                  - name: a
                    repositories: &shared [api, web]
                  - name: b
                    repositories: *shared
            """
        let state = try #require(parseOne(text).desiredState)
        #expect(state.organizations[0].plans[1].repositories?.map(\.pattern) == ["api", "web"])
    }

    @Test(
        "interpolated values take the type the field expects",
        arguments: [
            ("includeMetadata: \"${FLAG}\"", "true"),
            ("includeMetadata: ${FLAG}", "on"),
        ])
    func interpolatedBoolean(line: String, value: String) throws {
        let text = "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n        \(line)\n"
        let state = try #require(parseOne(text, environment: ["FLAG": value]).desiredState)
        #expect(state.organizations[0].plans[0].includeMetadata == true)
    }

    @Test func interpolatedNumberInATextFieldStaysText() throws {
        let text =
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n        worker: ${W}\n        backupType: ${T:-5}\n"
        let state = try #require(parseOne(text, environment: ["W": "12345"]).desiredState)
        #expect(state.organizations[0].plans[0].worker == "12345")
        #expect(state.organizations[0].plans[0].backupType == 5)
    }

    @Test func textAroundAReferenceInANumberFieldIsRefused() {
        let text =
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n        backupType: 1${T}\n"
        let result = parseOne(text, environment: ["T": "2"])
        #expect(result.desiredState == nil)
        #expect(
            messages(result) == [
                "'backupType' must be a whole number or one ${NAME} reference on its own, not \"1${T}\""
            ])
    }

    @Test func quotedNamesThatLookLikeOtherTypesAreText() throws {
        let text =
            "version: 1\norganizations:\n  - name: \"2024\"\n    plans:\n      - name: 'yes'\n        worker: !!str 42\n"
        let state = try #require(parseOne(text).desiredState)
        #expect(state.organizations[0].name == "2024")
        #expect(state.organizations[0].plans[0].name == "yes")
        #expect(state.organizations[0].plans[0].worker == "42")
    }

    @Test func windowsLineEndingsParse() throws {
        let text = "version: 1\r\norganizations:\r\n  - name: acme\r\n"
        let state = try #require(parseOne(text).desiredState)
        #expect(state.organizations[0].name == "acme")
    }

    @Test func explicitDocumentMarkersAreFine() throws {
        let state = try #require(
            parseOne("%YAML 1.1\n---\nversion: 1\norganizations: [{name: acme}]\n...\n").desiredState)
        #expect(state.organizations.map(\.name) == ["acme"])
    }

    @Test func theRepositorysExampleFileParses() throws {
        let url = Golden.repositoryRoot.appendingPathComponent("examples/reconcile.yaml")
        let text = try #require(Golden.text(url), "examples/reconcile.yaml is missing")
        let result = DesiredStateParser.parse(
            [SourceFile(path: "examples/reconcile.yaml", text: text)], environment: [:])
        #expect(result.diagnostics.isEmpty)
        #expect(result.desiredState?.organizations.isEmpty == false)
    }

    @Test func byteOrderMarkIsSkippedAndNotCountedAsAColumn() throws {
        let text = "\u{FEFF}version: 1\norganizations: [{name: acme}]\nbogus: 1\n"
        let result = parseOne(text)
        #expect(result.diagnostics.first?.location == SourceLocation(file: "reconcile.yaml", line: 3, column: 1))
        let first = parseOne("\u{FEFF}versio: 1\norganizations: [{name: acme}]\n")
        #expect(first.diagnostics.first?.location == SourceLocation(file: "reconcile.yaml", line: 1, column: 1))
        let rendered = DiagnosticRenderer.render(
            first.diagnostics, sources: [SourceFile(path: "reconcile.yaml", text: "\u{FEFF}versio: 1\n")])
        #expect(
            rendered.hasPrefix(
                "reconcile.yaml:1:1: error: unknown key 'versio' in the document; did you mean 'version'?\nversio: 1\n^\n"
            ))
    }

    @Test func aProblemInsideAnAliasedValueIsReportedOnce() {
        let text = """
            version: 1
            organizations:
              - name: acme
                plans:
                  - name: a
                    repositories: &shared ["web-["]
                  - name: b
                    repositories: *shared
            """
        #expect(
            messages(parseOne(text)) == [
                "invalid repository pattern \"web-[\": the bracket \"[\" is never closed; add \"]\""
            ])
    }

    @Test func noFilesIsAnError() {
        let result = DesiredStateParser.parse([], environment: [:])
        #expect(result.desiredState == nil)
        #expect(messages(result) == ["no desired-state file was given; name one with -f FILE"])
    }
}
