import Foundation
import XoperoSimulator

/// The accounts tests log in with. The passwords are distinctive, so that a test can prove they never
/// appear in any output.
public enum TestAccounts {
    public static let adminEmail = "admin@example.com"
    public static let adminPassword = "Adm1n-s3cret-test-9f2c"
    public static let viewerEmail = "viewer@example.com"
    public static let viewerPassword = "V1ewer-s3cret-test-77ab"

    public static let users = [
        SimulatorUser(email: adminEmail, password: adminPassword, roles: [.systemAdministrator]),
        SimulatorUser(email: viewerEmail, password: viewerPassword, roles: [.viewer]),
    ]

    /// The environment of a run that logs in as `email` at `server`.
    public static func environment(
        server: String, email: String = adminEmail, password: String = adminPassword
    ) -> [String: String] {
        ["XOPERO_URL": server, "XOPERO_EMAIL": email, "XOPERO_PASSWORD": password]
    }
}

/// The repository's files, for tests that read examples or write scratch files.
public enum RepositoryFiles {
    /// The repository's root (this file is Tests/TestSupport/TestAccounts.swift).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A file holding `text` in a new temporary folder (names are unique).
    public static func temporaryFile(_ text: String, name: String = "reconcile.yaml") throws -> String {
        let url = try ScratchFolder.folder("reconcile-test").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The example installation (examples/live-state.json) with the test accounts, and optionally a
    /// different licence total.
    public static func exampleState(licenceTotal: Int?? = nil) throws -> SimulatorStateFile {
        var state = try SimulatorStateFile.load(path: path("examples/live-state.json"))
        state.users = TestAccounts.users
        if let licenceTotal { state.licences = .init(total: licenceTotal) }
        return state
    }

    public static var exampleFile: String { path("examples/reconcile.yaml") }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension TestAccounts {
    /// A token for `email` from the server's login call (for runs that use `XOPERO_TOKEN`).
    public static func token(server: String, email: String = adminEmail, password: String = adminPassword)
        async throws -> String
    {
        guard let url = URL(string: server + "/account/login") else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["email": email, "password": password])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = answer["accessToken"] as? String
        else { throw URLError(.cannotParseResponse) }
        return token
    }
}
