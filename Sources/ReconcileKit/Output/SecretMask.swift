import Foundation
import ReconcileCore

/// The last line of defence against printing a secret: every output path (standard output, standard
/// error, `--out`, logs, metrics, notifications) passes through it, and every occurrence of a secret
/// value (as written, JSON-escaped or percent-encoded) becomes `***`.
///
/// The code is built never to print a secret in the first place (credentials are never formatted into a
/// message, the parser refuses secret variables); this catches what a future change, a server echoing a
/// value, or a file that holds a secret would otherwise leak. Values shorter than `minimumLength` are not
/// masked: masking every `a` would make output unreadable and hide nothing (such a password is too short
/// to be a secret anyway).
public struct SecretMask: Sendable {
    public static let minimumLength = 4
    public static let replacement = "***"

    /// The variables whose values are secrets (a webhook URL carries its own credential).
    public static let secretVariables = ["XOPERO_PASSWORD", "XOPERO_TOKEN", "XOPERO_NOTIFY_WEBHOOK"]
    /// The variable naming a file whose content is a secret.
    public static let secretFileVariable = "XOPERO_PASSWORD_FILE"

    private let needles: [String]

    /// A mask for `secrets`; empty and short values are ignored.
    public init(_ secrets: [String]) {
        var needles = Set<String>()
        for secret in secrets where secret.count >= Self.minimumLength {
            needles.insert(secret)
            needles.formUnion(Self.jsonEscapings(secret))
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                needles.insert(encoded)
            }
        }
        // Longest first, so a secret that contains another is replaced whole.
        self.needles = needles.filter { $0.count >= Self.minimumLength }.sorted { $0.count > $1.count }
    }

    /// The secrets of the environment: the secret variables' values and the content of the password file
    /// (read bounded; an unreadable file masks nothing, and is reported where it is used).
    public static func fromEnvironment(
        _ environment: [String: String], readFile: (String) -> String? = { SecretMask.readBounded($0) }
    ) -> SecretMask {
        var secrets = secretVariables.compactMap { environment[$0] }
        if let path = environment[secretFileVariable], !path.isEmpty, let content = readFile(path) {
            secrets.append(content)
            secrets.append(content.trimmingCharacters(in: .newlines))
        }
        return SecretMask(secrets)
    }

    /// The same mask with more secrets.
    public func adding(_ secrets: [String]) -> SecretMask {
        SecretMask(needles + secrets)
    }

    public var isEmpty: Bool { needles.isEmpty }

    public func apply(_ text: String) -> String {
        guard !needles.isEmpty else { return text }
        var result = text
        for needle in needles where result.contains(needle) {
            result = result.replacing(needle, with: Self.replacement)
        }
        return result
    }

    /// The secret as it stands inside a JSON string written by this tool (the plan, `--out`), and as
    /// `JSONSerialization` writes it (logs, notifications).
    private static func jsonEscapings(_ text: String) -> [String] {
        let ours = String(JSONWriter.stringLiteral(text).dropFirst().dropLast())
        var theirs = ours
        if let data = try? JSONSerialization.data(withJSONObject: [text], options: []),
            let array = String(data: data, encoding: .utf8), array.count >= 4
        {
            theirs = String(array.dropFirst(2).dropLast(2))
        }
        return [ours, theirs]
    }

    /// At most 64 KiB of a regular file, as text; nil when it cannot be read or is not a regular file (a
    /// FIFO would block, a device never end).
    public static func readBounded(_ path: String) -> String? {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
            type == .typeRegular, let handle = FileHandle(forReadingAtPath: path)
        else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1024) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
