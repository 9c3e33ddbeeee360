#!/bin/sh
# Runs each fuzz target in turn, one process at a time, for SECONDS (default 600)
# each (the fast ones stop sooner, at RUNS executions): ./run.sh [TARGET...]. Logs go to
# logs/<target>.log, crashes to artifacts/<target>/. Leak detection is off: the one leak
# LeakSanitizer reports is glibc registering a thread-local destructor, not plead.
set -u
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-600}
runs=${RUNS:-5000000}
targets=${*:-"survey result render assessment answers cell headers"}
mkdir -p logs
for t in $targets; do
  case $t in
    cell) len=256 ;;
    headers) len=4096 ;;
    render) len=8192 ;;
    survey) len=16384 ;;
    *) len=65536 ;;
  esac
  [ -d corpus/$t ] || ./seed.sh
  cargo +nightly fuzz run -O "$t" corpus/"$t" -- -jobs=1 -workers=1 \
    -max_total_time="$seconds" -runs="$runs" -detect_leaks=0 -rss_limit_mb=2048 -timeout=10 -max_len="$len" \
    -print_final_stats=1 > logs/"$t".out 2>&1
  cp fuzz-0.log logs/"$t".log 2>/dev/null
  echo "$t done: exit $?, corpus $(ls corpus/"$t" | wc -l)" >> logs/summary
done
