import Testing

@testable import ReconcileCore

@Suite("Structure rules: glob syntax, did-you-mean, YAML typing")
struct StructureRulesTests {
    private func planWithRepositories(_ entries: [String]) -> ParseResult {
        let list = entries.map { "          - \($0)" }.joined(separator: "\n")
        return parseOne(
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n        repositories:\n\(list)\n")
    }

    @Test(
        "valid patterns are accepted",
        arguments: [
            "api", "web-*", "\"!web-legacy\"", "svc-?", "\"[abc]x\"", "\"x[a-z]\"", "\"x[!a]\"", "\"x[]]\"", "\"*\"",
            "\"!*\"",
        ])
    func validPattern(_ entry: String) {
        #expect(planWithRepositories([entry]).diagnostics.isEmpty)
    }

    @Test(
        "invalid patterns are refused at their column",
        arguments: [
            (
                "\"web-[abc\"", 18,
                "invalid repository pattern \"web-[abc\": the bracket \"[\" is never closed; add \"]\""
            ),
            ("\"[]\"", 14, "invalid repository pattern \"[]\": the bracket \"[\" is never closed; add \"]\""),
            ("\"\"", 13, "an empty repository pattern matches nothing; write a name or a glob, or remove the entry"),
            ("\"!\"", 13, "'!' alone excludes nothing; write !name or !pattern (for example \"!web-legacy\")"),
            ("\"!!a\"", 13, "write a single '!' to exclude (\"!a\")"),
            ("\"!x[b-a]\"", 17, "invalid repository pattern \"!x[b-a]\": the range \"b-a\" is reversed; write \"a-b\""),
        ] as [(String, Int, String)])
    func invalidPattern(entry: String, column: Int, message: String) {
        let result = planWithRepositories([entry])
        #expect(messages(result) == [message])
        #expect(result.diagnostics.first?.location?.column == column)
        #expect(result.diagnostics.first?.location?.line == 7)
    }

    @Test(
        "near misses get a suggestion",
        arguments: [
            ("includeMetaData", "includeMetadata"), ("backuptype", "backupType"), ("repository", "repositories"),
            ("membrship", "membership"), ("nmae", "name"), ("setting", "settings"),
        ])
    func didYouMean(typo: String, suggestion: String) {
        let message = StructureValidator.unknownKeyMessage(typo, in: DesiredStateFormat.plan)
        #expect(message == "unknown key '\(typo)' in a plan; did you mean '\(suggestion)'?")
    }

    @Test func farMissesListTheKnownKeys() {
        let message = StructureValidator.unknownKeyMessage("colour", in: DesiredStateFormat.organization)
        #expect(
            message
                == "unknown key 'colour' in an organization (expected one of: name, licenses, keepLicensed, defaults, plans)"
        )
    }

    @Test func keysOfAnotherLevelSayWhereTheyBelong() {
        let message = StructureValidator.unknownKeyMessage("keepLicensed", in: DesiredStateFormat.plan)
        #expect(message.contains("'keepLicensed' belongs in an organization"))
    }

    @Test(
        "plain scalars are typed as YAML 1.1 (PyYAML) types them",
        arguments: [
            ("true", ResolvedScalar.bool(true)), ("Yes", .bool(true)), ("off", .bool(false)), ("NO", .bool(false)),
            ("~", .null), ("", .null), ("null", .null),
            ("5", .int(5)), ("-3", .int(-3)), ("0x1F", .int(31)), ("017", .int(15)), ("0b101", .int(5)),
            ("1_000", .int(1000)),
            ("1.5", .otherNumber), (".inf", .otherNumber), ("-.Inf", .otherNumber), (".nan", .otherNumber),
            ("1e5", .string("1e5")),
            ("1:30", .otherNumber), ("2024-01-31", .timestamp), ("2024-1-31", .string("2024-1-31")),
            ("2001-12-14 21:59:43.10 -5", .timestamp), ("acme", .string("acme")), ("y", .string("y")),
            ("0o7", .string("0o7")),
        ])
    func plainTyping(text: String, expected: ResolvedScalar) {
        #expect(ScalarResolver.resolvePlain(text) == expected)
    }

    @Test(
        "quoted and tagged scalars",
        arguments: [
            (YAMLScalar(text: "true", style: .doubleQuoted), ResolvedScalar.string("true")),
            (YAMLScalar(text: "5", style: .singleQuoted), .string("5")),
            (YAMLScalar(text: "5", style: .literal), .string("5")),
            (YAMLScalar(text: "5", style: .plain, tag: "tag:yaml.org,2002:str"), .string("5")),
            (YAMLScalar(text: "5", style: .doubleQuoted, tag: "tag:yaml.org,2002:int"), .int(5)),
        ])
    func quotedTyping(scalar: YAMLScalar, expected: ResolvedScalar) {
        #expect(ScalarResolver.resolve(scalar) == expected)
    }

    @Test func nullValuesAreReportedNotIgnored() {
        let result = parseOne(
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: p\n        backupType:\n")
        #expect(messages(result) == ["'backupType' has no value; write a whole number or remove it"])
    }

    @Test func nonStringMapKeyIsRefused() {
        let result = parseOne("version: 1\n[a]: 1\norganizations: [{name: acme}]\n")
        #expect(messages(result) == ["a key must be a name, not a list"])
    }
}
