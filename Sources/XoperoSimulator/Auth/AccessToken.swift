import Foundation
import XoperoContract

/// Builds JWT-shaped access tokens like the vendor's (an ASP.NET Core JWT):
/// `base64url(header).base64url(payload).base64url(signature)`.
///
/// The payload carries the vendor's claims (name identifier, name, e-mail, a role array, `exp` in Unix
/// seconds, `iss`, `aud`) and a random `jti`, so that every token differs. The signature is random bytes:
/// the simulator checks a token by looking it up in its session table, never by its signature, so a
/// client may read the claims but must not expect to verify them.
enum AccessToken {
    static let nameIdentifierClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"
    static let nameClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
    static let emailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
    static let roleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
    static let issuer = "xopero-sim"

    /// A new token for the user, expiring at `expires` (Unix seconds).
    static func make(userId: String, email: String, roles: [XoperoAssumptions.Role], expires: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let header: JSONValue = .object(["alg": .string("HS256"), "typ": .string("JWT")])
        let payload: JSONValue = .object([
            nameIdentifierClaim: .string(userId),
            nameClaim: .string(email),
            emailClaim: .string(email),
            roleClaim: .array(roles.map { .string($0.rawValue) }),
            "exp": .integer(expires),
            "iss": .string(issuer),
            "aud": .string(issuer),
            "jti": .string(randomHex(16, using: &generator)),
        ])
        let signature = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return [header.canonicalData(), payload.canonicalData(), Data(signature)].map(Base64URL.encoded).joined(
            separator: ".")
    }

    private static func randomHex(_ bytes: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
