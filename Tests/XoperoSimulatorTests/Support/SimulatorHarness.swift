import AsyncHTTPClient
import Foundation
import TestSupport
import Testing
import XoperoContract

@testable import XoperoSimulator

/// An answer as the wire carried it.
struct WireResponse: Sendable {
    var status: Int
    /// Header values by lowercased name.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    /// The `errors` of a problem body, or an empty dictionary.
    func problemErrors() throws -> [String: [String]] {
        try decode(Components.Schemas.ProblemDetails.self).errors?.additionalProperties ?? [:]
    }
}

/// A simulator started on a free port, and a client that talks to it over real HTTP.
struct SimulatorHarness: Sendable {
    let simulator: RunningSimulator

    /// Runs `body` against a fresh simulator (`withRunningSimulator`) and stops it afterwards.
    static func with<T: Sendable>(
        _ state: SimulatorStateFile = Fixtures.state(), options: SimulatorOptions = SimulatorOptions(),
        clock: any TokenClock = SystemTokenClock(),
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        try await withRunningSimulator(state, options: options, clock: clock) {
            try await body(SimulatorHarness(simulator: $0))
        }
    }

    var store: SimulatorStore { simulator.store }

    /// POSTs `json` (sent exactly as given) to a vendor path.
    func post(_ path: String, json: String, token: String? = nil, contentType: String? = "application/json")
        async throws -> WireResponse
    {
        var request = HTTPClientRequest(url: simulator.baseURL + path)
        request.method = .POST
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(Array(json.utf8))
        return try await send(request)
    }

    func get(_ path: String) async throws -> WireResponse {
        try await send(HTTPClientRequest(url: simulator.baseURL + path))
    }

    func send(_ request: HTTPClientRequest) async throws -> WireResponse {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let headers = Dictionary(
            response.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        return WireResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }

    /// Logs in and returns the token.
    func login(_ email: String = Fixtures.admin, password: String = Fixtures.password) async throws -> String {
        let response = try await post(
            "/account/login", json: #"{"email": "\#(email)", "password": "\#(password)", "rememberMe": true}"#)
        try #require(response.status == 200, "login failed: \(response.status) \(response.text)")
        return try response.decode(Components.Schemas.LoginResponse.self).accessToken ?? ""
    }

    /// POSTs and requires a 200, returning the decoded answer.
    func call<T: Decodable>(_ path: String, _ json: String, token: String, as type: T.Type) async throws -> T {
        let response = try await post(path, json: json, token: token)
        try #require(response.status == 200, "\(path) answered \(response.status): \(response.text)")
        return try response.decode(type)
    }

    func organizations(_ json: String = "{}", token: String) async throws -> Components.Schemas.OrganizationPage {
        try await call("/git/organizations/getmany", json, token: token, as: Components.Schemas.OrganizationPage.self)
    }

    func repositories(_ json: String, token: String) async throws -> Components.Schemas.RepositoryPage {
        try await call("/git/repositories/getmany", json, token: token, as: Components.Schemas.RepositoryPage.self)
    }

    func plans(_ json: String, token: String) async throws -> Components.Schemas.PlanAssignmentPage {
        try await call(
            "/plans/listassignedtoorganization", json, token: token, as: Components.Schemas.PlanAssignmentPage.self)
    }

    /// The organization named `name` from organizations/getmany.
    func organization(named name: String, token: String) async throws -> Components.Schemas.Organization {
        let page = try await organizations(#"{"limit": 1000}"#, token: token)
        return try #require(page.result.first { $0.name == name })
    }
}
