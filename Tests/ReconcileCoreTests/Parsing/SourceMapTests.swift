import Testing

@testable import ReconcileCore

@Suite("SourceMap")
struct SourceMapTests {
    @Test func lineBreaksAreTheOnesLibYAMLCounts() {
        let map = SourceMap("a\rb\r\nc\u{85}d\u{2028}e\u{2029}f\ng")
        #expect((1...7).compactMap { map.line($0) } == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(map.line(8) == nil && map.lineCount == 7)
    }

    @Test func columnsCountScalarsAcrossCheckpoints() throws {
        // Multi-byte characters straddle the 64-byte checkpoints many times over.
        let line = String(repeating: "é€😀a", count: 200)
        let map = SourceMap("x\n" + line + "\n")
        let scalars = Array(line.unicodeScalars)
        var byte = 2
        for (index, scalar) in scalars.enumerated() {
            let position = YAMLPosition(line: 2, column: index + 1)
            #expect(map.position(ofByte: byte) == position)
            #expect(map.byteOffset(of: position) == byte)
            // A byte inside a character belongs to that character's column.
            if scalar.utf8.count > 1 { #expect(map.position(ofByte: byte + 1) == position) }
            byte += scalar.utf8.count
        }
        #expect(map.byteOffset(of: YAMLPosition(line: 2, column: 10_000)) == byte)
        #expect(map.byteOffset(of: YAMLPosition(line: 3, column: 1)) == byte + 1)
        #expect(map.byteOffset(of: YAMLPosition(line: 4, column: 1)) == nil)
    }

    @Test func aByteOrderMarkIsNotAColumn() {
        let map = SourceMap("\u{FEFF}ab")
        #expect(map.contentStart == 3)
        #expect(map.position(ofByte: 4) == YAMLPosition(line: 1, column: 2))
        #expect(map.byteOffset(of: YAMLPosition(line: 1, column: 1)) == 3)
    }

    @Test func partialMapsStopAfterTheLastLineAsked() {
        let map = SourceMap("one\r\ntwo\nthree\n", upToLine: 2)
        #expect(map.line(1) == "one" && map.line(2) == "two" && map.line(3) == nil)
        #expect(map.bytes.count == 9)
    }

    @Test func referencesOnOneLongLineAreEachLocated() throws {
        // 2,000 references in one flow list: each error points at its own reference.
        let count = 2_000
        let items = (0..<count).map { "\"${V\($0)}\"" }.joined(separator: ", ")
        let text = "version: 1\norganizations: [{name: acme, plans: [{name: p, repositories: [\(items)]}]}]\n"
        let result = parseOne(text)
        #expect(result.diagnostics.count == count)
        let prefix = "organizations: [{name: acme, plans: [{name: p, repositories: [".count
        var width = 0  // of the items before this one
        for (index, diagnostic) in result.diagnostics.enumerated() {
            #expect(diagnostic.location == SourceLocation(file: "reconcile.yaml", line: 2, column: prefix + width + 2))
            #expect(diagnostic.message.hasPrefix("the environment variable V\(index) is not set"))
            width += "\"${V\(index)}\", ".count
        }
    }

    @Test func referencesInMultiLineAndEscapedScalarsAreLocated() {
        let text = "version: 1\norganizations:\n  - name: \"first\n      ${A} ${B}\"\n  - name: \"\\x41${C}\"\n"
        let result = parseOne(text)
        #expect(result.diagnostics.compactMap(\.location?.line) == [4, 4, 5])
        #expect(result.diagnostics.compactMap(\.location?.column) == [7, 12, 16])
    }
}
