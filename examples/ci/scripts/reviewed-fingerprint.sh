#!/bin/sh
# reviewed-fingerprint.sh COMMIT: prints the fingerprint of the reviewed plan of the pull request (merge
# request) that COMMIT merged, read from the plan comment that comment.sh kept up to date; prints
# nothing when there is none (a direct push, a comment that says the plan failed). apply.sh then falls
# back to a fresh dry run. Exits 1 only when the forge's API cannot be read.
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

commit=${1:?usage: reviewed-fingerprint.sh COMMIT}
need curl jq
comment=$(mktemp)
case $(platform) in
github)
    base="${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?}"
    pr=$(api GET "$base/commits/$commit/pulls" | jq -r '[.[] | select(.merged_at != null)] | first | .number // empty')
    if [ -n "$pr" ]; then
        first_by_marker "$base/issues/$pr/comments" "$PLAN_MARKER" body "$(github_author)" .body >"$comment"
        say "pull request $pr merged $commit"
    fi
    ;;
gitlab)
    base="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}"
    mr=$(api GET "$base/repository/commits/$commit/merge_requests" |
        jq -r '[.[] | select(.state == "merged")] | first | .iid // empty')
    if [ -n "$mr" ]; then
        first_by_marker "$base/merge_requests/$mr/notes?sort=asc" "$PLAN_MARKER" body "$(gitlab_author)" .body >"$comment"
        say "merge request $mr merged $commit"
    fi
    ;;
*) die "reviewed-fingerprint.sh runs in GitHub Actions or GitLab CI (or set XOPERO_CI_PLATFORM)" ;;
esac
fingerprint=$(fingerprint_of "$comment")
rm -f "$comment"
if [ -n "$fingerprint" ]; then
    say "the reviewed plan's fingerprint: $fingerprint"
else
    say "no reviewed plan found for $commit"
fi
printf '%s\n' "$fingerprint"
