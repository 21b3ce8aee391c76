/// Step 1 of parsing: one file's YAML text → its positioned node tree (`YAMLDocument`).
///
/// Refuses, with a diagnostic instead of a hang or a crash: files over the size limit (checked
/// before parsing), YAML syntax errors (libyaml's message and position), more than one document,
/// undefined aliases, aliases that would expand past the node budget ("billion laughs"), and
/// nesting deeper than the depth limit.
enum YAMLComposer {
    struct Output: Sendable {
        /// nil when the file could not be read as YAML at all.
        var document: YAMLDocument?
        var diagnostics: [Diagnostic]
    }

    static func compose(_ file: SourceFile, limits: ParsingLimits = .standard) -> Output {
        let byteCount = file.text.utf8.count
        guard byteCount <= limits.maximumFileBytes else {
            let message =
                "the file is \(ParsingLimits.describeBytes(byteCount)); desired-state files are "
                + "limited to \(ParsingLimits.describeBytes(limits.maximumFileBytes)) (split it into several files "
                + "and pass each with -f)"
            return Output(
                document: nil, diagnostics: [.error(message, at: SourceLocation(file: file.path, line: 1, column: 1))])
        }
        // libyaml skips a byte-order mark only when it detects the encoding itself; the encoding is
        // given (UTF-8), so drop the mark here. Columns then match what editors show.
        var text =
            file.text.unicodeScalars.first == "\u{FEFF}" ? String(file.text.unicodeScalars.dropFirst()) : file.text
        let result: Result<YAMLNode?, CompositionFailure> = text.withUTF8 { buffer in
            var composer = TreeBuilder(stream: LibYAMLEventStream(buffer: buffer), limits: limits)
            do throws(CompositionFailure) {
                return .success(try composer.document())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let root):
            return Output(document: YAMLDocument(file: file.path, root: root), diagnostics: [])
        case .failure(let failure):
            return Output(document: nil, diagnostics: [failure.diagnostic(in: file.path, text: file.text)])
        }
    }
}

/// Why a file's node tree could not be built.
private enum CompositionFailure: Error {
    case syntax(YAMLSyntaxError)
    case undefinedAlias(String, YAMLPosition)
    case aliasBomb(limit: Int, YAMLPosition)
    case tooDeep(limit: Int, YAMLPosition)
    case secondDocument(YAMLPosition)

    func diagnostic(in file: String, text: String) -> Diagnostic {
        switch self {
        case .syntax(let error) where error.problem.hasPrefix("Maximum nesting level reached"):
            // libyaml's own bound (1,000 levels) hits before ours when the nesting is extreme.
            return CompositionFailure.tooDeep(limit: ParsingLimits.standard.maximumDepth, error.position).diagnostic(
                in: file, text: text)
        case .syntax(let error):
            var message = "YAML syntax error: \(error.problem)"
            if error.problem.contains("cannot start any token"), Self.character(at: error.position, in: text) == "\t" {
                message += " (a tab; YAML indents with spaces only)"
            }
            // libyaml's context ("while parsing a flow sequence") helps when it points elsewhere.
            let notes =
                error.context.flatMap { context in
                    context.position == error.position
                        ? nil
                        : [
                            Diagnostic.Note(
                                message: "\(context.text) that starts here",
                                location: context.position.location(in: file))
                        ]
                } ?? []
            return .error(message, at: error.position.location(in: file), notes: notes)
        case .undefinedAlias(let name, let position):
            return .error(
                "the alias *\(name) refers to no anchor; define &\(name) before using it",
                at: position.location(in: file))
        case .aliasBomb(let limit, let position):
            return .error(
                "aliases expand this file to more than \(limit) nodes (a \"billion laughs\" document?); "
                    + "refusing to expand it: write the values out or use fewer nested aliases",
                at: position.location(in: file))
        case .tooDeep(let limit, let position):
            return .error(
                "lists and mappings are nested more than \(limit) levels deep here; the format needs far fewer",
                at: position.location(in: file))
        case .secondDocument(let position):
            return .error(
                "a second YAML document starts here; a desired-state file holds one document (put the second in its own file and pass both with -f)",
                at: position.location(in: file))
        }
    }

    private static func character(at position: YAMLPosition, in text: String) -> Character? {
        var line = 1
        var lineStart = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices where line < position.line {
            if text.unicodeScalars[index] == "\n" {
                line += 1
                lineStart = text.unicodeScalars.index(after: index)
            }
        }
        let scalars = text.unicodeScalars[lineStart...]
        guard let index = scalars.index(lineStart, offsetBy: position.column - 1, limitedBy: scalars.endIndex),
            index < scalars.endIndex
        else { return nil }
        return Character(scalars[index])
    }
}

/// Builds the tree from libyaml events, expanding aliases within the budget.
private struct TreeBuilder {
    let stream: LibYAMLEventStream
    let limits: ParsingLimits
    /// Each anchor's node and its size in nodes once fully expanded.
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var nodesAddedByAliases = 0

    init(stream: LibYAMLEventStream, limits: ParsingLimits) {
        self.stream = stream
        self.limits = limits
    }

    /// The single document's root, or nil for a file without a document.
    mutating func document() throws(CompositionFailure) -> YAMLNode? {
        var root: YAMLNode?
        var sawDocument = false
        while true {
            switch try next() {
            case .streamStart, .documentEnd: continue
            case .streamEnd: return root
            case .documentStart(let position):
                if sawDocument { throw .secondDocument(position) }
                sawDocument = true
                root = try node(from: try next(), depth: 0).node
            default:
                continue
            }
        }
    }

    private func next() throws(CompositionFailure) -> YAMLEvent {
        do throws(YAMLSyntaxError) {
            return try stream.next()
        } catch {
            throw .syntax(error)
        }
    }

    /// The node that `event` starts, and its expanded size in nodes.
    private mutating func node(from event: YAMLEvent, depth: Int) throws(CompositionFailure) -> (
        node: YAMLNode, size: Int
    ) {
        switch event {
        case .scalar(let scalar, let anchor, let position):
            return remember(YAMLNode(content: .scalar(scalar), position: position), size: 1, anchor: anchor)
        case .alias(let name, let position):
            guard let (target, size) = anchors[name] else { throw .undefinedAlias(name, position) }
            nodesAddedByAliases += size
            if nodesAddedByAliases > limits.maximumAliasExpansion {
                throw .aliasBomb(limit: limits.maximumAliasExpansion, position)
            }
            return (target, size)
        case .sequenceStart(let anchor, let position):
            guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth, position) }
            var items: [YAMLNode] = []
            var size = 1
            while true {
                let event = try next()
                if case .sequenceEnd = event { break }
                let item = try node(from: event, depth: depth + 1)
                items.append(item.node)
                size += item.size
            }
            return remember(YAMLNode(content: .sequence(items), position: position), size: size, anchor: anchor)
        case .mappingStart(let anchor, let position):
            guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth, position) }
            var pairs: [YAMLPair] = []
            var size = 1
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try node(from: event, depth: depth + 1)
                let value = try node(from: try next(), depth: depth + 1)
                pairs.append(YAMLPair(key: key.node, value: value.node))
                size += key.size + value.size
            }
            return remember(YAMLNode(content: .mapping(pairs), position: position), size: size, anchor: anchor)
        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            // libyaml guarantees a node event here; treat anything else as an empty value.
            return (
                YAMLNode(
                    content: .scalar(YAMLScalar(text: "", style: .plain)), position: YAMLPosition(line: 1, column: 1)),
                1
            )
        }
    }

    private mutating func remember(_ node: YAMLNode, size: Int, anchor: String?) -> (node: YAMLNode, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
        return (node, size)
    }
}
