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
ensure_data
sql "SELECT number FROM certificates ORDER BY random() LIMIT 20000" > "$dir/numbers.txt"
start_server
baseline
echo "== verify (GET /api/v1/certificates/{number})"
(cd "$dir" && run_wrk -s "$OLDPWD/bench/verify.lua" "$url")
server_memory
