import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS

/// Serve HTTPS instead of HTTP: the server's certificate chain and private key, as PEM files
/// (`xopero-sim serve --tls-cert FILE --tls-key FILE`).
public struct SimulatorTLS: Sendable, Hashable {
    /// A PEM file with the server's certificate first, then any intermediate certificates.
    public var certificateChainPath: String
    /// A PEM file with the certificate's private key (not encrypted).
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }

    /// Reads both files and checks that they fit together, so that a bad file is reported by name
    /// before the server starts rather than as a failed handshake later.
    func serverConfiguration() throws(SimulatorError) -> TLSConfiguration {
        let chainBytes = try Self.read(certificateChainPath, option: "--tls-cert")
        let keyBytes = try Self.read(privateKeyPath, option: "--tls-key")
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(chainBytes)
        } catch {
            chain = []
        }
        guard !chain.isEmpty else {
            throw .tlsFileInvalid(option: "--tls-cert", path: certificateChainPath, problem: "holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem)
        } catch {
            throw .tlsFileInvalid(
                option: "--tls-key", path: privateKeyPath, problem: "holds no unencrypted PEM private key")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            // Builds the TLS context the server will use; this is where a key that does not belong to
            // the certificate is refused.
            _ = try TLSChannel(HTTP1Channel(responder: { _, _, _ in }), tlsConfiguration: configuration)
        } catch {
            throw .tlsFileInvalid(
                option: "--tls-key", path: privateKeyPath,
                problem: "does not fit the certificate in \(certificateChainPath) (\(error))")
        }
        return configuration
    }

    private static func read(_ path: String, option: String) throws(SimulatorError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .tlsFileInvalid(option: option, path: path, problem: "does not exist")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .tlsFileInvalid(option: option, path: path, problem: "cannot be read (\(error.localizedDescription))")
        }
    }
}
