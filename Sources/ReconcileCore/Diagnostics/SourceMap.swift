/// Positions in one file, computed once: where each line starts, and how byte offsets relate to
/// columns (1-based, counted in Unicode scalars, as libyaml counts them). Every lookup is a binary
/// search plus a walk of at most `stride` bytes, so locating any number of places costs time linear
/// in the file's size, however long its lines are.
///
/// Line breaks are the ones libyaml counts: LF, CR LF, a lone CR, NEL (U+0085), LS (U+2028) and
/// PS (U+2029), so that a line number from libyaml is a line here. A leading byte-order mark is not
/// part of line 1: it is invisible and not a column.
struct SourceMap: Sendable {
    /// The file's UTF-8 bytes, byte-order mark included.
    let bytes: [UInt8]
    /// Where line n (1-based) starts: `lineStarts[n - 1]`, a byte offset.
    private let lineStarts: [Int]
    /// Where line n's text ends (its break excluded).
    private let lineEnds: [Int]
    /// The number of scalars that start before byte `contentStart + stride * i`.
    private let scalarCheckpoints: [Int]
    /// 3 when the file starts with a byte-order mark, else 0.
    let contentStart: Int

    private static let stride = 64

    /// Indexes the lines of `text`, or only its first `lastLine` lines when given (enough to quote
    /// diagnostics without reading the rest of a large file).
    init(_ text: String, upToLine lastLine: Int = .max) {
        self.init(bytes: Array(text.utf8), upToLine: lastLine)
    }

    /// Invalid UTF-8 is indexed too (each byte that is not a continuation byte counts as a column),
    /// so the position of a bad byte can be reported.
    init(bytes: [UInt8], upToLine lastLine: Int = .max) {
        let contentStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.contentStart = contentStart
        var starts = [contentStart]
        var ends: [Int] = []
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity((bytes.count - contentStart) / Self.stride + 2)
        var scalars = 0
        var count = bytes.count
        var index = contentStart
        var truncated = false
        while index < count {
            if starts.count > lastLine {
                // Line `lastLine` has ended: drop the start of the next one and the bytes from there.
                count = starts.removeLast()
                truncated = true
                break
            }
            if (index - contentStart) % Self.stride == 0 { checkpoints.append(scalars) }
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { scalars += 1 }
            switch byte {
            case 0x0A:
                ends.append(index > contentStart && bytes[index - 1] == 0x0D ? index - 1 : index)
                starts.append(index + 1)
            case 0x0D where index + 1 >= count || bytes[index + 1] != 0x0A:
                ends.append(index)
                starts.append(index + 1)
            case 0xC2 where index + 1 < count && bytes[index + 1] == 0x85:
                ends.append(index)
                starts.append(index + 2)
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9:
                ends.append(index)
                starts.append(index + 3)
            default:
                break
            }
            index += 1
        }
        checkpoints.append(scalars)
        if !truncated { ends.append(count) }
        self.bytes = count == bytes.count ? bytes : Array(bytes[..<count])
        lineStarts = starts
        lineEnds = ends
        scalarCheckpoints = checkpoints
    }

    /// How many lines the file has (a final line break starts an empty last line).
    var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its line break, as bytes; nil past the end.
    func lineRange(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        return lineStarts[number - 1]..<lineEnds[number - 1]
    }

    /// Line `number` (1-based) without its line break, or nil past the end.
    func line(_ number: Int) -> String? {
        lineRange(number).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The 1-based line and column of the scalar that starts at (or contains) byte `offset`.
    func position(ofByte offset: Int) -> YAMLPosition {
        var offset = min(max(offset, contentStart), bytes.count)
        while offset > contentStart, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        let line = lineIndex(containing: offset)
        let column = scalarIndex(ofByte: offset) - scalarIndex(ofByte: lineStarts[line]) + 1
        return YAMLPosition(line: line + 1, column: column)
    }

    /// `position`, or the end of the file when it lies past the last line: at the end of a file
    /// without a final line break, libyaml reports the start of a line that does not exist.
    func clamped(_ position: YAMLPosition) -> YAMLPosition {
        guard position.line > lineStarts.count, let last = lineEnds.last else { return position }
        return self.position(ofByte: last)
    }

    /// The byte offset of `position`, clamped to its line (a column past the end gives the line's end);
    /// nil for a line the file does not have.
    func byteOffset(of position: YAMLPosition) -> Int? {
        guard let range = lineRange(position.line) else { return nil }
        let target = scalarIndex(ofByte: range.lowerBound) + max(0, position.column - 1)
        return min(byteOffset(ofScalar: target), range.upperBound)
    }

    /// The number of scalars before byte `offset`.
    private func scalarIndex(ofByte offset: Int) -> Int {
        let relative = max(0, offset - contentStart)
        let checkpoint = min(relative / Self.stride, scalarCheckpoints.count - 1)
        var scalars = scalarCheckpoints[checkpoint]
        var index = contentStart + checkpoint * Self.stride
        while index < offset, index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return scalars
    }

    /// The byte offset where scalar number `target` (0-based) starts, or the end of the file.
    private func byteOffset(ofScalar target: Int) -> Int {
        let low = Self.lastIndex(in: scalarCheckpoints, atMost: target)
        var scalars = scalarCheckpoints[low]
        var index = contentStart + low * Self.stride
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 {
                if scalars == target { return index }
                scalars += 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The 0-based index of the line that holds byte `offset`.
    private func lineIndex(containing offset: Int) -> Int {
        Self.lastIndex(in: lineStarts, atMost: offset)
    }

    /// Binary search in a non-decreasing, non-empty array: the last index whose value is at most
    /// `value` (0 when none is).
    private static func lastIndex(in values: [Int], atMost value: Int) -> Int {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if values[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
