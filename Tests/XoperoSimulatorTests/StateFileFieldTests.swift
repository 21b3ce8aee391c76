import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// The state file's newer fields: plan selection and rules, synchronization, roles, two-factor users.
@Suite struct StateFileFieldTests {
    static let user = #"{"email": "a@b", "password": "p", "roles": ["Viewer"]}"#

    static func file(organization: String) -> String {
        #"{"users": [\#(user)], "organizations": [\#(organization)]}"#
    }

    func loadError(_ text: String) throws -> SimulatorError {
        try #require(throws: SimulatorError.self) { try SimulatorStateFile.decode(Data(text.utf8), path: "s.json") }
    }

    @Test(arguments: [
        (
            #"{"name": "o", "plans": [{"name": "p", "selection": "sideways"}]}"#, "organizations[0].plans[0].selection",
            "use one of list, exclude, rules"
        ),
        (
            #"{"name": "o", "plans": [{"name": "p", "rules": ["a*"]}]}"#, "organizations[0].plans[0].rules",
            "only to a plan with selection \"rules\""
        ),
        (
            #"{"name": "o", "plans": [{"name": "p", "selection": "exclude", "rules": ["a*"]}]}"#,
            "organizations[0].plans[0].rules", "this one has \"exclude\""
        ),
        (
            #"{"name": "o", "plans": [{"name": "p", "selection": "rules"}]}"#, "organizations[0].plans[0].rules",
            "needs at least one rule"
        ),
        (
            #"{"name": "o", "plans": [{"name": "p", "selection": "rules", "rules": ["a", ""]}]}"#,
            "organizations[0].plans[0].rules[1]", "must not be empty"
        ),
        (
            #"{"name": "o", "plans": [{"name": "p", "selection": "exclude", "repositories": ["ghost"]}]}"#,
            "organizations[0].plans[0].repositories[0]", "no repository named \"ghost\""
        ),
        (
            #"{"name": "o", "synchronizationFinishesAfterSeconds": -1}"#,
            "organizations[0].synchronizationFinishesAfterSeconds", "must be 0 or more"
        ),
        (
            #"{"name": "o", "synchronizationInProgress": false, "synchronizationFinishesAfterSeconds": 5}"#,
            "organizations[0].synchronizationFinishesAfterSeconds", "needs synchronizationInProgress true"
        ),
        (
            #"{"name": "o", "isReadOnly": "yes"}"#, "organizations[0].isReadOnly", "true or false"
        ),
    ])
    func badNewFieldsNameTheField(organization: String, field: String, message: String) throws {
        let error = try loadError(Self.file(organization: organization))
        guard case .stateFileInvalid(_, let reported, let text) = error else {
            Issue.record("expected stateFileInvalid, got \(error)")
            return
        }
        #expect(reported == field, "\(text)")
        #expect(text.contains(message), "\(text)")
        #expect(!error.description.contains("PlanSelection"), "no Swift type names: \(error.description)")
    }

    @Test func newFieldsAreReadWithTheirDefaults() throws {
        let text = #"""
            {"users": [{"email": "r@x", "password": "p", "roles": ["RootAdministrator"]},
                       {"email": "t@x", "password": "p", "roles": ["SystemAdministrator"], "twoFactor": true}],
             "organizations": [
               {"name": "o", "synchronizationFinishesAfterSeconds": 0, "repositories": [{"name": "r"}],
                "plans": [{"name": "plain", "repositories": ["r"]},
                          {"name": "except", "selection": "exclude"},
                          {"name": "named", "selection": "rules", "rules": ["r*"]}]},
               {"name": "p", "synchronizationInProgress": true, "isReadOnly": true}]}
            """#
        let state = try SimulatorStateFile.decode(Data(text.utf8), path: "s.json")
        let world = try SimulatorWorld(state: state)
        #expect(world.organizations[0].plans.map(\.selection) == [.list, .exclude, .rules])
        #expect(world.organizations[0].synchronizationInProgress, "a finishing time implies a synchronization")
        #expect(world.organizations[1].synchronizationInProgress)
        #expect(world.organizations[1].synchronizationFinishesAfterSeconds == nil)
        #expect(world.organizations[1].isReadOnly)
        #expect(world.users[0].roles == [.rootAdministrator])
        #expect(world.users[1].twoFactor == true)
        // The root administrator logs in with a password alone; the two-factor one cannot be used.
        #expect(state.firstAdministrator?.email == "r@x")
    }

    @Test func aTwoFactorAdministratorIsNotTheFirstAdministrator() {
        let state = SimulatorStateFile(
            users: [
                .init(email: "t@x", password: "p", roles: [.systemAdministrator], twoFactor: true),
                .init(email: "s@x", password: "p", roles: [.systemAdministrator]),
            ],
            organizations: [])
        #expect(state.firstAdministrator?.email == "s@x")
    }
}
