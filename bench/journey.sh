#!/usr/bin/env bash
# The `journey` scenario (issue 5): JOURNEYS trainees at once go register → OTP → sign in →
# every lesson (heartbeats every 15 s until its reading time has passed) → quizzes → tasks →
# final test → certificate, through the API; registrations spread over SPREAD seconds. Runs on
# the million-trainee database of bench/verify.sh. The reading speed is set so high that every
# lesson needs only the rule's floor of 30 s (250 words a minute would make a journey last about
# an hour); heartbeats every 15 s and crediting only real time stay as they are, so one journey
# takes about ten minutes.
#   bench/journey.sh                 # SQLite, 1,000 trainees
#   DB=postgres JOURNEYS=500 bench/journey.sh
source "$(dirname "$0")/common.sh"
# Reflections are not held for a grader here: every journey must end in a certificate.
export SOFTSKILLS_LEARNING__REFLECTION_SAMPLE_PERCENT=0
export SOFTSKILLS_LEARNING__READING_WPM=100000
need_tools
build
ensure_data
start_server
baseline
touch "$dir/data/outbox.jsonl"
target/release/psk-load journey --url "$url" --outbox "$dir/data/outbox.jsonl" \
  --trainees "${JOURNEYS:-1000}" --spread "${SPREAD:-120}" --server-pid "$pid" | tee "$dir/journey.out"
baseline
