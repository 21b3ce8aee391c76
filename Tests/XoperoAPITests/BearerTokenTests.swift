import Foundation
import Testing
import XoperoContract

@testable import XoperoAPI

/// A JWT with the given claims (the signature is never checked by the client).
func jwt(_ claims: [String: Any]) -> String {
    func encode(_ object: [String: Any]) -> String {
        Base64URL.encoded((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }
    return encode(["alg": "HS256", "typ": "JWT"]) + "." + encode(claims) + ".c2lnbmF0dXJl"
}

@Suite("Bearer tokens: checked for size and shape; a JWT's exp read without verifying it")
struct BearerTokenTests {
    @Test func expiryIsReadFromAJWT() throws {
        let token = try BearerToken(jwt(["exp": 1_900_000_000, "role": ["SystemAdministrator"]]))
        #expect(token.expiresAt == Date(timeIntervalSince1970: 1_900_000_000))
    }

    @Test(
        "tokens that are not JWTs, or whose exp is absent or absurd, have no expiry",
        arguments: [
            "opaque-token-123", jwt(["sub": "x"]), jwt(["exp": "soon"]), jwt(["exp": 1e300]), jwt(["exp": -5]),
            "a.b.c", "a.!!!.c",
        ])
    func noExpiry(text: String) throws {
        #expect(try BearerToken(text).expiresAt == nil)
    }

    @Test func theVendorSampleTokenIsAccepted() throws {
        // The shape of the vendor's sample (a JWT whose payload was mangled in the article).
        #expect(
            try BearerToken("yMDA1LzA1L2lka4acXR5.eyJleHAiOjE2NTQ2OTB9.eHVRw1KqYi3SOqN-AJUXoEIFKxGVokhoMp910L1LkzA")
                .value.count > 10)
    }

    @Test("a token too long, empty, or with characters a header cannot carry is refused")
    func refused() {
        #expect(throws: BearerToken.Problem.tooLong(bytes: 16385)) {
            try BearerToken(String(repeating: "a", count: 16385))
        }
        #expect(throws: BearerToken.Problem.empty) { try BearerToken("") }
        #expect(throws: BearerToken.Problem.invalidCharacters) { try BearerToken("abc\r\nX-Injected: 1") }
        #expect(throws: BearerToken.Problem.invalidCharacters) { try BearerToken("has space") }
        #expect(throws: BearerToken.Problem.invalidCharacters) { try BearerToken("tökén") }
    }

    @Test("renewal comes a tenth of the token's life before it ends, at most a minute")
    func renewalTime() throws {
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let short = try BearerToken(jwt(["exp": 1_800_000_002]))
        #expect(short.renewalTime(issuedAt: issued) == Date(timeIntervalSince1970: 1_800_000_001.8))
        let month = try BearerToken(jwt(["exp": 1_800_000_000 + 30 * 86_400]))
        #expect(month.renewalTime(issuedAt: issued) == Date(timeIntervalSince1970: 1_800_000_000 + 30 * 86_400 - 60))
    }
}
