/// Turns the bytes of a desired-state file into a `SourceFile`, or says where the first byte that is
/// not UTF-8 is. Pure: the caller reads the file.
public enum SourceDecoding {
    /// What decoding found: the file (with U+FFFD in place of bad bytes when `problem` is set, so the
    /// diagnostic can quote its line) and, for invalid UTF-8, an error at the first bad byte.
    public struct Decoded: Sendable {
        public var file: SourceFile
        public var problem: Diagnostic?
    }

    public static func decode(_ bytes: [UInt8], path: String) -> Decoded {
        guard let bad = firstInvalidByte(bytes) else {
            return Decoded(file: SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)), problem: nil)
        }
        // Columns of everything before the bad byte are exact; the bad byte is the next column.
        let prefix = SourceMap(bytes: Array(bytes[..<bad]))
        let position = prefix.position(ofByte: bad)
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        let message =
            "the file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) (at byte offset \(bad)) "
            + "does not belong to a UTF-8 character; save the file as UTF-8"
        return Decoded(
            file: SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)),
            problem: .error(message, at: position.location(in: path)))
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or nil when all of `bytes` is UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return index
            }
            for offset in 1..<length {
                guard index + offset < count else { return index }
                let byte = bytes[index + offset]
                let (min, max) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= min, byte <= max else { return index }
            }
            index += length
        }
        return nil
    }
}
