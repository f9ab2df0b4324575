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
# shellcheck source=scripts/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"
echo "file: $(du -h "$work/stories.csv" | cut -f1) for $count stories"
/usr/bin/time -v "$bin" "${args[@]}" import stories --org "Demo Kommune – Børn og Unge" \
  --campaign "$campaign" "$work/stories.csv" 2>&1 | grep -E "imported|Elapsed|Maximum resident"
