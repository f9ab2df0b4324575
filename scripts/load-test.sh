#!/usr/bin/env bash
# Load test of a release build on this machine's loopback (never another host).
#
# Usage: scripts/load-test.sh [--database-url postgres://…] [SECONDS] [CONNECTIONS]
# Needs wrk (apt-get install wrk) and a release build (cargo build --release --bin tandem).
# Serves a fresh demo database (150 courses), signs in as the demo administrator and as a demo
# processor, and measures: the landing page, a static file, a signed-in page, an audited admin
# read, the processor's worklist, a course overview (audited, ~10 queries), and a write mix
# (changing a step's status: CSRF-checked, audited). Prints wrk's throughput and latency
# percentiles for each, then verifies the audit chain.
set -euo pipefail
cd "$(dirname "$0")/.."

db_args=()
if [ "${1:-}" = "--database-url" ]; then db_args=(--database-url "$2"); shift 2; fi
seconds=${1:-20}
connections=${2:-64}
bin=${CARGO_TARGET_DIR:-target}/release/tandem
port=18190
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" --data-dir "$work/data" "${db_args[@]}" --log warn serve --demo --bind "127.0.0.1:$port" >"$work/out.log" 2>"$work/err.log" &
server=$!
for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

curl -s -c "$work/jar" -b "$work/jar" "$base/login" >"$work/login.html"
token=$(grep -o 'name="_csrf" value="[0-9a-f]*"' "$work/login.html" | head -1 | grep -o '[0-9a-f]\{32\}')
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$work/jar" -b "$work/jar" -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "_csrf=$token" --data-urlencode 'email=admin@demo.tandem.test' \
  --data-urlencode 'password=prøv tandem i demo' --data-urlencode 'next=/home' "$base/login")
[ "$status" = 303 ] || { echo "sign-in failed ($status)" >&2; exit 1; }
session=$(awk '$6 == "tandem_session" { print $7 }' "$work/jar")

# The demo processor, in a second cookie jar.
curl -s -c "$work/pjar" -b "$work/pjar" "$base/login" >"$work/plogin.html"
ptoken=$(grep -o 'name="_csrf" value="[0-9a-f]*"' "$work/plogin.html" | head -1 | grep -o '[0-9a-f]\{32\}')
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$work/pjar" -b "$work/pjar" -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "_csrf=$ptoken" --data-urlencode 'email=raadgiver@demo.tandem.test' \
  --data-urlencode 'password=prøv tandem i demo' "$base/login")
[ "$status" = 303 ] || { echo "processor sign-in failed ($status)" >&2; exit 1; }
psession=$(awk '$6 == "tandem_session" { print $7 }' "$work/pjar")
pcsrf=$(awk '$6 == "tandem_csrf" { print $7 }' "$work/pjar")
course=$(curl -s -b "$work/pjar" "$base/courses" | grep -o 'href="/courses/[0-9a-f-]\{36\}"' | head -1 | grep -o '/courses/[0-9a-f-]*')
step_action=$(curl -s -b "$work/pjar" "$base$course/steps" | grep -o 'action="/courses/[0-9a-f-]*/steps/[0-9a-f-]*/status"' | head -1 | cut -d'"' -f2)
cat >"$work/write.lua" <<LUA
wrk.method = "POST"
wrk.body = "_csrf=$pcsrf&status=in_progress"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "tandem_session=$psession; tandem_csrf=$pcsrf"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
asset=$(curl -s "$base/" | grep -o '/static/[0-9a-f]*/vendor/dkfds/css/dkfds.min.css' | head -1)

measure() {
  local name=$1 path=$2; shift 2
  local expect
  expect=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$base$path")
  echo "== $name ($path, answers $expect)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$base$path" |
    grep -E 'Requests/sec|^ +50%|^ +90%|^ +99%|Non-2xx|Socket errors'
}
measure "landing page, anonymous" /
measure "static file (DKFDS CSS, 220 KB)" "$asset"
measure "home page, signed in (session lookup)" /home -H "Cookie: tandem_session=$session"
measure "user list, signed in (audited read)" /admin/users -H "Cookie: tandem_session=$session"
measure "worklist of a processor (demo data)" /courses -H "Cookie: tandem_session=$psession"
measure "course overview (demo data, audited)" "$course" -H "Cookie: tandem_session=$psession"
expect=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/pjar" -H 'Sec-Fetch-Site: same-origin' \
  --data "_csrf=$pcsrf&status=in_progress" "$base$step_action")
echo "== write: a step's status, CSRF-checked and audited ($step_action, answers $expect)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/write.lua" "$base$step_action" |
  grep -E 'Requests/sec|^ +50%|^ +90%|^ +99%|Non-2xx|Socket errors'
"$bin" --data-dir "$work/data" "${db_args[@]}" audit verify
