import Foundation

/// Where logs, progress and diagnostics go: standard error, never standard output (which holds the plan).
public struct StandardError: Sendable {
    public init() {}

    /// Writes `text` as it is (no newline added).
    public func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` and a newline.
    public func line(_ text: String) {
        write(text + "\n")
    }

    /// True when standard error is a terminal (then progress is one live line, redrawn with `\r`).
    public var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
