import ArgumentParser
import ReconcileCore
import ReconcileKit

/// The JSON Schema of the desired-state file.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the desired-state file (for editors: yaml-language-server).",
        discussion: "Save it next to your files, e.g. `reconcile schema > reconcile.schema.json`."
    )

    func run() {
        let schema = DesiredStateSchema.jsonSchema()
        CommandContext.current.output.printOut(schema)
    }
}
