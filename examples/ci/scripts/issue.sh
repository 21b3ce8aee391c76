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
case $(platform) in
github)
    base="${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?}"
    number=$(first_by_marker "$base/issues?state=open" "$DRIFT_MARKER" body \
        "(.pull_request == null) and $(github_author)" .number)
    if [ "$what" = open ]; then
        body=$(json_body "$description" "$title" body)
        upsert "$number" PATCH "$base/issues/$number" "$base/issues" "$body" "the drift issue"
    elif [ -n "$number" ]; then
        printf '{"state": "closed", "state_reason": "completed"}' >"$description"
        api PATCH "$base/issues/$number" "$description" >/dev/null
        say "closed the drift issue #$number: no drift left"
    fi
    ;;
gitlab)
    base="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}"
    number=$(first_by_marker "$base/issues?state=opened" "$DRIFT_MARKER" description "$(gitlab_author)" .iid)
    if [ "$what" = open ]; then
        body=$(json_body "$description" "$title" description)
        upsert "$number" PUT "$base/issues/$number" "$base/issues" "$body" "the drift issue"
    elif [ -n "$number" ]; then
        printf '{"state_event": "close"}' >"$description"
        api PUT "$base/issues/$number" "$description" >/dev/null
        say "closed the drift issue #$number: no drift left"
    fi
    ;;
*) die "issue.sh runs in GitHub Actions or GitLab CI (or set XOPERO_CI_PLATFORM)" ;;
esac
rm -f "$description" "${body:-}"
