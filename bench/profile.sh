#!/usr/bin/env bash
# Where an answer save spends its CPU (issue 5): the server on CPU 0 under wrk's answer saves
# (exam_save.lua on CPU 1, the attempts of the last bench/exam.sh run), sampled with perf's
# software clock (this VM has no hardware counters). Prints the hottest symbols.
#   bench/profile.sh              # SQLite;  DB=postgres bench/profile.sh
source "$(dirname "$0")/common.sh"
command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf >/dev/null; }
build
[ -s "$dir/targets.txt" ] || { echo "run bench/exam.sh first (it writes $dir/targets.txt)"; exit 2; }
CPUS=0 start_server
(cd "$dir" && taskset -c 1 wrk -t1 -c64 -d25s -s "$OLDPWD/bench/exam_save.lua" "$url" | grep -E "Requests/sec|  99%") &
sleep 5
perf record -q -e cpu-clock -F 499 -g -p "$pid" -o "$dir/perf.data" -- sleep 15 2>/dev/null
wait %1 || true
echo "== hottest symbols, self time (server process)"
perf report -q -i "$dir/perf.data" --no-children --sort dso,symbol -g none --percent-limit 1 --stdio 2>/dev/null \
  | sed 's/  */ /g; s/ - - *$//' | grep -v '^ *$' | head -30
echo "== by binary"
perf report -q -i "$dir/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null \
  | sed 's/  */ /g' | grep -v '^ *$' | head -8
stop_server
