import Foundation
import ReconcileCore
import ReconcileKit
import TestSupport
import Testing

@Suite("--metrics-file: the Prometheus text file, read back by Prometheus's own parsers")
struct MetricsFileTests {
    @Test("label values escape exactly the format's three characters and read back unchanged")
    func labelEscaping() {
        #expect(PrometheusText.escapeLabelValue("a\\b\"c\nd\re") == "a\\\\b\\\"c\\nd\re")
        #expect(PrometheusText.escapeHelp("x\\y\nz") == "x\\\\y\\nz")
        #expect(PrometheusText.format(3) == "3")
        #expect(PrometheusText.format(0.5) == "0.5")
        #expect(PrometheusText.format(.nan) == "NaN")
        #expect(PrometheusText.format(-.infinity) == "-Inf")
    }

    @Test(
        "an apply's file: every family with HELP and TYPE, per-organization counts, parsed by promtool and prometheus_client"
    )
    func applyFileParses() async throws {
        let record = PipelineFixtures.record(
            mode: .apply, status: .applyFailed, report: PipelineFixtures.partialReport())
        let text = MetricsFile.render(record, organizations: ["acme", "quiet-org"])
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(types.count == 9)
        for family in types { #expect(text.contains("# HELP \(family) ")) }
        #expect(text.contains(#"xopero_reconcile_run_exit_code{mode="apply"} 3"#))
        #expect(text.contains(#"xopero_reconcile_run_success{mode="apply"} 0"#))

        guard let parsed = try await MetricsParsers.parse(text) else { return }
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            parsed.flatMap(\.samples).first { $0.name == name && $0.labels == labels }?.value
        }
        #expect(parsed.allSatisfy { $0.type == "gauge" && !$0.help.isEmpty })
        #expect(value("xopero_reconcile_run_start_timestamp_seconds", ["mode": "apply"]) == 1_700_000_000.25)
        #expect(value("xopero_reconcile_run_duration_seconds", ["mode": "apply"]) == 1.5)
        let odd = PipelineFixtures.awkwardOrganization
        #expect(
            value("xopero_reconcile_operations_planned", ["mode": "apply", "organization": odd, "action": "attach"])
                == 1)
        #expect(
            value("xopero_reconcile_operations_planned", ["mode": "apply", "organization": "acme", "action": "modify"])
                == 1)
        #expect(
            value("xopero_reconcile_operations_applied", ["mode": "apply", "organization": "acme", "result": "failed"])
                == 1)
        #expect(
            value(
                "xopero_reconcile_operations_applied", ["mode": "apply", "organization": "acme", "result": "skipped"])
                == 1)
        #expect(
            value("xopero_reconcile_operations_applied", ["mode": "apply", "organization": "acme", "result": "ok"]) == 2
        )
        // An organization without changes still has its zeros.
        #expect(
            value("xopero_reconcile_organization_drift_detected", ["mode": "apply", "organization": "quiet-org"]) == 0)
        #expect(value("xopero_reconcile_organization_drift_detected", ["mode": "apply", "organization": odd]) == 1)
        #expect(value("xopero_reconcile_build_info", ["version": ReconcileVersion.current]) == 1)
    }

    @Test("a run that ended before it had a plan writes the run's own series only, and they parse")
    func failedRunParses() async throws {
        let record = PipelineFixtures.record(status: .failure, plan: nil, error: "cannot log in")
        let text = MetricsFile.render(record, organizations: [])
        #expect(!text.contains("operations_planned"))
        #expect(!text.contains("drift_detected"))
        guard let parsed = try await MetricsParsers.parse(text) else { return }
        #expect(parsed.map(\.name).contains("xopero_reconcile_run_success"))
    }

    @Test("written atomically when the run ends; an unwritable file is a warning, not the run's result")
    func observerWrites() async throws {
        let folder = try PipelineFixtures.folder()
        let path = folder.appendingPathComponent("xopero.prom").path
        let observer = MetricsFile(
            file: try OutputFile(path: path, option: MetricsFile.option, inputs: []), organizations: ["acme"],
            mask: SecretMask([]))
        let output = CapturedOutput()
        await observer.runFinished(PipelineFixtures.record(status: .changesPlanned), output: output)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"xopero_reconcile_drift_detected{mode="dry-run"} 1"#))
        #expect(output.all.isEmpty)

        try FileManager.default.removeItem(at: folder)
        await observer.runFinished(PipelineFixtures.record(), output: output)
        #expect(output.standardError.contains("reconcile: warning: --metrics-file \(path):"), "\(output.standardError)")
    }
}
