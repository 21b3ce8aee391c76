#!/usr/bin/env python3
"""Apply at the server's pace: sweeps fixed --concurrency levels and `auto` against the simulator for
three server profiles, and prints a Markdown table (docs/PERFORMANCE.md holds the last one).

The workload is an apply of about 1,700 calls in three organizations (attaches and detaches; --force,
since it detaches half of each plan). Each run starts a fresh `xopero-sim serve` on a free port from the
same state file, runs `reconcile --apply` once, and reads the simulator's /__sim/stats for the 429s and
the peak number of calls in flight.

Usage: swift build -c release --product reconcile && swift build -c release --product xopero-sim
       python3 scripts/benchmark-concurrency.py [--runs N] [--levels 1,2,4,...] [--bin .build/release]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ORGANIZATIONS = 3
REPOSITORIES = 800

PROFILES = [
    ("20 ms latency, no limits", ["--latency", "20"], None),
    ("throttled to 300 calls/s", ["--throttle", "300"], 300),
    ("capacity 16 at 20 ms", ["--latency", "20", "--capacity", "16"], None),
]


def state_and_desired(folder):
    """Each organization: 800 licensed repositories; plan nightly holds 1-400, the file wants 201-770."""
    organizations, desired = [], ["version: 1", "organizations:"]
    for number in range(1, ORGANIZATIONS + 1):
        names = ["repo-%04d" % index for index in range(1, REPOSITORIES + 1)]
        organizations.append({
            "name": "org-%d" % number,
            "repositories": [{"name": name, "isActive": True} for name in names],
            "plans": [{"name": "nightly", "backupType": 5, "includeMetadata": True, "repositories": names[:400]}],
        })
        desired += ["  - name: org-%d" % number, "    plans:", "      - name: nightly",
                    "        repositories: [%s]" % ", ".join(names[200:770])]
    state = {"licences": {"total": None},
             "users": [{"email": "admin@example.com", "password": "bench-password", "roles": ["SystemAdministrator"]}],
             "organizations": organizations}
    state_path, desired_path = os.path.join(folder, "state.json"), os.path.join(folder, "reconcile.yaml")
    with open(state_path, "w") as handle:
        json.dump(state, handle)
    with open(desired_path, "w") as handle:
        handle.write("\n".join(desired) + "\n")
    return state_path, desired_path


def run_once(binaries, state_path, desired_path, profile_flags, concurrency):
    server = subprocess.Popen([os.path.join(binaries, "xopero-sim"), "serve", "--state", state_path, "--port", "0"]
                              + profile_flags, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().strip()
        environment = dict(os.environ, XOPERO_URL=url, XOPERO_EMAIL="admin@example.com",
                           XOPERO_PASSWORD="bench-password", NO_COLOR="1")
        # "auto" is the default (--max-concurrency 32); "auto/64" raises the bound to 64.
        level, _, maximum = concurrency.partition("/")
        command = [os.path.join(binaries, "reconcile"), "--apply", "--force", "-f", desired_path,
                   "--format", "json", "--concurrency", level] + (["--max-concurrency", maximum] if maximum else [])
        started = time.monotonic()
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        if result.returncode != 0:
            sys.exit("reconcile exited %d: %s" % (result.returncode, result.stderr[-2000:]))
        with urllib.request.urlopen(url + "/__sim/stats") as answer:
            stats = json.load(answer)
        calls = stats.get("totalCalls", 0)
        throttled = stats.get("byStatus", {}).get("429", 0)
        return elapsed, calls, throttled, stats.get("peakConcurrency", 0)
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each setting (the median is reported)")
    parser.add_argument("--levels", default="1,2,4,8,16,32,64", help="the fixed concurrencies to sweep")
    parser.add_argument("--bin", default=".build/release", help="where reconcile and xopero-sim are")
    parser.add_argument("--auto", default="auto,auto/64",
                        help="the adaptive settings: auto (default bound 32), auto/N (--max-concurrency N)")
    arguments = parser.parse_args()
    levels = arguments.levels.split(",")
    with tempfile.TemporaryDirectory() as folder:
        state_path, desired_path = state_and_desired(folder)
        print("| profile | setting | seconds (median of %d) | calls | 429s | peak in flight |" % arguments.runs)
        print("|---|---|---|---|---|---|")
        for name, flags, rate in PROFILES:
            results = {}
            autos = arguments.auto.split(",")
            for setting in levels + autos:
                samples = [run_once(arguments.bin, state_path, desired_path, flags, setting)
                           for _ in range(arguments.runs)]
                seconds = statistics.median(sample[0] for sample in samples)
                calls = max(sample[1] for sample in samples)
                throttled = max(sample[2] for sample in samples)
                peak = max(sample[3] for sample in samples)
                results[setting] = seconds
                print("| %s | %s | %.2f | %d | %d | %d |" % (name, setting, seconds, calls, throttled, peak), flush=True)
            bound = " (throttle bound %.2f s)" % (calls / rate) if rate else ""
            best = min(levels, key=lambda level: results[level])
            for setting in autos:
                # Also against the best fixed level that the setting's own bound allows.
                maximum = int(setting.partition("/")[2] or 32)
                allowed = [level for level in levels if int(level) <= maximum]
                within = min(allowed, key=lambda level: results[level]) if allowed else best
                print("| %s | **%s / best fixed (%s)** | **%.2fx**%s; **%.2fx** of the best fixed <= %d (%s) | | | |"
                      % (name, setting, best, results[setting] / results[best], bound,
                         results[setting] / results[within], maximum, within), flush=True)


if __name__ == "__main__":
    main()
