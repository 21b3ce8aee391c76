/// A file's lines as Unicode scalars, to find a column inside a line (libyaml counts columns in
/// Unicode scalars, 1-based).
struct SourceLines: Sendable {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (1-based) without its line break, or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return line.last == "\r" ? line.dropLast() : line
    }

    /// The column (1-based) of the `occurrence`-th (0-based) appearance of `needle` on `line`
    /// at or after `fromColumn`, or nil when it is not there (for example in a multi-line scalar).
    func column(of needle: String, onLine line: Int, fromColumn: Int, occurrence: Int = 0) -> Int? {
        guard let text = self.line(line), !needle.isEmpty else { return nil }
        let haystack = Array(text.unicodeScalars), pattern = Array(needle.unicodeScalars)
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
