#!/usr/bin/env bash
# Load test of a release build on this machine's loopback (never another host).
#
# Usage: scripts/load-test.sh [--database-url postgres://…] [SECONDS] [CONNECTIONS]
# Defaults: 60 s per mix, 64 connections. Needs wrk (apt-get install wrk) and a release build
# (cargo build --release --bin tandem).
#
# Serves a fresh demo database (150 courses, ~2,000 stories a team), signs in as the demo
# processor and the demo team manager, and measures, each for SECONDS with CONNECTIONS:
#   - the anonymous landing page (the yardstick the audited pages are compared with);
#   - the read mixes, each audited: the processor's worklist, a course overview, a course's
#     goals, and a campaign's pattern page (the team manager);
#   - a write mix: new steps, a step's status, replies to the young person's statements and
#     reflections on a rating round, in turn (CSRF-checked, audited, 303);
#   - a mixed run: three reads (worklist, overview, goals) to one write.
# Prints one row per mix (req/s, p50, p99, errors = socket errors + answers other than 2xx/3xx)
# and then verifies every audit chain.
set -euo pipefail
cd "$(dirname "$0")/.."

db_args=()
url=
if [ "${1:-}" = "--database-url" ]; then url=$2; shift 2; fi
seconds=${1:-60}
connections=${2:-64}
bin=${CARGO_TARGET_DIR:-target}/release/tandem
port=18190
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "$url" ]; then
  # PostgreSQL needs a named audit key file (ADR 0015).
  "$bin" --data-dir "$work/data" --audit-key-file "$work/audit.key" audit add-key >/dev/null
  db_args=(--database-url "$url" --audit-key-file "$work/audit.key")
fi

# The demo is made first, by its own command: the server measured starts on a database in
# use, not in the process that just filled it.
"$bin" --data-dir "$work/data" "${db_args[@]}" --log warn demo >"$work/demo.log"
# A database just filled has neither planner statistics nor a visibility map yet (autovacuum
# makes them later, while the load runs); a database in use has both.
if [ -n "$url" ]; then psql "$url" -qc "VACUUM (ANALYZE)" -c CHECKPOINT; fi
"$bin" --data-dir "$work/data" "${db_args[@]}" --log warn serve --demo --bind "127.0.0.1:$port" >"$work/out.log" 2>"$work/err.log" &
server=$!
for _ in $(seq 1 600); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# Signs in `email` into cookie jar `jar`.
sign_in() {
  local email=$1 jar=$2 token status
  curl -s -c "$jar" -b "$jar" "$base/login" >"$work/login.html"
  token=$(grep -o 'name="_csrf" value="[0-9a-f]*"' "$work/login.html" | head -1 | grep -o '[0-9a-f]\{32\}')
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode "_csrf=$token" --data-urlencode "email=$email" \
    --data-urlencode 'password=prøv tandem i demo' "$base/login")
  [ "$status" = 303 ] || { echo "sign-in of $email failed ($status)" >&2; exit 1; }
}
session_of() { awk '$6 == "tandem_session" { print $7 }' "$1"; }
sign_in raadgiver@demo.tandem.test "$work/pjar"
sign_in teamleder@demo.tandem.test "$work/mjar"
psession=$(session_of "$work/pjar")
msession=$(session_of "$work/mjar")

# The reads look at the processor's first course; the writes go to the others, spread over
# them as a team's day would, so that what is written does not pile up in the course read.
mapfile -t courses < <(curl -s -b "$work/pjar" "$base/courses" | grep -o 'href="/courses/[0-9a-f-]\{36\}"' | grep -o '/courses/[0-9a-f-]*' | awk '!seen[$0]++')
[ "${#courses[@]}" -ge 2 ] || { echo "the demo processor needs two courses" >&2; exit 1; }
course=${courses[0]}
wcourse=${courses[1]}
curl -s -b "$work/pjar" "$base$wcourse/steps" >"$work/steps.html"
step_status=$(grep -o 'action="/courses/[0-9a-f-]*/steps/[0-9a-f-]*/status"' "$work/steps.html" | head -1 | cut -d'"' -f2)
# The session's form token, as every form of the session carries it.
pcsrf=$(grep -o 'name="_csrf" value="[0-9a-f]*"' "$work/steps.html" | head -1 | grep -o '[0-9a-f]\{32\}')
statement=$(curl -s -b "$work/pjar" "$base$wcourse/statements" | grep -o 'action="/courses/[0-9a-f-]*/statements/[0-9a-f-]*"' | head -1 | cut -d'"' -f2 || true)
round=$(curl -s -b "$work/pjar" "$base$wcourse" | grep -o 'href="/courses/[0-9a-f-]*/ratings/[0-9a-f-]\{36\}"' | head -1 | cut -d'"' -f2 || true)
campaign=$(curl -s -b "$work/mjar" "$base/campaigns" | grep -o 'href="/campaigns/[0-9a-f-]\{36\}"' | head -1 | cut -d'"' -f2 || true)
patterns="$campaign/patterns"

# The writes, in turn; every text is new, so each request really writes.
writes=("POST|@/steps|description=Load+step+%d&owner=young_person&goal=&due_date="
        "POST|$step_status|status=in_progress")
[ -n "$statement" ] && writes+=("POST|$statement|response=Tak+for+din+besked+%d&action=reply")
[ -n "$round" ] && writes+=("POST|$round/reflection|reflection=Vi+talte+om+runden+%d")
lua_list() { local item; for item in "$@"; do printf '  "%s",\n' "$item"; done; }

# A wrk script that cycles through `requests` (method|path|body) as the demo processor.
script() {
  cat <<LUA
local requests = {
$(lua_list "$@")
}
local n = 0
local wcourses = { $(printf '"%s", ' "${courses[@]:1}") }
local cookie = "tandem_session=$psession"
request = function()
  n = n + 1
  local method, path, body = requests[(n % #requests) + 1]:match("([^|]*)|([^|]*)|?(.*)")
  path = path:gsub("@", wcourses[(n % #wcourses) + 1])
  local headers = { ["Cookie"] = cookie }
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Sec-Fetch-Site"] = "same-origin"
    body = "_csrf=$pcsrf&" .. string.format(body, n)
  else
    body = nil
  end
  return wrk.format(method, path, headers, body)
end
LUA
}
reads=("GET|/courses|" "GET|$course|" "GET|$course/goals|")
script "${writes[@]}" >"$work/write.lua"
mixed=()
for write in "${writes[@]}"; do mixed+=("${reads[@]}" "$write"); done
script "${mixed[@]}" >"$work/mixed.lua"

# Checks that a page answers as expected before it is loaded.
expect() {
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' "${@:3}" "$base$2")
  [ "$got" = "$1" ] || { echo "$2 answers $got, not $1" >&2; exit 1; }
}
expect 200 /
expect 200 /courses -b "$work/pjar"
expect 200 "$course" -b "$work/pjar"
expect 200 "$course/goals" -b "$work/pjar"
[ -n "$campaign" ] && expect 200 "$patterns" -b "$work/mjar"

printf '%-44s %10s %9s %9s %7s\n' mix req/s p50 p99 errors
row() {
  local name=$1; shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" >"$work/wrk.txt"
  awk -v name="$name" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx/ { errors += $5 }
    END { printf "%-44s %10s %9s %9s %7d\n", name, rps, p50, p99, errors }' "$work/wrk.txt"
}
row "landing page, anonymous" "$base/"
row "read: worklist (processor)" -H "Cookie: tandem_session=$psession" "$base/courses"
row "read: course overview" -H "Cookie: tandem_session=$psession" "$base$course"
row "read: course goals" -H "Cookie: tandem_session=$psession" "$base$course/goals"
[ -n "$campaign" ] && row "read: pattern page (team manager)" -H "Cookie: tandem_session=$msession" "$base$patterns"
row "write: steps, status, replies, reflections" -s "$work/write.lua" "$base/"
row "mixed: 3 reads to 1 write" -s "$work/mixed.lua" "$base/"
"$bin" --data-dir "$work/data" "${db_args[@]}" audit verify
