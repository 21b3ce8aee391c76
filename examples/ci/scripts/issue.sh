#!/bin/sh
# issue.sh open PLAN.md | close: keeps ONE open issue about drift, found by the marker on the first line
# of its description (<!-- xopero-reconcile:drift -->) among the issues the job's own account opened:
# "open" creates it or replaces its description with the new plan; "close" closes it (drift gone).
#
# GitHub: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL.
# GitLab: XOPERO_GITLAB_TOKEN (api scope), CI_API_V4_URL, CI_PROJECT_ID.
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

what=${1:?usage: issue.sh open PLAN.md | issue.sh close}
title="xopero-reconcile: the live backup configuration has drifted from the desired state"
if [ "${XOPERO_SKIP_FORGE_API:-}" = 1 ]; then
    say "XOPERO_SKIP_FORGE_API=1: not calling the API (issue.sh $what)"
    exit 0
fi
need curl jq
description=$(mktemp)
if [ "$what" = open ]; then
    plan=${2:?usage: issue.sh open PLAN.md}
    {
        printf '%s\n' "$DRIFT_MARKER"
        cat "$plan"
        printf '\n_Last checked: %s' "$(date -u '+%Y-%m-%d %H:%M UTC')"
        link=$(job_url)
        [ -n "$link" ] && printf ' by %s' "$link"
        printf '._\n'
    } >"$description"
fi
# The two forges differ only in these values: where the open issues are, the description's field,
# which issues are the job's own, the id, the method that edits, and the body that closes.
case $(platform) in
github)
    base="${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?}"
    open_issues="$base/issues?state=open" text=body filter="(.pull_request == null) and $(github_author)"
    id=.number method=PATCH closing='{"state": "closed", "state_reason": "completed"}'
    ;;
gitlab)
    base="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}"
    open_issues="$base/issues?state=opened" text=description filter=$(gitlab_author)
    id=.iid method=PUT closing='{"state_event": "close"}'
    ;;
*) die "issue.sh runs in GitHub Actions or GitLab CI (or set XOPERO_CI_PLATFORM)" ;;
esac
number=$(first_by_marker "$open_issues" "$DRIFT_MARKER" "$text" "$filter" "$id")
if [ "$what" = open ]; then
    body=$(json_body "$description" "$title" "$text")
    upsert "$number" "$method" "$base/issues/$number" "$base/issues" "$body" "the drift issue"
elif [ -n "$number" ]; then
    printf '%s' "$closing" >"$description"
    api "$method" "$base/issues/$number" "$description" >/dev/null
    say "closed the drift issue #$number: no drift left"
fi
rm -f "$description" "${body:-}"
