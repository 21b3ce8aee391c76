import Foundation
import Testing

@testable import ReconcileCore

/// Golden cases in `Golden/plans/<case>/`: the desired-state files (`*.yaml`, in name order), `live.json`
/// (a `LiveState`), optional `env.json` (environment for `${VAR}`), `options.json` (`licenseChunkSize`,
/// `pushWriteOnly`, `maxDetachRatio`, `minimumPlanSize`, `force`, `verbose`, `markdownLimit`) and
/// `report.json` (apply results, one per operation). Expected: `expected.txt`, `expected.md`,
/// `expected.json` when a plan is produced, `expected-diagnostics.txt` when there are diagnostics
/// (parser, planner and safety, rendered by `DiagnosticRenderer`), and `expected-applied.{txt,md,json}`
/// with a report. A file that is not produced must not exist. `UPDATE_GOLDEN=1` rewrites them.
@Suite("Golden plans")
struct GoldenPlanTests {
    struct Options: Decodable {
        var licenseChunkSize: Int?
        var pushWriteOnly: Bool?
        var maxDetachRatio: Double?
        var minimumPlanSize: Int?
        var force: Bool?
        var verbose: Bool?
        var markdownLimit: Int?
    }

    struct Report: Decodable {
        struct Result: Decodable {
            var result: String
            var code: String?
            var message: String?
            var failedRepositories: [String]?
            var reason: String?
        }

        var interrupted: Bool
        var results: [Result]
    }

    static let outputNames = [
        "expected.txt", "expected.md", "expected.json", "expected-diagnostics.txt",
        "expected-applied.txt", "expected-applied.md", "expected-applied.json",
    ]

    /// Every output of one case, by expected-file name.
    static func outputs(ofCase name: String) throws -> [String: String] {
        let folder = Golden.caseFolder("plans", name)
        let sources = try Golden.files(in: folder, endingWith: ".yaml").map { file in
            SourceFile(path: file, text: try #require(Golden.text(folder.appendingPathComponent(file))))
        }
        let options = try decode(Options.self, folder, "options.json") ?? Options()
        let environment = try decode([String: String].self, folder, "env.json") ?? [:]
        let live = try #require(try decode(LiveState.self, folder, "live.json"), "\(name): live.json is missing")
        let parsed = DesiredStateParser.parse(sources, environment: environment)
        var diagnostics = parsed.diagnostics
        var outputs: [String: String] = [:]
        if let desired = parsed.desiredState {
            let planning = PlanningOptions(
                licenseChunkSize: options.licenseChunkSize ?? 100, pushWriteOnly: options.pushWriteOnly ?? false)
            let result = Planner.plan(desired: desired, live: live, options: planning)
            diagnostics += result.diagnostics
            if let plan = result.plan {
                let policy = SafetyPolicy(
                    maxDetachRatio: options.maxDetachRatio ?? 0.25, minimumPlanSize: options.minimumPlanSize ?? 10,
                    force: options.force ?? false)
                diagnostics += SafetyCheck.check(plan, live: live, policy: policy)
                let limit = options.markdownLimit ?? 60_000
                outputs["expected.txt"] = PlanRenderer.text(plan, verbose: options.verbose ?? false)
                outputs["expected.md"] = PlanRenderer.markdown(plan, limit: limit)
                outputs["expected.json"] = PlanRenderer.json(plan)
                if let report = try decode(Report.self, folder, "report.json") {
                    let applied = ApplyReport(
                        plan: plan, results: report.results.map(Self.operationResult), interrupted: report.interrupted)
                    outputs["expected-applied.txt"] = PlanRenderer.text(
                        plan, report: applied, verbose: options.verbose ?? false)
                    outputs["expected-applied.md"] = PlanRenderer.markdown(plan, report: applied, limit: limit)
                    outputs["expected-applied.json"] = PlanRenderer.json(plan, report: applied)
                }
            }
        }
        if !diagnostics.isEmpty {
            outputs["expected-diagnostics.txt"] = DiagnosticRenderer.render(diagnostics, sources: sources)
        }
        return outputs
    }

    @Test("golden case", arguments: Golden.caseNames(in: "plans"))
    func goldenCase(_ name: String) throws {
        let outputs = try Self.outputs(ofCase: name)
        #expect(try Self.outputs(ofCase: name) == outputs, "\(name): two runs differ")
        let folder = Golden.caseFolder("plans", name)
        for file in Self.outputNames {
            let url = folder.appendingPathComponent(file)
            let expected = Golden.text(url)
            guard let actual = outputs[file] else {
                if expected != nil, ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                    try FileManager.default.removeItem(at: url)
                    continue
                }
                #expect(expected == nil, "\(name)/\(file) exists but the case produces no such output")
                continue
            }
            if Golden.updateIfRequested(url, with: actual) { continue }
            let diff = goldenDiff(expected: expected ?? "", actual: actual)
            #expect(diff.isEmpty, "\(name)/\(file) differs (UPDATE_GOLDEN=1 rewrites it after review):\n\(diff)")
        }
    }

    @Test func everyCaseHasItsInputs() {
        let cases = Golden.caseNames(in: "plans")
        #expect(cases.count >= 20)
        for name in cases {
            let folder = Golden.caseFolder("plans", name)
            #expect(!Golden.files(in: folder, endingWith: ".yaml").isEmpty, "\(name) has no desired-state file")
            #expect(Golden.text(folder.appendingPathComponent("live.json")) != nil, "\(name) has no live.json")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ folder: URL, _ file: String) throws -> T? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
            return nil
        }
        return try JSONDecoder().decode(type, from: data)
    }

    private static func operationResult(_ entry: Report.Result) -> OperationResult {
        switch entry.result {
        case "ok":
            return .ok
        case "failed":
            let repositories = (entry.failedRepositories ?? []).map { ObjectRef(id: "id-\($0)", name: $0) }
            return .failed(code: entry.code, message: entry.message ?? "", failedRepositories: repositories)
        default:
            return .skipped(reason: entry.reason ?? "")
        }
    }
}
