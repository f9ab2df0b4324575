#!/usr/bin/env bash
# The crash suite (tools/crash_test.py): 50 writers add steps, each recording the unique text
# of every write acknowledged with 303; the server is killed with SIGKILL mid-load and started
# again on the same data; every acknowledged write must be there, every audit chain must
# verify, and SQLite's integrity_check must answer ok.
#
# Usage: scripts/crash-test.sh [--database-url postgres://…] [--rounds N] [--kill-after SECONDS]
#                              [--writers N] [--binary PATH]
# Defaults: five rounds on SQLite (pass --rounds 3 with PostgreSQL, as docs/PERFORMANCE.md
# does), 10 s of load before each kill, 50 writers, the release build (falls back to the
# debug build). With --database-url the database should be empty: the demo is served into it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
binary=$target/release/tandem
[ -x "$binary" ] || binary=$target/debug/tandem
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -x "$binary" ] || { echo "no tandem binary: cargo build --release --bin tandem" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
python3 tools/crash_test.py --binary "$binary" --data-dir "$data" "${args[@]}"
