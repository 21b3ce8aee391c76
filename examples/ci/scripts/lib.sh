# Shared by the recipe scripts (POSIX sh; sourced, not run). Needs curl and jq for the forge's API.
#
# Settings, from the environment:
#   RECONCILE              the reconcile binary (default: reconcile on PATH)
#   XOPERO_RECONCILE_ARGS  extra arguments for every reconcile run, split on spaces
#                          (e.g. "--simulator examples/live-state.json" to try a recipe offline)
#   XOPERO_FILE            the desired-state file (default: reconcile.yaml)
#   XOPERO_OUT             the folder for plan.md, plan.json, applied.json (default: xopero-plan)
#   XOPERO_SKIP_FORGE_API  1: do not call GitHub's or GitLab's API (print what would be posted)

RECONCILE=${RECONCILE:-reconcile}
XOPERO_FILE=${XOPERO_FILE:-reconcile.yaml}
XOPERO_OUT=${XOPERO_OUT:-xopero-plan}
XOPERO_RECONCILE_ARGS=${XOPERO_RECONCILE_ARGS:-}

# The first line of every Markdown plan (ReconcileVersion.markdownMarker), and of every drift issue.
# shellcheck disable=SC2034 # used by the scripts that source this file
PLAN_MARKER='<!-- xopero-reconcile:plan -->'
# shellcheck disable=SC2034
DRIFT_MARKER='<!-- xopero-reconcile:drift -->'

say() { printf 'xopero-ci: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}
need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is needed; install it (apt-get install -y $tool)"
    done
}

# reconcile ARGS...: runs reconcile with the extra arguments (word splitting intended).
reconcile() {
    # shellcheck disable=SC2086
    "$RECONCILE" "$@" $XOPERO_RECONCILE_ARGS
}

# platform: github, gitlab, or none (XOPERO_CI_PLATFORM overrides the detection).
platform() {
    if [ -n "${XOPERO_CI_PLATFORM:-}" ]; then
        echo "$XOPERO_CI_PLATFORM"
    elif [ "${GITHUB_ACTIONS:-}" = true ]; then
        echo github
    elif [ "${GITLAB_CI:-}" = true ]; then
        echo gitlab
    else
        echo none
    fi
}

# fingerprint_of FILE: the fingerprint in a JSON plan (plan.json) or a Markdown plan (a comment body).
fingerprint_of() {
    # shellcheck disable=SC2016 # the backquotes are Markdown, not a command
    sed -n -e 's/^ *"fingerprint" *: *"\(sha256:[0-9a-f]*\)".*/\1/p' \
        -e 's/^Fingerprint: `\(sha256:[0-9a-f]*\)`.*/\1/p' "$1" | head -n 1
}

# api METHOD URL [BODY_FILE]: one call to the forge's API, the answer on stdout. The token goes in a
# header file (mode 600), never on a command line that `ps` would show.
api() {
    method=$1
    url=$2
    headers=$(mktemp)
    chmod 600 "$headers"
    case $(platform) in
    github)
        printf 'Authorization: Bearer %s\nAccept: application/vnd.github+json\nX-GitHub-Api-Version: 2022-11-28\n' \
            "${GITHUB_TOKEN:?GITHUB_TOKEN is needed: pass github.token to the step}" >"$headers"
        ;;
    gitlab)
        printf 'PRIVATE-TOKEN: %s\n' \
            "${XOPERO_GITLAB_TOKEN:?XOPERO_GITLAB_TOKEN is needed: a project access token with the api scope}" >"$headers"
        ;;
    *) die "no forge to call (set GITHUB_ACTIONS or GITLAB_CI, or XOPERO_CI_PLATFORM)" ;;
    esac
    # Only reads are retried: a retried write whose answer was lost could post twice.
    retry=0
    [ "$method" = GET ] && retry=3
    status=0
    if [ $# -ge 3 ]; then
        curl -sS --fail-with-body --max-time 30 --retry "$retry" -X "$method" -H @"$headers" \
            -H 'Content-Type: application/json' --data-binary @"$3" "$url" || status=$?
    else
        curl -sS --fail-with-body --max-time 30 --retry "$retry" -X "$method" -H @"$headers" "$url" || status=$?
    fi
    rm -f "$headers"
    return $status
}

# json_body FILE [TITLE] [KEY]: {"body": <file>} (or {"title": TITLE, KEY: <file>}) in a temporary file.
json_body() {
    out=$(mktemp)
    if [ $# -ge 2 ]; then
        jq -Rs --arg title "$2" --arg key "${3:-body}" '{title: $title, ($key): .}' <"$1" >"$out"
    else
        jq -Rs '{body: .}' <"$1" >"$out"
    fi
    echo "$out"
}

# first_by_marker URL MARKER FIELD CONDITION OUTPUT: OUTPUT (a jq path such as .id) of the first item of
# a paged listing whose FIELD starts with MARKER and that meets CONDITION (a jq test: the author); empty
# when there is none. At most 20 pages of 100.
first_by_marker() {
    page=1
    while [ "$page" -le 20 ]; do
        case $1 in *\?*) sep='&' ;; *) sep='?' ;; esac
        items=$(api GET "$1${sep}per_page=100&page=$page") || return 1
        found=$(printf '%s' "$items" | jq -r --arg m "$2" \
            "[.[] | select(((.$3 // \"\") | startswith(\$m)) and ($4))] | first | $5 // empty") || return 1
        if [ -n "$found" ]; then
            printf '%s\n' "$found"
            return 0
        fi
        [ "$(printf '%s' "$items" | jq 'length')" -lt 100 ] && return 0
        page=$((page + 1))
    done
}

# upsert ID METHOD ITEM_URL LIST_URL BODY_FILE WHAT [WHERE]: updates the item (METHOD ITEM_URL) when ID
# is set, else creates one (POST LIST_URL).
upsert() {
    if [ -n "$1" ]; then
        api "$2" "$3" "$5" >/dev/null
        say "updated $6 $1${7:+ $7}"
    else
        api POST "$4" "$5" >/dev/null
        say "added $6${7:+ $7}"
    fi
}

# Who may have written the comments and issues the scripts look for.
github_author() { printf '.user.login == "%s"' "${XOPERO_COMMENT_AUTHOR:-github-actions[bot]}"; }
gitlab_author() {
    me=$(api GET "$CI_API_V4_URL/user") || return 1
    printf '.author.id == %s' "$(printf '%s' "$me" | jq -r '.id | tonumber')"
}

# job_url: a link to the CI job running now, or nothing.
job_url() {
    if [ -n "${GITHUB_RUN_ID:-}" ]; then
        printf '%s/%s/actions/runs/%s' "${GITHUB_SERVER_URL:-https://github.com}" "${GITHUB_REPOSITORY:-}" "$GITHUB_RUN_ID"
    elif [ -n "${CI_JOB_URL:-}" ]; then
        printf '%s' "$CI_JOB_URL"
    fi
}
