import Foundation

extension JSONValue {
    /// `data` read by `JSONValueScanner`, or nil when the scanner leaves it to Foundation.
    static func scanned(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { bytes in
            var scanner = JSONValueScanner(bytes: bytes)
            return scanner.document()
        }
    }
}

/// A JSON reader for the plain documents the API exchanges, which never throws: `JSONValue.parse` tries it
/// first. Decoding `JSONValue` with `JSONDecoder` tries each type in turn, and every failed try throws (a
/// string throws three times); in a debug build, under a test runner that records a backtrace for each
/// thrown error, that was about a twelfth of the test suite's time.
///
/// It only has to be right when it answers: anything it is not sure to read exactly as `JSONDecoder` does
/// (a number with a fraction or an exponent, an integer beyond Int64, a lone surrogate, bytes that are not
/// UTF-8, a repeated key, deep nesting, and of course anything that is not JSON) gives nil, and
/// `JSONValue.parse` asks Foundation. `JSONValueScannerTests` compares the two on samples and mutations.
struct JSONValueScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    /// Deeper documents are left to Foundation (its own limit is 512).
    static let deepest = 64

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The whole input as one value, with nothing but whitespace around it.
    mutating func document() -> JSONValue? {
        guard let value = value(depth: 0) else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    private mutating func value(depth: Int) -> JSONValue? {
        skipWhitespace()
        guard index < bytes.count, depth < Self.deepest else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return integer()
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var fields: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(fields) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string(), fields[key] == nil
            else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), let value = value(depth: depth + 1) else { return nil }
            fields[key] = value
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return .object(fields) }
            guard consume(UInt8(ascii: ",")) else { return nil }
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            guard consume(UInt8(ascii: ",")) else { return nil }
        }
    }

    /// An integer without fraction or exponent that fits Int64; anything else is left to Foundation.
    private mutating func integer() -> JSONValue? {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        let firstDigit = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let digits = index - firstDigit
        guard digits > 0, digits == 1 || bytes[firstDigit] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return Int64(text).map(JSONValue.integer)
    }

    /// A string at `index` (on its opening quote): plain UTF-8 and the standard escapes, surrogate pairs
    /// joined.
    private mutating func string() -> String? {
        index += 1
        let start = index
        // Most strings have no escape: they are their bytes.
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"), 0..<0x20: return escapedString(from: start)
            case UInt8(ascii: "\""):
                index += 1
                return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            default: index += 1
            }
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        index = start
        var utf8: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let scalar = escape() else { return nil }
                UTF8.encode(scalar) { utf8.append($0) }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The character after a backslash (already consumed).
    private mutating func escape() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(unit) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(),
                    (0xDC00..<0xE000).contains(low)
                else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(unit)
        default: return nil
        }
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        for byte in word.utf8 {
            guard consume(byte) else { return nil }
        }
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
