import Testing

@testable import ReconcileCore

@Suite("Interpolator")
struct InterpolatorTests {
    /// Interpolates the value of `worker:` on line 1 and returns it with the diagnostics.
    private func interpolate(_ value: String, _ environment: [String: String]) -> (String?, [Diagnostic]) {
        let text = "worker: \(value)\n"
        let composed = YAMLComposer.compose(SourceFile(path: "f.yaml", text: text))
        guard let document = composed.document else { return (nil, composed.diagnostics) }
        let output = Interpolator.interpolate(document, source: SourceMap(text), environment: environment)
        guard case .mapping(let pairs)? = output.root?.content else { return (nil, output.diagnostics) }
        return (pairs.first?.value.scalar?.text, output.diagnostics)
    }

    @Test(
        "references are replaced",
        arguments: [
            ("${A}", ["A": "x"], "x"),
            ("pre-${A}-post", ["A": "x"], "pre-x-post"),
            ("${A}${B}", ["A": "1", "B": "2"], "12"),
            ("${A:-fallback}", [:], "fallback"),
            ("${A:-fallback}", ["A": ""], "fallback"),
            ("${A:-}", [:], ""),
            ("${A:-fallback}", ["A": "set"], "set"),
            ("${A}", ["A": ""], ""),
            ("$${A}", [:], "${A}"),
            ("cost $5", [:], "cost $5"),
            ("$A", [:], "$A"),
            ("a$", [:], "a$"),
            ("${_A1}", ["_A1": "ok"], "ok"),
            ("'${A}'", ["A": "quoted"], "quoted"),
        ] as [(String, [String: String], String)])
    func replaced(value: String, environment: [String: String], expected: String) {
        let (text, diagnostics) = interpolate(value, environment)
        #expect(diagnostics.isEmpty)
        #expect(text == expected)
    }

    @Test func unsetVariableIsAnErrorAtItsColumn() {
        let (_, diagnostics) = interpolate("\"a-${B}-${MISSING}\"", ["B": "b"])
        #expect(
            diagnostics.map(\.message) == [
                "the environment variable MISSING is not set; set it, or write ${MISSING:-fallback} for a fallback"
            ])
        #expect(diagnostics.first?.location == SourceLocation(file: "f.yaml", line: 1, column: 17))
    }

    @Test("malformed references are errors", arguments: ["${}", "${1A}", "${A-B}", "${A B}", "\"${A\""])
    func malformed(value: String) {
        let (_, diagnostics) = interpolate(value, ["A": "x"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
    }

    @Test func everyUnsetVariableIsReported() {
        let (_, diagnostics) = interpolate("${A}${B}${C}", [:])
        #expect(diagnostics.count == 3)
        #expect(diagnostics.compactMap(\.location?.column) == [9, 13, 17])
    }

    @Test func keysAreNotInterpolated() {
        let text = "${KEY}: value\n"
        let document = YAMLComposer.compose(SourceFile(path: "f.yaml", text: text)).document
        guard let document else {
            Issue.record("the file should compose")
            return
        }
        let output = Interpolator.interpolate(document, source: SourceMap(text), environment: [:])
        #expect(output.diagnostics.isEmpty)
    }

    @Test(
        "single references match the schema's pattern",
        arguments: [
            ("${A}", true), ("${A:-x}", true), ("${A:-}", true), ("${_b9}", true),
            ("x${A}", false), ("${A}x", false), ("${A}${B}", false), ("${9}", false), ("${}", false), ("$A", false),
        ])
    func singleReference(text: String, expected: Bool) {
        #expect(Interpolator.isSingleReference(text) == expected)
    }
}
