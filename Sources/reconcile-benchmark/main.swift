import ReconcileCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Benchmark of the pure core: parsing 1 MB files with 50,000 `${VAR}` references, then planning a
// large installation (not a timed test; listed in README.md).
// Usage: swift build -c release --product reconcile-benchmark && .build/release/reconcile-benchmark [runs]

/// CPU time of this process so far, in seconds.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `body` `runs` times; returns the result and the fastest and median CPU seconds.
func measure<T>(_ label: String, runs: Int, _ body: () -> T) -> T {
    var times: [Double] = []
    var result: T?
    for _ in 0..<runs {
        let start = cpuSeconds()
        result = body()
        times.append(cpuSeconds() - start)
    }
    times.sort()
    let milliseconds = { (seconds: Double) in String(Int((seconds * 1000).rounded())) }
    print(
        "\(label): min \(milliseconds(times[0])) ms, median \(milliseconds(times[times.count / 2])) ms CPU (\(runs) runs)"
    )
    guard let result else { fatalError("runs must be at least 1") }
    return result
}

let runs = max(1, CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 5)
ParsingBenchmark.run(runs: runs)
let setupStart = cpuSeconds()
let installation = SyntheticInstallation(repositoryCount: 100_000, organizationCount: 20, plansPerOrganization: 20)
print(
    "synthetic installation: 100000 repositories, 20 organizations, 400 plans (built in \(Int(((cpuSeconds() - setupStart) * 1000).rounded())) ms)"
)

let result = measure("Planner.plan (validation, diff, order, fingerprint)", runs: runs) {
    Planner.plan(desired: installation.desired, live: installation.live)
}
guard let plan = result.plan else {
    print("planning failed: \(result.diagnostics.prefix(5).map(\.message))")
    exit(1)
}
print(
    "  plan: \(plan.operations.count) operations, \(plan.warnings.count) warnings; \(PlanRenderer.text(plan).split(separator: "\n").last ?? "")"
)
_ = measure("PlanFingerprint.compute alone", runs: runs) {
    PlanFingerprint.compute(desired: installation.desired, live: installation.live)
}
let json = measure("PlanRenderer.json", runs: runs) { PlanRenderer.json(plan) }
print("  json: \(json.utf8.count) bytes")
_ = measure("PlanRenderer.text", runs: runs) { PlanRenderer.text(plan) }
_ = measure("PlanRenderer.markdown", runs: runs) { PlanRenderer.markdown(plan) }
