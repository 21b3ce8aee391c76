/// Byte-wise (UTF-8, ordinal) string ordering, independent of locale and of Unicode normalisation,
/// so that plans sort the same on every machine.
enum OrdinalOrder {
    /// True when `lhs` sorts before `rhs` by their UTF-8 bytes.
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// True when `lhs` sorts before `rhs` by their first strings, then by their second strings.
    static func less(_ lhs: (String, String), _ rhs: (String, String)) -> Bool {
        let first = compare(lhs.0, rhs.0)
        return first != 0 ? first < 0 : less(lhs.1, rhs.1)
    }

    /// -1, 0 or 1 comparing the UTF-8 bytes of both strings.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in compareBytes(left, right) }
        }
        if let result = fast.flatMap({ $0 }) { return result }
        return compareBytes(Array(lhs.utf8), Array(rhs.utf8))
    }

    private static func compareBytes<C: RandomAccessCollection>(_ left: C, _ right: C) -> Int
    where C.Element == UInt8, C.Index == Int {
        let count = Swift.min(left.count, right.count)
        var offset = 0
        while offset < count {
            let l = left[left.startIndex + offset]
            let r = right[right.startIndex + offset]
            if l != r { return l < r ? -1 : 1 }
            offset += 1
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }
}

/// Calls `body` with the UTF-8 bytes of `string`, without copying when the string is stored contiguously.
@inline(__always)
func withUTF8Bytes<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(string.utf8).withUnsafeBufferPointer(body)
}

/// Sorting many records by two strings in ordinal order, fast: the strings' bytes are packed into
/// one buffer first, so comparing two records touches no reference counts (sorting 100,000
/// repository structs directly spends most of its time retaining and releasing their strings).
enum OrdinalSort {
    /// The positions `0..<primary.count` ordered by `primary`, then `secondary` (same count, or nil), then `tieBreak`,
    /// then position, so the order is total and the same on every run.
    static func order(primary: [String], secondary: [String]?, tieBreak: (Int, Int) -> Bool) -> [Int] {
        let first = PackedUTF8(primary)
        let second = PackedUTF8(secondary ?? primary.map { _ in "" })
        var positions = Array(primary.indices)
        first.bytes.withUnsafeBufferPointer { firstBytes in
            second.bytes.withUnsafeBufferPointer { secondBytes in
                positions.sort { lhs, rhs in
                    let byFirst = first.compare(lhs, rhs, in: firstBytes)
                    if byFirst != 0 { return byFirst < 0 }
                    let bySecond = second.compare(lhs, rhs, in: secondBytes)
                    if bySecond != 0 { return bySecond < 0 }
                    if tieBreak(lhs, rhs) { return true }
                    if tieBreak(rhs, lhs) { return false }
                    return lhs < rhs
                }
            }
        }
        return positions
    }
}

/// The UTF-8 bytes of many strings in one buffer, with the offset where each starts.
private struct PackedUTF8 {
    private(set) var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    init(_ strings: [String]) {
        bytes.reserveCapacity(strings.count * 16)
        starts.reserveCapacity(strings.count + 1)
        for string in strings {
            bytes += string.utf8
            starts.append(bytes.count)
        }
    }

    func compare(_ lhs: Int, _ rhs: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var left = starts[lhs]
        var right = starts[rhs]
        let leftEnd = starts[lhs + 1]
        let rightEnd = starts[rhs + 1]
        while left < leftEnd && right < rightEnd {
            let l = buffer[left]
            let r = buffer[right]
            if l != r { return l < r ? -1 : 1 }
            left += 1
            right += 1
        }
        let leftCount = leftEnd - starts[lhs]
        let rightCount = rightEnd - starts[rhs]
        return leftCount == rightCount ? 0 : (leftCount < rightCount ? -1 : 1)
    }
}
