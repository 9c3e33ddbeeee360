#!/usr/bin/env bash
# How long matching an assessment's items to a file's columns takes: 10,000 items
# against 10,000 columns (or the sizes given), all exact, 10% reworded and all reworded
# (every item then paired by its wording). Builds release; prints the best of 5 runs.
#
#   benches/matching.sh            # 10,000 items
#   benches/matching.sh 1000 10000 # chosen sizes
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000)

cargo build --release --quiet --example match_columns
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release

for n in "${sizes[@]}"; do
  for share in 0 10 100; do
    "$bin/examples/match_columns" --items "$n" --reworded "$share" --runs 5
  done
done
