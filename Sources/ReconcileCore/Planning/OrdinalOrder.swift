/// Byte-wise (UTF-8, ordinal) string ordering, independent of locale and of Unicode normalisation,
/// so that plans sort the same on every machine.
enum OrdinalOrder {
    /// True when `lhs` sorts before `rhs` by their UTF-8 bytes.
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
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
            let l = left[left.startIndex + offset], r = right[right.startIndex + offset]
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
