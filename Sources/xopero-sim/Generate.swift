import ArgumentParser
import Foundation
import XoperoSimulator

/// `xopero-sim generate`: write a large, realistic state file to stdout.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a large, realistic state file to stdout (the same for the same seed).",
        discussion: """
            Repositories and plans are spread unevenly over the organizations; plan sizes range from a \
            handful to thousands; some repositories are removed, some unlicensed; the biggest \
            organization has a plan with includeAllRepositories. Example: \
            xopero-sim generate --orgs 20 --repos 100000 --plans 400 > big.json
            """
    )

    @Option(name: .long, help: "How many organizations.")
    var orgs: Int

    @Option(name: .long, help: "How many repositories in all (spread unevenly over the organizations).")
    var repos: Int

    @Option(name: .long, help: "How many plans in all (spread unevenly over the organizations).")
    var plans: Int

    @Option(name: .long, help: "The same seed gives the same file.")
    var seed: UInt64 = 1

    /// Sizes out of range are usage errors (exit 64).
    func validate() throws {
        do {
            try shape.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    var shape: StateGenerator.Shape { .init(organizations: orgs, repositories: repos, plans: plans, seed: seed) }

    func run() throws {
        do {
            let state = try StateGenerator.generate(shape)
            FileHandle.standardOutput.write(state.encoded())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("xopero-sim: error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
