import Foundation
import TestSupport
import Testing

@testable import ReconcileKit

/// What a CI job asks of a run is checked before the run makes any call (`PipelineRequest.start`).
@Suite("PipelineRequest: the CI flags checked before a run starts")
struct PipelineRequestTests {
    static let flagURL = "https://hooks.example.com/services/T1/B1/flag-s3cret-1a"
    static let variableURL = "https://hooks.example.com/services/T2/B2/variable-s3cret-2b"

    @Test("the flag's webhook wins over the variable's; an empty variable is unset")
    func webhookPrecedence() throws {
        let environment = [PipelineRequest.webhookVariable: Self.variableURL]
        let flagged = PipelineRequest(mode: .dryRun, inputs: [], notifyWebhook: Self.flagURL)
        #expect(try flagged.webhookURL(environment: environment)?.absoluteString == Self.flagURL)
        let unflagged = PipelineRequest(mode: .dryRun, inputs: [])
        #expect(try unflagged.webhookURL(environment: environment)?.absoluteString == Self.variableURL)
        #expect(try unflagged.webhookURL(environment: [PipelineRequest.webhookVariable: ""]) == nil)
    }

    @Test("a variable that is not an http(s) URL with a host is refused without being shown")
    func badVariable() {
        let secret = "ftp://hooks.example.com/bad-s3cret-3c"
        let request = PipelineRequest(mode: .dryRun, inputs: [])
        #expect {
            try request.start(base: CapturedOutput(), environment: [PipelineRequest.webhookVariable: secret])
        } throws: { error in
            let message = (error as? PipelineRequest.Refusal)?.description ?? ""
            return message.contains(PipelineRequest.webhookVariable) && !message.contains("bad-s3cret")
        }
    }

    @Test("a bad webhook from the flag is refused naming the flag, not the variable")
    func badFlag() {
        let request = PipelineRequest(mode: .dryRun, inputs: [], notifyWebhook: "mailto:flag-s3cret-4d")
        #expect {
            try request.start(base: CapturedOutput(), environment: [PipelineRequest.webhookVariable: Self.variableURL])
        } throws: { error in
            let message = (error as? PipelineRequest.Refusal)?.description ?? ""
            return message.hasPrefix("--notify-webhook must be") && !message.contains("s3cret")
        }
    }

    @Test("a refused metrics file leaves no Code Quality report behind: nothing is written when the run is refused")
    func refusalWritesNothing() throws {
        let folder = try ScratchFolder.folder()
        let report = folder.path + "/cq.json"
        #expect(throws: PipelineRequest.Refusal.self) {
            try PipelineRequest(
                mode: .dryRun, inputs: [], metricsFile: folder.path + "/no-such-folder/run.prom",
                codeQualityReport: report
            ).start(base: CapturedOutput(), environment: [:])
        }
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test("the webhook's whole URL and its path with the query are both masked")
    func webhookSecrets() throws {
        let request = PipelineRequest(mode: .dryRun, inputs: [], notifyWebhook: Self.flagURL + "?key=q-s3cret")
        let base = CapturedOutput()
        let session = try request.start(base: base, environment: [:])
        session.output.printError("full \(Self.flagURL)?key=q-s3cret, path /services/T1/B1/flag-s3cret-1a?key=q-s3cret")
        #expect(!base.all.contains("s3cret"), "\(base.all)")
        #expect(base.standardError.contains("full ***"))
    }

    @Test("two output flags that reach one file are refused, naming both, before anything is written")
    func clash() throws {
        let folder = try ScratchFolder.folder()
        let request = PipelineRequest(
            mode: .apply, inputs: [], out: folder.path + "/a.json",
            codeQualityReport: folder.path + "/sub/../a.json")
        #expect {
            try request.start(base: CapturedOutput(), environment: [:])
        } throws: { error in
            (error as? PipelineRequest.Refusal)?.description.hasPrefix("--out and --codequality-report name the same")
                == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/a.json"))
    }

    @Test("a metrics file node_exporter will not read is a warning; a .prom file is not")
    func metricsSuffix() throws {
        let folder = try ScratchFolder.folder()
        for (name, warned) in [("run.txt", true), ("run.prom", false)] {
            let base = CapturedOutput()
            _ = try PipelineRequest(mode: .dryRun, inputs: [], metricsFile: folder.path + "/" + name)
                .start(base: base, environment: [:])
            #expect(base.standardError.contains("reads only files ending in .prom") == warned, "\(name)")
        }
    }

    @Test("a metrics file that is an input file is refused by its flag")
    func metricsFileIsAnInput() throws {
        let input = try RepositoryFiles.temporaryFile("version: 1\n")
        #expect {
            try PipelineRequest(mode: .dryRun, inputs: [input], metricsFile: input)
                .start(base: CapturedOutput(), environment: [:])
        } throws: { error in
            (error as? PipelineRequest.Refusal)?.description.hasPrefix("--metrics-file \(input): it is the input file")
                == true
        }
    }

    @Test("--step-summary without GITHUB_STEP_SUMMARY warns and writes nothing")
    func stepSummaryWithoutVariable() throws {
        let base = CapturedOutput()
        _ = try PipelineRequest(mode: .dryRun, inputs: [], stepSummary: true).start(base: base, environment: [:])
        #expect(base.standardError.contains("GITHUB_STEP_SUMMARY is not set"))
    }

    @Test(
        "workflow commands are printed when asked for, or on GitHub Actions unless text is asked for",
        arguments: [
            (DiagnosticsFormat?.none, ["GITHUB_ACTIONS": "true"], true), (.none, [:], false),
            (.some(.text), ["GITHUB_ACTIONS": "true"], false), (.some(.github), [:], true),
        ])
    func annotations(format: DiagnosticsFormat?, environment: [String: String], expected: Bool) throws {
        let session = try PipelineRequest(mode: .dryRun, inputs: [], diagnosticsFormat: format)
            .start(base: CapturedOutput(), environment: environment)
        #expect((session.output.annotations != nil) == expected)
    }

    @Test("the Code Quality report is written at once, empty, so a run that stops early leaves a valid report")
    func codeQualityWrittenAtOnce() throws {
        let path = try ScratchFolder.folder().path + "/cq.json"
        _ = try PipelineRequest(mode: .dryRun, inputs: ["reconcile.yaml"], codeQualityReport: path)
            .start(base: CapturedOutput(), environment: [:])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[]\n")
    }
}
