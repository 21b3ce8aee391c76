/// Step 2 of parsing: `${NAME}` in every scalar value is replaced from the environment.
///
/// Syntax: `${NAME}` (NAME is letters, digits and `_`, not starting with a digit) is the variable's
/// value, and an error when it is unset. `${NAME:-fallback}` is the fallback when NAME is unset or
/// empty (as in the shell). `$${` writes a literal `${` (as in Terraform). Any other `$` is kept as
/// is. Mapping keys are never interpolated: they name the format's fields.
enum Interpolator {
    struct Output: Sendable {
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
    }

    static func interpolate(_ document: YAMLDocument, source: SourceLines, environment: [String: String]) -> Output {
        guard let root = document.root else { return Output(root: nil, diagnostics: []) }
        var context = Context(file: document.file, source: source, environment: environment)
        let result = context.visit(root) ?? root
        return Output(root: result, diagnostics: context.diagnostics)
    }

    private struct Context {
        let file: String
        let source: SourceLines
        let environment: [String: String]
        var diagnostics: [Diagnostic] = []

        /// The node with its scalars interpolated, or nil when nothing in it changed (so that
        /// unchanged subtrees, usually all of them, are shared rather than copied).
        mutating func visit(_ node: YAMLNode) -> YAMLNode? {
            var node = node
            switch node.content {
            case .scalar(var scalar):
                guard scalar.text.utf8.contains(UInt8(ascii: "$")) else { return nil }
                let replaced = substitute(in: scalar, at: node.position)
                guard replaced != scalar.text else { return nil }
                scalar.textBeforeInterpolation = scalar.text
                scalar.text = replaced
                node.content = .scalar(scalar)
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

        /// The scalar's text with every reference replaced; records a diagnostic for each bad one.
        private mutating func substitute(in scalar: YAMLScalar, at position: YAMLPosition) -> String {
            let text = Array(scalar.text.unicodeScalars)
            var output = String.UnicodeScalarView()
            var seen: [String: Int] = [:]  // how often each reference text appeared, to find its column
            var index = 0
            while index < text.count {
                guard text[index] == "$", index + 1 < text.count else {
                    output.append(text[index])
                    index += 1
                    continue
                }
                if text[index + 1] == "$", index + 2 < text.count, text[index + 2] == "{" {
                    output.append(contentsOf: "${".unicodeScalars)  // `$${` escapes `${`
                    index += 3
                    continue
                }
                guard text[index + 1] == "{" else {
                    output.append(text[index])
                    index += 1
                    continue
                }
                let close = text[(index + 2)...].firstIndex(of: "}")
                let referenceText = String(String.UnicodeScalarView(text[index..<(close.map { $0 + 1 } ?? text.count)]))
                let occurrence = seen[referenceText, default: 0]
                seen[referenceText] = occurrence + 1
                let location = locate(referenceText, occurrence: occurrence, in: scalar, at: position)
                guard let close else {
                    diagnostics.append(
                        .error(
                            "\"${\" is never closed; write ${NAME}, or $${ for a literal \"${\"", at: location))
                    output.append(contentsOf: text[index...])
                    break
                }
                let body = String(String.UnicodeScalarView(text[(index + 2)..<close]))
                output.append(contentsOf: resolve(body, reference: referenceText, at: location).unicodeScalars)
                index = close + 1
            }
            return String(output)
        }

        /// The value of one `${...}` body (`NAME` or `NAME:-fallback`).
        private mutating func resolve(_ body: String, reference: String, at location: SourceLocation) -> String {
            let name: Substring
            let fallback: Substring?
            if let separator = body.firstRange(of: ":-") {
                (name, fallback) = (body[..<separator.lowerBound], body[separator.upperBound...])
            } else {
                (name, fallback) = (Substring(body), nil)
            }
            guard Interpolator.isVariableName(name) else {
                diagnostics.append(
                    .error(
                        "\(reference) is not a valid reference; write ${NAME} or ${NAME:-fallback} (letters, digits "
                            + "and _, not starting with a digit), or $${ for a literal \"${\"",
                        at: location))
                return reference
            }
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

        private func locate(_ reference: String, occurrence: Int, in scalar: YAMLScalar, at position: YAMLPosition)
            -> SourceLocation
        {
            let column = source.column(
                of: reference, onLine: position.line, fromColumn: position.column, occurrence: occurrence)
            return SourceLocation(file: file, line: position.line, column: column ?? position.column)
        }
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
