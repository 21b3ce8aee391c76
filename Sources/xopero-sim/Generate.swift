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

    func run() throws {
        do {
            let state = try StateGenerator.generate(
                .init(organizations: orgs, repositories: repos, plans: plans, seed: seed))
            FileHandle.standardOutput.write(state.encoded())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("xopero-sim: error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
