import Testing

@Suite("goldenDiff")
struct GoldenDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(goldenDiff(expected: "a\nb\n", actual: "a\nb\n").isEmpty)
    }

    @Test func changedLineShowsAsRemovedAndAddedWithContext() {
        let expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
        let actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"
        #expect(
            goldenDiff(expected: expected, actual: actual) == """
                --- expected
                +++ actual
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8

                """)
    }

    @Test func distantChangesGetSeparateHunks() {
        let expected = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let actual = expected.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(
            of: "\n19\n", with: "\n")
        let diff = goldenDiff(expected: expected, actual: actual)
        #expect(
            diff.components(separatedBy: "\n").filter { $0.hasPrefix("@@") } == [
                "@@ -1,5 +1,5 @@", "@@ -16,5 +16,4 @@",
            ])
        #expect(diff.contains("-2\n+two\n"))
        #expect(diff.contains("-19\n"))
    }

    @Test func missingFinalNewlineIsVisible() {
        let diff = goldenDiff(expected: "a\n", actual: "a")
        #expect(diff.contains("-a\n+a\n\\ No newline at end of file\n"))
    }

    @Test func addedLinesAtTheEnd() {
        #expect(goldenDiff(expected: "", actual: "x\n") == "--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+x\n")
    }
}
