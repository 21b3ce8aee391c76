/// A file's lines, to quote a line in a diagnostic or find a column inside it (libyaml counts
/// columns in Unicode scalars, 1-based). Only line starts are indexed up front, with one pass over
/// the UTF-8 bytes, so a large file costs little until a line is asked for.
struct SourceLines: Sendable {
    private let text: String
    /// The index where each line starts; line n (1-based) starts at `starts[n - 1]`.
    private let starts: [String.Index]

    /// Indexes the lines of `text`, or only the first `lastLine` of them when given (enough to
    /// quote diagnostics without scanning the rest of a large file).
    init(_ text: String, upToLine lastLine: Int = .max) {
        self.text = text
        // A byte-order mark is invisible and not a column: line 1 starts after it.
        let firstLine =
            text.unicodeScalars.first == "\u{FEFF}"
            ? text.unicodeScalars.index(after: text.startIndex) : text.startIndex
        var starts = [firstLine]
        let utf8 = text.utf8
        var index = utf8.startIndex
        while starts.count < lastLine, let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = utf8.index(after: newline)
            starts.append(index)
        }
        self.starts = starts
    }

    /// Line `number` (1-based) without its line break, or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end =
            number < starts.count
            ? text.utf8.index(before: starts[number])
            : text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        if end > start, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: "\r") {
            end = text.utf8.index(before: end)
        }
        return text[start..<end]
    }

    /// The column (1-based) of the `occurrence`-th (0-based) appearance of `needle` on `line`
    /// at or after `fromColumn`, or nil when it is not there (for example in a multi-line scalar).
    func column(of needle: String, onLine line: Int, fromColumn: Int, occurrence: Int = 0) -> Int? {
        guard let text = self.line(line), !needle.isEmpty else { return nil }
        let haystack = Array(text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        var found = 0
        var start = max(0, fromColumn - 1)
        while start + pattern.count <= haystack.count {
            if haystack[start..<start + pattern.count].elementsEqual(pattern) {
                if found == occurrence { return start + 1 }
                found += 1
            }
            start += 1
        }
        return nil
    }
}
