import Foundation
import Testing
import XoperoContract

@Suite("Base64URL: a JWT part's encoding, without padding")
struct Base64URLTests {
    @Test(
        "bytes that base64 writes with + / and = come out with - _ and no padding, and read back",
        arguments: [
            ([0xfb, 0xff], "-_8"), ([0xfb, 0xef, 0xbe], "----"), ([0xff, 0xff, 0xff], "____"), ([], ""),
            ([0x61], "YQ"),
        ])
    func roundTrip(bytes: [UInt8], text: String) {
        #expect(Base64URL.encoded(Data(bytes)) == text)
        #expect(Base64URL.decoded(text) == Data(bytes))
    }

    @Test("text that is not base64url is nil, not a crash", arguments: ["a", "a*bc", "é", "a b"])
    func notBase64URL(text: String) {
        #expect(Base64URL.decoded(text) == nil)
    }
}
