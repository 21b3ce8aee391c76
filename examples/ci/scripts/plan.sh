#!/bin/sh
# The pull-request (merge-request) step: validate the desired state, then a dry run.
#
# Writes $XOPERO_OUT/plan.md (the Markdown plan: the comment), $XOPERO_OUT/plan.json (the artifact the
# fingerprint comes from) and, on GitLab, gl-code-quality-report.json ($XOPERO_CODEQUALITY). On GitHub
# the diagnostics become annotations and the plan is added to the job summary.
#
# Exits 0 whether or not there are changes (changes=true|false is written to $GITHUB_OUTPUT when it is
# set, and to $XOPERO_OUT/changes); 1 when the files are invalid or the dry run failed, after writing
# a plan.md that says so (the comment must never keep showing an older, now wrong, plan).
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$XOPERO_OUT"
rm -f "$XOPERO_OUT/plan.md" "$XOPERO_OUT/plan.json"
codequality=""
[ "$(platform)" = gitlab ] && codequality=${XOPERO_CODEQUALITY:-gl-code-quality-report.json}

status=0
# validate takes no connection flags: it never needs a server or credentials.
"$RECONCILE" validate "$XOPERO_FILE" ${codequality:+--codequality-report "$codequality"} || status=$?
if [ "$status" -eq 0 ]; then
    reconcile --dry-run -f "$XOPERO_FILE" --format markdown --out "$XOPERO_OUT/plan.json" --detailed-exitcode \
        ${GITHUB_STEP_SUMMARY:+--step-summary} ${codequality:+--codequality-report "$codequality"} \
        >"$XOPERO_OUT/plan.md" || status=$?
fi

changes=false
case $status in
0) ;;
2)
    changes=true
    status=0
    ;;
*)
    # A dry run refused by the safety check printed its plan: keep it and say why it cannot be applied.
    if [ -s "$XOPERO_OUT/plan.md" ]; then
        printf '\n' >>"$XOPERO_OUT/plan.md"
    else
        printf '%s\n### xopero-reconcile plan\n\n' "$PLAN_MARKER" >"$XOPERO_OUT/plan.md"
    fi
    link=$(job_url)
    {
        printf '> **The plan failed (exit %s)**: the desired state is invalid, the safety check refused the plan, ' "$status"
        printf 'or the server could not be read. The annotations on the files and the job log say which'
        [ -n "$link" ] && printf ': %s' "$link"
        printf '.\n'
    } >>"$XOPERO_OUT/plan.md"
    ;;
esac
printf '%s\n' "$changes" >"$XOPERO_OUT/changes"
[ -n "${GITHUB_OUTPUT:-}" ] && printf 'changes=%s\n' "$changes" >>"$GITHUB_OUTPUT"
say "plan: exit $status, changes: $changes"
exit "$status"
