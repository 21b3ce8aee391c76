#!/bin/sh
# apply.sh [FINGERPRINT]: applies the desired state, refusing unless the plan about to run has
# FINGERPRINT (default: $XOPERO_EXPECT_FINGERPRINT), the fingerprint of the reviewed plan. Without one,
# it makes a fresh dry run (printed in the log) and applies with that plan's fingerprint, so what runs is
# exactly what the log shows. Writes $XOPERO_OUT/applied.json (each operation's outcome) and, when
# $XOPERO_METRICS_FILE is set, a Prometheus metrics file. Exit status: reconcile's (0, 1, 3, 130, 143).
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$XOPERO_OUT"
fingerprint=${1:-${XOPERO_EXPECT_FINGERPRINT:-}}
if [ -z "$fingerprint" ]; then
    say "no reviewed plan: making a fresh dry run; the apply must match its fingerprint"
    reconcile --dry-run -f "$XOPERO_FILE" --out "$XOPERO_OUT/plan.json"
    fingerprint=$(fingerprint_of "$XOPERO_OUT/plan.json")
    [ -n "$fingerprint" ] || die "the dry run wrote no fingerprint to $XOPERO_OUT/plan.json"
fi
say "applying the plan with fingerprint $fingerprint"
status=0
reconcile --apply -f "$XOPERO_FILE" --expect-fingerprint "$fingerprint" --out "$XOPERO_OUT/applied.json" \
    ${GITHUB_STEP_SUMMARY:+--step-summary} ${XOPERO_METRICS_FILE:+--metrics-file "$XOPERO_METRICS_FILE"} || status=$?
if [ "$status" -eq 1 ] && [ -n "${1:-${XOPERO_EXPECT_FINGERPRINT:-}}" ]; then
    say "if the apply was refused because the fingerprint differs, the desired state or the server changed since"
    say "the review: run the plan again on a pull request, or run this workflow by hand without a fingerprint"
fi
exit "$status"
