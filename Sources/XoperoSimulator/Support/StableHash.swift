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

    /// 128 bits written as a GUID (8-4-4-4-12 lowercase hex), `high` first.
    static func guid(_ high: UInt64, _ low: UInt64) -> String {
        let characters = Array(hex16(high) + hex16(low))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    static func organization(name: String) -> String { derive("organization", name) }
    static func repository(organization: String, name: String) -> String { derive("repository", organization, name) }
    static func plan(organization: String, name: String) -> String { derive("plan", organization, name) }
    static func user(email: String) -> String { derive("user", email.lowercased()) }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
