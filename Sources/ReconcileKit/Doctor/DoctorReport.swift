import ReconcileCore

/// What `reconcile doctor` concluded about one assumption.
public enum DoctorVerdict: String, Sendable, Hashable, CaseIterable {
    /// The server behaves as the contract assumes, as far as reading can show.
    case confirmed
    /// The server differs from the contract; the detail says what was seen.
    case contradicted
    /// Not looked at: reading cannot show it, or an earlier step failed; the detail says why.
    case notChecked = "not-checked"

    /// How the text report spells it.
    var text: String { self == .notChecked ? "not checked" : rawValue }
}

/// The checks of `reconcile doctor`, in the order they are reported. Every report lists each once.
public enum DoctorTopic: String, Sendable, Hashable, CaseIterable {
    case reachability, tls, login
    case tokenExpiry = "token-expiry"
    case tokenRole = "token-role"
    case organizations
    case fieldsEnvelope = "fields-envelope"
    case fieldsOrganization = "fields-organization"
    case fieldsPlan = "fields-plan"
    case fieldsRepository = "fields-repository"
    case fieldsPlanAssignment = "fields-plan-assignment"
    case pageSize = "page-size"
    case secondPage = "paging-second-page"
    case pageBinding = "page-binding"
    case sorting
    case removedFilter = "filter-is-removed"
    case listings
    case planMembership = "plan-membership"
    case counters
    case synchronization
    case readOnly = "read-only"
    case attachDetachIdempotence = "attach-detach-idempotence"
    case modifySemantics = "modify-semantics"
    case licenceAnswers = "licence-answers"
    case writePermission = "write-permission"
    case errorCodes = "error-codes"
}

/// One line of the report.
public struct DoctorCheck: Sendable, Hashable {
    public var topic: DoctorTopic
    public var verdict: DoctorVerdict
    /// What was seen (with the numbers and names), or why it was not checked.
    public var detail: String

    public init(_ topic: DoctorTopic, _ verdict: DoctorVerdict, _ detail: String) {
        self.topic = topic
        self.verdict = verdict
        self.detail = detail
    }

    public var name: String { topic.rawValue }
}

/// The whole report: the server and one check per topic, in `DoctorTopic` order.
public struct DoctorReport: Sendable, Hashable {
    public var server: String
    public var checks: [DoctorCheck]

    /// Orders the checks by topic, one each: a topic checked twice keeps its first contradiction, else
    /// its last check; a topic without a check is reported `not-checked` with `missingReason` (the step
    /// that would have checked it was not reached).
    public init(server: String, checks: [DoctorCheck], missingReason: String) {
        self.server = server
        self.checks = DoctorTopic.allCases.map { topic in
            checks.first { $0.topic == topic && $0.verdict == .contradicted } ?? checks.last { $0.topic == topic }
                ?? DoctorCheck(topic, .notChecked, missingReason)
        }
    }

    public var isContradicted: Bool { checks.contains { $0.verdict == .contradicted } }

    /// `0` when nothing is contradicted, `1` otherwise.
    public var exitStatus: ExitStatus { isContradicted ? .failure : .success }

    /// `14 confirmed, 1 contradicted, 6 not checked.`
    public var summary: String {
        let counts = DoctorVerdict.allCases.map { verdict in
            "\(checks.filter { $0.verdict == verdict }.count) \(verdict.text)"
        }
        return counts.joined(separator: ", ") + "."
    }

    /// For people: one line a check, the verdict first, then the summary.
    public var text: String {
        let width = DoctorVerdict.allCases.map(\.text.count).max() ?? 0
        var lines = ["reconcile doctor: \(server)", ""]
        for check in checks {
            let padding = String(repeating: " ", count: width - check.verdict.text.count + 2)
            lines.append("\(check.verdict.text)\(padding)\(check.name): \(check.detail)")
        }
        lines += ["", summary]
        return lines.joined(separator: "\n") + "\n"
    }

    /// For machines: `{"server", "checks": [{"name", "verdict", "detail"}]}`.
    public var json: String {
        let checks = checks.map { check in
            OrderedJSON.object([
                ("name", .string(check.name)), ("verdict", .string(check.verdict.rawValue)),
                ("detail", .string(check.detail)),
            ])
        }
        return JSONWriter.prettyPrinted(.object([("server", .string(server)), ("checks", .array(checks))]))
    }
}
