import Foundation
import Testing

/// Prometheus's own parsers, run on a metrics file: `promtool check metrics` (Debian's `prometheus`, the
/// Go parser Prometheus and node_exporter use, plus its lint rules) and `prometheus_client`'s parser
/// (PyPI), whose result comes back as JSON so that a test can compare every label value exactly.
public enum MetricsParsers {
    /// One parsed sample.
    public struct Sample: Sendable, Decodable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    /// One parsed family.
    public struct Family: Sendable, Decodable, Equatable {
        public var name: String
        public var type: String
        public var help: String
        public var samples: [Sample]
    }

    static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        families = [
            {"name": f.name, "type": f.type, "help": f.documentation,
             "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]}
            for f in text_string_to_metric_families(sys.stdin.read())
        ]
        print(json.dumps(families))
        """

    /// Checks `text` with both parsers; records an issue for every problem they report. Returns the
    /// families `prometheus_client` read, or nil when a tool is missing (see `TestTools`) or failed.
    public static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> [Family]?
    {
        guard
            await TestTools.available(
                ["promtool", "python3"], probe: ["python3", "-c", "import prometheus_client"],
                install: "apt-get install prometheus; pip install prometheus_client", sourceLocation: sourceLocation),
            let promtool = ChildProcess.which("promtool"), let python = ChildProcess.which("python3")
        else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let lint = try await ChildProcess.run(promtool, ["check", "metrics"], environment: environment, input: text)
        #expect(
            lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty,
            "promtool check metrics: \(lint.stdout)\(lint.stderr)", sourceLocation: sourceLocation)
        let parsed = try await ChildProcess.run(python, ["-c", script], environment: environment, input: text)
        #expect(parsed.status == 0, "prometheus_client: \(parsed.stderr)", sourceLocation: sourceLocation)
        guard parsed.status == 0 else { return nil }
        return try JSONDecoder().decode([Family].self, from: Data(parsed.stdout.utf8))
    }
}
