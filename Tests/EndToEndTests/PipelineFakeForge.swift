import Foundation
import Synchronization
import TestSupport

/// A loopback stand-in for the parts of GitHub's and GitLab's REST APIs that the CI recipes' scripts
/// call: comments on a pull request (notes on a merge request), the pull request a commit merged, and
/// issues. It pages listings (`per_page`, `page`), checks the token, and keeps every request.
final class PipelineFakeForge: Sendable {
    struct Item: Sendable {
        var id: Int
        var body: String
        var author: String
        var title = ""
        var open = true
    }

    struct State: Sendable {
        var comments: [Int: [Item]] = [:]
        var issues: [Item] = []
        /// Commit → the pull request (merge request) that merged it.
        var merged: [String: Int] = [:]
        var nextID = 1000
        var requests: [RawRequest] = []
    }

    enum Flavour: Sendable { case github, gitlab }

    static let token = "forge-t0ken-abc123-secret"
    static let botLogin = "github-actions[bot]"
    static let botID = 42
    let flavour: Flavour
    let state = Mutex(State())

    init(_ flavour: Flavour) {
        self.flavour = flavour
    }

    var requests: [RawRequest] { state.withLock { $0.requests } }
    var snapshot: State { state.withLock { $0 } }

    /// The author value of the job's own account in this flavour.
    var bot: String { flavour == .github ? Self.botLogin : String(Self.botID) }

    func add(comment body: String, on number: Int, author: String? = nil) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.comments[number, default: []].append(Item(id: state.nextID, body: body, author: author ?? bot))
            return state.nextID
        }
    }

    func merge(_ commit: String, number: Int) { state.withLock { $0.merged[commit] = number } }

    func respond(_ request: RawRequest, _ connection: RawConnection) async throws -> Bool {
        let (status, body) = handle(request)
        try await connection.respond(
            status: status, reason: status < 300 ? "OK" : "Error", headers: ["Content-Type": "application/json"],
            body: body)
        return false
    }

    private func handle(_ request: RawRequest) -> (Int, String) {
        state.withLock { $0.requests.append(request) }
        let authorized =
            flavour == .github
            ? request.headers["authorization"] == "Bearer \(Self.token)"
            : request.headers["private-token"] == Self.token
        guard authorized else { return (401, #"{"message":"Bad credentials"}"#) }
        let parts = request.path.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? ""
        var query: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { query[kv[0]] = kv[1] }
        }
        let segments = path.split(separator: "/").map(String.init)
        let input = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
        return flavour == .github
            ? github(request.method, segments, query, input) : gitlab(request.method, segments, query, input)
    }

    // GitHub: /repos/OWNER/REPO/...
    private func github(_ method: String, _ s: [String], _ query: [String: String], _ input: [String: Any]) -> (
        Int, String
    ) {
        guard s.count >= 4, s[0] == "repos" else { return (404, "{}") }
        let rest = Array(s.dropFirst(3))
        return state.withLock { state in
            switch (method, rest.count, rest.first) {
            case ("GET", 3, "commits") where rest[2] == "pulls":
                let pulls = state.merged[rest[1]].map { [["number": $0, "merged_at": "2026-01-01T00:00:00Z"]] } ?? []
                return (200, Self.json(pulls))
            case ("GET", 3, "issues") where rest[2] == "comments":
                let items = state.comments[Int(rest[1]) ?? 0] ?? []
                return (
                    200,
                    Self.json(
                        Self.page(items, query).map { ["id": $0.id, "body": $0.body, "user": ["login": $0.author]] })
                )
            case ("POST", 3, "issues") where rest[2] == "comments":
                state.nextID += 1
                state.comments[Int(rest[1]) ?? 0, default: []].append(
                    Item(id: state.nextID, body: input["body"] as? String ?? "", author: Self.botLogin))
                return (201, Self.json(["id": state.nextID]))
            case ("PATCH", 3, "issues") where rest[1] == "comments":
                for (number, items) in state.comments {
                    if let index = items.firstIndex(where: { String($0.id) == rest[2] }) {
                        state.comments[number]?[index].body = input["body"] as? String ?? ""
                        return (200, "{}")
                    }
                }
                return (404, "{}")
            case ("GET", 1, "issues"):
                let open = state.issues.filter { $0.open || query["state"] != "open" }
                return (
                    200,
                    Self.json(
                        Self.page(open, query).map {
                            ["number": $0.id, "title": $0.title, "body": $0.body, "user": ["login": $0.author]]
                        })
                )
            case ("POST", 1, "issues"):
                state.nextID += 1
                state.issues.append(
                    Item(
                        id: state.nextID, body: input["body"] as? String ?? "", author: Self.botLogin,
                        title: input["title"] as? String ?? ""))
                return (201, Self.json(["number": state.nextID]))
            case ("PATCH", 2, "issues"):
                guard let index = state.issues.firstIndex(where: { String($0.id) == rest[1] }) else {
                    return (404, "{}")
                }
                if let body = input["body"] as? String { state.issues[index].body = body }
                if let title = input["title"] as? String { state.issues[index].title = title }
                if input["state"] as? String == "closed" { state.issues[index].open = false }
                return (200, "{}")
            default:
                return (404, "{}")
            }
        }
    }

    // GitLab: /api/v4/user, /api/v4/projects/ID/...
    private func gitlab(_ method: String, _ s: [String], _ query: [String: String], _ input: [String: Any]) -> (
        Int, String
    ) {
        guard s.count >= 3, s[0] == "api", s[1] == "v4" else { return (404, "{}") }
        if s.count == 3, s[2] == "user" { return (200, Self.json(["id": Self.botID, "username": "project_bot"])) }
        guard s.count >= 5, s[2] == "projects" else { return (404, "{}") }
        let rest = Array(s.dropFirst(4))
        let botID = String(Self.botID)
        return state.withLock { state in
            switch (method, rest.count, rest.first) {
            case ("GET", 4, "repository") where rest[3] == "merge_requests":
                let requests = state.merged[rest[2]].map { [["iid": $0, "state": "merged"]] } ?? []
                return (200, Self.json(requests))
            case ("GET", 3, "merge_requests") where rest[2] == "notes":
                let items = state.comments[Int(rest[1]) ?? 0] ?? []
                return (
                    200,
                    Self.json(
                        Self.page(items, query).map {
                            ["id": $0.id, "body": $0.body, "author": ["id": Int($0.author) ?? 0]]
                        })
                )
            case ("POST", 3, "merge_requests") where rest[2] == "notes":
                state.nextID += 1
                state.comments[Int(rest[1]) ?? 0, default: []].append(
                    Item(id: state.nextID, body: input["body"] as? String ?? "", author: botID))
                return (201, Self.json(["id": state.nextID]))
            case ("PUT", 4, "merge_requests") where rest[2] == "notes":
                let number = Int(rest[1]) ?? 0
                guard let index = state.comments[number]?.firstIndex(where: { String($0.id) == rest[3] }) else {
                    return (404, "{}")
                }
                state.comments[number]?[index].body = input["body"] as? String ?? ""
                return (200, "{}")
            case ("GET", 1, "issues"):
                let open = state.issues.filter { $0.open || query["state"] != "opened" }
                return (
                    200,
                    Self.json(
                        Self.page(open, query).map {
                            [
                                "iid": $0.id, "title": $0.title, "description": $0.body,
                                "author": ["id": Int($0.author) ?? 0],
                            ]
                        })
                )
            case ("POST", 1, "issues"):
                state.nextID += 1
                state.issues.append(
                    Item(
                        id: state.nextID, body: input["description"] as? String ?? "", author: botID,
                        title: input["title"] as? String ?? ""))
                return (201, Self.json(["iid": state.nextID]))
            case ("PUT", 2, "issues"):
                guard let index = state.issues.firstIndex(where: { String($0.id) == rest[1] }) else {
                    return (404, "{}")
                }
                if let body = input["description"] as? String { state.issues[index].body = body }
                if input["state_event"] as? String == "close" { state.issues[index].open = false }
                return (200, "{}")
            default:
                return (404, "{}")
            }
        }
    }

    private static func page<T>(_ items: [T], _ query: [String: String]) -> [T] {
        let size = Int(query["per_page"] ?? "30") ?? 30
        let page = max(1, Int(query["page"] ?? "1") ?? 1)
        return Array(items.dropFirst((page - 1) * size).prefix(size))
    }

    private static func json(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
