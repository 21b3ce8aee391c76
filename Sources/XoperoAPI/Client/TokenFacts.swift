import Foundation
import PrintableText
import XoperoContract

/// What a bearer token says about itself, without the token: whether it is a JWT, when it expires
/// (`exp`) and the roles it names. Read WITHOUT verifying the signature (the server decides whether a
/// token is valid); every other claim (name, e-mail, ids) is left unread.
public struct TokenFacts: Sendable, Hashable {
    /// Three base64url parts whose first two are JSON objects.
    public var isJWT: Bool
    /// The `exp` claim, when it is a usable time.
    public var expiresAt: Date?
    /// The role claim's values (bounded and escaped), or nil when the token names no role.
    public var roles: [String]?

    /// The claim names a role may come under: ASP.NET Core's (the vendor's sample), then the short forms.
    public static let roleClaims = ["http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "role", "roles"]

    /// The most roles kept, each at most 60 characters.
    static let maximumRoles = 20

    /// Reads the facts of `token`.
    public init(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, BearerToken.jsonObject(ofPart: parts[0]) != nil,
            let claims = BearerToken.jsonObject(ofPart: parts[1])
        else {
            self.init(isJWT: false, expiresAt: nil, roles: nil)
            return
        }
        let roles = Self.roleClaims.lazy.compactMap { Self.strings(claims[$0]) }.first
        self.init(isJWT: true, expiresAt: BearerToken.expiry(ofClaims: claims), roles: roles)
    }

    public init(isJWT: Bool, expiresAt: Date?, roles: [String]?) {
        self.isJWT = isJWT
        self.expiresAt = expiresAt
        self.roles = roles
    }

    /// A string or an array of strings, bounded.
    private static func strings(_ value: Any?) -> [String]? {
        let values: [String]
        if let single = value as? String {
            values = [single]
        } else if let many = value as? [Any] {
            values = many.compactMap { $0 as? String }
        } else {
            return nil
        }
        return values.prefix(maximumRoles).map { ServerText.bounded($0, limit: 60) }
    }
}

extension XoperoClient {
    /// The facts of the token calls are sent with now (logging in first when there is none yet); the
    /// token itself never leaves the client.
    public func tokenFacts() async throws(XoperoClientError) -> TokenFacts {
        TokenFacts(token: try await session.token(for: .login).token.value)
    }
}
