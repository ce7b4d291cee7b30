#!/usr/bin/env bash
# The `verify` and `baseline` scenarios on SQLite (issue 5): a release build serving a database of
# TRAINEES trainees and CERTIFICATES certificates; wrk with 64 connections on one thread.
#   bench/verify.sh                      # 1,000,000 trainees, 500,000 certificates, 15 s a run
#   TRAINEES=100000 CERTIFICATES=50000 SECONDS_EACH=5 bench/verify.sh
# Needs: wrk (apt-get install -y wrk), python3. The database is kept in target/bench-verify and
# reused while its size matches.
set -euo pipefail
cd "$(dirname "$0")/.."
TRAINEES=${TRAINEES:-1000000}
CERTIFICATES=${CERTIFICATES:-500000}
SECONDS_EACH=${SECONDS_EACH:-15}
PORT=${PORT:-8090}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
cargo build --release -p softskills --quiet
dir=target/bench-verify
export SOFTSKILLS_DATA_DIR="$PWD/$dir/data" SOFTSKILLS_CONTENT_DIR="$PWD/content" DATABASE_URL=""
export SOFTSKILLS_BIND="127.0.0.1:$PORT" SOFTSKILLS_LOG_FORMAT=json RUST_LOG=warn
# One address checks everything here: earlier runs' misses must not use up its allowance.
export SOFTSKILLS_CERTIFICATES__VERIFY_PER_HOUR=1000000000
if [ "$(cat "$dir/size" 2>/dev/null)" != "$TRAINEES/$CERTIFICATES" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  target/release/softskills migrate >/dev/null
  /usr/bin/time -f "generated in %e s" target/release/softskills admin generate-load-data \
    --trainees "$TRAINEES" --certificates "$CERTIFICATES" 2>&1 | grep -v WARN
  echo "$TRAINEES/$CERTIFICATES" > "$dir/size"
fi
python3 - "$dir" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"{sys.argv[1]}/data/softskills.db")
rows = c.execute("SELECT number FROM certificates ORDER BY random() LIMIT 20000").fetchall()
open(f"{sys.argv[1]}/numbers.txt", "w").write("\n".join(r[0] for r in rows) + "\n")
PY
start=$(date +%s%N)
target/release/softskills serve > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.01; done
echo "start-up: $(( ($(date +%s%N) - start) / 1000000 )) ms"
run() { wrk -t1 -c64 -d"${SECONDS_EACH}s" --latency "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors"; }
echo "== baseline (/healthz)"; run "http://127.0.0.1:$PORT/healthz"
echo "== verify (/api/v1/certificates/{number})"; (cd "$dir" && run -s "$PWD/../../bench/verify.lua" "http://127.0.0.1:$PORT")
echo "server memory: $(ps -o rss= -p $pid) KB"
