import Hummingbird
import Synchronization

/// `--capacity`: counts the vendor calls in flight (from arrival until the answer is written) and lets at
/// most `capacity` be served at once; the others wait their turn (see `CapacityGate`).
struct CapacityMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let gate: CapacityGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard isVendorPath(request.uri.path) else { return try await next(request, context) }
        gate.arrive()
        let ticket = CapacityTicket(gate: gate)
        await gate.acquire()
        ticket.holdSlot()
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            ticket.finish()
            throw error
        }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer { ticket.finish() }
            try await body.write(writer)
        }
        return response
    }
}

/// One call's place in the `CapacityGate`: gives back its slot and leaves the in-flight count exactly once,
/// when the answer was written, or at the latest when the answer is dropped unwritten.
final class CapacityTicket: Sendable {
    private let gate: CapacityGate
    /// (holds a slot, finished)
    private let state = Mutex((false, false))

    init(gate: CapacityGate) {
        self.gate = gate
    }

    func holdSlot() {
        state.withLock { $0.0 = true }
    }

    func finish() {
        let (holdsSlot, first) = state.withLock { state -> (Bool, Bool) in
            defer { state = (false, true) }
            return (state.0, !state.1)
        }
        guard first else { return }
        if holdsSlot { gate.release() }
        gate.depart()
    }

    deinit { finish() }
}
