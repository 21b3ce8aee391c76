import PrintableText

/// Messages of the parser that are long or shared, as functions so that the code stays readable.
enum ParsingMessages {
    static func fileTooLarge(bytes: Int, limit: Int) -> String {
        "the file is \(ParsingLimits.describeBytes(bytes)); desired-state files are limited to "
            + "\(ParsingLimits.describeBytes(limit)) (split it into several files and pass each with -f)"
    }

    /// `what`: "100000 nodes" or "10 MB of text".
    static func aliasBomb(_ what: String) -> String {
        "aliases expand this file to more than \(what) (a \"billion laughs\" document?); "
            + "refusing to expand it: write the values out or use fewer nested aliases"
    }

    /// ` (U+001B)`: which character libyaml's reader refused at `byte`, since it cannot be seen.
    static func refusedCharacter(_ source: SourceMap, at byte: Int) -> String {
        let bytes = source.bytes
        let length = UTF8Scalar.length(leadByte: bytes[byte])
        guard byte + length <= bytes.count,
            let scalar = String(validating: bytes[byte..<(byte + length)], as: UTF8.self)?.unicodeScalars.first
        else { return "" }
        return " (U+\(hex4(scalar.value)))"
    }

    /// Upper-case hexadecimal, at least four digits.
    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A name or pattern holding a character that cannot be shown (`TerminalText.isUnsafe`).
    static func unsafeCharacter(_ subject: String, _ scalar: Unicode.Scalar, variables: [String]) -> String {
        let what = "a control or bidirectional-override character"
        if !variables.isEmpty {
            return "\(subject) holds \(what) that \(Interpolator.naming(variables)) gave; names and patterns "
                + "must be printable text: fix the variable's value"
        }
        return
            "\(subject) holds \(what) (U+\(hex4(scalar.value))); names and patterns must be printable text: remove it "
            + "(it may have come from a \\u or \\x escape in a double-quoted value)"
    }
}
