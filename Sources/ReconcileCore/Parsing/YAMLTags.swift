import PrintableText

/// Which YAML tags a desired-state file may carry: the standard tags that PyYAML's safe loader
/// (and so the JSON Schema check) reads into values JSON can hold, each on the kind of node it
/// belongs to, and the non-specific `!`. Every other tag (`!foo`, `!!python/object`, `!!binary`,
/// `!!set`, ...) is refused where it is written, instead of being silently ignored.
enum YAMLTags {
    enum NodeKind: Sendable {
        case scalar, sequence, mapping

        var noun: String {
            switch self {
            case .scalar: "a single value"
            case .sequence: "a list"
            case .mapping: "a mapping"
            }
        }
    }

    static let standardPrefix = "tag:yaml.org,2002:"

    /// The standard tags a value of each kind may carry, without the `tag:yaml.org,2002:` prefix.
    static func allowedNames(on kind: NodeKind) -> [String] {
        switch kind {
        case .scalar: ["str", "int", "float", "bool", "null", "timestamp"]
        case .sequence: ["seq"]
        case .mapping: ["map"]
        }
    }

    /// Tags PyYAML's safe loader knows that make values a desired-state file cannot hold.
    private static let unsupportedStandardNames: Set<String> = ["binary", "set", "omap", "pairs"]

    static func isAllowed(_ tag: String, on kind: NodeKind) -> Bool {
        if tag == "!" { return true }
        guard tag.hasPrefix(standardPrefix) else { return false }
        return allowedNames(on: kind).contains(String(tag.dropFirst(standardPrefix.count)))
    }

    /// The message for a refused tag, which is shown shortened (`!!name`) and escaped.
    static func refusal(_ tag: String, on kind: NodeKind) -> String {
        let written = shortForm(tag)
        let allowed = allowedNames(on: kind).map { "!!" + $0 }.joined(separator: ", ")
        if tag.hasPrefix(standardPrefix) {
            let name = String(tag.dropFirst(standardPrefix.count))
            if unsupportedStandardNames.contains(name) {
                return "the YAML tag \(written) is not supported in a desired-state file; "
                    + "remove it (\(kind.noun) may carry only \(allowed))"
            }
            if allowedNames(on: .scalar).contains(name) || ["seq", "map"].contains(name) {
                return
                    "the YAML tag \(written) does not fit \(kind.noun); remove it (\(kind.noun) may carry only \(allowed))"
            }
        }
        return "unknown YAML tag \(written); desired-state files take no custom tags: remove it "
            + "(\(kind.noun) may carry only \(allowed))"
    }

    /// `!!int` for a standard tag, the tag as written otherwise; escaped for the terminal and cut
    /// to at most 64 characters.
    static func shortForm(_ tag: String) -> String {
        let short = tag.hasPrefix(standardPrefix) ? "!!" + tag.dropFirst(standardPrefix.count) : tag
        return TerminalText.escaped(TerminalText.truncated(short, to: 64))
    }
}
