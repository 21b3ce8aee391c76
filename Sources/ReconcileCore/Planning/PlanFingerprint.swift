import Crypto

/// The fingerprint of a plan: `sha256:<hex>` over a canonical encoding of
/// - the planning options (chunk size, push-write-only), which change the calls;
/// - the desired state: organizations and plans sorted by name; repository and `keepLicensed` lists
///   in file order (with `!` entries, order has meaning); source locations left out, so moving
///   text in the file does not change it; the `worker` value but only the *keys* of `settings`
///   (settings values may be secrets, and a hash of a short secret can be guessed offline);
/// - the live state of the organizations the desired state names: organizations, repositories and
///   plans sorted by id, plan repository ids sorted, so the order the server listed things in does
///   not matter.
public enum PlanFingerprint {
    /// True when `expected` (as a reviewer pasted it, e.g. into `--expect-fingerprint`) names the same
    /// fingerprint as `actual`: the `sha256:` prefix, letter case and surrounding white space do not matter.
    public static func matches(_ expected: String, _ actual: String) -> Bool {
        normalized(expected) == normalized(actual)
    }

    private static func normalized(_ text: String) -> String {
        let lowered = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()).lowercased()
        return lowered.hasPrefix("sha256:") ? String(lowered.dropFirst("sha256:".count)) : lowered
    }

    public static func compute(desired: DesiredState, live: LiveState, options: PlanningOptions = .init()) -> String {
        var encoder = CanonicalEncoder()
        encoder.string("xopero-reconcile fingerprint v1")
        encoder.int(max(1, options.licenseChunkSize))
        encoder.bool(options.pushWriteOnly)
        encodeDesired(desired, into: &encoder)
        let named = Set(desired.organizations.map(\.name))
        encodeLive(live.organizations.filter { named.contains($0.name) }, into: &encoder)
        let digest = SHA256.hash(data: encoder.bytes)
        return "sha256:" + hex(Array(digest))
    }

    private static func encodeDesired(_ desired: DesiredState, into encoder: inout CanonicalEncoder) {
        let organizations = desired.organizations.sorted { OrdinalOrder.less($0.name, $1.name) }
        encoder.int(organizations.count)
        for organization in organizations {
            encoder.string(organization.name)
            encoder.string(organization.licenses.rawValue)
            encodeSelectors(organization.keepLicensed, into: &encoder)
            let plans = organization.plans.sorted { OrdinalOrder.less($0.name, $1.name) }
            encoder.int(plans.count)
            for plan in plans {
                encoder.string(plan.name)
                encoder.optional(plan.backupType) { $0.int($1) }
                encoder.optional(plan.includeMetadata) { $0.bool($1) }
                encoder.optional(plan.includeAllRepositories) { $0.bool($1) }
                encoder.optional(plan.worker) { $0.string($1) }
                encoder.optional(plan.settings) { encoder, settings in
                    let keys = settings.keys.sorted(by: OrdinalOrder.less)
                    encoder.int(keys.count)
                    for key in keys { encoder.string(key) }
                }
                encoder.optional(plan.repositories) { encodeSelectors($1, into: &$0) }
                encoder.string(plan.membership.rawValue)
            }
        }
    }

    private static func encodeSelectors(_ selectors: [RepositorySelector], into encoder: inout CanonicalEncoder) {
        encoder.int(selectors.count)
        for selector in selectors {
            encoder.bool(selector.isExclusion)
            encoder.string(selector.pattern)
        }
    }

    private static func encodeLive(_ organizations: [LiveOrganization], into encoder: inout CanonicalEncoder) {
        let sorted = organizations.sorted { OrdinalOrder.less(($0.id, $0.name), ($1.id, $1.name)) }
        encoder.int(sorted.count)
        for organization in sorted {
            encoder.string(organization.id)
            encoder.string(organization.name)
            let input = organization.repositories
            let order = OrdinalSort.order(primary: input.map(\.id), secondary: input.map(\.name)) { lhs, rhs in
                (input[lhs].isActive ? 1 : 0, input[lhs].isRemoved ? 1 : 0) < (
                    input[rhs].isActive ? 1 : 0, input[rhs].isRemoved ? 1 : 0
                )
            }
            encoder.int(input.count)
            for repository in order.map({ input[$0] }) {
                encoder.string(repository.id)
                encoder.string(repository.name)
                encoder.bool(repository.isActive)
                encoder.bool(repository.isRemoved)
            }
            let plans = organization.plans.map { plan in
                var plan = plan
                let ids = plan.repositoryIds
                plan.repositoryIds = OrdinalSort.order(primary: ids, secondary: nil) { _, _ in false }.map { ids[$0] }
                return plan
            }.sorted { lhs, rhs in
                if lhs.id != rhs.id || lhs.name != rhs.name {
                    return OrdinalOrder.less((lhs.id, lhs.name), (rhs.id, rhs.name))
                }
                return PlanFingerprint.planKey(lhs).lexicographicallyPrecedes(PlanFingerprint.planKey(rhs))
            }
            encoder.int(plans.count)
            for plan in plans { encoder.bytes += planKey(plan) }
        }
    }

    /// A plan's canonical bytes (its repository ids already sorted).
    private static func planKey(_ plan: LivePlan) -> [UInt8] {
        var encoder = CanonicalEncoder()
        encoder.string(plan.id)
        encoder.string(plan.name)
        encoder.optional(plan.backupType) { $0.int($1) }
        encoder.optional(plan.includeMetadata) { $0.bool($1) }
        encoder.bool(plan.includeAllRepositories)
        encoder.int(plan.repositoryIds.count)
        for id in plan.repositoryIds { encoder.string(id) }
        return encoder.bytes
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// An unambiguous byte encoding: every string is length-prefixed, every optional tagged.
struct CanonicalEncoder {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }

    mutating func optional<T>(_ value: T?, _ encode: (inout CanonicalEncoder, T) -> Void) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        encode(&self, value)
    }
}
