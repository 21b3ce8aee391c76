import Dispatch
import Foundation
import Synchronization

/// Set once when the run is asked to stop (Ctrl-C, SIGTERM); read by the executor before it starts each
/// operation. Remembers which signal asked, for the exit status.
public final class InterruptionFlag: Sendable {
    private let state = Atomic<Int32>(0)
    private let handler = Mutex<(@Sendable (Int32) -> Void)?>(nil)

    public init() {}

    /// Asks the run to stop starting new calls; the first signal wins and calls the handler.
    public func interrupt(signal: Int32 = SIGINT) {
        guard state.compareExchange(expected: 0, desired: signal, ordering: .sequentiallyConsistent).exchanged else {
            return
        }
        handler.withLock { $0 }?(signal)
    }

    /// Calls `body` when the run is asked to stop (at once, when it already was).
    public func onInterrupt(_ body: @escaping @Sendable (Int32) -> Void) {
        handler.withLock { $0 = body }
        if let signal { body(signal) }
    }

    public var isInterrupted: Bool { state.load(ordering: .sequentiallyConsistent) != 0 }

    /// The signal that asked the run to stop, if one did.
    public var signal: Int32? {
        let value = state.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }
}

/// Turns SIGINT (Ctrl-C) and SIGTERM (how CI runners cancel a job) into `InterruptionFlag.interrupt`, so
/// the run stops gracefully (see `PlanRun.apply`) and the report and `--out` are still written. A second
/// signal ends the process at once (exit 128 + the signal).
///
/// Hold the watcher for as long as the handling should last; `stop()` restores the default handling.
public final class StopSignalWatcher {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    public init(
        signals: [Int32] = [SIGINT, SIGTERM], flag: InterruptionFlag, announce: @escaping @Sendable (String) -> Void
    ) {
        self.signals = signals
        sources = signals.map { number in
            // Ignore the default action (terminate) so that the dispatch source receives the signal instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if flag.isInterrupted {
                    announce("Stopped again: ending now; calls in flight may or may not have been made.")
                    exit(128 + number)
                }
                flag.interrupt(signal: number)
            }
            source.resume()
            return source
        }
    }

    /// Stops watching and gives the signals their default meaning back.
    public func stop() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
