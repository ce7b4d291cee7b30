#!/usr/bin/env bash
# The `verify` and `baseline` scenarios (issue 5): a release build serving TRAINEES trainees and
# CERTIFICATES certificates; wrk, 64 connections on one thread.
#   bench/verify.sh                           # SQLite, 1,000,000 trainees, 500,000 certificates
#   DB=postgres bench/verify.sh               # the same on PostgreSQL (database psk_bench)
#   TRAINEES=100000 CERTIFICATES=50000 SECONDS_EACH=5 bench/verify.sh
# The generated database is kept in target/bench-$DB and reused while its size matches.
source "$(dirname "$0")/common.sh"
need_tools
build
# First run on an empty data directory (SQLite) or an empty database: migrate, import the
# course, make the keys, answer /readyz.
fresh=$(mktemp -d)
if [ "$DB" = postgres ]; then
  psql -qX "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS psk_fresh" -c "CREATE DATABASE psk_fresh"
  first_url="$PG_URL/psk_fresh"
else
  first_url=""
fi
start=$(date +%s%N)
SOFTSKILLS_DATA_DIR="$fresh" DATABASE_URL="$first_url" target/release/softskills serve > "$fresh/serve.log" 2>&1 &
first=$!
until curl -sf "$url/readyz" >/dev/null; do kill -0 $first 2>/dev/null || { cat "$fresh/serve.log"; exit 1; }; sleep 0.01; done
echo "first run on an empty $DB database: $(( ($(date +%s%N) - start) / 1000000 )) ms (migrate, import the course, answer)"
kill $first; wait $first 2>/dev/null || true; rm -rf "$fresh"
ensure_data
sql "SELECT number FROM certificates ORDER BY random() LIMIT 20000" > "$dir/numbers.txt"
start_server
baseline
echo "== verify (GET /api/v1/certificates/{number})"
(cd "$dir" && run_wrk -s "$OLDPWD/bench/verify.lua" "$url")
server_memory
