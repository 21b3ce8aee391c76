import Foundation
import HTTPTypes
import Hummingbird
import XoperoContract

/// Marks answers the fault injector produced, so that the stats can count them; removed before the
/// answer leaves.
enum FaultMarker {
    static let header = HTTPField.Name("x-simulator-fault")
    static let dropped = "dropped"
}

/// Whether a path is one of the vendor's (faults, throttling, latency and stats apply) or the simulator's own.
func isVendorPath(_ path: String) -> Bool { !path.hasPrefix("/__sim/") }

/// Counts every call on the vendor's paths by path and answered status.
struct StatsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let store: SimulatorStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard isVendorPath(path) else { return try await next(request, context) }
        do {
            var response = try await next(request, context)
            var status = String(response.status.code)
            if let marker = FaultMarker.header, let value = response.headers[marker] {
                if value == FaultMarker.dropped { status = FaultMarker.dropped }
                response.headers[marker] = nil
            }
            await store.record(path: path, status: status)
            return response
        } catch let error as any HTTPResponseError {
            await store.record(path: path, status: String(error.status.code))
            throw error
        } catch {
            await store.record(path: path, status: "500")
            throw error
        }
    }
}

/// `--latency` and `--throttle` on the vendor's paths.
struct LatencyAndThrottleMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let latency: Duration
    let throttle: Throttle?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard isVendorPath(request.uri.path) else { return try await next(request, context) }
        if latency > .zero { try await Task.sleep(for: latency) }
        if let throttle, let retryAfter = await throttle.admit() {
            return Response(status: .tooManyRequests, headers: [.retryAfter: String(retryAfter)])
        }
        return try await next(request, context)
    }
}

/// `--fault-rate` and `--fault-mode` on the vendor's paths, decided per call by `FaultPlanner`.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let planner: FaultPlanner
    let occurrences = RequestOccurrences()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard isVendorPath(path), planner.rate > 0 else { return try await next(request, context) }
        var request = request
        let buffer = try await request.collectBody(upTo: BodyLimitMiddleware.maximumBodyBytes)
        let body = Self.canonical(Data(buffer.readableBytesView))
        let occurrence = await occurrences.next(FaultPlanner.requestKey(path: path, canonicalBody: body))
        switch planner.decide(path: path, canonicalBody: body, occurrence: occurrence) {
        case .none:
            return try await next(request, context)
        case .unavailable:
            return Self.marked(Response(status: .serviceUnavailable), "before")
        case .lostAnswer(let dropConnection):
            _ = try await next(request, context)
            guard dropConnection else { return Self.marked(Response(status: .internalServerError), "after") }
            // Writing this body fails, which makes the server close the connection: the client gets no
            // complete answer.
            let body = ResponseBody(contentLength: 1024) { _ in throw DroppedConnection() }
            return Self.marked(Response(status: .ok, body: body), FaultMarker.dropped)
        }
    }

    /// The body as compact JSON with sorted keys and canonical field names, so that equal calls hash equal.
    static func canonical(_ data: Data) -> Data {
        guard let parsed = JSONValue.parse(data) else { return data }
        let normalized = (try? RequestKeyNormalizer.normalize(parsed)) ?? parsed
        return normalized.canonicalData()
    }

    private static func marked(_ response: Response, _ value: String) -> Response {
        var response = response
        if let marker = FaultMarker.header { response.headers[marker] = value }
        return response
    }
}

/// Thrown while writing an answer, to drop the connection on purpose.
struct DroppedConnection: Error {}
