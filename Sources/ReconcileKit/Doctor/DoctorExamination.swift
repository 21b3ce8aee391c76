import Foundation
import Logging
import PrintableText
import ReconcileCore
import XoperoAPI
import XoperoContract

/// The doctor's steps, in order: get in, read the live state as a run would, then probe the listings.
/// I/O only: every verdict comes from a judge (`AccessJudge`, `LiveStateJudge`, `FieldJudge`,
/// `PagingJudge`, `QueryJudge`). A step that cannot be taken leaves the later checks `not-checked`.
struct DoctorExamination: Sendable {
    let client: XoperoClient
    let server: String
    let loggedIn: Bool
    let transport: AccessJudge.Transport
    /// `--org`.
    let wanted: [String]
    let logger: Logger

    var probe: DoctorProbe { DoctorProbe(client: client) }

    func report() async -> DoctorReport {
        var checks = WriteSemantics.checks
        let stopped = await examine(into: &checks)
        return DoctorReport(server: server, checks: checks, missingReason: stopped ?? "not reached")
    }

    /// Appends the checks; returns why it stopped early, or nil when every step was taken.
    private func examine(into checks: inout [DoctorCheck]) async -> String? {
        let facts: TokenFacts
        do {
            try await client.authenticate()
            facts = try await client.tokenFacts()
        } catch {
            checks.append(AccessJudge.failure(error))
            return "not reached: doctor could not log in"
        }
        checks += [
            AccessJudge.tokenExpiry(facts, now: Date(), loggedIn: loggedIn), AccessJudge.tokenRole(facts),
        ]
        let organizationsQuery = DoctorQuery(listing: .organizations)
        let organizationsPage: RawPage
        do {
            organizationsPage = try await probe.page(organizationsQuery)
        } catch {
            checks.append(AccessJudge.failure(error))
            return "not reached: the server could not be read"
        }
        checks += [
            AccessJudge.reachability(server: server, firstCall: loggedIn ? .login : .getOrganizations),
            AccessJudge.tls(transport), AccessJudge.login(loggedIn: loggedIn),
        ]
        logger.info("doctor: reading the live state")
        let read = await readLiveState()
        if case .failure(let failure) = read { checks.append(failure.check) }
        let live = try? read.get().live
        let targets =
            live.map { $0.organizations.map(ProbeTarget.init) }
            ?? organizationsPage.items.filter { wanted.isEmpty || wanted.contains($0["name"]?.string ?? "") }
            .compactMap(ProbeTarget.init(raw:))
        logger.info("doctor: probing the answers' fields")
        let fields = await DoctorFieldProbes(
            probe: probe, organizationsQuery: organizationsQuery, organizationsPage: organizationsPage, targets: targets
        ).checks()
        checks += fields.checks
        guard case .success(let (listed, live)) = read else { return "not reached: the live state cannot be read" }
        checks += [
            LiveStateJudge.organizations(listed: listed.map(\.name), wanted: wanted), LiveStateJudge.listings(live),
            LiveStateJudge.planMembership(live), LiveStateJudge.counters(Self.counted(listed, live)),
            LiveStateJudge.synchronization(live), LiveStateJudge.readOnly(live),
        ]
        logger.info("doctor: probing paging, sorting and filtering")
        checks += await DoctorQueryProbes(
            probe: probe, samples: fields.samples, organizationCount: listed.count, live: live
        ).checks()
        return nil
    }

    /// The organizations listing whole (with the counters) and the live state in scope, read as a run
    /// reads them; or the `listings` check that says why they cannot be.
    private func readLiveState() async -> Result<
        (listed: [Components.Schemas.Organization], live: LiveState), DoctorCheckFailure
    > {
        let fetcher = LiveStateFetcher(client: client, logger: logger)
        do throws(ReconcileError) {
            let listed = try await fetcher.organizations(named: nil)
            let live = try await fetcher.fetch(organizationNames: wanted.isEmpty ? nil : Set(wanted))
            return .success((listed, live))
        } catch {
            let detail: String
            switch error {
            case .unreadableLiveState(let problem): detail = ServerText.bounded(problem, limit: 500)
            default: detail = error.description
            }
            return .failure(DoctorCheckFailure(check: DoctorCheck(.listings, .contradicted, detail)))
        }
    }

    /// Each organization read, with the counters organizations/getmany reported for it.
    static func counted(_ listed: [Components.Schemas.Organization], _ live: LiveState) -> [CountedOrganization] {
        let byID = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return live.organizations.compactMap { organization in
            byID[organization.id].map {
                CountedOrganization(
                    reported: OrganizationCounters(
                        totalRepositories: $0.totalRepositories, removedRepositories: $0.removedRepositories,
                        protectedRepositories: $0.protectedRepositories, missingLicences: $0.missingLicences),
                    live: organization)
            }
        }
    }
}

/// A check that stopped a step, as a `Result`'s failure.
struct DoctorCheckFailure: Error, Sendable {
    let check: DoctorCheck
}
