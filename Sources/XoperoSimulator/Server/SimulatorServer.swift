import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle
import XoperoContract

/// Starts the simulator: an HTTP (or HTTPS) server that plays the Xopero API from a state file.
public enum SimulatorServer {
    /// A logger that reports only warnings and errors, to stderr.
    public static var quietLogger: Logger {
        var logger = Logger(label: "xopero-sim")
        logger.logLevel = .warning
        return logger
    }

    /// Starts serving `state` and returns once the server listens (so `baseURL` has the real port).
    ///
    /// - Throws: `SimulatorError.stateFileInvalid` for a state that breaks the format,
    ///   `.invalidOption` for options out of range, `.tlsFileInvalid` for a TLS file that is missing or
    ///   unusable, `.portInUse` when the port is taken,
    ///   `.serverFailed` for anything else that stops the server from starting.
    public static func start(
        state: SimulatorStateFile, options: SimulatorOptions, clock: any TokenClock = SystemTokenClock(),
        logger: Logger = quietLogger
    ) async throws(SimulatorError) -> RunningSimulator {
        try options.validate()
        let world: SimulatorWorld
        do {
            world = try SimulatorWorld(state: state)
        } catch {
            throw .stateFileInvalid(path: options.persistPath ?? "state", field: error.field, message: error.message)
        }
        let persister = options.persistPath.map { StatePersister(path: $0) }
        if let persister {
            for leftover in persister.removeLeftovers() {
                logger.warning("removed \(leftover), left by a write that was interrupted")
            }
        }
        let store = SimulatorStore(
            world: world, tokenLifetime: options.tokenTTL, clock: clock, persister: persister, logger: logger,
            pageSizeCap: options.maxPageSize, traffic: CapacityGate(capacity: options.capacity))
        let router: Router<BasicRequestContext>
        do {
            router = try makeRouter(store: store, options: options)
        } catch {
            throw .serverFailed(reason: "cannot register the API's routes: \(error)")
        }
        let server = try serverBuilder(tls: options.tls)
        let (events, continuation) = AsyncStream<Result<Int, SimulatorError>>.makeStream()
        let application = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? options.port)) },
            logger: logger)
        // `stop()` shuts the group down gracefully; the executable also stops on SIGINT and SIGTERM.
        let group = ServiceGroup(
            configuration: .init(
                services: [application], gracefulShutdownSignals: options.stopOnSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        let task = Task {
            do {
                try await group.run()
            } catch {
                continuation.yield(.failure(describe(error, options: options)))
            }
            continuation.finish()
        }
        let scheme = options.tls == nil ? "http" : "https"
        for await event in events {
            switch event {
            case .success(let port):
                return RunningSimulator(
                    baseURL: "\(scheme)://\(urlHost(options.host)):\(port)", port: port, store: store, group: group,
                    task: task)
            case .failure(let error):
                throw error
            }
        }
        throw .serverFailed(reason: "the server stopped before it listened")
    }

    /// Plain HTTP/1.1, or HTTP/1.1 over TLS when `tls` is set.
    static func serverBuilder(tls: SimulatorTLS?) throws(SimulatorError) -> HTTPServerBuilder {
        guard let tls else { return .http1() }
        let configuration = try tls.serverConfiguration()
        do {
            return try .tls(.http1(), tlsConfiguration: configuration)
        } catch {
            throw .serverFailed(reason: "cannot set up TLS: \(error)")
        }
    }

    static func makeRouter(store: SimulatorStore, options: SimulatorOptions) throws -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: StatsMiddleware(store: store))
        router.add(middleware: MethodNotAllowedMiddleware())
        router.add(middleware: CapacityMiddleware(gate: store.traffic))
        router.add(middleware: BodyLimitMiddleware())
        router.add(
            middleware: LatencyAndThrottleMiddleware(
                latency: options.latency, throttle: options.throttle.map { Throttle(callsPerSecond: $0) }))
        router.add(
            middleware: FaultMiddleware(
                planner: FaultPlanner(seed: options.seed, rate: options.faultRate, mode: options.faultMode)))
        SimulatorRoutes.register(on: router, store: store)
        try SimulatorAPIHandler(store: store).registerHandlers(
            on: router, serverURL: .defaultOpenAPIServerURL,
            middlewares: [
                BadRequestMiddleware(), AuthMiddleware(store: store), KeyNormalizingMiddleware(),
                VendorNullsMiddleware(),
            ])
        return router
    }

    private static func describe(_ error: any Error, options: SimulatorOptions) -> SimulatorError {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("errno: 98") || text.contains("EADDRINUSE") {
            return .portInUse(host: options.host, port: options.port)
        }
        return .serverFailed(reason: text)
    }

    private static func urlHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}

/// A simulator that is listening.
public struct RunningSimulator: Sendable {
    /// Where it listens, e.g. `http://127.0.0.1:54321` (no trailing slash); `https://` with `SimulatorOptions.tls`.
    public let baseURL: String
    /// The port it listens on.
    public let port: Int
    /// Its state and call counts.
    public let store: SimulatorStore
    let group: ServiceGroup
    let task: Task<Void, Never>

    /// Stops listening, lets calls in progress finish, and waits until the server has shut down.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }

    /// Waits until the server stops (with `SimulatorOptions.stopOnSignals`, on SIGINT or SIGTERM).
    public func waitUntilStopped() async {
        await task.value
    }
}
