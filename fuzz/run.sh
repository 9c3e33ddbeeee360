#!/bin/sh
# Runs each fuzz target in turn, one process at a time, for SECONDS_EACH (default 600)
# seconds each, or RUNS executions for the fast ones: ./run.sh [TARGET...]. Logs go to
# logs/<target>.log, crashes to artifacts/<target>/. SANITIZER defaults to none: plead has
# no unsafe code, the targets (which render every format) run several times faster
# without AddressSanitizer, and its leak checker only ever reported glibc registering a
# thread-local destructor. SANITIZER=address brings it back.
set -u
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-600}
runs=${RUNS:-5000000}
targets=${*:-"survey result render assessment answers cell headers spreadsheet draft"}
mkdir -p logs
for t in $targets; do
  case $t in
    cell) len=256 ;;
    headers) len=4096 ;;
    render) len=8192 ;;
    survey) len=16384 ;;
    spreadsheet) len=65536 ;;
    *) len=65536 ;;
  esac
  [ -d corpus/$t ] || ./seed.sh
  cargo +nightly fuzz run -O -s "${SANITIZER:-none}" "$t" corpus/"$t" -- -jobs=1 -workers=1 \
    -max_total_time="$seconds" -runs="$runs" -rss_limit_mb=2048 -timeout=10 -max_len="$len" \
    -print_final_stats=1 > logs/"$t".out 2>&1
  status=$?
  cp fuzz-0.log logs/"$t".log 2>/dev/null
  echo "$t done: exit $status, corpus $(ls corpus/"$t" | wc -l)" >> logs/summary
done
