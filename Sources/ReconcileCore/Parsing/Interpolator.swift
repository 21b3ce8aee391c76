import PrintableText

/// Step 2 of parsing: `${NAME}` in every scalar value is replaced from the environment.
///
/// Syntax: `${NAME}` (NAME is letters, digits and `_`, not starting with a digit) is the variable's
/// value, and an error when it is unset. `${NAME:-fallback}` is the fallback when NAME is unset or
/// empty (as in the shell). `$${` writes a literal `${` (as in Terraform). Any other `$` is kept as
/// is. Mapping keys are never interpolated: they name the format's fields. The variables of
/// `SecretVariables` may not be referenced at all.
///
/// Each scalar is interpolated once, however many aliases reach it, and each reference is located
/// by walking the scalar's own span of the file once, so the step takes time linear in the file.
enum Interpolator {
    struct Output: Sendable {
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
    }

    static func interpolate(_ document: YAMLDocument, source: SourceMap, environment: [String: String]) -> Output {
        guard let root = document.root else { return Output(root: nil, diagnostics: []) }
        var context = Context(file: document.file, source: source, environment: environment)
        let result = context.visit(root) ?? root
        return Output(root: result, diagnostics: context.diagnostics)
    }

    private struct Context {
        let file: String
        let source: SourceMap
        let environment: [String: String]
        var diagnostics: [Diagnostic] = []
        /// Scalars already interpolated, by where they start (an alias reaches the same scalar again).
        var done: [YAMLPosition: YAMLNode?] = [:]

        init(file: String, source: SourceMap, environment: [String: String]) {
            self.file = file
            self.source = source
            self.environment = environment
        }

        /// The node with its scalars interpolated, or nil when nothing in it changed (so that
        /// unchanged subtrees, usually all of them, are shared rather than copied).
        mutating func visit(_ node: YAMLNode) -> YAMLNode? {
            var node = node
            switch node.content {
            case .scalar(var scalar):
                guard scalar.text.utf8.contains(UInt8(ascii: "$")) else { return nil }
                if let known = done[node.position] { return known }
                let (replaced, variables) = substitute(in: scalar, node: node)
                guard replaced != scalar.text || !variables.isEmpty else {
                    done[node.position] = .some(nil)
                    return nil
                }
                scalar.textBeforeInterpolation = scalar.text
                scalar.text = replaced
                scalar.variables = variables
                node.content = .scalar(scalar)
                done[node.position] = node
            case .sequence(var items):
                var changed = false
                for index in items.indices {
                    if let item = visit(items[index]) {
                        items[index] = item
                        changed = true
                    }
                }
                guard changed else { return nil }
                node.content = .sequence(items)
            case .mapping(var pairs):
                var changed = false
                for index in pairs.indices {
                    if let value = visit(pairs[index].value) {
                        pairs[index].value = value
                        changed = true
                    }
                }
                guard changed else { return nil }
                node.content = .mapping(pairs)
            }
            return node
        }

        /// The scalar's text with every reference replaced, and the variables read; records a
        /// diagnostic for each bad reference.
        private mutating func substitute(in scalar: YAMLScalar, node: YAMLNode) -> (String, [String]) {
            let text = Array(scalar.text.unicodeScalars)
            var output = String.UnicodeScalarView()
            var variables: [String] = []
            var locator = ReferenceLocator(source: source, from: node.position, to: node.end)
            var index = 0
            while index < text.count {
                guard text[index] == "$", index + 1 < text.count else {
                    output.append(text[index])
                    index += 1
                    continue
                }
                if text[index + 1] == "$", index + 2 < text.count, text[index + 2] == "{" {
                    output.append(contentsOf: "${".unicodeScalars)  // `$${` escapes `${`
                    _ = locator.next(matching: [])
                    index += 3
                    continue
                }
                guard text[index + 1] == "{" else {
                    output.append(text[index])
                    index += 1
                    continue
                }
                let close = text[(index + 2)...].firstIndex(of: "}")
                let reference = String(String.UnicodeScalarView(text[index..<(close.map { $0 + 1 } ?? text.count)]))
                let location = locate(locator.next(matching: Array(reference.utf8)), node: node)
                guard let close else {
                    diagnostics.append(
                        .error("\"${\" is never closed; write ${NAME}, or $${ for a literal \"${\"", at: location))
                    output.append(contentsOf: text[index...])
                    break
                }
                let body = String(String.UnicodeScalarView(text[(index + 2)..<close]))
                let value = resolve(body, reference: reference, at: location, variables: &variables)
                output.append(contentsOf: value.unicodeScalars)
                index = close + 1
            }
            return (String(output), variables)
        }

        /// The value of one `${...}` body (`NAME` or `NAME:-fallback`).
        private mutating func resolve(
            _ body: String, reference: String, at location: SourceLocation, variables: inout [String]
        ) -> String {
            let name: Substring
            let fallback: Substring?
            if let separator = body.firstRange(of: ":-") {
                (name, fallback) = (body[..<separator.lowerBound], body[separator.upperBound...])
            } else {
                (name, fallback) = (Substring(body), nil)
            }
            guard Interpolator.isVariableName(name) else {
                diagnostics.append(.error(Interpolator.invalidReferenceMessage(reference), at: location))
                return reference
            }
            if SecretVariables.contains(name) {
                diagnostics.append(.error(Interpolator.secretReferenceMessage(String(name)), at: location))
                return reference
            }
            if !variables.contains(where: { $0 == name }) { variables.append(String(name)) }
            if let value = environment[String(name)], !(fallback != nil && value.isEmpty) {
                return value
            }
            if let fallback { return String(fallback) }
            diagnostics.append(
                .error(
                    "the environment variable \(name) is not set; set it, or write ${\(name):-fallback} for a fallback",
                    at: location))
            return reference
        }

        private func locate(_ offset: Int?, node: YAMLNode) -> SourceLocation {
            (offset.map { source.position(ofByte: $0) } ?? node.position).location(in: file)
        }
    }

    /// `the variable A`, `the variables A and B`, `the variables A, B and C`.
    static func naming(_ variables: [String]) -> String {
        guard let last = variables.last else { return "a variable" }
        if variables.count == 1 { return "the variable \(last)" }
        return "the variables \(variables.dropLast().joined(separator: ", ")) and \(last)"
    }

    static func invalidReferenceMessage(_ reference: String) -> String {
        "\(TerminalText.escaped(TerminalText.truncated(reference, to: 80))) is not a valid reference; write "
            + "${NAME} or ${NAME:-fallback} (letters, digits and _, not starting with a digit), or $${ for a "
            + "literal \"${\""
    }

    static func secretReferenceMessage(_ name: String) -> String {
        "${\(name)} may not be used in a desired-state file: \(name) holds a secret, and a value in the "
            + "file can end up in a plan or a message; write the value another way (the tool reads \(name) itself)"
    }

    /// True when `text` is exactly one `${NAME}` or `${NAME:-fallback}` reference
    /// (`DesiredStateFormat.interpolationPattern`).
    static func isSingleReference(_ text: String) -> Bool {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count >= 4 else { return false }
        let body = text.dropFirst(2).dropLast()
        guard !body.contains("}") else { return false }
        let name = body.firstRange(of: ":-").map { body[..<$0.lowerBound] } ?? body
        return isVariableName(name)
    }

    static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }
}

/// Finds, in order, where each `${` of a scalar's text was written in the file: the n-th `${` of
/// the text is the n-th `${` of the scalar's span of the file, when the bytes there are the
/// reference as written. Once one is not (an escape such as `\x24{` in a double-quoted value), the
/// rest of the scalar is located at its start instead. The span is walked once.
struct ReferenceLocator {
    private let bytes: [UInt8]
    private var cursor: Int
    private let end: Int
    private var lost = false

    init(source: SourceMap, from start: YAMLPosition, to end: YAMLPosition) {
        bytes = source.bytes
        let startByte = source.byteOffset(of: start) ?? bytes.count
        cursor = startByte
        self.end = max(startByte, source.byteOffset(of: end) ?? bytes.count)
    }

    /// The byte offset of the next `${` of the span when the bytes there start with `expected`
    /// (empty: any), else nil.
    mutating func next(matching expected: [UInt8]) -> Int? {
        guard !lost else { return nil }
        while cursor + 1 < end, !(bytes[cursor] == UInt8(ascii: "$") && bytes[cursor + 1] == UInt8(ascii: "{")) {
            cursor += 1
        }
        guard cursor + 1 < end else {
            lost = true
            return nil
        }
        let found = cursor
        cursor += 2
        guard found + expected.count <= bytes.count, bytes[found..<(found + expected.count)].elementsEqual(expected)
        else {
            lost = true
            return nil
        }
        return found
    }
}
