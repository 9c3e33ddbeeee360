#!/usr/bin/env bash
# Time to the first prompt of a workshop (`plead assess` in a pseudo-terminal, from the
# spawn until the first item's rating menu is on the screen): median, 90th percentile and
# worst of RUNS starts (default 50) per assessment and terminal size. Builds release.
#
#   benches/first_prompt.sh        # 50 runs each
#   benches/first_prompt.sh 200
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin plead --example first_prompt
bin=target/release
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release
"$bin/examples/first_prompt" "$bin/plead" "${1:-50}"
