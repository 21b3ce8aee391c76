import ReconcileCore

/// Desired-state files that once took quadratic time to parse: many `${VAR}` references on one line.
enum ParsingBenchmark {
    /// About 1 MB: one plan whose `repositories` flow list, on a single line, holds `references`
    /// entries `"${PREFIX}-NNNNNN"`.
    static func oneLineFile(references: Int) -> SourceFile {
        var line = "      - {name: nightly, repositories: ["
        for index in 0..<references {
            if index > 0 { line += ", " }
            line += "\"${PREFIX}-\(sixDigits(index))\""
        }
        line += "]}\n"
        return SourceFile(
            path: "one-line.yaml", text: "version: 1\norganizations:\n  - name: acme\n    plans:\n" + line)
    }

    /// The same entries, one per line.
    static func manyLinesFile(references: Int) -> SourceFile {
        var text =
            "version: 1\norganizations:\n  - name: acme\n    plans:\n      - name: nightly\n        repositories:\n"
        for index in 0..<references { text += "          - \"${PREFIX}-\(sixDigits(index))\"\n" }
        return SourceFile(path: "many-lines.yaml", text: text)
    }

    private static func sixDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func run(runs: Int) {
        for file in [oneLineFile(references: 50_000), manyLinesFile(references: 50_000)] {
            let result = measure(
                "DesiredStateParser.parse \(file.path), \(file.text.utf8.count) bytes, 50000 ${PREFIX} references",
                runs: runs
            ) {
                DesiredStateParser.parse([file], environment: ["PREFIX": "web"])
            }
            let repositories = result.desiredState?.organizations.first?.plans.first?.repositories?.count ?? 0
            print("  \(result.diagnostics.count) diagnostics, \(repositories) repository entries")
            // The same file with every variable unset: 50,000 errors, each located and rendered.
            let failing = measure("  ... with PREFIX unset, diagnostics rendered", runs: runs) {
                let parsed = DesiredStateParser.parse([file], environment: [:])
                return (
                    parsed.diagnostics.count, DiagnosticRenderer.render(parsed.diagnostics, sources: [file]).utf8.count
                )
            }
            print("  \(failing.0) diagnostics, \(failing.1) bytes of rendered text")
        }
    }
}
