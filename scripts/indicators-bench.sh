#!/usr/bin/env bash
# Measures the management pages' server time on the demo world with COURSES courses.
#
#   scripts/indicators-bench.sh [COURSES] [--postgres URL]
#
# Builds nothing: uses $CARGO_TARGET_DIR (default target)/release/tandem (cargo build --release
# -p tandem-cli). Makes a fresh
# database with the demo organization (COURSES courses over its three teams, default 150, with six
# months of practice history), starts the server, and asks each page six times: the department's
# three columns, the first team's, the department over time and the cockpit home as the head of
# department, and the practice board and home
# page (profile card), the probe with two run charts and the reflective practices' pages as that
# team's manager. Server time comes from Tandem's own latency
# histogram (/metrics), so curl and the network are not in the figures.
set -euo pipefail
courses="${1:-150}"
postgres="${3:-}"
[ "${2:-}" = "--postgres" ] || postgres=""
bin="${CARGO_TARGET_DIR:-$(dirname "$0")/../target}/release/tandem"
work="$(mktemp -d)"
port=18091
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
args=(--data-dir "$work")
if [ -n "$postgres" ]; then
  psql "${postgres%/*}/postgres" -qc "DROP DATABASE IF EXISTS ${postgres##*/}" \
    -c "CREATE DATABASE ${postgres##*/}"
  args+=(--database-url "$postgres")
  # PostgreSQL keeps the audit chain keyed (security R21): a fresh key for the fresh database.
  "$bin" audit add-key --audit-key-file "$work/audit.key" >/dev/null
  export TANDEM_AUDIT_KEY_FILE="$work/audit.key"
fi
"$bin" "${args[@]}" demo --courses "$courses" >"$work/demo.log"
head -4 "$work/demo.log"
sql() {
  if [ -n "$postgres" ]; then psql "$postgres" -Atc "$1"; else sqlite3 "$work/tandem.db" "$1"; fi
}
team="$(sql "SELECT id FROM teams ORDER BY name LIMIT 1")"
# The team's probe followed by two course measures (meetings chaired by the young person and
# session feedback): its page reads the team's courses and draws two run charts.
probe="$(sql "SELECT id FROM probes WHERE team_id = '$team' AND success_measure IS NOT NULL \
  AND failure_measure IS NOT NULL LIMIT 1")"
"$bin" "${args[@]}" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done

sign_in() {
  local jar="$1" email="$2" token
  token="$(curl -fs -c "$jar" -b "$jar" "$url/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
    --data-urlencode "email=$email" --data-urlencode "password=prøv tandem i demo" \
    --data-urlencode "next=/home" "$url/login" || true
}
head_jar="$work/head"
manager_jar="$work/manager"
sign_in "$head_jar" "leder@demo.tandem.test"
# The first team by name is the demo's first manager's (Nord).
sign_in "$manager_jar" "teamleder@demo.tandem.test"

latency() {
  curl -fs "$url/metrics" | awk -v route="$1" '
    index($0, "route=\"" route "\"") && /_sum/ { sum = $NF }
    index($0, "route=\"" route "\"") && /_count/ { count = $NF }
    END { printf "%s %s\n", sum + 0, count + 0 }'
}
measure() {
  local jar="$1" path="$2" route="$3" name="$4" before after
  before="$(latency "$route")"
  for _ in 1 2 3 4 5 6; do curl -fs -o /dev/null -b "$jar" "$url$path"; done
  after="$(latency "$route")"
  echo "$before $after" | awk -v name="$name" \
    '{ printf "%-34s %8.1f ms (mean of %d)\n", name, ($3 - $1) * 1000 / ($4 - $2), $4 - $2 }'
}
echo "management pages, $courses courses ($([ -n "$postgres" ] && echo PostgreSQL || echo SQLite)):"
measure "$head_jar" "/indicators" "/indicators" "department, three columns"
measure "$head_jar" "/teams/$team/indicators" "/teams/{team_id}/indicators" "one team, three columns"
measure "$head_jar" "/indicators/over-time" "/indicators/over-time" "department over time (4 days)"
measure "$head_jar" "/home" "/home" "head's home (cockpit, 4 days a team)"
measure "$manager_jar" "/teams/$team/practices" "/teams/{team_id}/practices" "practice board (with the card)"
measure "$manager_jar" "/home" "/home" "manager's home (with the card)"
measure "$manager_jar" "/teams/$team/probes/$probe" "/teams/{team_id}/probes/{probe_id}" \
  "probe with two run charts (month)"
measure "$manager_jar" "/teams/$team/probes/$probe?period=week" \
  "/teams/{team_id}/probes/{probe_id}" "probe with two run charts (week)"
for page in good-enough-story vocabulary cues dilemmas retrospectives pulse identity; do
  measure "$manager_jar" "/teams/$team/$page" "/teams/{team_id}/$page" "$page"
done
