#!/bin/sh
# drift.sh: the scheduled check. A dry run with --detailed-exitcode; on drift, what
# $XOPERO_DRIFT_ACTION says: "issue" (the default) opens or updates ONE issue holding the plan (found by
# the marker <!-- xopero-reconcile:drift -->), "apply" applies the plan just made (its fingerprint must
# still match). Without drift an open drift issue is closed. Exit 0 when there was no drift, or the
# drift was reported or applied; otherwise reconcile's status.
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

action=${XOPERO_DRIFT_ACTION:-issue}
case $action in issue | apply) ;; *) die "XOPERO_DRIFT_ACTION must be issue or apply, not $action" ;; esac
mkdir -p "$XOPERO_OUT"
status=0
reconcile --dry-run -f "$XOPERO_FILE" --detailed-exitcode --format markdown --out "$XOPERO_OUT/plan.json" \
    ${GITHUB_STEP_SUMMARY:+--step-summary} ${XOPERO_METRICS_FILE:+--metrics-file "$XOPERO_METRICS_FILE"} \
    >"$XOPERO_OUT/plan.md" || status=$?
case $status in
0)
    say "no drift: the live state matches the desired state"
    if [ "$action" = issue ]; then sh "$(dirname "$0")/issue.sh" close; fi
    ;;
2)
    say "drift found"
    if [ "$action" = apply ]; then
        XOPERO_METRICS_FILE=${XOPERO_APPLY_METRICS_FILE:-} sh "$(dirname "$0")/apply.sh" "$(fingerprint_of "$XOPERO_OUT/plan.json")"
    else
        sh "$(dirname "$0")/issue.sh" open "$XOPERO_OUT/plan.md"
    fi
    ;;
*) exit "$status" ;;
esac
