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
        case .string, .repositoryPattern: (isStringFormat, isFreeText) = (true, true)
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
            error("\(subject) has no value; write \(expected) or remove it", at: node)
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
                error("\(subject) must not be empty", at: node)
                return nil
            }
            return .string(text)
        case .choice(let choices):
            guard case .string(let text) = resolved, choices.contains(text) else {
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
        if text.isEmpty {
            error("an empty repository pattern matches nothing; write a name or a glob, or remove the entry", at: node)
            return false
        }
        if pattern.isEmpty {
            error("'!' alone excludes nothing; write !name or !pattern (for example \"!web-legacy\")", at: node)
            return false
        }
        if pattern.hasPrefix("!") {
            error("write a single '!' to exclude (\"!\(pattern.drop { $0 == "!" })\")", at: node)
            return false
        }
        // Only a bracket can make a pattern invalid (an unclosed `[` or a reversed range); skipping
        // the compiler for the rest keeps large files fast.
        guard pattern.contains("[") else { return true }
        do throws(GlobSyntaxError) {
            _ = try GlobPattern(pattern)
            return true
        } catch {
            var location = self.location(node)
            // Point into the pattern when the value sits on one line as written.
            if !scalar.wasInterpolated, [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style),
                let start = source.column(of: pattern, onLine: node.position.line, fromColumn: node.position.column)
            {
                location.column = start + error.offset
            }
            diagnostics.append(
                .error("invalid repository pattern \(Self.quoted(scalar)): \(error.message)", at: location))
            return false
        }
    }

    static func expectation(_ format: ValueFormat) -> String {
        switch format {
        case .string: "text"
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
        case .singleQuoted: "'\(scalar.text)'"
        case .plain: scalar.text.isEmpty ? "nothing" : scalar.text
        default: "\"\(scalar.text)\""
        }
    }

    private static func notBoolean(_ scalar: YAMLScalar, _ resolved: ResolvedScalar, subject: String, writing: String)
        -> String
    {
        if case .string(let text) = resolved, scalar.style.isQuotedOrBlock, let flag = ScalarResolver.boolean(text) {
            return "\(subject) must be true or false, but \(quoted(scalar)) is quoted, which makes it text; "
                + "write \(writing)\(flag) without quotes"
        }
        if scalar.wasInterpolated {
            return "\(subject) must be true or false, but the variable gave \"\(scalar.text)\""
        }
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
        if scalar.wasInterpolated {
            return "\(subject) must be a whole number, but the variable gave \"\(scalar.text)\""
        }
        return "\(subject) must be a whole number, not \(described(scalar, resolved))"
    }

    /// `maybe`, or `1.5 (a number)` when the type is not obvious from the text.
    private static func described(_ scalar: YAMLScalar, _ resolved: ResolvedScalar) -> String {
        if case .string = resolved { return quoted(scalar) }
        return "\(quoted(scalar)) (\(resolved.typeDescription))"
    }

    private static func notString(_ scalar: YAMLScalar, _ resolved: ResolvedScalar, subject: String, writing: String)
        -> String
    {
        "\(subject) must be text, but \(scalar.text) reads as \(resolved.typeDescription); quote it: \(writing)\"\(scalar.text)\""
    }
}
