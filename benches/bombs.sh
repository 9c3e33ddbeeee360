#!/usr/bin/env bash
# Time and peak memory of `plead score` on each spreadsheet bomb of issue 20 and on the
# largest spreadsheets plead accepts, measured with /usr/bin/time -v. Builds release,
# writes the files with examples/bombs into $BOMB_DIR (default /tmp/plead-bombs).
#
#   benches/bombs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BOMB_DIR:-/tmp/plead-bombs}
cargo build --release --quiet --bin plead --example bombs
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release
[ -s "$dir/tiny.ods" ] || "$bin/examples/bombs" "$dir"

printf '%-26s %10s %5s %9s %9s\n' file bytes exit seconds peak_MB
for f in xfd1048576.xlsx zz200000.xlsx shared-string-2gb.xlsx shared-strings-50m.xlsx tiny.ods \
  ordinary-99mb.xlsx header-7.9m-columns.csv largest-accepted.xlsx most-text-accepted.xlsx \
  largest-accepted.ods; do
  set +e
  /usr/bin/time -v -o "$dir/time.txt" "$bin/plead" score building-blocks "$dir/$f" \
    --allow-missing --format json > /dev/null 2> "$dir/$f.err"
  code=$?
  set -e
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
  printf '%-26s %10s %5s %9.2f %9.1f\n' "$f" "$(stat -c %s "$dir/$f")" "$code" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
done
