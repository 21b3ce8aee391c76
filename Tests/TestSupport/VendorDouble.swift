import Foundation
import Synchronization

/// A test double of the vendor's server, independent of the simulator: it serves a small installation
/// over the vendor's paths, one way wrong at a time (`Deviation`), and counts the write calls it gets.
/// It exists so that a server differing from our own assumptions, which the simulator shares, is tested.
public struct VendorDouble: Sendable {
    public struct Repository: Sendable {
        public var id: String
        public var name: String
        public var isActive: Bool
        public var isRemoved: Bool

        public init(_ name: String, active: Bool = true, removed: Bool = false) {
            self.id = "r-\(name)"
            self.name = name
            self.isActive = active
            self.isRemoved = removed
        }
    }

    public struct Plan: Sendable {
        public var id: String
        public var name: String
        public var repositoryIds: [String]
        /// What organizations/getmany reports; by default the number of ids.
        public var repoCount: Int?

        public init(_ name: String, repositories: [String], repoCount: Int? = nil) {
            self.id = "p-\(name)"
            self.name = name
            self.repositoryIds = repositories.map { "r-\($0)" }
            self.repoCount = repoCount
        }
    }

    public struct Organization: Sendable {
        public var id: String
        public var name: String
        public var repositories: [Repository]
        public var plans: [Plan]
        public var synchronizationInProgress = false
        public var isReadOnly = false

        public init(_ name: String, repositories: [Repository], plans: [Plan]) {
            self.id = "o-\(name)"
            self.name = name
            self.repositories = repositories
            self.plans = plans
        }
    }

    /// How the double differs from the contract as we assume it.
    public enum Deviation: Sendable, Equatable {
        case none
        /// Serves at most this many items a page and says so consistently (`pageCount` at that size).
        case consistentPageCap(Int)
        /// Serves at most this many items a page but computes `pageCount` from the `limit` asked.
        case inconsistentPageCap(Int)
        /// Serves this many items a page, and page 2 of the repositories repeats the last item of page 1
        /// instead of its own first (an unstable sort).
        case unstableSort(pageSize: Int)
        /// Leaves this plan out of plans/listassignedtoorganization.
        case planMissingFromAssignments(String)
    }

    public let url: String
    private let counts: Counts

    /// Write calls received (attach, detach, modify, activate, deactivate).
    public var writeCalls: Int { counts.value.withLock { $0.writes } }
    /// Every call received.
    public var calls: Int { counts.value.withLock { $0.all } }

    final class Counts: Sendable {
        let value = Mutex<(all: Int, writes: Int)>((0, 0))
    }

    static let writePaths: Set<String> = [
        "/plans/attachgitrepository", "/plans/detachgitrepository", "/plans/modifygitplan",
        "/git/repositories/activate", "/git/repositories/deactivate",
    ]

    /// Runs `body` while the double serves `organizations` with `deviation`.
    public static func run<T: Sendable>(
        _ organizations: [Organization], deviation: Deviation = .none, _ body: (VendorDouble) async throws -> T
    ) async throws -> T {
        let counts = Counts()
        let respond: MisbehavingServer.Respond = { request, connection in
            counts.value.withLock {
                $0.all += 1
                if writePaths.contains(request.path) { $0.writes += 1 }
            }
            let answer = Self.answer(request, organizations: organizations, deviation: deviation)
            try await connection.respond(
                status: answer.status, headers: ["Content-Type": "application/json"], body: answer.body)
            return true
        }
        return try await MisbehavingServer.run(respond) { server in
            try await body(VendorDouble(url: server.url, counts: counts))
        }
    }

    static func answer(_ request: RawRequest, organizations: [Organization], deviation: Deviation) -> (
        status: Int, body: String
    ) {
        let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
        let page = body["page"] as? Int ?? 1
        let limit = body["limit"] as? Int ?? 50
        let organization = organizations.first { $0.id == body["id"] as? String }
        switch request.path {
        case "/account/login":
            return (200, #"{"userId": "u-1", "accessToken": "double-token-0123456789"}"#)
        case "/git/organizations/getmany":
            return (200, paged(organizations.map(organizationJSON), page: page, limit: limit, deviation: deviation))
        case "/git/repositories/getmany":
            guard let organization else { return (404, #"{"title": "Organization not found.", "status": 404}"#) }
            var items = organization.repositories.sorted { $0.name < $1.name }.map(repositoryJSON)
            if case .unstableSort(let size) = deviation, items.count > size, page == 2 {
                items[size] = items[size - 1]
            }
            return (200, paged(items, page: page, limit: limit, deviation: deviation))
        case "/plans/listassignedtoorganization":
            guard let organization else { return (404, #"{"title": "Organization not found.", "status": 404}"#) }
            let plans = organization.plans.filter { deviation != .planMissingFromAssignments($0.name) }
            return (200, paged(plans.map(assignmentJSON), page: page, limit: limit, deviation: deviation))
        case _ where writePaths.contains(request.path):
            if request.path.hasSuffix("activate") {
                let ids = body["ids"] as? [String] ?? []
                return (200, json(["success": ids, "error": [Any]()]))
            }
            return (200, "{}")
        default:
            return (404, #"{"title": "Not found.", "status": 404}"#)
        }
    }

    static func paged(_ items: [[String: Any]], page: Int, limit: Int, deviation: Deviation) -> String {
        let served: Int
        let pageCountSize: Int
        switch deviation {
        case .consistentPageCap(let cap):
            served = min(limit, cap)
            pageCountSize = served
        case .inconsistentPageCap(let cap):
            served = min(limit, cap)
            pageCountSize = limit
        case .unstableSort(let size):
            served = size
            pageCountSize = size
        case .none, .planMissingFromAssignments:
            served = limit
            pageCountSize = limit
        }
        let start = (page - 1) * served
        let slice = start < items.count ? Array(items[start..<min(items.count, start + served)]) : []
        let pageCount = (items.count + pageCountSize - 1) / max(pageCountSize, 1)
        return json(["currentPage": page, "pageCount": pageCount, "totalEntries": items.count, "result": slice])
    }

    static func organizationJSON(_ organization: Organization) -> [String: Any] {
        [
            "id": organization.id, "driver": 1, "name": organization.name, "apiUrl": NSNull(),
            "isReadOnly": organization.isReadOnly, "protectedRepositories": 0,
            "totalRepositories": organization.repositories.count, "missingLicences": 0,
            "removedRepositories": organization.repositories.filter(\.isRemoved).count, "defaultWorkerId": NSNull(),
            "isCreatedByMarketplace": false, "synchronizationInProgress": organization.synchronizationInProgress,
            "plans": organization.plans.map { plan in
                [
                    "id": plan.id, "name": plan.name, "backupType": 5, "includeMetadata": true,
                    "repoCount": plan.repoCount ?? plan.repositoryIds.count,
                    "lastStatus": ["successes": 0, "warnings": 0, "errors": 0], "planFinishedTime": NSNull(),
                    "isRunning": false,
                ] as [String: Any]
            },
        ]
    }

    static func repositoryJSON(_ repository: Repository) -> [String: Any] {
        [
            "id": repository.id, "name": repository.name, "isActive": repository.isActive,
            "isRemoved": repository.isRemoved,
        ]
    }

    static func assignmentJSON(_ plan: Plan) -> [String: Any] {
        ["id": plan.id, "name": plan.name, "includeAllRepositories": false, "repositoryIds": plan.repositoryIds]
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
