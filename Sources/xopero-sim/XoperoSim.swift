import ArgumentParser
import ReconcileCore

/// `xopero-sim`: a stateful HTTP simulator of the Xopero ONE Management Service API (Git part).
@main
struct XoperoSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xopero-sim",
        abstract: "A faithful HTTP simulator of the Xopero ONE Management Service API (Git part).",
        discussion: """
            `serve` plays the API from a state file (format in CLI.md; examples/live-state.json is one). \
            `generate` writes a large, realistic state file for demos and benchmarks.
            """,
        version: ReconcileVersion.current,
        subcommands: [Serve.self, Generate.self]
    )
}
