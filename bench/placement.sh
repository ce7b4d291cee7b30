#!/usr/bin/env bash
# Issue 14's benchmark: candidate search over the generated pool (half of the trainees
# certified, 40 % of those consenting, with skills and work histories) as the generated OEPs'
# users, 64 connections; then the public registers (OEPs, demands, blacklist) at 16 connections
# while the verify scenario runs beside them at 64, as a worker checking an offer would meet them.
#   bench/placement.sh                    # SQLite, 1,000,000 trainees
#   DB=postgres bench/placement.sh        # PostgreSQL (database psk_bench)
#   TRAINEES=100000 CERTIFICATES=50000 EXAM_READY=0 SECONDS_EACH=10 bench/placement.sh
source "$(dirname "$0")/common.sh"
need_tools
build
ensure_data
sql "SELECT number FROM certificates ORDER BY random() LIMIT 20000" > "$dir/numbers.txt"
sql "SELECT number FROM demands WHERE status = 'approved'" > "$dir/demands.txt"
echo "pool: $(sql "SELECT COUNT(*) FROM candidates WHERE consent_version IS NOT NULL") consenting of $(sql "SELECT COUNT(*) FROM certificates") certified; $(wc -l < "$dir/org-tokens.txt") OEP users"
start_server
baseline
# Five seconds of the same searches first, not counted: the first run after other work on the
# machine met a cold cache (PostgreSQL's p99 94-119 ms against about 50 ms in the next run).
(cd "$dir" && wrk -t1 -c64 -d5s -s "$OLDPWD/bench/candidates.lua" "$url" > /dev/null)
echo "== candidate search (GET /api/v1/organisation/candidates), 64 connections, after 5 s of warm-up"
(cd "$dir" && run_wrk -s "$OLDPWD/bench/candidates.lua" "$url")
echo "== public registers at 16 connections, with verify at 64 connections beside them"
(cd "$dir" && wrk -t1 -c64 -d"${SECONDS_EACH:-15}s" -s "$OLDPWD/bench/verify.lua" "$url" > verify-beside.txt) &
beside=$!
(cd "$dir" && wrk -t1 -c16 -d"${SECONDS_EACH:-15}s" --latency -s "$OLDPWD/bench/registers.lua" "$url" | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors")
wait $beside
echo "   verify beside them: $(grep -E 'Requests/sec' "$dir/verify-beside.txt")"
server_memory
