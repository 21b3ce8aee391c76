#!/usr/bin/env bash
# Fuzzes the simulator against its own contract with Schemathesis: starts `xopero-sim serve` on a free
# port with a copy of examples/live-state.json, logs in, and runs every Schemathesis check on every
# operation of Sources/XoperoContract/openapi.yaml with a bounded number of examples. Exits non-zero on
# any failure. Needs `python3 -m pip install schemathesis`.
#
#   scripts/fuzz-simulator.sh              # 50 examples an operation (about a minute on 2 cores)
#   FUZZ_EXAMPLES=200 scripts/fuzz-simulator.sh
set -euo pipefail
cd "$(dirname "$0")/.."

examples="${FUZZ_EXAMPLES:-50}"
seed="${FUZZ_SEED:-1}"
command -v schemathesis > /dev/null || { echo "fuzz: schemathesis is missing: python3 -m pip install schemathesis" >&2; exit 2; }

swift build --product xopero-sim > /dev/null
binary="$(swift build --show-bin-path)/xopero-sim"

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cp examples/live-state.json "$work/state.json"
"$binary" serve --state "$work/state.json" --port 0 > "$work/url" 2> "$work/server.log" &
server=$!
for _ in $(seq 1 100); do
    [ -s "$work/url" ] && break
    kill -0 "$server" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
url="$(head -n 1 "$work/url")"
[ -n "$url" ] || { echo "fuzz: the simulator printed no URL" >&2; exit 1; }

token="$(python3 - "$url" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1] + "/account/login",
    data=json.dumps({"email": "admin@example.com", "password": "change-me"}).encode(),
    headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["accessToken"])
PY
)"

# The settings, then the ids the simulator serves as dictionaries the settings bind to request fields.
cp scripts/schemathesis.toml "$work/schemathesis.toml"
python3 - "$url" >> "$work/schemathesis.toml" <<'PY'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/__sim/state"))
organizations = state["organizations"]
ids = {
    "organizations": [o["id"] for o in organizations],
    "plans": [p["id"] for o in organizations for p in o.get("plans") or []],
    "repositories": [r["id"] for o in organizations for r in o.get("repositories") or []],
}
for name, values in ids.items():
    print(f"\n[dictionaries.{name}]\nvalues = {json.dumps(values)}")
PY

echo "fuzz: $url, $examples examples an operation, seed $seed"
contract="$PWD/Sources/XoperoContract/openapi.yaml"
# From the work folder, so that nothing Schemathesis writes lands in the repository.
(cd "$work" && schemathesis --config-file schemathesis.toml run "$contract" \
    --url "$url" -H "Authorization: Bearer $token" \
    --checks all --max-examples "$examples" --seed "$seed" --workers 2 \
    --generation-database none --no-color --output-truncate false)
