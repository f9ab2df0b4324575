# Shared by the benchmark scripts (sourced, not run): a fresh database with the demo
# organization and a synthetic story file for its first staff campaign.
#
# Expects: $count, $postgres (a scratch database URL, dropped and created again; empty for a
# temporary SQLite file), $work (a temporary folder), $bin (the release binary).
# Sets: $args (the tandem options naming the database), $campaign (the campaign's id), and
# writes $work/stories.csv with $count stories of the default framework (no metadata columns).
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
