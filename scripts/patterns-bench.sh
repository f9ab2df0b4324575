#!/usr/bin/env bash
# Measures the pattern pages' server time on a campaign of COUNT stories.
#
#   scripts/patterns-bench.sh [COUNT] [--postgres URL]
#
# Builds nothing: uses target/release/tandem (cargo build --release -p tandem-cli). Sets up as
# scripts/import-bench.sh does (a fresh database with the demo organization and COUNT stories,
# default 100000, imported into "Ugentlig puls 1"), starts the server, signs in as the demo's
# head of department and asks for each pattern page six times, once the server has read the
# campaign's answers into columns (it does so on start, in the background; reported on its own).
# The first request for each page is reported on its own ("first"), the next five as "warm"
# (mean). Then 100 more stories are imported while the server runs, and the findings page is
# asked again: its first request then reads just those 100 and adds them to the kept columns.
# Last, COUNT stories are imported into a second campaign while the server runs, and its
# findings page is asked: the first request reads that whole campaign into columns.
# Server time comes from Tandem's own latency histogram (/metrics: sum and count per route), so
# curl and the network are not in the figures.
set -euo pipefail
count="${1:-100000}"
postgres="${3:-}"
[ "${2:-}" = "--postgres" ] || postgres=""
bin="$(dirname "$0")/../target/release/tandem"
work="$(mktemp -d)"
port=18090
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"
"$bin" "${args[@]}" import stories --org "Demo Kommune – Børn og Unge" \
  --campaign "$campaign" "$work/stories.csv" | tail -1
# Autovacuum settles a bulk import within a minute or so (visibility map, statistics); the
# figures are for that settled database, so PostgreSQL is vacuumed here rather than waited for.
[ -n "$postgres" ] && psql "$postgres" -qc "VACUUM ANALYZE"
"$bin" "${args[@]}" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
# On start the server reads the largest campaigns' answers into columns in the background; the
# pages are measured once that is done, and how long it took is reported on its own.
for _ in $(seq 600); do grep -q "answers ahead" "$work/server.log" && break; sleep 0.2; done
sed 's/\x1b\[[0-9;]*m//g' "$work/server.log" | grep -o "answers ahead.*" |
  sed 's/.*stories=\([0-9]*\) millis=\([0-9]*\).*/read ahead on start: \1 stories in \2 ms (background)/'

jar="$work/cookies"
token="$(curl -fs -c "$jar" -b "$jar" "$url/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
  --data-urlencode "email=leder@demo.tandem.test" --data-urlencode "password=prøv tandem i demo" \
  --data-urlencode "next=/home" "$url/login" || true

# Sum and count of the latency histogram of one route.
latency() {
  curl -fs "$url/metrics" | awk -v route="$1" '
    index($0, "route=\"" route "\"") && /_sum/ { sum = $NF }
    index($0, "route=\"" route "\"") && /_count/ { count = $NF }
    END { printf "%s %s\n", sum + 0, count + 0 }'
}
measure() {
  local path="$1" route="$2" name="$3" before after first
  before="$(latency "$route")"
  curl -fs -o /dev/null -b "$jar" "$url/campaigns/$campaign$path"
  after="$(latency "$route")"
  first="$(echo "$before $after" | awk '{ printf "%.1f", ($3 - $1) * 1000 }')"
  before="$after"
  for _ in 1 2 3 4 5; do curl -fs -o /dev/null -b "$jar" "$url/campaigns/$campaign$path"; done
  after="$(latency "$route")"
  echo "$before $after" | awk -v name="$name" -v first="$first" \
    '{ printf "%-28s first %8s ms   warm %8.1f ms (mean of %d)\n", name, first, ($3 - $1) * 1000 / ($4 - $2), $4 - $2 }'
}
echo "pattern pages, $count stories ($([ -n "$postgres" ] && echo PostgreSQL || echo SQLite)):"
measure "/patterns" "/campaigns/{campaign_id}/patterns" "findings"
measure "/patterns/finding?a=D3&b=M1" "/campaigns/{campaign_id}/patterns/finding" "finding (D3 by M1)"
measure "/patterns/triads?question=T1&by=M1&left=co_design&right=co_delivery" \
  "/campaigns/{campaign_id}/patterns/triads" "triangles (T1 by M1, 2 sides)"
measure "/patterns/trends" "/campaigns/{campaign_id}/patterns/trends" "trends"
measure "/patterns?from=2000-01-01" "/campaigns/{campaign_id}/patterns" "findings, all, new filter"
measure "/patterns?M1=co_design" "/campaigns/{campaign_id}/patterns" "findings, filtered"
# Stories arriving while the server runs: the next page reads only those and adds them.
"$bin" demo stories --count 100 --seed 7 --no-metadata --out "$work/more.csv"
"$bin" "${args[@]}" import stories --org "Demo Kommune – Børn og Unge" \
  --campaign "$campaign" "$work/more.csv" | tail -1
measure "/patterns" "/campaigns/{campaign_id}/patterns" "findings, 100 stories later"
# A campaign the server has not read ahead (filled by another process while it runs): its first
# page reads the whole campaign into columns.
query="SELECT id FROM campaigns WHERE title = 'Ugentlig puls 2'"
if [ -n "$postgres" ]; then
  campaign="$(psql "$postgres" -Atc "$query")"
else
  campaign="$(sqlite3 "$work/tandem.db" "$query")"
fi
"$bin" "${args[@]}" import stories --org "Demo Kommune – Børn og Unge" \
  --campaign "$campaign" "$work/stories.csv" | tail -1
[ -n "$postgres" ] && psql "$postgres" -qc "VACUUM ANALYZE"
measure "/patterns" "/campaigns/{campaign_id}/patterns" "findings, not read ahead"
