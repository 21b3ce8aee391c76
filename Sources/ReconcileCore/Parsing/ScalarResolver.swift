/// What a scalar means once YAML's implicit typing is applied.
enum ResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number that is not an `Int` (a float, or an integer too large).
    case otherNumber
    /// A date or timestamp (`2024-01-31`).
    case timestamp
    case string(String)

    /// "a boolean", "a number", ... for messages.
    var typeDescription: String {
        switch self {
        case .null: "empty (null)"
        case .bool: "a boolean"
        case .int, .otherNumber: "a number"
        case .timestamp: "a date"
        case .string: "a string"
        }
    }
}

/// YAML 1.1 implicit typing of plain scalars, the rules PyYAML and Yams apply (so the JSON Schema,
/// checked through PyYAML, and this parser agree on what `yes`, `0x1F` or `~` mean).
///
/// Quoted and block scalars are always strings; explicit tags (`!!str 123`) win over the text.
enum ScalarResolver {
    static func resolve(_ scalar: YAMLScalar) -> ResolvedScalar {
        if let tag = scalar.tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!": return .string(scalar.text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return boolean(scalar.text).map(ResolvedScalar.bool) ?? .string(scalar.text)
            case "tag:yaml.org,2002:int": return integer(scalar.text) ?? .string(scalar.text)
            default: break
            }
        }
        if scalar.style.isQuotedOrBlock { return .string(scalar.text) }
        return resolvePlain(scalar.text)
    }

    /// The meaning of unquoted text.
    static func resolvePlain(_ text: String) -> ResolvedScalar {
        // Fast path for names: null and boolean words start with n, N, t, T, f, F, y, Y, o or O, and
        // numbers and dates with a digit, sign or dot; any other first letter makes text.
        if let first = text.utf8.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
            !"nNtTfFyYoO".utf8.contains(first)
        {
            return .string(text)
        }
        if isNull(text) { return .null }
        if let flag = boolean(text) { return .bool(flag) }
        if let number = integer(text) { return number }
        if isFloat(text) { return .otherNumber }
        if isTimestamp(text) { return .timestamp }
        return .string(text)
    }

    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": false
        default: nil
        }
    }

    /// Decimal, `0b` binary, `0` octal, `0x` hex and base-60 integers, with `_` separators and a sign.
    static func integer(_ text: String) -> ResolvedScalar? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber else { return nil }
        if body.contains(":") { return isSexagesimal(body) ? .otherNumber : nil }
        let digits: Substring
        let radix: Int
        if body.hasPrefix("0b") {
            (digits, radix) = (body.dropFirst(2), 2)
        } else if body.hasPrefix("0x") {
            (digits, radix) = (body.dropFirst(2), 16)
        } else if body.count > 1, body.hasPrefix("0") {
            (digits, radix) = (body.dropFirst(1), 8)
        } else {
            guard body.first != "_" else { return nil }
            (digits, radix) = (body, 10)
        }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else {
            return nil
        }
        guard let magnitude = Int(cleaned, radix: radix) else { return .otherNumber }
        return .int(negative ? -magnitude : magnitude)
    }

    private static func isSexagesimal(_ body: Substring) -> Bool {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = parts.first, head.first != "0", head.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") })
        else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...2).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (part.first.flatMap(\.wholeNumberValue) ?? 9) <= 5
        }
    }

    /// PyYAML's float forms: `1.5`, `1.`, `.5`, `1.0e+3`, `.inf`, `-.Inf`, `.nan`.
    static func isFloat(_ text: String) -> Bool {
        var body = Substring(text)
        if [".nan", ".NaN", ".NAN"].contains(body) { return true }
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        let mantissa: Substring
        let exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        } else {
            (mantissa, exponent) = (body, nil)
        }
        guard let dot = mantissa.firstIndex(of: ".") else { return false }
        let whole = mantissa[..<dot]
        let fraction = mantissa[mantissa.index(after: dot)...]
        let digitsOrUnderscore: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") } }
        guard digitsOrUnderscore(whole), digitsOrUnderscore(fraction) else { return false }
        if whole.isEmpty { guard fraction.first?.isNumber == true else { return false } }
        if let first = whole.first, !first.isNumber { return false }
        if let exponent {
            guard let sign = exponent.first, sign == "-" || sign == "+" else { return false }
            let power = exponent.dropFirst()
            return !power.isEmpty && power.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return true
    }

    /// `YYYY-MM-DD`, optionally followed by a time (PyYAML reads these as dates).
    static func isTimestamp(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 8 else { return false }
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= scalars.count && scalars[range].allSatisfy { ("0"..."9").contains($0) }
        }
        guard digits(0..<4), scalars[4] == "-" else { return false }
        // Month and day may have one or two digits.
        var index = 5
        for part in 0..<2 {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard (1...2).contains(index - start) else { return false }
            if part == 0 {
                guard index < scalars.count, scalars[index] == "-" else { return false }
                index += 1
            }
        }
        if index == scalars.count { return scalars.count == 10 }
        // A time must follow: `T` or spaces, then H:MM:SS (the rest, fraction and zone, is not checked).
        guard scalars[index] == "T" || scalars[index] == "t" || scalars[index] == " " || scalars[index] == "\t" else {
            return false
        }
        index += 1
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        let hourStart = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard (1...2).contains(index - hourStart), index < scalars.count, scalars[index] == ":" else { return false }
        return digits(index + 1..<index + 3) && index + 3 < scalars.count && scalars[index + 3] == ":"
            && digits(index + 4..<index + 6)
    }
}
