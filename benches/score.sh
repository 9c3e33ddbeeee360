#!/usr/bin/env bash
# Throughput and peak memory of `plead score`, beside a plain csv-crate parse of the same
# file (the floor). Builds release, generates Microsoft Forms returns of the 10 building
# blocks with label-text answers and messy cells into $BENCH_DIR (default /tmp/plead-bench),
# and scores each with --group-by Directorate (30 values).
#
#   benches/score.sh              # 10k, 100k and 1M rows
#   benches/score.sh 10000 100000 # chosen sizes
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/plead-bench}
mkdir -p "$dir"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)

cargo build --release --quiet --bin plead --example generate_returns --example parse_floor
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release

# Runs a command under /usr/bin/time; prints "seconds peak_kb".
measure() {
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > /dev/null
  cat "$dir/time.txt"
}

printf '%-9s %-18s %9s %9s %10s %12s %9s\n' rows what MB seconds MB/s rows/s peak_MB
for n in "${sizes[@]}"; do
  for kind in bare comments; do
    if [ $kind = bare ]; then
      file=$dir/returns-$n.csv
      [ -s "$file" ] || "$bin/examples/generate_returns" --rows "$n" --layout msforms > "$file"
    else
      file=$dir/returns-comments-$n.csv
      [ -s "$file" ] || "$bin/examples/generate_returns" --rows "$n" --layout msforms --comments yes > "$file"
    fi
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
    cat "$file" > /dev/null # warm the page cache for both runs
    for what in plead csv-parse; do
      if [ $what = plead ]; then
        read -r secs kb < <(measure "$bin/plead" score building-blocks "$file" --group-by Directorate --format json)
      else
        read -r secs kb < <(measure "$bin/examples/parse_floor" "$file")
      fi
      label=$what
      [ $kind = comments ] && label="$what+comments"
      awk -v n="$n" -v w="$label" -v mb="$mb" -v s="$secs" -v kb="$kb" 'BEGIN {
        s = (s < 0.01) ? 0.01 : s
        printf "%-9s %-18s %9.1f %9.2f %10.1f %12.0f %9.1f\n", n, w, mb, s, mb / s, n / s, kb / 1024 }'
    done
  done
done
