#!/usr/bin/env bash
# The object store (issue 5, docs/SCALING.md): a rendered lesson video served by the portal with
# range requests, from the local directory and from an S3-compatible server, in the same run,
# each against `baseline` and, for S3, against the store answering the same ranges itself.
#   bench/media.sh
# The S3-compatible server is moto's (`moto_server`, from PyPI, in target/bench-media/venv):
# MinIO and Ceph are not in Debian's packages. moto is a Python test server, so read the S3 row
# as "the portal adds this much to what the store gives", not as S3's own speed.
# Rendering needs ffmpeg and espeak-ng (installed from Debian when missing).
BENCH_DIR=${BENCH_DIR:-target/bench-media} TRAINEES=${TRAINEES:-1000} CERTIFICATES=${CERTIFICATES:-100} EXAM_READY=${EXAM_READY:-100}
LESSON=${LESSON:-com-2}
S3_PORT=${S3_PORT:-8095}
source "$(dirname "$0")/common.sh"
need_tools
missing=()
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
venv="$dir/venv"
if [ ! -x "$venv/bin/moto_server" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'moto[server]==5.1.*'
fi
build
ensure_data

"$venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" > "$dir/moto.log" 2>&1 &
moto=$!
trap 'kill $moto ${pid:-} 2>/dev/null || true' EXIT
until curl -s "http://127.0.0.1:$S3_PORT/" >/dev/null; do sleep 0.1; done
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1
curl -sf -X PUT "http://127.0.0.1:$S3_PORT/psk-media" >/dev/null

cookie="pss_session=$(head -1 "$dir/tokens.txt" | cut -d' ' -f1)"
for store in local s3; do
  echo "== $store store"
  export SOFTSKILLS_MEDIA__STORE=$store
  if [ "$store" = s3 ]; then
    export SOFTSKILLS_MEDIA__S3_BUCKET=psk-media SOFTSKILLS_MEDIA__S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
  fi
  /usr/bin/time -f "render and store $LESSON (en): %e s" \
    target/release/softskills content render-videos --lesson "$LESSON" --lang en --force 2>&1 | grep -v WARN
  row=$(sql "SELECT lower(hex(id)), bytes, object_key, sha256 FROM media WHERE lesson_id = '$LESSON' AND lang = 'en' AND kind = 'video' ORDER BY created_at DESC LIMIT 1")
  IFS='|' read -r hex bytes key sha <<< "$row"
  id="${hex:0:8}-${hex:8:4}-${hex:12:4}-${hex:16:4}-${hex:20:12}"
  echo "video: $bytes bytes, key $key"
  start_server
  got=$(curl -sf -H "Cookie: $cookie" "$url/media/$id" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$sha" ] && echo "whole file through the portal: sha256 matches" || { echo "SHA256 MISMATCH: $got != $sha"; exit 1; }
  baseline
  echo "-- 256 KB ranges of the video through the portal (GET /media/{id})"
  MEDIA_PATH="/media/$id" MEDIA_BYTES=$bytes MEDIA_COOKIE=$cookie run_wrk -s bench/media_range.lua "$url"
  if [ "$store" = s3 ]; then
    echo "-- the same ranges from the S3 server itself (no portal), through a presigned URL"
    signed=$("$venv/bin/python" -c 'import sys, boto3
print(boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1").generate_presigned_url("get_object", Params={"Bucket": "psk-media", "Key": sys.argv[2]}, ExpiresIn=3600))' "http://127.0.0.1:$S3_PORT" "$key")
    signed_path="/${signed#http://*/}"
    curl -s -o /dev/null -w "one range straight from the store: HTTP %{http_code}\n" -H "Range: bytes=0-262143" "$signed"
    MEDIA_PATH="$signed_path" MEDIA_BYTES=$bytes MEDIA_COOKIE=none run_wrk -s bench/media_range.lua "http://127.0.0.1:$S3_PORT"
  fi
  server_memory
  stop_server
done
