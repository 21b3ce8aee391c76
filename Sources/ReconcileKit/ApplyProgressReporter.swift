import ReconcileCore

/// Shows how far an apply has come, on standard error: one live line redrawn in place on a terminal,
/// otherwise a line when a step starts and a line at most every `interval` while it runs (CI logs).
public actor ApplyProgressReporter {
    private let write: @Sendable (String) -> Void
    private let level: @Sendable () async -> Int?
    private let live: Bool
    private let total: Int
    private let interval: Duration
    private let clock = ContinuousClock()
    private var lastLine: ContinuousClock.Instant
    private var done = 0
    private var failed = 0
    private var skipped = 0
    private var step: PlanStep?
    private var lineIsOpen = false
    private var concurrency: Int?

    /// - Parameters:
    ///   - live: redraw one line in place (when standard error is a terminal).
    ///   - level: the calls allowed in flight now, shown on the line; nil shows none.
    ///   - write: where the text goes (standard error).
    public init(
        totalOperations: Int, live: Bool, interval: Duration = .seconds(5),
        level: @escaping @Sendable () async -> Int? = { nil }, write: @escaping @Sendable (String) -> Void
    ) {
        self.write = write
        self.level = level
        self.live = live
        self.total = totalOperations
        self.interval = interval
        self.lastLine = clock.now
    }

    /// Feeds an executor event (pass this as the executor's `observe`).
    public func handle(_ event: PlanExecutor.Event) async {
        concurrency = await level()
        switch event {
        case .stepStarted(let step, let calls):
            self.step = step
            if live {
                redraw()
            } else {
                write("apply: \(step.rawValue): \(calls) call\(calls == 1 ? "" : "s")\n")
                lastLine = clock.now
            }
        case .operationFinished(_, _, let result):
            done += 1
            switch result {
            case .ok: break
            case .failed: failed += 1
            case .skipped: skipped += 1
            }
            if live {
                redraw()
            } else if clock.now - lastLine >= interval {
                write("apply: \(status)\n")
                lastLine = clock.now
            }
        }
    }

    /// Ends the live line so that what follows starts on a fresh line.
    public func finish() {
        if live && lineIsOpen {
            write("\r\u{1B}[2K")
            lineIsOpen = false
        }
        write("apply: \(status)\n")
    }

    private var status: String {
        var text = "\(done) of \(total) operations done"
        if failed > 0 { text += ", \(failed) failed" }
        if skipped > 0 { text += ", \(skipped) skipped" }
        if let concurrency { text += ", concurrency \(concurrency)" }
        return text
    }

    private func redraw() {
        let stepText = step.map { " (\($0.rawValue))" } ?? ""
        // \r returns to the start of the line, ESC[2K clears it.
        write("\r\u{1B}[2Kapply: \(status)\(stepText)")
        lineIsOpen = true
    }
}
