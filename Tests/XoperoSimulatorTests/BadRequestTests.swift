import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

/// A body that cannot be read or lacks a field is a 400 naming the field, never a 500.
@Suite struct BadRequestTests {
    @Test(arguments: [
        ("/account/login", #"{"email": "admin@example.com"}"#, "password"),
        ("/account/login", #"{"email": 5, "password": "x"}"#, "email"),
        ("/git/repositories/getmany", #"{"limit": 5}"#, "id"),
        ("/git/repositories/getmany", #"{"id": "x", "limit": "many"}"#, "limit"),
        ("/plans/listassignedtoorganization", #"{}"#, "id"),
        ("/plans/attachgitrepository", #"{"planId": "p"}"#, "repositoryId"),
        ("/plans/detachgitrepository", #"{"repositoryId": "r"}"#, "planId"),
        ("/plans/modifygitplan", #"{"includeMetadata": true}"#, "id"),
        ("/plans/modifygitplan", #"{"id": "p", "settings": {"a": 1}}"#, "settings.a"),
        ("/git/repositories/activate", #"{"id": ["x"]}"#, "ids"),
        ("/git/repositories/deactivate", #"{"ids": "x"}"#, "ids"),
        ("/git/organizations/getmany", #"{"ordertype": "sideways"}"#, "ordertype"),
        ("/git/organizations/getmany", #"{"page": 1, "Page": 2}"#, "page"),
    ])
    func missingOrWrongFieldsAre400NamingThem(path: String, body: String, field: String) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.login()
            let response = try await sim.post(path, json: body, token: token)
            #expect(response.status == 400, "\(response.text)")
            #expect(
                response.headers["content-type"]?.hasPrefix("application/json") == true, "the contract's content type")
            let problem = try response.decode(Components.Schemas.ProblemDetails.self)
            #expect(problem.status == 400)
            #expect(!problem.title.isEmpty)
            let errors = problem.errors?.additionalProperties ?? [:]
            #expect(errors.keys.contains(field), "\(errors)")
            #expect(errors[field]?.first?.isEmpty == false)
        }
    }

    @Test(arguments: ["not json at all", "", "[1, 2]", "{\"email\": "])
    func unreadableBodiesAre400(body: String) async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post("/account/login", json: body)
            #expect(response.status == 400, "\(response.text)")
            #expect(try response.decode(Components.Schemas.ProblemDetails.self).status == 400)
        }
    }

    @Test func aFormBodyIs400SayingWhatToSend() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                "/account/login", json: "email=a&password=b", contentType: "application/x-www-form-urlencoded")
            #expect(response.status == 400)
            #expect(try response.problemErrors()["body"]?.first?.contains("application/json") == true)
        }
    }

    @Test func noContentTypeIsReadAsJSON() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post(
                "/account/login", json: #"{"email": "admin@example.com", "password": "change-me"}"#, contentType: nil)
            #expect(response.status == 200)
        }
    }

    @Test func unknownPathIs404() async throws {
        try await SimulatorHarness.with { sim in
            let response = try await sim.post("/git/nothing/here", json: "{}")
            #expect(response.status == 404)
        }
    }
}
