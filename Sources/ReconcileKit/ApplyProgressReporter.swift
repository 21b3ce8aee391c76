import ReconcileCore

/// Shows how far an apply has come, on standard error: one live line redrawn in place on a terminal,
/// otherwise a line when a step starts and a line at most every `interval` while it runs (CI logs).
public actor ApplyProgressReporter {
    private let output: StandardError
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

    public init(totalOperations: Int, output: StandardError = StandardError(), live: Bool? = nil,
                interval: Duration = .seconds(5)) {
        self.output = output
        self.live = live ?? output.isTerminal
        self.total = totalOperations
        self.interval = interval
        self.lastLine = clock.now
    }

    /// Feeds an executor event (pass this as the executor's `observe`).
    public func handle(_ event: PlanExecutor.Event) {
        switch event {
        case .stepStarted(let step, let calls):
            self.step = step
            if live {
                redraw()
            } else {
                output.line("apply: \(step.rawValue): \(calls) call\(calls == 1 ? "" : "s")")
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
                output.line("apply: \(status)")
                lastLine = clock.now
            }
        }
    }

    /// Ends the live line so that what follows starts on a fresh line.
    public func finish() {
        if live && lineIsOpen {
            output.write("\r\u{1B}[2K")
            lineIsOpen = false
        }
        output.line("apply: \(status)")
    }

    private var status: String {
        var text = "\(done) of \(total) operations done"
        if failed > 0 { text += ", \(failed) failed" }
        if skipped > 0 { text += ", \(skipped) skipped" }
        return text
    }

    private func redraw() {
        let stepText = step.map { " (\($0.rawValue))" } ?? ""
        // \r returns to the start of the line, ESC[2K clears it.
        output.write("\r\u{1B}[2Kapply: \(status)\(stepText)")
        lineIsOpen = true
    }
}
