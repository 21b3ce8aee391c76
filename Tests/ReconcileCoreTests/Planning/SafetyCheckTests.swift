import Testing

@testable import ReconcileCore

@Suite("SafetyCheck")
struct SafetyCheckTests {
    typealias F = Fixture

    /// A plan "nightly" holding `current` repositories r0..., of which the desired state keeps `kept`.
    private func detachPlan(current: Int, kept: Int, licences: LicenseMode = .additive) throws -> (
        ReconcilePlan, LiveState
    ) {
        let names = (0..<current).map { "r\(1000 + $0)" }
        let live = LiveState(organizations: [
            F.organization("acme", names.map { F.repository($0) }, [F.plan("nightly", names)])
        ])
        let desired = DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("nightly", Array(names.prefix(kept)))], licenses: licences)
        ])
        let plan = try #require(Planner.plan(desired: desired, live: live).plan)
        return (plan, live)
    }

    @Test func refusesDetachingMoreThanTheShareWithTheNumbers() throws {
        let (plan, live) = try detachPlan(current: 40, kept: 26)
        #expect(
            SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).map(\.message) == [
                "plan \"nightly\": 14 of 40 repositories (35%) would be detached; the limit is 25%; --force to proceed"
            ])
        #expect(SafetyCheck.check(plan, live: live, policy: SafetyPolicy(force: true)).isEmpty)
        #expect(SafetyCheck.check(plan, live: live, policy: SafetyPolicy(maxDetachRatio: 0.35)).isEmpty)
    }

    @Test func exactlyAtTheLimitIsAllowed() throws {
        let (plan, live) = try detachPlan(current: 40, kept: 30)
        #expect(SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).isEmpty)
    }

    @Test func plansBelowTheMinimumSizeAreNotChecked() throws {
        let (small, smallLive) = try detachPlan(current: 9, kept: 0)
        #expect(SafetyCheck.check(small, live: smallLive, policy: SafetyPolicy()).isEmpty)
        let (ten, tenLive) = try detachPlan(current: 10, kept: 0)
        #expect(
            SafetyCheck.check(ten, live: tenLive, policy: SafetyPolicy()).map(\.message) == [
                "plan \"nightly\": 10 of 10 repositories (100%) would be detached; the limit is 25%; --force to proceed"
            ])
    }

    @Test func sharesThatAreNotWholePercentsShowATenth() throws {
        let (plan, live) = try detachPlan(current: 12, kept: 8)
        #expect(
            SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).first?.message
                == "plan \"nightly\": 4 of 12 repositories (33.3%) would be detached; the limit is 25%; --force to proceed"
        )
    }

    @Test func refusesDeactivatingTooManyLicensesOfAnOrganization() throws {
        let names = (0..<20).map { "r\(1000 + $0)" }
        let live = LiveState(organizations: [
            F.organization("acme", names.map { F.repository($0) }, [F.plan("nightly", Array(names.prefix(12)))])
        ])
        let desired = DesiredState(organizations: [F.desiredOrganization("acme", [], licenses: .exact)])
        let plan = try #require(Planner.plan(desired: desired, live: live).plan)
        #expect(plan.summary.deactivate == 8)
        #expect(
            SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).map(\.message) == [
                "organization \"acme\": 8 of 20 licences (40%) would be deactivated; the limit is 25%; --force to proceed"
            ])
    }

    @Test func aShareJustAboveTheLimitNeverPrintsAsTheLimit() throws {
        let names = (0..<10_000).map { "r\(100_000 + $0)" }
        let live = LiveState(organizations: [
            F.organization("acme", names.map { F.repository($0) }, [F.plan("nightly", names)])
        ])
        let desired = DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("nightly", Array(names.prefix(7499)))])
        ])
        let plan = try #require(Planner.plan(desired: desired, live: live).plan)
        #expect(
            SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).first?.message
                == "plan \"nightly\": 2501 of 10000 repositories (25.1%) would be detached; the limit is 25%; --force to proceed"
        )
    }

    @Test func turningIncludeAllOffCountsTheRepositoriesItStopsBackingUp() throws {
        let names = (0..<20).map { "r\(1000 + $0)" }
        let live = LiveState(organizations: [
            F.organization("acme", names.map { F.repository($0) }, [F.plan("all", includeAll: true)])
        ])
        let narrow = DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("all", Array(names.prefix(5)), includeAll: false)])
        ])
        let plan = try #require(Planner.plan(desired: narrow, live: live).plan)
        #expect(
            SafetyCheck.check(plan, live: live, policy: SafetyPolicy()).map(\.message) == [
                "plan \"all\": includeAllRepositories true -> false would stop backing up 15 of 20 repositories (75%); the limit is 25%; --force to proceed"
            ])
        let wide = DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("all", Array(names.prefix(16)), includeAll: false)])
        ])
        let widePlan = try #require(Planner.plan(desired: wide, live: live).plan)
        #expect(SafetyCheck.check(widePlan, live: live, policy: SafetyPolicy()).isEmpty)
    }

    @Test func percentFormatting() {
        #expect(SafetyCheck.percent(tenths: 350) == "35%")
        #expect(SafetyCheck.percent(tenths: 275) == "27.5%")
        #expect(SafetyCheck.percent(tenths: 1000) == "100%")
    }
}

@Suite("PlanFingerprint")
struct PlanFingerprintTests {
    @Test("a pasted fingerprint matches without the sha256: prefix, case or white space")
    func pastedFingerprints() {
        #expect(PlanFingerprint.matches("sha256:ABCdef", "abcdef\n"))
        #expect(PlanFingerprint.matches("  abcdef", "sha256:abcdef"))
        #expect(!PlanFingerprint.matches("sha256:abc", "sha256:abd"))
        #expect(!PlanFingerprint.matches("sha256:abc", "sha256:abcd"))
    }

    typealias F = Fixture
    let live = LiveState(organizations: [
        F.organization(
            "acme", [F.repository("api"), F.repository("web")], [F.plan("nightly", ["api", "web"]), F.plan("weekly")]),
        F.organization("other", [F.repository("x")], []),
    ])

    private func desired(_ patterns: [String], settings: [String: String]? = nil, line: Int = 10) -> DesiredState {
        DesiredState(organizations: [
            F.desiredOrganization("acme", [F.desiredPlan("nightly", patterns, settings: settings, line: line)])
        ])
    }

    private func fingerprint(_ desired: DesiredState, _ live: LiveState, _ options: PlanningOptions = .init()) -> String
    {
        PlanFingerprint.compute(desired: desired, live: live, options: options)
    }

    @Test func isASha256OfStableShape() {
        let value = fingerprint(desired(["*"]), live)
        #expect(value.hasPrefix("sha256:"))
        #expect(value.count == 7 + 64)
        #expect(value == fingerprint(desired(["*"]), live))
    }

    @Test func ignoresSourceLocationsAndServerListOrder() {
        var shuffled = live
        shuffled.organizations.reverse()
        shuffled.organizations[1].repositories.reverse()
        shuffled.organizations[1].plans.reverse()
        shuffled.organizations[1].plans[1].repositoryIds.reverse()
        #expect(fingerprint(desired(["*"], line: 40), shuffled) == fingerprint(desired(["*"]), live))
    }

    @Test func changesWithMeaningfulOrderDesiredValuesAndLiveState() {
        let base = fingerprint(desired(["web", "!web"]), live)
        #expect(fingerprint(desired(["!web", "web"]), live) != base)
        #expect(fingerprint(desired(["web"]), live) != base)
        var changed = live
        changed.organizations[0].repositories[0].isActive = false
        #expect(fingerprint(desired(["web", "!web"]), changed) != base)
        #expect(fingerprint(desired(["web", "!web"]), live, PlanningOptions(licenseChunkSize: 7)) != base)
    }

    @Test func ignoresOrganizationsTheFileDoesNotNameAndSettingsValues() {
        var changed = live
        changed.organizations[1].repositories[0].isActive.toggle()
        #expect(fingerprint(desired(["*"]), changed) == fingerprint(desired(["*"]), live))
        #expect(
            fingerprint(desired(["*"], settings: ["token": "a"]), live)
                == fingerprint(desired(["*"], settings: ["token": "b"]), live))
        #expect(
            fingerprint(desired(["*"], settings: ["token": "a"]), live)
                != fingerprint(desired(["*"], settings: ["other": "a"]), live))
    }
}
