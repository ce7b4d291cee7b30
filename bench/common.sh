# Shared by the bench/ scripts: the database (DB=sqlite, the default, or DB=postgres), the
# release build, the generated data (kept between runs while its size matches), the server and
# wrk. Source it; it sets $dir, $url and the functions below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DB=${DB:-sqlite}
TRAINEES=${TRAINEES:-1000000}
CERTIFICATES=${CERTIFICATES:-500000}
EXAM_READY=${EXAM_READY:-60000}
ORGS=${ORGS:-50}
PORT=${PORT:-8090}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
dir=${BENCH_DIR:-target/bench-$DB}
url="http://127.0.0.1:$PORT"
mkdir -p "$dir"

need_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v psql >/dev/null || missing+=(postgresql-client)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  cargo build --release -p softskills -p psk-load --quiet
}

export SOFTSKILLS_DATA_DIR="$PWD/$dir/data" SOFTSKILLS_CONTENT_DIR="$PWD/content"
export SOFTSKILLS_BIND="127.0.0.1:$PORT" SOFTSKILLS_LOG_FORMAT=json RUST_LOG=warn
# The bench measures the portal, not the lesson-video renderer (which runs once, on a
# machine with ffmpeg and espeak-ng, when the worker starts).
export SOFTSKILLS_MEDIA__RENDER_ON_START=false
# Every virtual person comes from 127.0.0.1: the per-address allowances (meant to slow one
# abuser) are raised so they measure the portal, not the limiter.
export SOFTSKILLS_CERTIFICATES__VERIFY_PER_HOUR=1000000000
export SOFTSKILLS_REGISTRATION__MAX_ATTEMPTS_PER_CLIENT_PER_HOUR=1000000000
export SOFTSKILLS_OTP__MAX_PER_CLIENT_PER_HOUR=1000000000
export SOFTSKILLS_SIGN_IN__MAX_FAILURES_PER_CLIENT=1000000000
if [ "$DB" = postgres ]; then
  export DATABASE_URL="$PG_URL/psk_bench"
else
  export DATABASE_URL=""
fi

# SQL against the bench database.
sql() {
  if [ "$DB" = postgres ]; then psql -qAtX "$DATABASE_URL" -c "$1"; else sqlite3 "$dir/data/softskills.db" "$1"; fi
}

# Empties the final-test tables, so a run's stored answers can be counted against the ones it
# was acknowledged. On PostgreSQL the foreign-key checks are skipped for this: the portal never
# deletes attempts, so `certificates.attempt_id` has no index, and checking it would scan the
# certificates once per deleted attempt.
reset_attempts() {
  if [ "$DB" = postgres ]; then
    psql -qAtX "$DATABASE_URL" -c "SET session_replication_role = replica" \
      -c "DELETE FROM test_answers" -c "DELETE FROM test_attempts"
  else
    sql "DELETE FROM test_answers"
    sql "DELETE FROM test_attempts"
  fi
}

# Generates the data unless the kept database has this size.
ensure_data() {
  local size="$TRAINEES/$CERTIFICATES/$EXAM_READY/$ORGS"
  if [ "$(cat "$dir/size" 2>/dev/null)" = "$size" ]; then return; fi
  rm -rf "$dir/data" "$dir/size" "$dir/tokens.txt" "$dir/org-tokens.txt"
  if [ "$DB" = postgres ]; then
    psql -qX "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS psk_bench" -c "CREATE DATABASE psk_bench"
  fi
  target/release/softskills migrate >/dev/null
  target/release/softskills content import >/dev/null
  /usr/bin/time -f "generated in %e s" target/release/softskills admin generate-load-data \
    --trainees "$TRAINEES" --certificates "$CERTIFICATES" \
    --exam-ready "$EXAM_READY" --tokens "$dir/tokens.txt" \
    --organisations "$ORGS" --org-tokens "$dir/org-tokens.txt" 2>&1 | grep -v WARN
  echo "$size" > "$dir/size"
  echo "database: $(db_size)"
}

db_size() {
  if [ "$DB" = postgres ]; then sql "SELECT pg_size_pretty(pg_database_size('psk_bench'))"; else du -h "$dir/data/softskills.db" | cut -f1; fi
}

# Starts the server (BIN, default target/release/softskills; under `taskset -c CPUS` with CPUS
# set) and waits until ready. BIN lets a run compare another build on the same data.
start_server() {
  local start
  start=$(date +%s%N)
  ${CPUS:+taskset -c $CPUS} "${BIN:-target/release/softskills}" serve > "$dir/serve.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  until curl -sf "$url/readyz" >/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$dir/serve.log"; exit 1; }
    sleep 0.01
  done
  echo "start-up: $(( ($(date +%s%N) - start) / 1000000 )) ms ($DB)"
}

stop_server() {
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
}

# wrk with 64 connections on one thread, the figures that matter.
run_wrk() {
  wrk -t1 -c64 -d"${SECONDS_EACH:-15}s" --latency "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors"
}

baseline() {
  echo "== baseline (GET /healthz)"
  run_wrk "$url/healthz"
}

# The server's own memory (RssAnon); the database file it maps (SQLite's mmap_size) is the
# kernel's page cache, shared and given back under pressure, and is printed apart.
server_memory() {
  local anon file
  anon=$(awk '/^RssAnon/ {print int($2 / 1024)}' /proc/$pid/status)
  file=$(awk '/^RssFile/ {print int($2 / 1024)}' /proc/$pid/status)
  echo "server memory: $anon MB (and $file MB of mapped files)"
}
