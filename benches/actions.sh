#!/usr/bin/env bash
# Time and peak memory of the actions log's commands as the log grows: listing it,
# reviewing one action (the log read, changed in its own text, read back and written),
# "You said, we did" in a diff of the example trust's Q3 and Q4, and a workshop from an
# answers file that reviews one action and adds two. Builds release; writes the logs into
# $BENCH_DIR (default /tmp/plead-bench).
#
#   benches/actions.sh              # 1,000 and 10,000 actions
#   benches/actions.sh 100000       # chosen sizes
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/plead-bench}
mkdir -p "$dir"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)

cargo build --release --quiet --bin plead
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release
export PLEAD_NOW=2026-11-21T10:00:00Z

measure() {
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > /dev/null 2>&1
  cat "$dir/time.txt"
}

# A log of n actions over the building blocks' items, each with two changes.
make_log() {
  python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
items = ["decision-making", "co-design", "training", "relationships", "access-to-feedback",
         "seldom-heard", "qualitative-feedback", "close-the-loop", "improvement-mind-set",
         "supporting-roles"]
out = ['schema = "plead.actions/1"', 'organisation = "Northshire NHS Trust"', ""]
for k in range(1, n + 1):
    out += ["[[action]]", f'id = "A{k}"', 'assessment = "building-blocks"',
            f'item = "{items[k % len(items)]}"',
            f'text = "Action {k}: invite patient leaders to the first meeting of redesign {k}"',
            'owner = "Head of Patient Experience"', "due = 2026-12-31", 'agreed = "2026-Q3"', "",
            "[[action.history]]", 'status = "open"', 'period = "2026-Q3"', "date = 2026-07-24",
            'note = "Agreed by the Patient Experience Committee"', "",
            "[[action.history]]", 'status = "in progress"', 'period = "2026-Q4"',
            "date = 2026-10-20", 'note = "Two of the meetings held"', ""]
open(path, "w").write("\n".join(out))
PY
}

e=examples/northshire
printf '%-8s %-8s %9s %9s %9s\n' actions what log_MB seconds peak_MB
for n in "${sizes[@]}"; do
  log="$dir/actions-$n.toml"
  make_log "$n" "$log"
  mb=$(awk -v b="$(stat -c %s "$log")" 'BEGIN { printf "%.1f", b / 1e6 }')
  row() {
    read -r secs kb
    printf '%-8s %-8s %9s %9.2f %9.1f\n' "$n" "$1" "$mb" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  }
  measure "$bin/plead" actions "$log" --format json < /dev/null | row list
  measure "$bin/plead" actions review "$log" A1 --status done --note "Held" | row review
  measure "$bin/plead" diff $e/2026-Q3.json $e/2026-Q4.json --actions "$log" --format html | row diff
  printf 'organisation = "Northshire NHS Trust"\nperiod = "2027-Q1"\n[actions."A2"]\nstatus = "done"\n[answers.co-design]\nrating = 3\ntarget = 4\naction = "More"\n[answers.training]\nrating = 2\ntarget = 3\naction = "Book it"\n' > "$dir/answers.toml"
  measure "$bin/plead" assess building-blocks --answers "$dir/answers.toml" --actions "$log" --out "$dir/r-$n.json" --force | row workshop
done
