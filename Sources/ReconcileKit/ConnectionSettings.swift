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

    public init(
        serverURL: URL, credentials: XoperoCredentials, caCertificatePath: String? = nil, insecure: Bool = false,
        callTimeout: Duration = .seconds(30), retryTime: Duration = .seconds(60)
    ) {
        self.serverURL = serverURL
        self.credentials = credentials
        self.caCertificatePath = caCertificatePath
        self.insecure = insecure
        self.callTimeout = callTimeout
        self.retryTime = retryTime
    }

    /// The server from `--server`, else `XOPERO_URL`; credentials from the environment.
    public static func fromEnvironment(
        server: String?, environment: [String: String], caCertificatePath: String?, insecure: Bool,
        callTimeout: Duration, retryTime: Duration
    ) throws(XoperoClientError) -> ConnectionSettings {
        guard let text = server ?? environment[serverVariable], !text.isEmpty else {
            throw .configuration(
                "no server: pass --server URL or set \(serverVariable) (or try the tool with --simulator STATE.json)")
        }
        return ConnectionSettings(
            serverURL: try XoperoClientConfiguration.parseServerURL(text),
            credentials: try XoperoCredentials.fromEnvironment(environment),
            caCertificatePath: caCertificatePath, insecure: insecure, callTimeout: callTimeout, retryTime: retryTime)
    }

    /// A client for these settings, after warning on standard error when verification is off.
    public func makeClient(logger: Logger) throws(XoperoClientError) -> XoperoClient {
        if insecure {
            StandardError().line(
                "reconcile: warning: --insecure: TLS certificates are NOT verified; anyone on the network path "
                    + "could read the credentials. Use --ca-cert FILE instead when you can.")
        }
        let configuration = XoperoClientConfiguration(
            serverURL: serverURL, caCertificatePath: caCertificatePath, insecure: insecure, callTimeout: callTimeout,
            retry: RetryPolicy(totalTime: retryTime))
        return try XoperoClient(configuration: configuration, credentials: credentials, logger: logger)
    }
}
