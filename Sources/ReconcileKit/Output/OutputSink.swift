import Foundation
import ReconcileCore
import Synchronization

/// The two streams a run writes to: the plan (or export) on standard output, everything else (logs,
/// progress, diagnostics) on standard error.
public enum OutputStream: Sendable, Hashable {
    case standardOutput, standardError
}

/// Where a run's output goes. The executables write to the process's streams through the secret mask
/// (`ProcessOutput`); tests capture it (`CapturedOutput`). Runs never print directly.
public protocol OutputSink: Sendable {
    func write(_ text: String, to stream: OutputStream)
    /// True when the stream is a terminal (a live progress line, colour).
    func isTerminal(_ stream: OutputStream) -> Bool
    /// Prints diagnostics (default: compiler-style on standard error; CI sinks add annotations).
    func printDiagnostics(_ diagnostics: [Diagnostic], sources: [SourceFile], colour: Bool)
}

extension OutputSink {
    /// Writes `text` to standard output, ending it with a newline when it has none.
    public func printOut(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: .standardOutput)
    }

    /// Writes one line to standard error.
    public func printError(_ line: String) {
        write(line.hasSuffix("\n") ? line : line + "\n", to: .standardError)
    }
}

/// The process's standard output and error, every byte through `SecretMask` first.
public struct ProcessOutput: OutputSink {
    public let mask: SecretMask

    public init(mask: SecretMask) {
        self.mask = mask
    }

    public func write(_ text: String, to stream: OutputStream) {
        let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(mask.apply(text).utf8))
    }

    public func isTerminal(_ stream: OutputStream) -> Bool {
        isatty(stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO) == 1
    }
}

/// Output kept in memory, for tests and for running commands in process.
public final class CapturedOutput: OutputSink {
    private let captured = Mutex<(standardOutput: String, standardError: String)>(("", ""))
    private let terminal: Bool

    public init(terminal: Bool = false) {
        self.terminal = terminal
    }

    public func write(_ text: String, to stream: OutputStream) {
        captured.withLock {
            switch stream {
            case .standardOutput: $0.standardOutput += text
            case .standardError: $0.standardError += text
            }
        }
    }

    public func isTerminal(_ stream: OutputStream) -> Bool { terminal }

    public var standardOutput: String { captured.withLock { $0.standardOutput } }
    public var standardError: String { captured.withLock { $0.standardError } }
    /// Both streams, for "no secret anywhere" checks.
    public var all: String { captured.withLock { $0.standardOutput + $0.standardError } }
}
