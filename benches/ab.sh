#!/usr/bin/env bash
# Two otadrop binaries side by side on 127.0.0.1 with the same settings and the same 200 MiB IPA,
# runs alternating: uploads over HTTPS (seconds), the landing page over HTTPS and HTTP
# (requests/s), the whole IPA over HTTPS (requests/s, transfer/s). For build settings (profile,
# features) where load.sh's nginx baseline says nothing: `benches/ab.sh OLD_BINARY NEW_BINARY`.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: benches/ab.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
OLD=$1 NEW=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/ab}
REPEAT=${REPEAT:-3}
DURATION=${DURATION:-5s}
TOKEN=ab-bench-token-0123456789
FIXTURE=$ROOT/../shared/fixtures/ipa/bitrise__ios-simple-objc.ipa
export WRK_DIR=$ROOT/benches/wrk
rm -rf "$WORK/data-old" "$WORK/data-new" "$WORK/logs"
mkdir -p "$WORK/logs"
IPA=$WORK/200.ipa
[ -f "$IPA" ] || python3 "$ROOT/benches/load_helper.py" make-ipa "$IPA" 200 "$FIXTURE"

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
start() {
    local bin=$1 port=$2 data=$3
    shift 3
    "$bin" serve --listen "127.0.0.1:$port" --data "$data" --upload-token "$TOKEN" "$@" \
        >"$WORK/logs/$port.out" 2>"$WORK/logs/$port.log" &
    PIDS+=($!)
    for _ in $(seq 1 200); do
        curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" && return
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return
        sleep 0.05
    done
    echo "otadrop on $port did not start (see $WORK/logs/$port.log)" >&2
    exit 1
}
upload() {
    curl -sS -k -X POST -T "$IPA" -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/octet-stream' -w '%{time_total}' -o /dev/null "$1/api/releases"
}
wrk_once() {
    wrk -t2 -c"$2" -d"$DURATION" --timeout 30s -s "$WRK_DIR/$1" "$3" |
        awk '/Requests\/sec/ {r = $2} /Transfer\/sec/ {t = $2} END {print r " req/s " t "/s"}'
}

start "$OLD" 18443 "$WORK/data-old"
start "$NEW" 19443 "$WORK/data-new"
start "$OLD" 18080 "$WORK/data-old" --http --public-url https://127.0.0.1:18443
start "$NEW" 19080 "$WORK/data-new" --http --public-url https://127.0.0.1:19443
for _ in $(seq 1 "$REPEAT"); do
    echo "upload 200 MiB, https (s):  old $(upload https://127.0.0.1:18443)  new $(upload https://127.0.0.1:19443)"
done
OLD_ID=$(ls "$WORK/data-old/releases" | head -1)
NEW_ID=$(ls "$WORK/data-new/releases" | head -1)
for _ in $(seq 1 "$REPEAT"); do
    echo "landing page, https: old $(wrk_once page.lua 32 "https://127.0.0.1:18443/r/$OLD_ID")  new $(wrk_once page.lua 32 "https://127.0.0.1:19443/r/$NEW_ID")"
    echo "landing page, http:  old $(wrk_once page.lua 32 "http://127.0.0.1:18080/r/$OLD_ID")  new $(wrk_once page.lua 32 "http://127.0.0.1:19080/r/$NEW_ID")"
    echo "IPA download, https: old $(wrk_once download.lua 8 "https://127.0.0.1:18443/r/$OLD_ID/app.ipa")  new $(wrk_once download.lua 8 "https://127.0.0.1:19443/r/$NEW_ID/app.ipa")"
done
