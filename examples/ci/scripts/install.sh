#!/bin/sh
# install.sh SOURCE: builds reconcile from a checkout of xopero-reconcile (release, the Swift runtime
# linked statically) and installs the tools the other scripts need (curl, jq) when they are missing and
# apt-get can. Cache SOURCE/.build between jobs: with it, a rebuild of the same version takes seconds.
# The binary is SOURCE/.build/release/reconcile (the recipes set RECONCILE to it).
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

source=${1:?usage: install.sh SOURCE}
missing=""
for tool in curl jq; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
    command -v apt-get >/dev/null 2>&1 || die "install$missing (the scripts call the forge's API with them)"
    say "installing$missing"
    # shellcheck disable=SC2086 # one word per package
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
need swift
swift build -c release --static-swift-stdlib --product reconcile --package-path "$source"
"$source/.build/release/reconcile" --version
