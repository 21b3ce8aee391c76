import Foundation
import XoperoContract

/// A bearer token as the client holds it: checked for size and characters (it becomes a header), and,
/// when it is a JWT, when it expires (the `exp` claim, read WITHOUT verifying the signature: the server
/// decides whether a token is valid; the client only wants to renew it before it runs out).
struct BearerToken: Sendable, Hashable {
    let value: String
    /// When the token stops being valid, if it says so.
    let expiresAt: Date?

    /// Why a token cannot be used.
    enum Problem: Error, Equatable {
        case empty
        case tooLong(bytes: Int)
        case invalidCharacters
    }

    /// Checks a token: at most `XoperoClientConfiguration.maxTokenBytes` bytes of visible ASCII
    /// (what an `Authorization` header may carry; a CR or LF would end the header).
    init(_ value: String) throws(Problem) {
        let bytes = value.utf8
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= XoperoClientConfiguration.maxTokenBytes else { throw .tooLong(bytes: bytes.count) }
        guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .invalidCharacters }
        self.value = value
        self.expiresAt = Self.expiry(ofJWT: value)
    }

    /// The `exp` claim of a JWT (`header.payload.signature`, base64url), or nil when the token is not one
    /// or has no usable `exp`.
    static func expiry(ofJWT token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let claims = jsonObject(ofPart: parts[1]) else { return nil }
        return expiry(ofClaims: claims)
    }

    /// One part of a JWT (base64url) as the JSON object it holds; nil when it is not one.
    static func jsonObject(ofPart part: Substring) -> [String: Any]? {
        guard let data = Base64URL.decoded(part) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The `exp` claim of a JWT's decoded payload, when it is a usable time.
    static func expiry(ofClaims claims: [String: Any]) -> Date? {
        guard let exp = claims["exp"] as? NSNumber else { return nil }
        let seconds = exp.doubleValue
        // Between 2001 and 9999: anything else is not a time this client can act on.
        guard seconds.isFinite, seconds > 978_307_200, seconds < 253_402_300_800 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// When to log in again before `expiresAt`: a tenth of the token's life before it ends, at most a
    /// minute, so a 30-day token is renewed a minute early and a 2-second one 0.2 s early.
    func renewalTime(issuedAt: Date) -> Date? {
        guard let expiresAt else { return nil }
        let life = max(0, expiresAt.timeIntervalSince(issuedAt))
        return expiresAt.addingTimeInterval(-min(60, life / 10))
    }
}
