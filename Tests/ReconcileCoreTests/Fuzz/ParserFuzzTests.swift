import Foundation
import PrintableText
import Testing

@testable import ReconcileCore

/// Mutates the golden corpus into 2,000 hostile files (seeded, so a failure reproduces) and parses
/// each: nothing may crash, every error must be located inside its file, and the rendered
/// diagnostics must hold no character that could act on a terminal.
@Suite("Parser fuzzing")
struct ParserFuzzTests {
    static let seed: UInt64 = 0x5EED_F00D
    static let fileCount = 2_000
    static let environment = ["VAR": "value", "EMPTY": "", "NUMBER": "5", "FLAG": "true", "ODD": "a\u{1B}b"]

    /// Every `.yaml` file under `Golden/`, as bytes.
    static func corpus() -> [[UInt8]] {
        let root = Golden.root
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { path in
            FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { Array($0) }
        }
    }

    /// Snippets that hit the parser's edges.
    static let injections: [String] = [
        "${", "${VAR}", "${NOPE}", "${XOPERO_PASSWORD}", "${VAR:-x}", "$${", "${ODD}", "${1}", "}",
        "!foo ", "!!python/object ", "!!binary ", "!!str ", "!!set ", "! ", "!%1B ",
        "&a ", "*a", "&b [1, 2] ", "*b", "<<: *a\n",
        "\u{1B}", "\"\\e\"", "\"\\u202E\"", "\u{202E}", "\u{2066}", "\u{85}", "\u{2028}", "\t", "\r", "\r\n", "\0",
        "\u{FEFF}", "99999999999999999999999999", "-0x7FFFFFFFFFFFFFFFF", "1e400", ".nan", "2024-01-31",
        String(repeating: "[", count: 100), String(repeating: "{a: ", count: 80), "---\n", "...\n",
        "\"unclosed", "'", "[!]x", "[z-a]", "!!!", "- ", ": ", "? ", "|\n", ">-\n", "#",
    ]

    static func mutate(_ original: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where position < bytes.count:
                bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2 where position < bytes.count:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...8, using: &random)))
            case 3:
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                guard let line = lines.randomElement(using: &random) else { continue }
                bytes.insert(contentsOf: Array(line) + [UInt8(ascii: "\n")], at: position)
            default:
                let snippet = injections.randomElement(using: &random) ?? "${"
                bytes.insert(contentsOf: Array(snippet.utf8), at: position)
            }
        }
        return bytes
    }

    @Test func mutatedCorpusNeverCrashesAndEveryErrorIsLocatedInItsFile() throws {
        let corpus = Self.corpus()
        try #require(corpus.count >= 40, "the golden corpus should hold its .yaml cases")
        var random = SeededGenerator(seed: Self.seed)
        var errorsSeen = 0
        for index in 0..<Self.fileCount {
            let original = corpus[index % corpus.count]
            let bytes = Self.mutate(original, using: &random)
            let path = "fuzz-\(index).yaml"
            let decoded = SourceDecoding.decode(bytes, path: path)
            let diagnostics: [Diagnostic]
            if let problem = decoded.problem {
                diagnostics = [problem]
            } else {
                diagnostics = DesiredStateParser.parse([decoded.file], environment: Self.environment).diagnostics
            }
            let map = SourceMap(bytes: bytes)
            for diagnostic in diagnostics where diagnostic.severity == .error {
                errorsSeen += 1
                let location = try #require(diagnostic.location, "file \(index): \(diagnostic.message)")
                for place in [location] + diagnostic.notes.compactMap(\.location) {
                    #expect(place.file == path)
                    let length = map.lineRange(place.line).map { map.position(ofByte: $0.upperBound).column - 1 }
                    #expect(
                        place.line >= 1 && place.column >= 1 && length.map { place.column <= $0 + 1 } == true,
                        "file \(index) (seed \(Self.seed)): \(place) is outside the file: \(diagnostic.message)")
                }
            }
            let rendered = DiagnosticRenderer.render(diagnostics, sources: [decoded.file])
            #expect(
                !rendered.unicodeScalars.contains { $0 != "\n" && $0 != "\t" && TerminalText.isUnsafe($0) },
                "file \(index): the rendered diagnostics hold a control character")
            #expect(!rendered.contains("a\u{1B}b"))
        }
        #expect(errorsSeen > Self.fileCount / 2, "the mutations should make most files invalid")
    }
}
