#!/usr/bin/env bash
# Load on a live workshop (`plead assess --live`): PARTICIPANTS phones (default 200) each
# vote once on each of building-blocks' 10 items, all at once when the item opens; the
# time to acknowledge a vote (its draft on disk) and until the presenter view's page
# shows it: median, 99th percentile, worst. Builds release.
#
#   benches/live.sh        # 200 participants
#   benches/live.sh 60
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin plead --example live_load
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release
"$bin/examples/live_load" "$bin/plead" "${1:-200}"
