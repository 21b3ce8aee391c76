/// Step 1 of parsing: one file's YAML text → its positioned node tree (`YAMLDocument`).
///
/// Refuses, with a diagnostic instead of a hang or a crash: files over the size limit (checked
/// before parsing), YAML syntax errors (libyaml's message and position), more than one document,
/// undefined aliases, aliases that would expand past the node or text budget ("billion laughs"),
/// nesting deeper than the depth limit, and tags other than the standard ones (`YAMLTags`).
enum YAMLComposer {
    struct Output: Sendable {
        /// nil when the file could not be read as YAML at all.
        var document: YAMLDocument?
        var diagnostics: [Diagnostic]
    }

    static func compose(_ file: SourceFile, limits: ParsingLimits = .standard) -> Output {
        if let refusal = sizeRefusal(file, limits: limits) { return Output(document: nil, diagnostics: [refusal]) }
        return compose(file, source: SourceMap(file.text), limits: limits)
    }

    /// The error for a file over the size limit, checked before anything else reads it.
    static func sizeRefusal(_ file: SourceFile, limits: ParsingLimits) -> Diagnostic? {
        let byteCount = file.text.utf8.count
        guard byteCount > limits.maximumFileBytes else { return nil }
        let message = ParsingMessages.fileTooLarge(bytes: byteCount, limit: limits.maximumFileBytes)
        return .error(message, at: SourceLocation(file: file.path, line: 1, column: 1))
    }

    /// `source` is the file's `SourceMap`, built once per file by the caller.
    static func compose(_ file: SourceFile, source: SourceMap, limits: ParsingLimits = .standard) -> Output {
        if let refusal = sizeRefusal(file, limits: limits) { return Output(document: nil, diagnostics: [refusal]) }
        // libyaml skips a byte-order mark only when it detects the encoding itself; the encoding is
        // given (UTF-8), so the mark is left out of the buffer. Columns then match what editors show.
        let result: Result<(YAMLNode?, [Diagnostic]), CompositionFailure> = source.bytes.withUnsafeBufferPointer {
            whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[source.contentStart...])
            var composer = TreeBuilder(
                stream: LibYAMLEventStream(buffer: buffer), limits: limits, file: file.path)
            do throws(CompositionFailure) {
                let root = try composer.document()
                return .success((root, composer.diagnostics))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (root, diagnostics)):
            return Output(document: YAMLDocument(file: file.path, root: root), diagnostics: diagnostics)
        case .failure(let failure):
            return Output(document: nil, diagnostics: [failure.diagnostic(in: file.path, source: source)])
        }
    }
}

/// Why a file's node tree could not be built.
private enum CompositionFailure: Error {
    case syntax(YAMLSyntaxError)
    case undefinedAlias(String, YAMLPosition)
    case aliasBomb(limit: Int, YAMLPosition)
    case aliasTextBomb(limit: Int, YAMLPosition)
    case tooDeep(limit: Int, YAMLPosition)
    case secondDocument(YAMLPosition)

    func diagnostic(in file: String, source: SourceMap) -> Diagnostic {
        switch self {
        case .syntax(let error) where error.problem.hasPrefix("Maximum nesting level reached"):
            // libyaml's own bound (1,000 levels) hits before ours when the nesting is extreme.
            return CompositionFailure.tooDeep(limit: ParsingLimits.standard.maximumDepth, error.position).diagnostic(
                in: file, source: source)
        case .syntax(let error):
            var message = "YAML syntax error: \(error.problem)"
            var position = source.clamped(error.position)
            if let offset = error.byteOffset {
                // The reader counts bytes of the buffer, which starts after the byte-order mark.
                let byte = source.contentStart + offset
                position = source.position(ofByte: byte)
                if byte < source.bytes.count { message += ParsingMessages.refusedCharacter(source, at: byte) }
            } else if error.problem.contains("cannot start any token"),
                let byte = source.byteOffset(of: position), byte < source.bytes.count, source.bytes[byte] == 0x09
            {
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
                                location: source.clamped(context.position).location(in: file))
                        ]
                } ?? []
            return .error(message, at: position.location(in: file), notes: notes)
        case .undefinedAlias(let name, let position):
            return .error(
                "the alias *\(name) refers to no anchor; define &\(name) before using it",
                at: position.location(in: file))
        case .aliasBomb(let limit, let position):
            return .error(ParsingMessages.aliasBomb("\(limit) nodes"), at: position.location(in: file))
        case .aliasTextBomb(let limit, let position):
            return .error(
                ParsingMessages.aliasBomb(ParsingLimits.describeBytes(limit) + " of text"),
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
}

/// Builds the tree from libyaml events, expanding aliases within the budget. Tags other than the
/// standard ones are recorded as diagnostics and composing goes on, so every one is reported.
private struct TreeBuilder {
    /// A node with what its full expansion costs: nodes, and bytes of scalar text.
    typealias Sized = (node: YAMLNode, size: Int, bytes: Int)

    let stream: LibYAMLEventStream
    let limits: ParsingLimits
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Each anchor's node and its expanded size.
    private var anchors: [String: Sized] = [:]
    private var nodesAddedByAliases = 0
    private var bytesAddedByAliases = 0

    init(stream: LibYAMLEventStream, limits: ParsingLimits, file: String) {
        self.stream = stream
        self.limits = limits
        self.file = file
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

    /// The node that `event` starts, and its expanded size.
    private mutating func node(from event: YAMLEvent, depth: Int) throws(CompositionFailure) -> Sized {
        switch event {
        case .scalar(var scalar, let anchor, let position, let end):
            if let tag = scalar.tag, !YAMLTags.isAllowed(tag, on: .scalar) {
                refuse(tag, on: .scalar, at: position)
                scalar.tag = nil
            }
            let node = YAMLNode(content: .scalar(scalar), position: position, end: end)
            return remember((node, 1, scalar.text.utf8.count), anchor: anchor)
        case .alias(let name, let position):
            guard let target = anchors[name] else { throw .undefinedAlias(name, position) }
            nodesAddedByAliases += target.size
            bytesAddedByAliases += target.bytes
            if nodesAddedByAliases > limits.maximumAliasExpansion {
                throw .aliasBomb(limit: limits.maximumAliasExpansion, position)
            }
            if bytesAddedByAliases > limits.maximumAliasExpansionBytes {
                throw .aliasTextBomb(limit: limits.maximumAliasExpansionBytes, position)
            }
            return target
        case .sequenceStart(let anchor, let tag, let position):
            guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth, position) }
            if let tag, !YAMLTags.isAllowed(tag, on: .sequence) { refuse(tag, on: .sequence, at: position) }
            var items: [YAMLNode] = []
            var total: Sized = (YAMLNode(content: .sequence([]), position: position), 1, 0)
            while true {
                let event = try next()
                if case .sequenceEnd = event { break }
                let item = try node(from: event, depth: depth + 1)
                items.append(item.node)
                total.size += item.size
                total.bytes += item.bytes
            }
            total.node.content = .sequence(items)
            return remember(total, anchor: anchor)
        case .mappingStart(let anchor, let tag, let position):
            guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth, position) }
            if let tag, !YAMLTags.isAllowed(tag, on: .mapping) { refuse(tag, on: .mapping, at: position) }
            var pairs: [YAMLPair] = []
            var total: Sized = (YAMLNode(content: .mapping([]), position: position), 1, 0)
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try node(from: event, depth: depth + 1)
                let value = try node(from: try next(), depth: depth + 1)
                pairs.append(YAMLPair(key: key.node, value: value.node))
                total.size += key.size + value.size
                total.bytes += key.bytes + value.bytes
            }
            total.node.content = .mapping(pairs)
            return remember(total, anchor: anchor)
        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            // libyaml guarantees a node event here; treat anything else as an empty value.
            let empty = YAMLNode(
                content: .scalar(YAMLScalar(text: "", style: .plain)), position: YAMLPosition(line: 1, column: 1))
            return (empty, 1, 0)
        }
    }

    private mutating func refuse(_ tag: String, on kind: YAMLTags.NodeKind, at position: YAMLPosition) {
        diagnostics.append(.error(YAMLTags.refusal(tag, on: kind), at: position.location(in: file)))
    }

    private mutating func remember(_ sized: Sized, anchor: String?) -> Sized {
        if let anchor { anchors[anchor] = sized }
        return sized
    }
}
