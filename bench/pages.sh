#!/usr/bin/env bash
# Page weight (issue 5): is every HTML page under 50 KB compressed (fonts and video aside)?
# Starts a fresh server on an empty data directory (target/bench-pages; the first start migrates
# and imports content/), makes one staff account per staff page (administrator, grader, content
# admin, protector officer) with `softskills admin create-user`, runs bench/pages.py (which
# registers the trainees through the web form and visits every page as the role that sees it, in
# English and Urdu), prints its Markdown table and stops the server. Exit status: pages.py's
# (1 when a page is over 50 KB or answered with an unexpected status, 2 when the walk failed).
# Uses the release binary as built; it does not build.
#   bash bench/pages.sh
#   PORT=8098 LANGS=en bash bench/pages.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${PORT:-8097}
LANGS=${LANGS:-en,ur}
dir=target/bench-pages
bin=target/release/softskills
url="http://127.0.0.1:$PORT"
[ -x "$bin" ] || { echo "$bin not found: build it first (cargo build --release -p softskills)" >&2; exit 2; }
if curl -sf "$url/readyz" >/dev/null 2>&1; then
  echo "something already answers on $url: choose another PORT" >&2
  exit 2
fi

# Only the settings below: another SOFTSKILLS_ variable from the caller's environment would
# change what is measured (or, if unknown, stop the server starting).
for v in $(compgen -e | grep '^SOFTSKILLS_' || true); do unset "$v"; done
export SOFTSKILLS_DATA_DIR="$PWD/$dir/data" SOFTSKILLS_CONTENT_DIR="$PWD/content"
export SOFTSKILLS_BIND="127.0.0.1:$PORT" SOFTSKILLS_PUBLIC_URL="$url" DATABASE_URL= RUST_LOG=warn
# Every written reflection goes to a grader, so the grading form has an answer to show.
export SOFTSKILLS_LEARNING__REFLECTION_SAMPLE_PERCENT=100

rm -rf "$dir"
mkdir -p "$dir"
"$bin" serve > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
until curl -sf "$url/readyz" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "the server stopped:" >&2; cat "$dir/serve.log" >&2; exit 2; }
  sleep 0.2
done

password='a long bench password 2026'
staff=()
create() { # role name mobile [office]
  echo "$password" | "$bin" admin create-user --role "$1" --name "$2" --mobile "$3" ${4:+--office "$4"} \
    >/dev/null 2>>"$dir/create-user.log" || { cat "$dir/create-user.log" >&2; exit 2; }
  staff+=(--staff "$1:$3")
}
create administrator "Ayesha Khan" 03451110001
create grader "Saima Noor" 03451110002
create content_admin "Samina Baig" 03451110003
create protector_officer "Tariq Mehmood" 03451110004 LHR

rc=0
PAGES_STAFF_PASSWORD="$password" python3 bench/pages.py --url "$url" --data-dir "$dir/data" \
  --langs "$LANGS" "${staff[@]}" | tee "$dir/pages.md" || rc=$?
exit $rc
