import Testing

@testable import ReconcileCore

@Suite("GlobPattern")
struct GlobPatternTests {
    @Test(
        "matches",
        arguments: [
            ("web-*", "web-app", true), ("web-*", "web-", true), ("web-*", "web", false), ("web-*", "Web-app", false),
            ("*", "", true), ("*", "anything", true), ("?", "a", true), ("?", "", false), ("?", "ab", false),
            ("a?c", "abc", true), ("a?c", "ac", false), ("*-api", "billing-api", true),
            ("*-api", "billing-api-v2", false),
            ("*a*b*", "xxaxxbxx", true), ("*a*b*", "xxbxxaxx", false), ("a*a*a", "aaa", true), ("a*a*a", "aa", false),
            ("[abc]x", "bx", true), ("[abc]x", "dx", false), ("[a-c]x", "cx", true), ("[!a-c]x", "cx", false),
            ("[!a-c]x", "dx", true), ("[]a]", "]", true), ("[!]a]", "b", true), ("[a-]", "-", true),
            ("é?", "éa", true), ("?x", "éx", true), ("[é]", "é", true), ("[!é]", "é", false), ("*é", "aaé", true),
            ("svc-[0-9][0-9]", "svc-42", true), ("svc-[0-9][0-9]", "svc-4a", false),
        ])
    func matches(pattern: String, name: String, expected: Bool) throws {
        #expect(try GlobPattern(pattern).matches(name) == expected)
    }

    @Test(
        "invalid patterns name the problem and its position",
        arguments: [
            ("web-[abc", 4, "never closed"), ("[]", 0, "never closed"), ("x[z-a]", 2, "reversed"),
        ])
    func invalid(pattern: String, offset: Int, fragment: String) {
        #expect(throws: GlobSyntaxError.self) { try GlobPattern(pattern) }
        do {
            _ = try GlobPattern(pattern)
        } catch {
            #expect(error.offset == offset)
            #expect(error.message.contains(fragment))
        }
    }
}

@Suite("NameSuggestion")
struct NameSuggestionTests {
    @Test func suggestsNearestWithinReach() {
        #expect(NameSuggestion.nearest(to: "nighlty", among: ["nightly", "weekly"]) == "nightly")
        #expect(NameSuggestion.nearest(to: "apii", among: ["api", "app", "web"]) == "api")
        #expect(NameSuggestion.nearest(to: "zzzzzz", among: ["api", "web"]) == nil)
    }

    @Test func tiesGoToTheOrdinallySmallest() {
        #expect(NameSuggestion.nearest(to: "ab", among: ["ac", "aa"]) == "aa")
    }
}

@Suite("OrdinalOrder")
struct OrdinalOrderTests {
    @Test func comparesBytesNotLocale() {
        #expect(OrdinalOrder.less("B", "a"))  // uppercase before lowercase
        #expect(OrdinalOrder.less("a", "a-b"))
        #expect(OrdinalOrder.less("a-b", "a_b"))  // '-' 0x2D before '_' 0x5F
        #expect(OrdinalOrder.less("z", "é"))  // non-ASCII after ASCII
        #expect(OrdinalOrder.compare("same", "same") == 0)
    }
}

@Suite("OrganizationIndex")
struct OrganizationIndexTests {
    @Test func prefixRunsAreFoundInNameOrder() {
        let names = ["b", "a", "ab", "abc", "ac", "é", "éa", "AB", ""]
        let index = OrganizationIndex(Fixture.organization("acme", names.map { Fixture.repository($0) }, []))
        #expect(index.repositories.map(\.name) == ["", "AB", "a", "ab", "abc", "ac", "b", "é", "éa"])
        func namesWithPrefix(_ prefix: String) -> [String] {
            index.positions(withNamePrefix: Array(prefix.utf8)).map { index.repositories[$0].name }
        }
        #expect(namesWithPrefix("ab") == ["ab", "abc"])
        #expect(namesWithPrefix("é") == ["é", "éa"])
        #expect(namesWithPrefix("z").isEmpty)
        #expect(namesWithPrefix("").count == names.count)
    }
}
