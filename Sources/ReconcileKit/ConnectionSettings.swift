import Foundation
import Logging
import XoperoAPI
import XoperoContract

/// Where and as whom the run connects, gathered from flags (never secrets) and the environment.
public struct ConnectionSettings: Sendable {
    /// The environment variable that names the server when `--server` is not given.
    public static let serverVariable = "XOPERO_URL"

    public var serverURL: URL
    public var credentials: XoperoCredentials
    public var caCertificatePath: String?
    public var insecure: Bool
    public var callTimeout: Duration
    public var retryTime: Duration
    public var concurrency: ConcurrencyPolicy

    public init(
        serverURL: URL, credentials: XoperoCredentials, caCertificatePath: String? = nil, insecure: Bool = false,
        callTimeout: Duration = .seconds(30), retryTime: Duration = .seconds(60),
        concurrency: ConcurrencyPolicy = .adaptive(maximum: 32)
    ) {
        self.serverURL = serverURL
        self.credentials = credentials
        self.caCertificatePath = caCertificatePath
        self.insecure = insecure
        self.callTimeout = callTimeout
        self.retryTime = retryTime
        self.concurrency = concurrency
    }

    /// The server from `--server`, else `XOPERO_URL`; credentials from the environment.
    public static func fromEnvironment(
        server: String?, environment: [String: String], caCertificatePath: String?, insecure: Bool,
        callTimeout: Duration, retryTime: Duration, concurrency: ConcurrencyPolicy
    ) throws(XoperoClientError) -> ConnectionSettings {
        guard let text = server ?? environment[serverVariable], !text.isEmpty else {
            throw .configuration(
                "no server: pass --server URL or set \(serverVariable) (or try the tool with --simulator STATE.json)")
        }
        return ConnectionSettings(
            serverURL: try XoperoClientConfiguration.parseServerURL(text),
            credentials: try XoperoCredentials.fromEnvironment(environment),
            caCertificatePath: caCertificatePath, insecure: insecure, callTimeout: callTimeout, retryTime: retryTime,
            concurrency: concurrency)
    }

    public var clientConfiguration: XoperoClientConfiguration {
        XoperoClientConfiguration(
            serverURL: serverURL, caCertificatePath: caCertificatePath, insecure: insecure, callTimeout: callTimeout,
            retry: RetryPolicy(totalTime: retryTime), concurrency: concurrency)
    }

    /// A client for these settings, after warning on standard error when verification is off or a
    /// password would cross the network in clear text.
    public func makeClient(logger: Logger, output: any OutputSink) throws(XoperoClientError) -> XoperoClient {
        let configuration = clientConfiguration
        if insecure {
            output.printError(
                "reconcile: warning: --insecure: TLS certificates are NOT verified; anyone on the network path "
                    + "could read the credentials. Use --ca-cert FILE instead when you can.")
        }
        if configuration.isCleartextToRemoteHost {
            let what = if case .password = credentials { "the password and every token" } else { "the token" }
            output.printError(
                "reconcile: warning: \(serverURL.host ?? "the server") is reached over plain http://, so \(what) "
                    + "cross the network unencrypted; use https:// unless this network is trusted.")
        }
        return try XoperoClient(configuration: configuration, credentials: credentials, logger: logger)
    }
}
