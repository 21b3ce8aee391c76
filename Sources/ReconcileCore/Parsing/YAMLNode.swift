/// A 1-based line and column inside one file (columns count Unicode scalars, as libyaml does).
struct YAMLPosition: Sendable, Hashable, Comparable {
    var line: Int
    var column: Int

    static func < (lhs: YAMLPosition, rhs: YAMLPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

/// How a scalar was written; quoting decides whether `true` or `123` is a string.
enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// True for every style except plain: the value is a string whatever it looks like.
    var isQuotedOrBlock: Bool { self != .plain }
}

/// A scalar's text as the YAML parser delivered it (escapes and folding already applied).
struct YAMLScalar: Sendable, Hashable {
    var text: String
    var style: YAMLScalarStyle
    /// An explicit tag such as `tag:yaml.org,2002:str` (`!!str`), or nil when none was written.
    var tag: String?
    /// The text as written when `${VAR}` interpolation changed it, else nil. An interpolated value
    /// is read leniently as the type the field expects (`"${FLAG}"` with FLAG=true is a boolean).
    var textBeforeInterpolation: String?
    /// The variables `${NAME}` interpolation read (each once, in order of first use). Messages about
    /// an interpolated value name these instead of printing the value, which may be a secret.
    var variables: [String] = []

    var wasInterpolated: Bool { textBeforeInterpolation != nil }
}

/// One node of a parsed YAML document, with the position where it starts.
///
/// Aliases are already expanded (see `YAMLComposer`), so the tree is plain data.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    var position: YAMLPosition
    /// Where a scalar's text ends in the file (for collections, where they start): references and
    /// patterns are looked for between `position` and `end` only, so finding them costs linear time.
    var end: YAMLPosition

    init(content: Content, position: YAMLPosition, end: YAMLPosition? = nil) {
        self.content = content
        self.position = position
        self.end = end ?? position
    }

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { scalar } else { nil }
    }

    /// A short name of the node's kind for messages: "a list", "a mapping", or "text".
    var kindDescription: String {
        switch content {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping, in source order. Duplicate keys are kept, so that the
/// validator can name both places.
struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

/// The positioned node tree of one file: nil `root` for a file with no document (empty or only comments).
struct YAMLDocument: Sendable {
    var file: String
    var root: YAMLNode?
}
