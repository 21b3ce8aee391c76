import Dispatch
import Foundation
import Synchronization

/// Set once when the user asks to stop (Ctrl-C); read by the executor before it starts each call.
public final class InterruptionFlag: Sendable {
    private let state = Atomic<Bool>(false)

    public init() {}

    /// Asks the run to stop starting new calls.
    public func interrupt() { state.store(true, ordering: .sequentiallyConsistent) }

    public var isInterrupted: Bool { state.load(ordering: .sequentiallyConsistent) }
}

/// Turns the first SIGINT (Ctrl-C) into `InterruptionFlag.interrupt()` so that calls in flight can finish
/// and the report can say what was done; a second SIGINT ends the process at once (exit 130).
///
/// Hold the watcher for as long as the handling should last; `stop()` restores the default handling.
public final class InterruptSignalWatcher {
    private let source: any DispatchSourceSignal

    public init(flag: InterruptionFlag, announce: @escaping @Sendable (String) -> Void) {
        // Ignore the default action (terminate) so that the dispatch source receives the signal instead.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if flag.isInterrupted {
                announce("Interrupted again: stopping now; calls in flight may or may not have been made.")
                exit(130)
            }
            flag.interrupt()
            announce(
                "Interrupted: waiting for the calls in flight, starting no new ones (Ctrl-C again to stop at once).")
        }
        source.resume()
        self.source = source
    }

    /// Stops watching and gives SIGINT its default meaning back.
    public func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
