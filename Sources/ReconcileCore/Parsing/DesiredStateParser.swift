/// One desired-state file's path (as given on the command line) and its text.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The parser's output: the merged desired state, or nil when any error was found, and every diagnostic.
public struct ParseResult: Sendable {
    /// nil exactly when `diagnostics` holds an error.
    public var desiredState: DesiredState?
    /// Every problem of every file, ordered by file (in the order given), line and column.
    public var diagnostics: [Diagnostic]

    public init(desiredState: DesiredState?, diagnostics: [Diagnostic]) {
        self.desiredState = desiredState
        self.diagnostics = diagnostics
    }
}

/// Reads desired-state files (the format of DESIRED-STATE.md) into a `DesiredState`.
///
/// The pipeline, one step per type: YAML text → positioned node tree (`YAMLComposer`) → `${VAR}`
/// interpolated (`Interpolator`) → checked against the format table (`StructureValidator`,
/// `DesiredStateFormat`) → typed records (`RawDocument`) → names unique across files
/// (`NameUniqueness`) → `defaults` resolved (`DefaultsResolver`). Pure: no I/O.
///
/// Where the format page is silent, these rules apply:
/// - One YAML document per file. Plain scalars are typed as YAML 1.1 (PyYAML, Yams) types them, so
///   `yes`/`on` are booleans and `2024` a number: a name like that must be quoted. Quoted values are
///   always text. Merge keys (`<<`) are not supported; anchors and aliases are.
/// - `${NAME}` is replaced in every scalar value (not in keys); `${NAME:-x}` gives `x` when NAME is
///   unset or empty; `$${` is a literal `${`; any other `$` is kept. Interpolation runs first, and an
///   interpolated value is then read as the type its field expects (`"${FLAG}"` with FLAG=true is a
///   boolean); a number, boolean or choice must then be one reference on its own.
/// - `defaults` (top level and per organization) may hold `backupType`, `includeMetadata`, `worker`,
///   `settings` and `membership`; a plan's `settings` replace the defaults' map as a whole.
///   Top-level `defaults` apply to the organizations of their own file.
/// - `settings` values may be written as text, numbers or booleans; they are sent as written.
/// - Files merge in the order given; an organization named twice (in one file or in two) is an
///   error naming both places, so all of an organization's plans live in one file.
/// - Globs: `*`, `?`, `[abc]`, `[a-z]`, `[!abc]` (`GlobPattern`); a single leading `!` excludes.
/// - Limits (`ParsingLimits`): 10 MB per file, checked before parsing; aliases may add at most
///   100,000 nodes; nesting at most 64 levels.
public enum DesiredStateParser {
    /// Parses, interpolates `${VAR}` from `environment`, validates structure, merges the files and
    /// resolves `defaults`. Reports every problem of every file, not only the first.
    public static func parse(_ files: [SourceFile], environment: [String: String]) -> ParseResult {
        parse(files, environment: environment, limits: .standard)
    }

    /// The largest desired-state file accepted, in bytes (10 MB); a reader may refuse larger files
    /// before reading them, with `fileTooLargeMessage`.
    public static var maximumFileBytes: Int { ParsingLimits.standard.maximumFileBytes }

    /// `the file is 12 MB; desired-state files are limited to 10 MB (...)`.
    public static func fileTooLargeMessage(bytes: Int) -> String {
        ParsingMessages.fileTooLarge(bytes: bytes, limit: maximumFileBytes)
    }

    static func parse(_ files: [SourceFile], environment: [String: String], limits: ParsingLimits) -> ParseResult {
        guard !files.isEmpty else {
            return ParseResult(
                desiredState: nil, diagnostics: [.error("no desired-state file was given; name one with -f FILE")])
        }
        var diagnostics: [Diagnostic] = []
        var documents: [RawDocument] = []
        for file in files {
            let (document, fileDiagnostics) = parseFile(file, environment: environment, limits: limits)
            diagnostics += fileDiagnostics
            if let document { documents.append(document) }
        }
        diagnostics += NameUniqueness.check(documents)
        diagnostics = ordered(diagnostics, files: files)
        let state = diagnostics.containsErrors ? nil : DefaultsResolver.resolve(documents)
        return ParseResult(desiredState: state, diagnostics: diagnostics)
    }

    /// One file through composition, interpolation, validation and typing.
    private static func parseFile(
        _ file: SourceFile, environment: [String: String], limits: ParsingLimits
    ) -> (RawDocument?, [Diagnostic]) {
        if let refusal = YAMLComposer.sizeRefusal(file, limits: limits) { return (nil, [refusal]) }
        let source = SourceMap(file.text)
        let composed = YAMLComposer.compose(file, source: source, limits: limits)
        guard let document = composed.document else { return (nil, composed.diagnostics) }
        let interpolated = Interpolator.interpolate(document, source: source, environment: environment)
        var validator = StructureValidator(file: file.path, source: source)
        let checked = validator.checkDocument(interpolated.root)
        let diagnostics = composed.diagnostics + interpolated.diagnostics + validator.diagnostics
        return (checked.map { RawDocument(file: file.path, checked: $0) }, diagnostics)
    }

    /// Files in the order given, then line and column; diagnostics without a place last. A value
    /// reached through several aliases is checked at each use, so identical findings are kept once.
    private static func ordered(_ diagnostics: [Diagnostic], files: [SourceFile]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let diagnostics = diagnostics.filter { seen.insert($0).inserted }
        var fileRank: [String: Int] = [:]
        for (index, file) in files.enumerated() where fileRank[file.path] == nil { fileRank[file.path] = index }
        return diagnostics.enumerated().sorted { lhs, rhs in
            let l = lhs.element.location
            let r = rhs.element.location
            let lKey = l.map { (fileRank[$0.file] ?? files.count, $0.line, $0.column) } ?? (Int.max, 0, 0)
            let rKey = r.map { (fileRank[$0.file] ?? files.count, $0.line, $0.column) } ?? (Int.max, 0, 0)
            return lKey != rKey ? lKey < rKey : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
