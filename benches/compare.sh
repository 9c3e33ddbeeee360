#!/usr/bin/env bash
# Time and peak memory of `plead diff` (two Results) and `plead trend` (four) as the number
# of items grows. Builds release, writes Results with examples/big_results into
# $BENCH_DIR (default /tmp/plead-bench).
#
#   benches/compare.sh              # 25,000, 60,000 and 150,000 items
#   benches/compare.sh 60000        # chosen sizes
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/plead-bench}
mkdir -p "$dir"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(25000 60000 150000)

cargo build --release --quiet --bin plead --example big_results
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release

measure() {
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > /dev/null
  cat "$dir/time.txt"
}

printf '%-8s %-6s %9s %9s %9s\n' items what Result_MB seconds peak_MB
for n in "${sizes[@]}"; do
  "$bin/examples/big_results" --items "$n" --periods 4 --dir "$dir" > /dev/null
  files=("$dir"/result-"$n"-{0,1,2,3}.json)
  mb=$(awk -v b="$(stat -c %s "${files[0]}")" 'BEGIN { printf "%.1f", b / 1e6 }')
  read -r secs kb < <(measure "$bin/plead" diff "${files[0]}" "${files[1]}" --format json)
  printf '%-8s %-6s %9s %9.2f %9.1f\n' "$n" diff "$mb" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  read -r secs kb < <(measure "$bin/plead" trend "${files[@]}" --format json)
  printf '%-8s %-6s %9s %9.2f %9.1f\n' "$n" trend "$mb" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
done
