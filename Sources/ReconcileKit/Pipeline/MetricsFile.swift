import Foundation
import ReconcileCore

/// `--metrics-file PATH`: what the run did, as a Prometheus text file for node_exporter's textfile
/// collector, written atomically (through `OutputFile`) when the run ends, so the collector never reads
/// half a file. Every series carries `mode` (`dry-run` or `apply`), so that a scheduled dry run and an
/// apply may write a file each into the same folder without clashing. Values are of the last run
/// (gauges); operations are counted in API calls, so that the applied ones add up to the planned ones.
public struct MetricsFile: RunObserver {
    public static let option = "--metrics-file"
    public static let prefix = "xopero_reconcile_"

    public let file: OutputFile
    /// The organizations the run was about (the desired state's, after `--org`), so that an organization
    /// without changes still has its zeros.
    public let organizations: [String]
    public let mask: SecretMask

    public init(file: OutputFile, organizations: [String], mask: SecretMask) {
        self.file = file
        self.organizations = organizations
        self.mask = mask
    }

    public func runFinished(_ record: RunRecord, output: any OutputSink) async {
        do throws(ReconcileError) {
            try file.write(mask.apply(Self.render(record, organizations: organizations)))
        } catch {
            output.printError(
                "reconcile: warning: \(error.description); the run's result is unchanged")
        }
    }

    /// The whole file for `record`.
    public static func render(_ record: RunRecord, organizations: [String]) -> String {
        let mode = ("mode", record.mode.rawValue)
        let succeeded = record.status == .success || record.status == .changesPlanned
        var families = [
            family(
                "run_start_timestamp_seconds", "When the last run started, as a Unix time in seconds.",
                [
                    .init([mode], record.startedAt.timeIntervalSince1970)
                ]),
            family(
                "run_duration_seconds", "How long the last run took, in seconds.",
                [
                    .init(
                        [mode],
                        Double(record.duration.components.seconds)
                            + Double(record.duration.components.attoseconds) / 1e18)
                ]),
            family(
                "run_success", "1 when the last run succeeded (exit status 0, or 2: changes found), else 0.",
                [
                    .init([mode], succeeded ? 1 : 0)
                ]),
            family(
                "run_exit_code", "The exit status of the last run (CLI.md: 0, 1, 2, 3, 130, 143).",
                [
                    .init([mode], Double(record.status.rawValue))
                ]),
            family(
                "build_info", "The version of xopero-reconcile that wrote this file.",
                [
                    .init([("version", ReconcileVersion.current)], 1)
                ]),
        ]
        if let plan = record.plan {
            families += planFamilies(plan, report: record.report, mode: record.mode, organizations: organizations)
        }
        return PrometheusText.render(families)
    }

    private static func planFamilies(
        _ plan: ReconcilePlan, report: ApplyReport?, mode: RunRecord.Mode, organizations: [String]
    ) -> [PrometheusText.Family] {
        let modeLabel = ("mode", mode.rawValue)
        var names = organizations
        for operation in plan.operations where !names.contains(operation.organization.name) {
            names.append(operation.organization.name)
        }
        names.sort()
        var planned: [String: [PlanStep: Int]] = [:]
        var applied: [String: [String: Int]] = [:]
        for (index, operation) in plan.operations.enumerated() {
            let organization = operation.organization.name
            planned[organization, default: [:]][operation.step, default: 0] += 1
            let result = report?.result(at: index)
            let key =
                switch result {
                case .ok?: "ok"
                case .failed?: "failed"
                case .skipped?: "skipped"
                case nil: "none"
                }
            applied[organization, default: [:]][key, default: 0] += 1
        }
        var families = [
            family(
                "drift_detected", "1 when the last run's plan had changes to make (drift), else 0.",
                [
                    .init([modeLabel], plan.isEmpty ? 0 : 1)
                ]),
            family(
                "organization_drift_detected", "1 when the last run's plan had changes in the organization, else 0.",
                names.map { .init([modeLabel, ("organization", $0)], planned[$0, default: [:]].isEmpty ? 0 : 1) }),
            family(
                "operations_planned", "API calls in the last run's plan, by organization and action.",
                names.flatMap { name in
                    PlanStep.allCases.map { step in
                        .init(
                            [modeLabel, ("organization", name), ("action", step.rawValue)],
                            Double(planned[name]?[step] ?? 0))
                    }
                }),
        ]
        if mode == .apply {
            families.append(
                family(
                    "operations_applied",
                    "API calls of the last apply, by organization and result (ok, failed, skipped).",
                    names.flatMap { name in
                        ["ok", "failed", "skipped"].map { result in
                            .init(
                                [modeLabel, ("organization", name), ("result", result)],
                                Double(applied[name]?[result] ?? 0))
                        }
                    }))
        }
        return families
    }

    private static func family(_ name: String, _ help: String, _ samples: [PrometheusText.Sample])
        -> PrometheusText.Family
    {
        PrometheusText.Family(name: prefix + name, help: help, samples: samples)
    }
}

extension PlannedOperation {
    /// The organization the call is made in.
    var organization: ObjectRef {
        switch self {
        case .activate(let op), .deactivate(let op): op.organization
        case .modify(let op): op.organization
        case .attach(let op), .detach(let op): op.organization
        }
    }
}
