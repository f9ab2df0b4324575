#!/usr/bin/env bash
# Measures `tandem import stories` on a synthetic story file: time and peak memory.
#
#   scripts/import-bench.sh [COUNT] [--postgres URL]
#
# Builds nothing: uses target/release/tandem (cargo build --release -p tandem-cli). Makes a
# fresh database (a temporary SQLite file, or the PostgreSQL database named in URL, which is
# dropped and created again — point it at a scratch database), adds the demo organization with
# 10 courses, writes COUNT stories (default 100000) of the default framework without metadata
# columns, and imports them into the demo's first staff campaign under /usr/bin/time -v.
set -euo pipefail
count="${1:-100000}"
postgres="${3:-}"
[ "${2:-}" = "--postgres" ] || postgres=""
bin="$(dirname "$0")/../target/release/tandem"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=(--data-dir "$work")
if [ -n "$postgres" ]; then
  base="${postgres%/*}"
  name="${postgres##*/}"
  psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  args+=(--database-url "$postgres")
fi
"$bin" "${args[@]}" demo --courses 10 >/dev/null
query="SELECT id FROM campaigns WHERE title = 'Ugentlig puls 1'"
if [ -n "$postgres" ]; then
  campaign="$(psql "$postgres" -Atc "$query")"
else
  campaign="$(sqlite3 "$work/tandem.db" "$query")"
fi
"$bin" demo stories --count "$count" --no-metadata --out "$work/stories.csv"
echo "file: $(du -h "$work/stories.csv" | cut -f1) for $count stories"
/usr/bin/time -v "$bin" "${args[@]}" import stories --org "Demo Kommune – Børn og Unge" \
  --campaign "$campaign" "$work/stories.csv" 2>&1 | grep -E "imported|Elapsed|Maximum resident"
