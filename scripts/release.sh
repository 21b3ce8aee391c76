#!/usr/bin/env bash
# Builds the release tarball: reconcile and xopero-sim for Linux with the Swift runtime linked in
# (--static-swift-stdlib: no toolchain needed where they run), the man pages (swift-argument-parser's
# generate-manual plugin), bash, zsh and fish completions, the licence, the README and the demo's two
# example files; then its SHA-256 file.
#
#   scripts/release.sh [--out DIR]      # default DIR: dist
#
# Layout (extract with `tar -xzf FILE -C /usr/local --strip-components=1` to install):
#   bin/reconcile bin/xopero-sim
#   share/man/man1/{reconcile,xopero-sim}.1
#   share/bash-completion/completions/{reconcile,xopero-sim}
#   share/zsh/site-functions/{_reconcile,_xopero-sim}
#   share/fish/vendor_completions.d/{reconcile,xopero-sim}.fish
#   share/doc/xopero-reconcile/{LICENSE,README.md,examples/}
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
while [ $# -gt 0 ]; do
    case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    *) echo "usage: scripts/release.sh [--out DIR]" >&2; exit 64 ;;
    esac
done

version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/ReconcileCore/Version/ReconcileVersion.swift)
[ -n "$version" ] || { echo "release.sh: cannot read the version from ReconcileVersion.swift" >&2; exit 1; }
name="xopero-reconcile-$version-linux-$(uname -m)"
tools=(reconcile xopero-sim)

echo "== release build, Swift runtime linked statically"
for tool in "${tools[@]}"; do swift build -c release --static-swift-stdlib --product "$tool"; done
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)

# Man pages: swift-argument-parser's plugin, `swift package generate-manual` (it takes no --product: it
# documents every executable product that uses ArgumentParser; it writes under .build/plugins, so it
# needs no --allow-writing-to-package-directory). It builds every product itself, in release by default,
# but without --static-swift-stdlib that is a second full release build (measured: as long as the first),
# so it uses the debug build, which CI has already made; the pages do not depend on the configuration.
echo "== man pages (swift package generate-manual, from the debug build)"
swift package generate-manual --configuration debug --authors "the xopero-reconcile authors" \
    --date "$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
manuals=$(find .build/plugins -path '*GenerateManual*' -name '*.1' -newer "$bin/reconcile")

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
share="$root/share"
mkdir -p "$root/bin" "$share/man/man1" "$share/bash-completion/completions" "$share/zsh/site-functions" \
    "$share/fish/vendor_completions.d" "$share/doc/xopero-reconcile/examples"
for tool in "${tools[@]}"; do
    install -m 755 "$bin/$tool" "$root/bin/$tool"
    strip "$root/bin/$tool"
    reported=$("$root/bin/$tool" --version)
    [ "$reported" = "$version" ] || { echo "release.sh: $tool --version says $reported, not $version" >&2; exit 1; }
    "$root/bin/$tool" --generate-completion-script bash >"$share/bash-completion/completions/$tool"
    "$root/bin/$tool" --generate-completion-script zsh >"$share/zsh/site-functions/_$tool"
    "$root/bin/$tool" --generate-completion-script fish >"$share/fish/vendor_completions.d/$tool.fish"
    page=$(grep -E "/$tool\.1$" <<<"$manuals" | head -n 1 || true)
    [ -n "$page" ] || { echo "release.sh: generate-manual wrote no $tool.1" >&2; exit 1; }
    install -m 644 "$page" "$share/man/man1/$tool.1"
done
install -m 644 LICENSE README.md "$share/doc/xopero-reconcile/"
install -m 644 examples/reconcile.yaml examples/live-state.json "$share/doc/xopero-reconcile/examples/"

mkdir -p "$out"
# Reproducible: sorted names, no owners, every time the last commit's.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), $out/$name.tar.gz.sha256"
