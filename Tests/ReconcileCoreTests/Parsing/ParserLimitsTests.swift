import Testing

@testable import ReconcileCore

@Suite("DesiredStateParser: hostile input")
struct ParserLimitsTests {
    @Test func fiftyMegabyteFileIsRefusedBeforeParsing() throws {
        let line = "  - name: organization-with-a-rather-long-name-0000\n"
        let repeats = 50 * 1024 * 1024 / line.utf8.count + 1
        let text = "version: 1\norganizations:\n" + String(repeating: line, count: repeats)
        let clock = ContinuousClock()
        var result: ParseResult?
        let elapsed = clock.measure { result = parseOne(text) }
        let parsed = try #require(result)
        #expect(parsed.desiredState == nil)
        #expect(
            messages(parsed) == [
                "the file is 50 MB; desired-state files are limited to 10 MB (split it into several files and pass each with -f)"
            ])
        #expect(parsed.diagnostics.first?.location == SourceLocation(file: "reconcile.yaml", line: 1, column: 1))
        #expect(elapsed < .seconds(5), "the size check must come before any parsing")
        let rendered = DiagnosticRenderer.render(
            parsed.diagnostics, sources: [SourceFile(path: "reconcile.yaml", text: text)])
        #expect(rendered == "reconcile.yaml:1:1: error: \(parsed.diagnostics[0].message)\nversion: 1\n^\n")
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var text = "version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        text += "organizations: *l12\n"
        let result = parseOne(text)
        #expect(result.desiredState == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("billion laughs") == true)
    }

    @Test func aliasBudgetIsEnforcedExactlyAtTheLimit() {
        // 3 aliases of a 3-node list add 9 nodes: allowed with a budget of 9, refused with 8.
        let text = "version: 1\nx: &x [a, b]\ny: [*x, *x, *x]\norganizations: [{name: acme}]\n"
        var limits = ParsingLimits()
        limits.maximumAliasExpansion = 9
        let allowed = DesiredStateParser.parse(
            [SourceFile(path: "f.yaml", text: text)], environment: [:], limits: limits)
        #expect(!allowed.diagnostics.contains { $0.message.contains("billion laughs") })
        limits.maximumAliasExpansion = 8
        let refused = DesiredStateParser.parse(
            [SourceFile(path: "f.yaml", text: text)], environment: [:], limits: limits)
        #expect(refused.diagnostics.map(\.message).contains { $0.contains("more than 8 nodes") })
    }

    @Test("deep nesting is refused without crashing", arguments: [65, 500, 100_000])
    func deepNestingIsRefusedWithoutCrashing(depth: Int) {
        let text =
            "version: 1\norganizations: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            + "\n"
        let result = parseOne(text)
        #expect(result.desiredState == nil)
        #expect(result.diagnostics.count == 1)
        #expect(
            result.diagnostics.first?.message.hasPrefix("lists and mappings are nested more than 64 levels deep")
                == true, "\(messages(result))")
    }

    @Test func undefinedAliasIsAnError() {
        let result = parseOne("version: 1\norganizations: *nothing\n")
        #expect(messages(result) == ["the alias *nothing refers to no anchor; define &nothing before using it"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: "reconcile.yaml", line: 2, column: 16))
    }

    @Test func controlCharactersAreASyntaxErrorWithAPosition() throws {
        let result = parseOne("version: 1\norganizations:\n  - name: a\u{7}b\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("YAML syntax error: "))
        #expect(diagnostic.location?.line == 3)
    }
}
