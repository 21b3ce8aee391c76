/// A repository-name glob, compiled once and matched many times.
///
/// Syntax: `*` any run of characters (also none), `?` exactly one character, `[abc]` one of the
/// listed characters, `[a-z]` a range, `[!abc]` none of them. A `]` right after `[` or `[!` is a
/// literal, as is a `-` first or last in a bracket. There is no escape character: a name holding `*`,
/// `?` or `[` is matched by bracketing them (`a[*]b`; see `YAMLScalarWriter.exactPattern`). Matching is case-sensitive and works on Unicode scalars, without
/// regular expressions or Foundation, so it is deterministic and fast on 100,000 names.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern as written.
    public let source: String
    private let tokens: [Token]

    enum Token: Sendable, Hashable {
        case byte(UInt8)
        case anyScalar
        case scalarClass(negated: Bool, ranges: [ClosedRange<UInt32>])
        case star
    }

    /// Compiles `source`; throws with the offending position when a bracket is left open or a range is reversed.
    public init(_ source: String) throws(GlobSyntaxError) {
        self.source = source
        self.tokens = try GlobCompiler.compile(source)
    }

    /// The UTF-8 bytes every matching name starts with (the pattern's text before its first wildcard).
    /// Names are kept sorted, so only the run of names with this prefix needs to be tested.
    var literalPrefix: [UInt8] {
        var prefix: [UInt8] = []
        for token in tokens {
            guard case .byte(let byte) = token else { break }
            prefix.append(byte)
        }
        return prefix
    }

    /// True when the whole of `name` matches the pattern.
    public func matches(_ name: String) -> Bool {
        withUTF8Bytes(of: name) { matches(utf8: $0) }
    }

    /// True when the whole of the UTF-8 `name` matches the pattern.
    func matches(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = name.count
        var position = 0
        var tokenIndex = 0
        var starToken = -1
        var starPosition = 0
        while position < count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .byte(let byte):
                    if name[position] == byte {
                        position += 1
                        tokenIndex += 1
                        continue
                    }
                case .anyScalar:
                    position += UTF8Scalar.length(leadByte: name[position])
                    tokenIndex += 1
                    continue
                case .scalarClass(let negated, let ranges):
                    let (scalar, length) = UTF8Scalar.decode(name, at: position)
                    if ranges.contains(where: { $0.contains(scalar) }) != negated {
                        position += length
                        tokenIndex += 1
                        continue
                    }
                case .star:
                    starToken = tokenIndex
                    starPosition = position
                    tokenIndex += 1
                    continue
                }
            }
            // Mismatch: let the last `*` swallow one more character, or fail.
            guard starToken >= 0 else { return false }
            starPosition += UTF8Scalar.length(leadByte: name[starPosition])
            position = starPosition
            tokenIndex = starToken + 1
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .star { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}

/// Why a glob pattern cannot be compiled, and where (0-based offset in characters of the pattern).
public struct GlobSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Offset of the offending character in the pattern, counted in Unicode scalars from 0.
    public var offset: Int
    /// What is wrong without quoting the pattern ("a bracket is never closed"), for a pattern that
    /// came from an environment variable and so must not be printed.
    public var summary: String

    public init(message: String, offset: Int, summary: String? = nil) {
        self.message = message
        self.offset = offset
        self.summary = summary ?? "the pattern is not a valid glob"
    }

    public var description: String { message }
}

/// Turns a pattern's text into tokens.
private enum GlobCompiler {
    static func compile(_ source: String) throws(GlobSyntaxError) -> [GlobPattern.Token] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [GlobPattern.Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                index += 1
            case "?":
                tokens.append(.anyScalar)
                index += 1
            case "[":
                let (token, next) = try compileClass(scalars, openingAt: index)
                tokens.append(token)
                index = next
            default:
                tokens.append(contentsOf: String(scalar).utf8.map { .byte($0) })
                index += 1
            }
        }
        return tokens
    }

    /// Compiles `[...]` starting at `open`; returns the token and the index after the closing `]`.
    private static func compileClass(
        _ scalars: [Unicode.Scalar], openingAt open: Int
    ) throws(GlobSyntaxError) -> (GlobPattern.Token, Int) {
        var index = open + 1
        let negated = index < scalars.count && scalars[index] == "!"
        if negated { index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "]" && !first {
                return (.scalarClass(negated: negated, ranges: ranges), index + 1)
            }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                let low = scalar.value
                let high = scalars[index + 2].value
                guard low <= high else {
                    throw GlobSyntaxError(
                        message:
                            "the range \"\(scalar)-\(scalars[index + 2])\" is reversed; write \"\(scalars[index + 2])-\(scalar)\"",
                        offset: index, summary: "a range in it is reversed")
                }
                ranges.append(low...high)
                index += 3
            } else {
                ranges.append(scalar.value...scalar.value)
                index += 1
            }
        }
        throw GlobSyntaxError(
            message: "the bracket \"[\" is never closed; add \"]\"", offset: open,
            summary: "a bracket \"[\" in it is never closed")
    }
}

/// Minimal UTF-8 decoding over valid UTF-8 (Swift strings always are).
enum UTF8Scalar {
    @inline(__always)
    static func length(leadByte: UInt8) -> Int {
        if leadByte < 0x80 { return 1 }
        if leadByte < 0xE0 { return 2 }
        if leadByte < 0xF0 { return 3 }
        return 4
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = bytes[position]
        let length = length(leadByte: lead)
        guard length > 1, position + length <= bytes.count else { return (UInt32(lead), 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = (value << 6) | (UInt32(bytes[position + offset]) & 0x3F) }
        return (value, length)
    }
}
