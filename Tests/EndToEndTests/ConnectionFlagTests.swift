import Foundation
import Testing
import XoperoContract

/// `plan`, `export` and `doctor` each declare the connection flags themselves (no option group, for the
/// cost of parsing): these tests keep the three declarations one contract.
@Suite("Connection flags: plan, export and doctor declare and check the same ones")
struct ConnectionFlagTests {
    static let commands = ["plan", "export", "doctor"]
    static let flags: Set<String> = [
        "server", "simulator", "ca-cert", "insecure", "concurrency", "max-concurrency", "timeout", "retry-time",
        "wait-for-sync", "verbose", "log-format",
    ]

    /// The command's connection flags as ArgumentParser describes them (names, help, value name, default),
    /// by long name.
    static func connectionArguments(of command: String) async -> [String: JSONValue] {
        let dump = await InProcess.reconcile([command, "--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.stderr)")
        guard case .object(let document)? = JSONValue.parse(Data(dump.stdout.utf8)),
            case .object(let description)? = document["command"],
            case .array(let arguments)? = description["arguments"]
        else {
            Issue.record("reconcile \(command) --experimental-dump-help is not the JSON expected: \(dump.stdout)")
            return [:]
        }
        var byName: [String: JSONValue] = [:]
        for argument in arguments {
            guard case .object(let fields) = argument, case .array(let names)? = fields["names"] else { continue }
            for case .object(let name) in names {
                if name["kind"] == .string("long"), case .string(let long)? = name["name"], flags.contains(long) {
                    byName[long] = argument
                }
            }
        }
        return byName
    }

    @Test("each command declares every connection flag, with the same names, help and defaults")
    func sameDeclarations() async {
        let plan = await Self.connectionArguments(of: "plan")
        #expect(Set(plan.keys) == Self.flags)
        for command in Self.commands.dropFirst() {
            let other = await Self.connectionArguments(of: command)
            #expect(Set(other.keys) == Self.flags, "\(command)")
            for flag in Self.flags.sorted() {
                #expect(other[flag] == plan[flag], "reconcile \(command) --\(flag) is declared unlike plan's")
            }
        }
    }

    @Test(
        "each command refuses wrong connection flags with exit 64, before any file or server is touched",
        arguments: commands,
        [
            (["--server", "https://127.0.0.1:1", "--simulator", "examples/live-state.json"], "exclude each other"),
            (["--concurrency", "0"], "--concurrency must be auto or a number between 1 and 256"),
            (["--timeout", "inf"], "--timeout must be a positive number of seconds"),
            (["--insecure", "--ca-cert", "ca.pem"], "--insecure and --ca-cert exclude each other"),
        ])
    func everyCommandChecksThem(command: String, flags: (arguments: [String], message: String)) async {
        let output = await InProcess.reconcile([command] + flags.arguments)
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains(flags.message), "\(output.stderr)")
        #expect(!output.all.contains("SIMULATOR"))
    }
}
