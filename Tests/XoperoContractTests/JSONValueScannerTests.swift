import Foundation
import Testing

@testable import XoperoContract
@testable import XoperoSimulator

/// `JSONValue.parse` reads with `JSONValueScanner` first and asks Foundation's `JSONDecoder` only when the
/// scanner declines: the scanner must never answer differently from Foundation, and it must answer for
/// the documents the API exchanges (or it saves nothing).
@Suite struct JSONValueScannerTests {
    static func foundation(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The scanner agrees with Foundation, or declines; `parse` always agrees.
    static func expectSound(_ data: Data, _ label: String) {
        let expected = foundation(data)
        if let scanned = JSONValue.scanned(data) {
            #expect(
                scanned == expected, "\(label): the scanner read \(scanned), Foundation \(String(describing: expected))"
            )
        }
        #expect(JSONValue.parse(data) == expected, "\(label)")
    }

    static func vendorSamples() throws -> [(String, Data)] {
        let folder = try #require(Bundle.module.url(forResource: "VendorSamples", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    @Test("the vendor's samples and a generated simulator state are read by the scanner, as Foundation reads them")
    func answersForTheAPIsDocuments() throws {
        var documents = try Self.vendorSamples()
        var state = try StateGenerator.generate(.init(organizations: 2, repositories: 300, plans: 6, seed: 3))
        state.organizations[0].name = "Zürich \"quoted\" \\ / \u{1F600} \u{7}"
        documents.append(("generated state", state.encoded()))
        for (name, data) in documents {
            let scanned = JSONValue.scanned(data)
            #expect(scanned != nil, "the scanner declined \(name)")
            #expect(scanned == Self.foundation(data), "\(name)")
        }
    }

    @Test(
        "edge cases: read exactly as Foundation reads them, or left to it",
        arguments: [
            "1", "-0", "0", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.0", "1e2", "-1.5",
            "01", "-", "+1", "1.", ".5", "true", "false", "null", "nul", "truex", "\"\"", "\"a\\\"b\\\\c\\/d\"",
            "\"\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4E2D\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"",
            "\"\\ud83dx\"", "\"\\u12\"", "\"\\x\"", "\"a\u{1}b\"", "\"tab\there\"", "\"unterminated",
            "{\"a\":1,\"a\":2}",
            "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\" 1}", "{1:2}", " [ true , false , null ] ", "\t{\r\n}\n", "",
            "   ", "[] []", "{}x", "[[[[[]]]]]", String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func edgeCase(_ text: String) {
        Self.expectSound(Data(text.utf8), text)
    }

    @Test("bytes that are not UTF-8, and JSON in UTF-16, are left to Foundation")
    func otherEncodings() throws {
        Self.expectSound(Data([0x22, 0xFF, 0xFE, 0x22]), "invalid UTF-8")
        Self.expectSound(Data([0x22, 0xC3, 0x22]), "a cut UTF-8 sequence")
        let utf16 = try #require("{\"a\":[1,\"é\"]}".data(using: .utf16))
        #expect(JSONValue.scanned(utf16) == nil)
        Self.expectSound(utf16, "UTF-16 with a byte order mark")
    }

    @Test("500 seeded mutations of the vendor's samples: the scanner never answers unlike Foundation")
    func mutations() throws {
        var random = SplitMix64(seed: 11)
        let samples = try Self.vendorSamples().map(\.1)
        let alphabet = Array("{}[]\",:\\u0123456789.eE+-tfnrl \n\u{1}é".utf8)
        for round in 0..<500 {
            var bytes = [UInt8](samples[round % samples.count])
            for _ in 0..<(1 + round % 3) where !bytes.isEmpty {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                default: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
            }
            Self.expectSound(Data(bytes), "mutation \(round)")
        }
    }
}
