#!/usr/bin/env bash
# The `exam` scenario (issue 5): trainees with open final-test attempts, each saving an answer
# every 20 s and reloading the attempt page every 100 s, stepped up until p99 passes 100 ms or a
# request fails; then every acknowledged answer is counted in the database; then the attempt
# page and answer saves flat out with the server (and PostgreSQL) on one core and wrk on the
# other, for comparison with other learning platforms.
#   bench/exam.sh                                   # SQLite
#   DB=postgres STEPS=10000,20000,30000 bench/exam.sh
# Needs the million-trainee database of bench/verify.sh plus EXAM_READY trainees who finished
# the course and are signed in (generated together; kept in target/bench-$DB).
STEPS=${STEPS:-10000,20000,30000,40000,50000,60000}
source "$(dirname "$0")/common.sh"
need_tools
build
ensure_data
# Fresh attempts, so the stored answers can be counted against the acknowledged ones.
reset_attempts
start_server
baseline
target/release/psk-load exam --url "$url" --tokens "$dir/tokens.txt" --steps "$STEPS" \
  --seconds "${STEP_SECONDS:-60}" --server-pid "$pid" --targets "$dir/targets.txt" | tee "$dir/exam.out"
acknowledged=$(sed -n 's/^ACKNOWLEDGED answers=\([0-9]*\).*/\1/p' "$dir/exam.out")
stored=$(sql "SELECT count(*) FROM test_answers")
echo "answers acknowledged: $acknowledged; stored in the database: $stored"
[ "$acknowledged" = "$stored" ] || echo "LOST ANSWERS: $(( acknowledged - stored ))"
stop_server

echo "== one core each: the server (and PostgreSQL) on CPU 0, wrk on CPU 1"
if [ "$DB" = postgres ]; then for p in $(pgrep -x postgres); do taskset -a -p -c 0 "$p" >/dev/null; done; fi
CPUS=0 start_server
one_core() { (cd "$dir" && taskset -c 1 wrk -t1 -c64 -d"${SECONDS_EACH:-15}s" --latency "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors"); }
echo "-- baseline"; one_core "$url/healthz"
echo "-- attempt page (GET /test/{id})"; one_core -s "$OLDPWD/bench/exam_page.lua" "$url"
page() { curl -s -H "Cookie: pss_session=$(head -1 "$dir/targets.txt" | cut -d' ' -f4)" "$@" "$url/test/$(head -1 "$dir/targets.txt" | cut -d' ' -f1)" | wc -c; }
echo "-- attempt page size: $(page) bytes, $(page -H 'Accept-Encoding: gzip') compressed"
echo "-- answer save (PUT /api/v1/test/attempts/{id}/answers/{q})"; one_core -s "$OLDPWD/bench/exam_save.lua" "$url"
stop_server
if [ "$DB" = postgres ]; then for p in $(pgrep -x postgres); do taskset -a -p -c 0-1 "$p" >/dev/null; done; fi
