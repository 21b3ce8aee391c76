import ArgumentParser
import ReconcileCore

/// `reconcile`: keeps Xopero ONE Git backup plans and licences as a desired-state file describes them.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile Xopero ONE Git backup plans and licences with a desired-state file.",
        discussion: """
            Without a subcommand, runs `plan`: a dry run that prints the calls that would make the server \
            match the files; add --apply to make them. `reconcile plan --help` explains \
            every flag of the default command.

            Connection: --server URL or XOPERO_URL. Credentials come only from the environment: \
            XOPERO_EMAIL with XOPERO_PASSWORD or XOPERO_PASSWORD_FILE, or a ready token in XOPERO_TOKEN.

            Exit codes: 0 success (with --detailed-exitcode: nothing to change); 1 error; 2 with \
            --detailed-exitcode when the dry run found changes; 3 the apply finished but some operations \
            failed; 130 the apply was interrupted (Ctrl-C).
            """,
        version: ReconcileVersion.current,
        subcommands: [
            PlanCommand.self, ValidateCommand.self, ExportCommand.self, SchemaCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: PlanCommand.self
    )
}
