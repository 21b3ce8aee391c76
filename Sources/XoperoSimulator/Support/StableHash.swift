/// A hash that is the same in every process and on every run (Swift's `hashValue` is randomly seeded
/// per process, so it cannot derive ids or fault decisions). FNV-1a over the bytes, then a SplitMix64
/// finalizer to spread the bits.
struct StableHash: Sendable {
    private(set) var state: UInt64

    init(seed: UInt64 = 0) {
        state = 0xcbf2_9ce4_8422_2325 ^ SplitMix64.mix(seed)
    }

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    mutating func combine(_ string: String) {
        combine(string.utf8)
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        combine(CollectionOfOne(0xff))
    }

    mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0) }
    }

    var value: UInt64 { SplitMix64.mix(state) }
}

/// Ids for things the state file leaves without one: GUID-shaped, derived from names, equal on every run.
enum StableID {
    /// A GUID-shaped id (8-4-4-4-12 lowercase hex) derived from `parts`.
    static func derive(_ parts: String...) -> String {
        var high = StableHash(seed: 0x5eed_0001)
        var low = StableHash(seed: 0x5eed_0002)
        for part in parts {
            high.combine(part)
            low.combine(part)
        }
        return guid(high.value, low.value)
    }

    /// 128 bits written as a GUID (8-4-4-4-12 lowercase hex), `high` first. Written byte by byte: a big
    /// generated state makes hundreds of thousands of them.
    static func guid(_ high: UInt64, _ low: UInt64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for digit in 0..<32 {
            if digit == 8 || digit == 12 || digit == 16 || digit == 20 { bytes.append(UInt8(ascii: "-")) }
            let word = digit < 16 ? high : low
            let nibble = Int((word >> UInt64(60 - 4 * (digit % 16))) & 0xf)
            bytes.append(hexDigits[nibble])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func organization(name: String) -> String { derive("organization", name) }
    static func repository(organization: String, name: String) -> String { derive("repository", organization, name) }
    static func plan(organization: String, name: String) -> String { derive("plan", organization, name) }
    static func user(email: String) -> String { derive("user", email.lowercased()) }
}
