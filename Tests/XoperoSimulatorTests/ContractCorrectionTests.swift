import AsyncHTTPClient
import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// What Schemathesis found: numbers out of range name their field, no answer names a Swift type, other
/// methods than POST are 405, nulls where the contract has none are refused.
@Suite struct ContractCorrectionTests {
    static let alpha = Fixtures.organizationId("alpha")

    @Test(arguments: [
        ("/git/organizations/getmany", #"{"limit": 1e20}"#, "limit"),
        ("/git/organizations/getmany", #"{"limit": 2147483648}"#, "limit"),
        ("/git/organizations/getmany", #"{"page": 2.5}"#, "page"),
        ("/git/organizations/getmany", #"{"page": -9223372036854775809}"#, "page"),
        ("/git/organizations/getmany", #"{"limit": 0}"#, "limit"),
        ("/git/organizations/getmany", #"{"limit": -5}"#, "limit"),
        ("/git/repositories/getmany", #"{"id": "x", "page": 0}"#, "page"),
        ("/plans/listassignedtoorganization", #"{"id": "x", "limit": 0}"#, "limit"),
        ("/plans/modifygitplan", #"{"id": "x", "backupType": 3000000000}"#, "backupType"),
        ("/git/organizations/getmany", #"{"limit": null}"#, "limit"),
        (
            "/git/organizations/getmany", #"{"filters": [{"property": "Name", "operator": "eq", "value": null}]}"#,
            "filters[0].value"
        ),
        ("/account/login", #"{"email": "a", "password": "b", "rememberMe": null}"#, "rememberMe"),
    ])
    func outOfRangeAndNullFieldsAre400NamingThem(path: String, body: String, field: String) async throws {
        try await SimulatorHarness.with { sim in
            let json = body.replacingOccurrences(of: #""x""#, with: #""\#(Self.alpha)""#)
            let response = try await sim.post(path, json: json, token: try await sim.login())
            #expect(response.status == 400, "\(response.text)")
            #expect(try response.problemErrors().keys.contains(field), "\(response.text)")
        }
    }

    @Test func nullableModifyFieldsMayBeNull() async throws {
        try await SimulatorHarness.with { sim in
            let nightly = Fixtures.planId("alpha", "nightly")
            let response = try await sim.post(
                "/plans/modifygitplan",
                json: #"{"id": "\#(nightly)", "includeMetadata": null, "workerId": null, "backupType": 2147483647}"#,
                token: try await sim.login())
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test func aNumberNoFieldCanHoldIsNamed() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                "/git/organizations/getmany", json: #"{"limit": 1e400}"#, token: try await sim.login())
            #expect(response.status == 400)
            #expect(try response.problemErrors()["body"]?.first?.contains("1e400") == true, "\(response.text)")
        }
    }

    /// Bodies that reach every 400 path: decoder errors of each kind, the normalizers, the filter rules.
    static let badBodies: [(String, String)] = [
        ("/git/organizations/getmany", #"{"filters": [{"property": "Name", "operator": "eq", "value": 1e400}]}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": "Name", "operator": "eq", "value": [1]}]}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": "Name", "operator": "eq", "value": {}}]}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": "Name", "operator": "like"}]}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": "Name"}]}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": 5, "operator": "eq"}]}"#),
        ("/git/organizations/getmany", #"{"filters": [7]}"#),
        ("/git/organizations/getmany", #"{"filters": "all"}"#),
        ("/git/organizations/getmany", #"{"filters": [{"property": "IsReadOnly", "operator": "gt", "value": 1}]}"#),
        ("/git/organizations/getmany", #"{"orderby": "Colour"}"#),
        ("/git/organizations/getmany", #"{"orderby": [1]}"#),
        ("/git/organizations/getmany", #"{"ordertype": "up"}"#),
        ("/git/organizations/getmany", #"{"limit": "ten"}"#),
        ("/git/organizations/getmany", #"{"limit": 1.5e-400}"#),
        ("/git/organizations/getmany", "[]"),
        ("/git/organizations/getmany", "null"),
        ("/git/organizations/getmany", "42"),
        ("/git/organizations/getmany", #"{"page": 1, "PAGE": 2}"#),
        ("/git/repositories/getmany", #"{"id": 5}"#),
        ("/git/repositories/getmany", #"{"id": ["x"]}"#),
        ("/plans/modifygitplan", #"{"id": "x", "settings": {"a": [1]}}"#),
        ("/plans/modifygitplan", #"{"id": "x", "settings": "s"}"#),
        ("/plans/modifygitplan", #"{"id": "x", "includeMetadata": "yes"}"#),
        ("/git/repositories/activate", #"{"ids": [null]}"#),
        ("/git/repositories/activate", #"{"ids": {"a": 1}}"#),
        ("/account/login", #"{"email": true, "password": 1}"#),
        ("/account/login", "{\"email\": \"a\", \"password\": \"b\""),
        ("/account/login", String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)),
    ]

    @Test func noAnswerNamesASwiftType() async throws {
        let forbidden = [
            "Components", "Schemas", "Swift.", "OpenAPI", "Container", "DecodingError", "CodingKeys", "Int64",
            "Double", "Optional", "_operator", "typeMismatch", "dataCorrupted", "Expected to decode",
        ]
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            for (path, body) in Self.badBodies {
                let response = try await sim.post(path, json: body, token: token)
                #expect(response.status == 400, "\(path) \(body.prefix(80)): \(response.status) \(response.text)")
                let problem = try response.decode(Components.Schemas.ProblemDetails.self)
                #expect(problem.errors?.additionalProperties.isEmpty == false, "\(body.prefix(80))")
                for word in forbidden {
                    #expect(!response.text.contains(word), "\(body.prefix(80)) answered \(response.text)")
                }
            }
        }
    }

    @Test(arguments: XoperoCall.allCases)
    func otherMethodsThanPostAre405(call: XoperoCall) async throws {
        try await SimulatorHarness.with { sim in
            for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"] {
                var request = HTTPClientRequest(url: sim.simulator.baseURL + call.path)
                request.method = .init(rawValue: method)
                let response = try await sim.send(request)
                #expect(response.status == 405, "\(method) \(call.path)")
                #expect(response.headers["allow"] == "POST")
                let problem = try response.decode(Components.Schemas.ProblemDetails.self)
                #expect(problem.status == 405)
                #expect(problem.title.contains("\(method)"))
            }
            var head = HTTPClientRequest(url: sim.simulator.baseURL + call.path)
            head.method = .init(rawValue: "HEAD")
            let answer = try await sim.send(head)
            #expect(answer.status == 405)
            #expect(answer.headers["allow"] == "POST")
        }
    }

    @Test func otherPathsStay404() async throws {
        try await SimulatorHarness.with { sim in
            let vendorLike = try await sim.get("/git/nothing/here")
            let simulatorLike = try await sim.get("/__sim/nothing")
            #expect(vendorLike.status == 404)
            #expect(simulatorLike.status == 404)
        }
    }
}
