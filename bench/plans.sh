#!/usr/bin/env bash
# Query plans of the hot paths (issue 5): answer save, attempt page, verify, sign-in by session,
# and the worker's sweep for attempts whose time ran out, on the kept bench database
# (run bench/exam.sh first so the attempt tables are full).
#   bench/plans.sh            # SQLite: EXPLAIN QUERY PLAN
#   DB=postgres bench/plans.sh  # PostgreSQL: EXPLAIN (ANALYZE, BUFFERS off)
source "$(dirname "$0")/common.sh"
need_tools
if [ "$DB" = postgres ]; then
  attempt="'$(sql "SELECT id FROM test_attempts LIMIT 1")'"
  user="'$(sql "SELECT user_id FROM test_attempts LIMIT 1")'"
  hash="decode('$(sql "SELECT encode(token_hash, 'hex') FROM sessions LIMIT 1")', 'hex')"
  now="now()"
  explain() { psql -qAtX "$DATABASE_URL" -c "ANALYZE" >/dev/null 2>&1 || true; psql -qAtX "$DATABASE_URL" -c "BEGIN" -c "EXPLAIN (ANALYZE, COSTS off, TIMING off, SUMMARY off) $1" -c "ROLLBACK"; }
else
  attempt="x'$(sql "SELECT hex(id) FROM test_attempts LIMIT 1")'"
  user="x'$(sql "SELECT hex(user_id) FROM test_attempts LIMIT 1")'"
  hash="x'$(sql "SELECT hex(token_hash) FROM sessions LIMIT 1")'"
  now="'$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)'"
  explain() { sql "EXPLAIN QUERY PLAN $1"; }
fi
number="'$(sql "SELECT number FROM certificates LIMIT 1")'"
show() { echo; echo "-- $1"; echo "$2;"; explain "$2"; }
show "session of a request (every signed-in request)" \
  "SELECT s.id, s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $hash AND s.revoked_at IS NULL AND s.expires_at > $now"
show "the attempt (answer save, attempt page)" \
  "SELECT id, drawn, deadline_at, submitted_at FROM test_attempts WHERE id = $attempt AND user_id = $user"
# The answer save is one statement (crates/store/src/exam.rs), written for each database.
open_attempt="id = $attempt AND user_id = $user AND submitted_at IS NULL AND deadline_at > $now"
upsert="ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at"
if [ "$DB" = postgres ]; then
  show "answer save: the answer, if the attempt (taken FOR UPDATE) is open" \
    "WITH open AS (SELECT id FROM test_attempts WHERE $open_attempt FOR UPDATE) INSERT INTO test_answers (attempt_id, question_id, answer, answered_at) SELECT id, 'plan-q', '[]', $now FROM open $upsert"
else
  show "answer save: the answer, if the attempt is open" \
    "INSERT INTO test_answers (attempt_id, question_id, answer, answered_at) SELECT $attempt, 'plan-q', '[]', $now WHERE EXISTS (SELECT 1 FROM test_attempts WHERE $open_attempt) $upsert"
fi
show "saved answers (attempt page)" \
  "SELECT question_id, answer FROM test_answers WHERE attempt_id = $attempt"
show "a trainee's attempts (test overview)" \
  "SELECT id FROM test_attempts WHERE user_id = $user ORDER BY number"
show "verify by number" \
  "SELECT number, status, full_name FROM certificates WHERE number = $number"
show "verify allowance (read)" \
  "SELECT count FROM rate_limits WHERE bucket = 'verify' AND key = 'k' AND window_start = $now"
show "worker: attempts whose time ran out (every tick)" \
  "SELECT id FROM test_attempts WHERE submitted_at IS NULL AND deadline_at <= $now ORDER BY deadline_at LIMIT 100"
