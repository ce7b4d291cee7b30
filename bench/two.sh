#!/usr/bin/env bash
# Two server processes on one PostgreSQL behind nginx (issue 5, docs/SCALING.md): the `exam`
# scenario through the proxy, sessions, rate limits and jobs shared through the database; then
# the acknowledged answers are counted. Uses the PostgreSQL bench database of bench/exam.sh.
#   bench/two.sh                      # STEPS=10000,20000
source "$(dirname "$0")/common.sh"
[ "$DB" = postgres ] || { echo "two processes share one PostgreSQL: run with DB=postgres"; exit 2; }
need_tools
command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null; }
build
ensure_data
reset_attempts
# Behind the proxy, the client address is the one nginx forwards.
export SOFTSKILLS_TRUST_PROXY_HEADERS=true
export SOFTSKILLS_SECRETS__METRICS_TOKEN=bench-metrics
pids=()
for p in 8091 8092; do
  SOFTSKILLS_BIND="127.0.0.1:$p" target/release/softskills serve > "$dir/serve-$p.log" 2>&1 &
  pids+=($!)
done
cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$dir/nginx.pid;
error_log $PWD/$dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream portal { least_conn; server 127.0.0.1:8091; server 127.0.0.1:8092; keepalive 64; }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
nginx -c "$PWD/$dir/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill ${pids[*]} $nginx_pid 2>/dev/null || true' EXIT
for p in 8091 8092 "$PORT"; do until curl -sf "http://127.0.0.1:$p/readyz" >/dev/null; do sleep 0.05; done; done
echo "two processes (${pids[*]}) behind nginx on $url"
baseline
target/release/psk-load exam --url "$url" --tokens "$dir/tokens.txt" --steps "${STEPS:-10000,20000}" \
  --seconds "${STEP_SECONDS:-60}" | tee "$dir/two.out"
acknowledged=$(sed -n 's/^ACKNOWLEDGED answers=\([0-9]*\).*/\1/p' "$dir/two.out")
stored=$(sql "SELECT count(*) FROM test_answers")
echo "answers acknowledged: $acknowledged; stored in the database: $stored"
[ "$acknowledged" = "$stored" ] || echo "LOST ANSWERS: $(( acknowledged - stored ))"
for p in "${pids[@]}"; do echo "process $p: $(( $(ps -o rss= -p "$p") / 1024 )) MB"; done
for p in 8091 8092; do
  echo "requests served by :$p: $(curl -s -H "Authorization: Bearer $SOFTSKILLS_SECRETS__METRICS_TOKEN" "http://127.0.0.1:$p/metrics" | awk '/^http_requests_total/ { n += $NF } END { print n }')"
done
