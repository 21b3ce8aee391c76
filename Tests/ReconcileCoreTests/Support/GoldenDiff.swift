import Foundation

/// A unified-style line diff of `expected` against `actual`, for golden-test failure messages.
///
/// Returns the empty string when the two are equal. Lines only in `expected` start with `-`, lines
/// only in `actual` with `+`; each hunk shows up to `context` unchanged lines around its changes and
/// an `@@ -a,b +c,d @@` header. A missing final newline is shown as `\ No newline at end of file`.
func goldenDiff(expected: String, actual: String, context: Int = 3) -> String {
    if expected == actual { return "" }
    let old = diffLines(expected)
    let new = diffLines(actual)
    let edits = lineEdits(old: old, new: new)
    var output = "--- expected\n+++ actual\n"
    for hunk in hunks(of: edits, context: context) {
        output += hunk
    }
    return output
}

/// Splits into lines, marking a last line that has no newline so the diff can say so.
private func diffLines(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" {
        lines.removeLast()
    } else if let last = lines.popLast() {
        lines.append(last + "\n\\ No newline at end of file")
    }
    return lines
}

private enum LineEdit {
    case same(String, oldLine: Int, newLine: Int)
    case removed(String, oldLine: Int)
    case added(String, newLine: Int)

    var isChange: Bool { if case .same = self { false } else { true } }
}

/// Longest-common-subsequence edit script. Golden files are small; beyond `limit` cells the whole
/// text is shown as replaced rather than spending quadratic memory.
private func lineEdits(old: [String], new: [String], limit: Int = 16_000_000) -> [LineEdit] {
    let n = old.count
    let m = new.count
    guard n * m <= limit else {
        return old.enumerated().map { .removed($1, oldLine: $0 + 1) }
            + new.enumerated().map { .added($1, newLine: $0 + 1) }
    }
    // lcs[i][j] = length of the LCS of old[i...] and new[j...], stored row-major.
    var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
    let width = m + 1
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            lcs[i * width + j] =
                old[i] == new[j]
                ? lcs[(i + 1) * width + j + 1] + 1
                : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
        }
    }
    var edits: [LineEdit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
        if i < n, j < m, old[i] == new[j] {
            edits.append(.same(old[i], oldLine: i + 1, newLine: j + 1))
            i += 1
            j += 1
        } else if i < n, j == m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            // On a tie, removals come first, as `diff -u` prints them.
            edits.append(.removed(old[i], oldLine: i + 1))
            i += 1
        } else {
            edits.append(.added(new[j], newLine: j + 1))
            j += 1
        }
    }
    return edits
}

/// Groups the edit script into hunks with `context` lines of unchanged text around the changes.
private func hunks(of edits: [LineEdit], context: Int) -> [String] {
    let changed = edits.indices.filter { edits[$0].isChange }
    guard var start = changed.first else { return [] }
    var ranges: [ClosedRange<Int>] = []
    var end = start
    for index in changed.dropFirst() {
        if index - end > 2 * context {
            ranges.append(max(0, start - context)...min(edits.count - 1, end + context))
            start = index
        }
        end = index
    }
    ranges.append(max(0, start - context)...min(edits.count - 1, end + context))

    return ranges.map { range in
        var body = ""
        var oldStart = 0
        var newStart = 0
        var oldCount = 0
        var newCount = 0
        for edit in edits[range] {
            switch edit {
            case .same(let text, let o, let n):
                if oldStart == 0 { oldStart = o }
                if newStart == 0 { newStart = n }
                oldCount += 1
                newCount += 1
                body += " \(text)\n"
            case .removed(let text, let o):
                if oldStart == 0 { oldStart = o }
                oldCount += 1
                body += "-\(text)\n"
            case .added(let text, let n):
                if newStart == 0 { newStart = n }
                newCount += 1
                body += "+\(text)\n"
            }
        }
        return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
    }
}

/// Golden test folders under `Tests/ReconcileCoreTests/Golden`, found from this file's own path
/// (robust on Linux, where bundle resources are awkward to locate).
enum Golden {
    /// `Tests/ReconcileCoreTests/Golden`. Symlinks are resolved so that a development package that
    /// links the test folder in still finds the repository's own files.
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ReconcileCoreTests
        .appendingPathComponent("Golden", isDirectory: true)

    /// The repository root (the folder holding Package.swift), for checks of committed files.
    static let repositoryRoot: URL =
        root
        .deletingLastPathComponent()  // ReconcileCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Golden/<group>`, e.g. `Golden/diagnostics`.
    static func group(_ name: String) -> URL {
        root.appendingPathComponent(name, isDirectory: true)
    }

    /// The names of the case folders in `Golden/<group>`, sorted (use as test `arguments:`).
    /// Empty when the group does not exist.
    static func caseNames(in group: String) -> [String] {
        let folder = Golden.group(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue
        }.sorted()
    }

    /// `Golden/<group>/<caseName>`.
    static func caseFolder(_ group: String, _ caseName: String) -> URL {
        Golden.group(group).appendingPathComponent(caseName, isDirectory: true)
    }

    /// The names of the files in a folder whose name ends with `suffix` (e.g. ".yaml"), sorted.
    static func files(in folder: URL, endingWith suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The UTF-8 text of a file, or nil when it does not exist.
    static func text(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `actual` over the golden file when `UPDATE_GOLDEN=1`, for deliberate updates.
    /// Returns true when it wrote.
    @discardableResult
    static func updateIfRequested(_ url: URL, with actual: String) -> Bool {
        guard ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" else { return false }
        return FileManager.default.createFile(atPath: url.path, contents: Data(actual.utf8))
    }
}
