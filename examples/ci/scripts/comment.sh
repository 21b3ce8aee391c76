#!/bin/sh
# comment.sh PLAN.md: posts the Markdown plan on the pull request (GitHub) or merge request (GitLab) as
# ONE comment, updated in place on every push: the comment is found by the hidden marker on its first
# line (<!-- xopero-reconcile:plan -->) among the comments the job's own account wrote.
#
# GitHub: GITHUB_TOKEN (pull-requests: write), GITHUB_REPOSITORY, PR_NUMBER, GITHUB_API_URL.
# GitLab: XOPERO_GITLAB_TOKEN (api scope), CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID.
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

plan=${1:?usage: comment.sh PLAN.md}
[ "$(head -n 1 "$plan")" = "$PLAN_MARKER" ] || die "$plan does not start with $PLAN_MARKER: not a Markdown plan"
if [ "${XOPERO_SKIP_FORGE_API:-}" = 1 ]; then
    say "XOPERO_SKIP_FORGE_API=1: not posting; the comment would be:"
    cat "$plan" >&2
    exit 0
fi
need curl jq
body=$(json_body "$plan")
case $(platform) in
github)
    base="${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?}"
    pr=${PR_NUMBER:?PR_NUMBER is needed: github.event.pull_request.number}
    id=$(first_by_marker "$base/issues/$pr/comments" "$PLAN_MARKER" body "$(github_author)" .id)
    upsert "$id" PATCH "$base/issues/comments/$id" "$base/issues/$pr/comments" "$body" "the plan comment" \
        "on pull request $pr"
    ;;
gitlab)
    base="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}/merge_requests/${CI_MERGE_REQUEST_IID:?}/notes"
    id=$(first_by_marker "$base?sort=asc" "$PLAN_MARKER" body "$(gitlab_author)" .id)
    upsert "$id" PUT "$base/$id" "$base" "$body" "the plan note" "on merge request $CI_MERGE_REQUEST_IID"
    ;;
*) die "comment.sh runs in GitHub Actions or GitLab CI (or set XOPERO_CI_PLATFORM)" ;;
esac
rm -f "$body"
