#!/usr/bin/env bash
# Side-by-side load test: otadrop against nginx (and `cp`) on 127.0.0.1. Run by hand, not in
# CI; needs root for apt-get (skipped when nginx, wrk and curl are present).
#
#   benches/load.sh            # full run; writes the table into BENCHMARKS.md
#
# Settings (environment): DURATION (wrk run length, default 10s), THREADS (wrk threads, 2),
# CONNS (connections for the page, 32), DL_CONNS (connections for downloads, 8), REPEAT (runs
# per side, 3), WORK (scratch folder, target/load), FIXTURE (the real IPA the generated ones
# are built from), ONLY=s3 (run only section 5, the bucket against the local folder; it needs
# s3s-fs from tests/tools/setup-s3.sh and writes its own table).
#
# Every pair runs with the same settings against both sides, alternating (otadrop, baseline,
# otadrop, ...) REPEAT times; the table shows the medians and every run. The load generator
# shares the machine's cores with the servers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
DL_CONNS=${DL_CONNS:-8}
REPEAT=${REPEAT:-3}
WORK=${WORK:-$ROOT/target/load}
FIXTURE=${FIXTURE:-$ROOT/../shared/fixtures/ipa/bitrise__ios-simple-objc.ipa}
# A real build whose profile lists 100 devices: the largest release record of the fixtures.
FIXTURE_DEVICES=${FIXTURE_DEVICES:-$ROOT/../shared/fixtures/ipa/icyleaf__iphone.ipa}
HELPER="python3 $ROOT/benches/load_helper.py"
export WRK_DIR=$ROOT/benches/wrk
TOKEN=bench-token-0123456789
O_TLS=18443 O_HTTP=18080 N_TLS=19443 N_HTTP=19080 O_START=18444
COMMAND="benches/load.sh (DURATION=$DURATION THREADS=$THREADS CONNS=$CONNS DL_CONNS=$DL_CONNS REPEAT=$REPEAT)"

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
    say "installing nginx, wrk and curl from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk curl >/dev/null
fi
NGINX=$(command -v nginx)

say "building the release binary"
cargo build --release --quiet
BIN=$ROOT/target/release/otadrop

# --- scratch folder and processes ----------------------------------------------------------------
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

mkdir -p "$WORK"
rm -rf "$WORK/data" "$WORK/data10k" "$WORK/data10kd" "$WORK/data0" "$WORK/www" "$WORK/nginx" "$WORK/cp" "$WORK/logs"
mkdir -p "$WORK/www" "$WORK/nginx" "$WORK/cp" "$WORK/logs"
RESULTS=$WORK/results.tsv
: >"$RESULTS"

IPA200=$WORK/200MiB.ipa
IPA1G=$WORK/1GiB.ipa
[ -f "$IPA200" ] || { say "generating a 200 MiB IPA"; $HELPER make-ipa "$IPA200" 200 "$FIXTURE"; }
[ -f "$IPA1G" ] || { say "generating a 1 GiB IPA"; $HELPER make-ipa "$IPA1G" 1024 "$FIXTURE"; }

# otadrop serve; prints its pid. $1 = port, $2 = data folder, rest = extra flags.
start_otadrop() {
    local port=$1 data=$2
    shift 2
    "$BIN" serve --listen "127.0.0.1:$port" --data "$data" --upload-token "$TOKEN" "$@" \
        >"$WORK/logs/otadrop-$port.out" 2>"$WORK/logs/otadrop-$port.log" &
    local pid=$!
    for _ in $(seq 1 200); do
        if curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" ||
            curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
            echo "$pid"
            return
        fi
        sleep 0.05
    done
    echo "otadrop on $port did not start" >&2
    exit 1
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# pair NAME "OURS..." "THEIRS..." UNIT TARGET_RATIO: medians of the runs, ratio = ours / theirs
# (higher is better).
pair() {
    local name=$1 runs_ours=$2 runs_theirs=$3 unit=$4 target=$5
    local ours theirs ratio met
    ours=$(echo "$runs_ours" | median)
    theirs=$(echo "$runs_theirs" | median)
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')
    met=$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t) ? "yes" : "no"}')
    printf 'pair\t%s\t%s %s\t%s %s\t%sx\t>= %sx\t%s\t%s / %s\n' "$name" "$ours" "$unit" "$theirs" "$unit" \
        "$ratio" "$target" "$met" "$(echo $runs_ours | tr ' ' ',')" "$(echo $runs_theirs | tr ' ' ',')" >>"$RESULTS"
    printf '%-48s otadrop %8s %s   baseline %8s %s   ratio %sx (target >= %sx: %s)   runs %s / %s\n' \
        "$name" "$ours" "$unit" "$theirs" "$unit" "$ratio" "$target" "$met" "$runs_ours" "$runs_theirs" >&2
}

# single NAME VALUE UNIT LIMIT: met when value <= limit (lower is better); LIMIT "-" = none.
single() {
    local name=$1 value=$2 unit=$3 limit=$4 met="-" target="-"
    if [ "$limit" != "-" ]; then
        met=$(awk -v v="$value" -v l="$limit" 'BEGIN {print (v <= l) ? "yes" : "no"}')
        target="<= $limit $unit"
    fi
    printf 'single\t%s\t%s %s\t%s\t%s\n' "$name" "$value" "$unit" "$target" "$met" >>"$RESULTS"
    printf '%-48s %12s %s   (target %s: %s)\n' "$name" "$value" "$unit" "$target" "$met" >&2
}

# wrk_run SCRIPT CONNS URL -> "requests bytes seconds"
wrk_run() {
    local script=$1 conns=$2 url=$3 out
    out=$WORK/logs/wrk-$(date +%s%N).txt
    wrk -t"$THREADS" -c"$conns" -d"$DURATION" --timeout 30s -s "$WRK_DIR/$script" "$url" >"$out"
    $HELPER wrk-result "$out"
}
rps() { awk '{printf "%.0f", $1 / $3}'; }
# side_by_side SCRIPT CONNS OUR_URL THEIR_URL METRIC: REPEAT alternating runs into OURS, THEIRS.
side_by_side() {
    OURS="" THEIRS=""
    for _ in $(seq 1 "$REPEAT"); do
        OURS="$OURS $(wrk_run "$1" "$2" "$3" | $5)"
        THEIRS="$THEIRS $(wrk_run "$1" "$2" "$4" | $5)"
    done
}
mibps() { awk '{printf "%.0f", $2 / $3 / 1048576}'; }

# --- machine ------------------------------------------------------------------------------------
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
printf 'meta\tdate\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" >>"$RESULTS"
printf 'meta\tmachine\t%s cores (%s), %s RAM, Linux %s, nginx %s, wrk %s; load generator and servers share these cores\n' \
    "$(nproc)" "$CPU" "$MEM" "$(uname -r)" "$($NGINX -v 2>&1 | sed 's/.*nginx\///')" \
    "$(wrk -v 2>&1 | awk 'NR==1 {print $2}')" >>"$RESULTS"

if [ "${ONLY:-}" != s3 ]; then
# --- servers ------------------------------------------------------------------------------------
say "starting otadrop (HTTPS and HTTP) and uploading a 200 MiB IPA"
DATA=$WORK/data
OTLS=$(start_otadrop $O_TLS "$DATA" --public-url "https://127.0.0.1:$O_TLS")
PIDS+=("$OTLS")
CA=$DATA/tls/ca.crt
ID=$(curl -sS --fail --cacert "$CA" -X POST -T "$IPA200" -H 'Expect:' \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/octet-stream' \
    "https://127.0.0.1:$O_TLS/api/releases" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ID_DEVICES=$("$BIN" publish "$FIXTURE_DEVICES" --server "https://127.0.0.1:$O_TLS" --token "$TOKEN" \
    --ca "$CA" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
OHTTP=$(start_otadrop $O_HTTP "$DATA" --http --public-url "https://127.0.0.1:$O_TLS")
PIDS+=("$OHTTP")

UA_IPHONE="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
curl -sS --fail --cacert "$CA" -A "$UA_IPHONE" -o "$WORK/www/page.html" "https://127.0.0.1:$O_TLS/r/$ID"
curl -sS --fail -A "$UA_IPHONE" -o "$WORK/www/page-http.html" "http://127.0.0.1:$O_HTTP/r/$ID"
# The two differ by design: the HTTPS server runs on its own CA and links its install steps.
ln "$DATA/releases/$ID/app.ipa" "$WORK/www/app.ipa"
PAGE_BYTES=$(stat -c %s "$WORK/www/page.html")
IPA_SIZE=$(stat -c %s "$WORK/www/app.ipa")
export IPA_SIZE

cat >"$WORK/nginx/nginx.conf" <<EOF
user root;
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log $WORK/logs/nginx-access.log;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    types { text/html html; application/octet-stream ipa; }
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    ssl_certificate $DATA/tls/server.crt;
    ssl_certificate_key $DATA/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    server { listen 127.0.0.1:$N_HTTP; root $WORK/www; }
    server { listen 127.0.0.1:$N_TLS ssl; root $WORK/www; }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$N_HTTP/page.html" && break; sleep 0.05; done
curl -sS --fail --cacert "$CA" -o "$WORK/nginx/check.html" "https://127.0.0.1:$N_TLS/page.html"
cmp "$WORK/www/page.html" "$WORK/nginx/check.html"

# --- 1. landing page ----------------------------------------------------------------------------
for scheme in https http; do
    if [ $scheme = https ]; then o=$O_TLS n=$N_TLS f=page.html; else o=$O_HTTP n=$N_HTTP f=page-http.html; fi
    say "landing page over $scheme ($(stat -c %s "$WORK/www/$f") bytes, -t$THREADS -c$CONNS -d$DURATION)"
    side_by_side page.lua "$CONNS" "$scheme://127.0.0.1:$o/r/$ID" "$scheme://127.0.0.1:$n/$f" rps
    pair "landing page, $scheme (requests/s)" "$OURS" "$THEIRS" "req/s" 1.0
done

# --- 2. IPA download and Range mix --------------------------------------------------------------
for scheme in http https; do
    if [ $scheme = https ]; then o=$O_TLS n=$N_TLS; else o=$O_HTTP n=$N_HTTP; fi
    say "200 MiB download over $scheme (-c$DL_CONNS)"
    side_by_side download.lua "$DL_CONNS" "$scheme://127.0.0.1:$o/r/$ID/app.ipa" "$scheme://127.0.0.1:$n/app.ipa" mibps
    pair "IPA download 200 MiB, $scheme (MiB/s)" "$OURS" "$THEIRS" "MiB/s" 0.9
    say "Range mix over $scheme (-c$DL_CONNS)"
    side_by_side range.lua "$DL_CONNS" "$scheme://127.0.0.1:$o/r/$ID/app.ipa" "$scheme://127.0.0.1:$n/app.ipa" rps
    pair "Range mix, $scheme (requests/s)" "$OURS" "$THEIRS" "req/s" 0.9
done
RSS_AFTER_LOAD=$(rss_kib "$OTLS")
stop "$NGINX_PID"
stop "$OTLS"
stop "$OHTTP"

# --- 3. upload of a 1 GiB IPA -------------------------------------------------------------------
# otadrop fsyncs the IPA before it publishes the release, so `cp` is timed with and without an
# fsync of the copy. Runs alternate: cp, upload, cp, upload, ... The client is `otadrop
# publish` (reqwest + rustls): curl 7.88 with OpenSSL 3.0 spent 7.5 s of CPU sending 1 GiB over
# HTTPS here, which on 2 shared cores measured curl rather than the server.
say "1 GiB ingest: cp vs otadrop"
SIZE1G=$(stat -c %s "$IPA1G")
mibs() { awk -v s="$SIZE1G" -v t="$1" 'BEGIN {printf "%.0f", s / t / 1048576}'; }
copy_once() { # appends to CP and CPS
    sync
    local t0 t1 t2
    t0=$(date +%s.%N)
    cp "$IPA1G" "$WORK/cp/copy.ipa"
    t1=$(date +%s.%N)
    sync "$WORK/cp/copy.ipa"
    t2=$(date +%s.%N)
    CP="$CP $(mibs "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")"
    CPS="$CPS $(mibs "$(awk -v a="$t0" -v b="$t2" 'BEGIN {print b - a}')")"
    rm -f "$WORK/cp/copy.ipa"
}

# idle RSS of a fresh server (two releases stored), after a second of rest
OTLS=$(start_otadrop $O_TLS "$DATA" --public-url "https://127.0.0.1:$O_TLS")
PIDS+=("$OTLS")
sleep 1
IDLE_KIB=$(rss_kib "$OTLS")

for scheme in https http; do
    if [ $scheme = http ]; then
        stop "$OTLS"
        OTLS=$(start_otadrop $O_HTTP "$DATA" --http --public-url "https://127.0.0.1:$O_TLS")
        PIDS+=("$OTLS")
        port=$O_HTTP
    else
        port=$O_TLS
    fi
    CP="" CPS="" UP="" GROWTH=""
    for _ in $(seq 1 "$REPEAT"); do
        copy_once
        sync
        before=$(rss_kib "$OTLS")
        echo 5 >"/proc/$OTLS/clear_refs" # resets VmHWM to the current RSS
        t0=$(date +%s.%N)
        "$BIN" publish "$IPA1G" --server "$scheme://127.0.0.1:$port" --token "$TOKEN" --ca "$CA" \
            --json >"$WORK/upload.json"
        t1=$(date +%s.%N)
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
        peak=$(hwm_kib "$OTLS")
        UP="$UP $(mibs "$secs")"
        GROWTH="$GROWTH $(awk -v a="$peak" -v b="$before" 'BEGIN {printf "%.1f", (a - b) / 1024}')"
        up_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/upload.json")
        curl -sS --fail --cacert "$CA" -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" \
            "$scheme://127.0.0.1:$port/api/releases/$up_id"
    done
    pair "ingest 1 GiB over $scheme vs cp (MiB/s)" "$UP" "$CP" "MiB/s" 0.8
    pair "ingest 1 GiB over $scheme vs cp + fsync (MiB/s)" "$UP" "$CPS" "MiB/s" 0.8
    single "peak RSS growth during the $scheme uploads (largest of $REPEAT)" \
        "$(echo "$GROWTH" | tr ' ' '\n' | grep . | sort -n | tail -1)" MiB 32
done
stop "$OTLS"

single "idle RSS (fresh start, two releases)" "$(awk -v k="$IDLE_KIB" 'BEGIN {printf "%.1f", k / 1024}')" MiB 15
single "RSS after the page and download runs" "$(awk -v k="$RSS_AFTER_LOAD" 'BEGIN {printf "%.1f", k / 1024}')" MiB -

# --- 4. start-up with 10,000 releases -----------------------------------------------------------
say "start-up time with 10,000 releases"
for d in data0 data10k data10kd; do
    mkdir -p "$WORK/$d"
    cp -r "$DATA/tls" "$WORK/$d/tls"
done
$HELPER clone-releases "$WORK/data10k" "$DATA/releases/$ID/release.json" 10000
$HELPER clone-releases "$WORK/data10kd" "$DATA/releases/$ID_DEVICES/release.json" 10000
RECORD=$(stat -c %s "$DATA/releases/$ID/release.json")
RECORD_D=$(stat -c %s "$DATA/releases/$ID_DEVICES/release.json")
sync
ms0=$($HELPER startup "$BIN" "$WORK/data0" $O_START "$WORK/data0/tls/ca.crt" 5)
# The first start of a folder without an index scans it and writes the index.
ms10k_scan=$($HELPER startup "$BIN" "$WORK/data10k" $O_START "$WORK/data10k/tls/ca.crt" 1)
ms10k=$($HELPER startup "$BIN" "$WORK/data10k" $O_START "$WORK/data10k/tls/ca.crt" 5)
$HELPER startup "$BIN" "$WORK/data10kd" $O_START "$WORK/data10kd/tls/ca.crt" 1 >/dev/null
ms10kd=$($HELPER startup "$BIN" "$WORK/data10kd" $O_START "$WORK/data10kd/tls/ca.crt" 5)
single "start-up to first HTTPS answer, empty data folder (median of 5)" "$ms0" ms -
single "start-up, 10,000 releases of $RECORD-byte records, first start (no index yet)" "$ms10k_scan" ms -
single "start-up, 10,000 releases of $RECORD-byte records (median of 5)" "$ms10k" ms 100
single "start-up, 10,000 releases of $RECORD_D-byte records, $(basename "$FIXTURE_DEVICES") (median of 5)" "$ms10kd" ms 100

fi

# --- report -------------------------------------------------------------------------------------
if [ "${ONLY:-}" != s3 ]; then
    $HELPER render "$RESULTS" "$ROOT/BENCHMARKS.md" "$COMMAND"
    say "results written to BENCHMARKS.md"
    rm -rf "$DATA" "$WORK/data0" "$WORK/data10k" "$WORK/data10kd" "$WORK/www"
fi

# --- 5. the same node on a bucket (--storage s3://) against the local folder ------------------------
# s3s-fs (tests/tools/setup-s3.sh) serves the bucket from a folder on the same disk, on
# 127.0.0.1, sharing the 2 cores: the figures compare the two code paths on one machine, not a
# real S3 region (whose latency and bandwidth are the network's).
S3FS=${OTADROP_TOOLS:-$HOME/.cache/otadrop-tools}/bin/s3s-fs
[ -x "$S3FS" ] || bash "$ROOT/tests/tools/setup-s3.sh"
say "bucket vs local folder: 1 GiB ingest and 200 MiB download over http"
: >"$WORK/results-s3.tsv"
grep '^meta' "$RESULTS" >>"$WORK/results-s3.tsv"
S3_PORT=19900 L_PORT=18090 B_PORT=18091
rm -rf "$WORK/s3root" "$WORK/s3data" "$WORK/ldata"
mkdir -p "$WORK/s3root/bench"
"$S3FS" --host 127.0.0.1 --port $S3_PORT --access-key benchkey --secret-key benchsecret-0123456789 \
    "$WORK/s3root" >"$WORK/logs/s3s-fs.log" 2>&1 &
S3PID=$!
PIDS+=("$S3PID")
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.05; done
export AWS_ACCESS_KEY_ID=benchkey AWS_SECRET_ACCESS_KEY=benchsecret-0123456789 AWS_REGION=us-east-1 \
    AWS_ENDPOINT_URL=http://127.0.0.1:$S3_PORT AWS_ALLOW_HTTP=true
LOC=$(start_otadrop $L_PORT "$WORK/ldata" --http)
PIDS+=("$LOC")
BKT=$(start_otadrop $B_PORT "$WORK/s3data" --http --storage s3://bench/otadrop)
PIDS+=("$BKT")
SIZE1G=$(stat -c %s "$IPA1G")
mibs() { awk -v s="$SIZE1G" -v t="$1" 'BEGIN {printf "%.0f", s / t / 1048576}'; }
# upload_once PID PORT: appends MiB/s to UPS and the RSS growth (MiB) to GROWS
upload_once() {
    local pid=$1 port=$2 before t0 t1 peak id
    sync
    before=$(rss_kib "$pid")
    echo 5 >"/proc/$pid/clear_refs"
    t0=$(date +%s.%N)
    "$BIN" publish "$IPA1G" --server "http://127.0.0.1:$port" --token "$TOKEN" --json >"$WORK/upload.json"
    t1=$(date +%s.%N)
    peak=$(hwm_kib "$pid")
    UPS="$UPS $(mibs "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")"
    GROWS="$GROWS $(awk -v a="$peak" -v b="$before" 'BEGIN {printf "%.1f", (a - b) / 1024}')"
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/upload.json")
    curl -sS --fail -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/releases/$id"
}
UP_B="" UP_L="" G_B="" G_L=""
for _ in $(seq 1 "$REPEAT"); do
    UPS="" GROWS=""; upload_once "$LOC" $L_PORT; UP_L="$UP_L$UPS" G_L="$G_L$GROWS"
    UPS="" GROWS=""; upload_once "$BKT" $B_PORT; UP_B="$UP_B$UPS" G_B="$G_B$GROWS"
done
RESULTS_MAIN=$RESULTS
RESULTS=$WORK/results-s3.tsv
pair "ingest 1 GiB, bucket vs local folder (MiB/s)" "$UP_B" "$UP_L" "MiB/s" 0.5
single "peak RSS growth, 1 GiB upload to the bucket (largest of $REPEAT)" \
    "$(echo "$G_B" | tr ' ' '\n' | grep . | sort -n | tail -1)" MiB 32
single "peak RSS growth, 1 GiB upload to the local folder (largest of $REPEAT)" \
    "$(echo "$G_L" | tr ' ' '\n' | grep . | sort -n | tail -1)" MiB 32
# Downloads: the 200 MiB IPA on both, then wrk's whole-file downloads and the Range mix.
IDB=$("$BIN" publish "$IPA200" --server "http://127.0.0.1:$B_PORT" --token "$TOKEN" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
IDL=$("$BIN" publish "$IPA200" --server "http://127.0.0.1:$L_PORT" --token "$TOKEN" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
IPA_SIZE=$(stat -c %s "$IPA200")
export IPA_SIZE
side_by_side download.lua "$DL_CONNS" "http://127.0.0.1:$B_PORT/r/$IDB/app.ipa" "http://127.0.0.1:$L_PORT/r/$IDL/app.ipa" mibps
pair "IPA download 200 MiB, bucket vs local folder (MiB/s)" "$OURS" "$THEIRS" "MiB/s" 0.5
side_by_side range.lua "$DL_CONNS" "http://127.0.0.1:$B_PORT/r/$IDB/app.ipa" "http://127.0.0.1:$L_PORT/r/$IDL/app.ipa" rps
pair "Range mix, bucket vs local folder (requests/s)" "$OURS" "$THEIRS" "req/s" 0.5
stop "$BKT"
stop "$LOC"
stop "$S3PID"
$HELPER render "$RESULTS" "$ROOT/BENCHMARKS.md" "benches/load.sh section 5 (REPEAT=$REPEAT DURATION=$DURATION DL_CONNS=$DL_CONNS); baseline = the same binary on the local folder" \
    "<!-- load.sh s3: begin -->" "<!-- load.sh s3: end -->"
RESULTS=$RESULTS_MAIN
rm -rf "$WORK/s3root" "$WORK/s3data" "$WORK/ldata"
say "bucket results written to BENCHMARKS.md"
