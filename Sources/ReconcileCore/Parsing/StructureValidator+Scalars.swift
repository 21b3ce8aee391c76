import PrintableText

/// Single values: text, numbers, booleans, choices and repository patterns.
extension StructureValidator {
    mutating func checkScalar(_ node: YAMLNode, _ format: ValueFormat, subject: String, writing: String)
        -> CheckedValue?
    {
        let expected = Self.expectation(format)
        guard let scalar = node.scalar else {
            error("\(subject) must be \(expected), but found \(node.kindDescription)", at: node)
            return nil
        }
        let isStringFormat: Bool
        let isFreeText: Bool
        switch format {
        case .string, .name, .repositoryPattern: (isStringFormat, isFreeText) = (true, true)
        case .choice: (isStringFormat, isFreeText) = (true, false)
        default: (isStringFormat, isFreeText) = (false, false)
        }
        // An interpolated value is read as the type the field expects; the schema allows a number,
        // boolean or choice to be one `${NAME}` reference, so nothing else may surround it.
        if let original = scalar.textBeforeInterpolation, !isFreeText,
            !Interpolator.isSingleReference(original)
        {
            error("\(subject) must be \(expected) or one ${NAME} reference on its own, not \"\(original)\"", at: node)
            return nil
        }
        let resolved: ResolvedScalar =
            scalar.wasInterpolated
            ? (isStringFormat ? .string(scalar.text) : ScalarResolver.resolvePlain(scalar.text))
            : ScalarResolver.resolve(scalar)
        if resolved == .null {
            let empty = scalar.wasInterpolated ? " (\(Interpolator.naming(scalar.variables)) gave an empty value)" : ""
            error("\(subject) has no value\(empty); write \(expected) or remove it", at: node)
            return nil
        }
        switch format {
        case .boolean:
            if case .bool(let flag) = resolved { return .boolean(flag) }
            error(Self.notBoolean(scalar, resolved, subject: subject, writing: writing), at: node)
        case .integer(let minimum, let allowed):
            guard case .int(let number) = resolved else {
                error(Self.notInteger(scalar, resolved, subject: subject, writing: writing), at: node)
                return nil
            }
            if let allowed, !allowed.contains(number) {
                let choices = allowed.map(String.init).joined(separator: " or ")
                let why = subject == "'version'" ? " (the only version of the format)" : ""
                error("\(subject) must be \(choices)\(why), not \(number)", at: node)
            } else if let minimum, number < minimum {
                error("\(subject) must be \(minimum) or more, not \(number)", at: node)
            } else {
                return .integer(number)
            }
        case .string(let nonEmpty):
            guard case .string(let text) = resolved else {
                error(Self.notString(scalar, resolved, subject: subject, writing: writing), at: node)
                return nil
            }
            if nonEmpty, text.isEmpty {
                error(Self.emptyMessage(subject, scalar), at: node)
                return nil
            }
            return .string(text)
        case .name:
            guard case .string(let text) = resolved else {
                error(Self.notString(scalar, resolved, subject: subject, writing: writing), at: node)
                return nil
            }
            if text.isEmpty {
                error(Self.emptyMessage(subject, scalar), at: node)
                return nil
            }
            return checkPrintable(text, scalar: scalar, node: node, subject: subject) ? .string(text) : nil
        case .choice(let choices):
            guard case .string(let text) = resolved, choices.contains(text) else {
                if scalar.wasInterpolated {
                    error(Self.hiddenValue(subject, expected, scalar), at: node)
                    return nil
                }
                var message = "\(subject) must be \(expected), not \(Self.quoted(scalar))"
                if let suggestion = NameSuggestion.nearest(to: scalar.text, among: choices) {
                    message += "; did you mean '\(suggestion)'?"
                }
                error(message, at: node)
                return nil
            }
            return .string(text)
        case .repositoryPattern:
            guard case .string(let text) = resolved else {
                error(Self.notString(scalar, resolved, subject: subject, writing: writing), at: node)
                return nil
            }
            return checkPattern(text, scalar: scalar, node: node) ? .string(text) : nil
        case .object, .list, .stringMap:
            break
        }
        return nil
    }

    /// Checks glob syntax with the same compiler the planner matches with (`GlobPattern`).
    private mutating func checkPattern(_ text: String, scalar: YAMLScalar, node: YAMLNode) -> Bool {
        let isExclusion = text.hasPrefix("!")
        let pattern = isExclusion ? String(text.dropFirst()) : text
        let fromVariable = scalar.wasInterpolated ? " (\(Interpolator.naming(scalar.variables)) gave it)" : ""
        if text.isEmpty {
            error(
                "an empty repository pattern\(fromVariable) matches nothing; write a name or a glob, or remove the entry",
                at: node)
            return false
        }
        if pattern.isEmpty {
            error(
                "'!' alone\(fromVariable) excludes nothing; write !name or !pattern (for example \"!web-legacy\")",
                at: node)
            return false
        }
        if pattern.hasPrefix("!") {
            let fix =
                scalar.wasInterpolated ? "" : " (\"!\(TerminalText.escaped(String(pattern.drop { $0 == "!" })))\")"
            error("write a single '!' to exclude\(fix)\(fromVariable)", at: node)
            return false
        }
        guard checkPrintable(text, scalar: scalar, node: node, subject: "the repository pattern") else { return false }
        // Only a bracket can make a pattern invalid (an unclosed `[` or a reversed range); skipping
        // the compiler for the rest keeps large files fast.
        guard pattern.contains("[") else { return true }
        do throws(GlobSyntaxError) {
            _ = try GlobPattern(pattern)
            return true
        } catch {
            if scalar.wasInterpolated {
                self.error(
                    "\(Interpolator.naming(scalar.variables)) gave an invalid repository pattern (not shown): "
                        + error.summary,
                    at: node)
                return false
            }
            let prefix = String(String.UnicodeScalarView(pattern.unicodeScalars.prefix(error.offset)))
            let start = scalarOffset(ofPrefix: prefix, in: scalar, node: node, skipping: isExclusion ? 1 : 0)
            diagnostics.append(
                .error(
                    "invalid repository pattern \(Self.quoted(scalar)): \(error.message)",
                    at: located(node, scalarOffset: start.map { $0 + error.offset })))
            return false
        }
    }

    /// False, with an error at the character, when `text` holds a control or bidirectional-override
    /// character (`TerminalText.isUnsafe`).
    private mutating func checkPrintable(_ text: String, scalar: YAMLScalar, node: YAMLNode, subject: String) -> Bool {
        guard let index = text.unicodeScalars.firstIndex(where: TerminalText.isUnsafe) else { return true }
        let character = text.unicodeScalars[index]
        let message = ParsingMessages.unsafeCharacter(subject, character, variables: scalar.variables)
        guard !scalar.wasInterpolated else {
            error(message, at: node)
            return false
        }
        // As written, the character can only come from an escape (or a tab), so point at the value's
        // start unless the text is found as it is.
        let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
        let prefix = String(text.unicodeScalars[..<index])
        let start = scalarOffset(ofPrefix: prefix, in: scalar, node: node, skipping: 0)
        diagnostics.append(.error(message, at: located(node, scalarOffset: start.map { $0 + offset })))
        return false
    }

    /// The column offset (from the node's start) where the scalar's text begins as written, after
    /// `skipping` characters and the opening quote, when a one-line plain or quoted scalar starts
    /// with `prefix` verbatim there (so the character after it is where the text says); nil otherwise.
    /// Compares the file's bytes once, so it costs the length of `prefix`.
    private func scalarOffset(ofPrefix text: String, in scalar: YAMLScalar, node: YAMLNode, skipping: Int) -> Int? {
        guard !scalar.wasInterpolated, [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style),
            node.position.line == node.end.line, let start = source.byteOffset(of: node.position)
        else { return nil }
        let quote = scalar.style == .plain ? 0 : 1
        let expected = Array(text.utf8)
        var byte = start + quote
        for _ in 0..<skipping where byte < source.bytes.count {
            byte += UTF8Scalar.length(leadByte: source.bytes[byte])
        }
        guard byte + expected.count <= source.bytes.count,
            source.bytes[byte..<(byte + expected.count)].elementsEqual(expected)
        else { return nil }
        return quote + skipping
    }

    private func located(_ node: YAMLNode, scalarOffset: Int?) -> SourceLocation {
        var location = self.location(node)
        if let scalarOffset { location.column += scalarOffset }
        return location
    }

    static func expectation(_ format: ValueFormat) -> String {
        switch format {
        case .string, .name: "text"
        case .integer(_, let allowed?): allowed.map(String.init).joined(separator: " or ")
        case .integer: "a whole number"
        case .boolean: "true or false"
        case .choice(let choices): choices.joined(separator: " or ")
        case .repositoryPattern: "a repository name or pattern"
        case .stringMap: "a mapping of names to values"
        case .list: "a list"
        case .object: "a mapping"
        }
    }

    /// The value as written, quoted as in the file when it was quoted.
    static func quoted(_ scalar: YAMLScalar) -> String {
        switch scalar.style {
        case .singleQuoted: "'\(shown(scalar.text))'"
        case .plain: scalar.text.isEmpty ? "nothing" : shown(scalar.text)
        default: "\"\(shown(scalar.text))\""
        }
    }

    private static func notBoolean(_ scalar: YAMLScalar, _ resolved: ResolvedScalar, subject: String, writing: String)
        -> String
    {
        if case .string(let text) = resolved, scalar.style.isQuotedOrBlock, let flag = ScalarResolver.boolean(text) {
            return "\(subject) must be true or false, but \(quoted(scalar)) is quoted, which makes it text; "
                + "write \(writing)\(flag) without quotes"
        }
        if scalar.wasInterpolated { return hiddenValue(subject, "true or false", scalar) }
        return "\(subject) must be true or false, not \(described(scalar, resolved))"
    }

    private static func notInteger(_ scalar: YAMLScalar, _ resolved: ResolvedScalar, subject: String, writing: String)
        -> String
    {
        if case .string(let text) = resolved, scalar.style.isQuotedOrBlock,
            case .int(let number)? = ScalarResolver.integer(text)
        {
            return "\(subject) must be a whole number, but \(quoted(scalar)) is quoted, which makes it text; "
                + "write \(writing)\(number) without quotes"
        }
        if scalar.wasInterpolated { return hiddenValue(subject, "a whole number", scalar) }
        return "\(subject) must be a whole number, not \(described(scalar, resolved))"
    }

    /// Text from the file as a message shows it: escaped for the terminal, at most 120 characters.
    static func shown(_ text: String) -> String {
        TerminalText.escaped(TerminalText.truncated(text, to: 120))
    }

    /// A value from the environment is never printed: it may be a secret.
    static func hiddenValue(_ subject: String, _ expected: String, _ scalar: YAMLScalar) -> String {
        "\(subject) must be \(expected), but \(Interpolator.naming(scalar.variables)) gave another value "
            + "(not shown: variables may hold secrets)"
    }

    static func emptyMessage(_ subject: String, _ scalar: YAMLScalar) -> String {
        scalar.wasInterpolated
            ? "\(subject) must not be empty, but \(Interpolator.naming(scalar.variables)) gave an empty value"
            : "\(subject) must not be empty"
    }

    /// `maybe`, or `1.5 (a number)` when the type is not obvious from the text.
    private static func described(_ scalar: YAMLScalar, _ resolved: ResolvedScalar) -> String {
        if case .string = resolved { return quoted(scalar) }
        return "\(quoted(scalar)) (\(resolved.typeDescription))"
    }

    private static func notString(_ scalar: YAMLScalar, _ resolved: ResolvedScalar, subject: String, writing: String)
        -> String
    {
        "\(subject) must be text, but \(shown(scalar.text)) reads as \(resolved.typeDescription); quote it: "
            + "\(writing)\"\(shown(scalar.text))\""
    }
}
