#!/usr/bin/env bash
# The HTML reports in a real browser: installs what it needs on a fresh machine (Debian's
# chromium, the npm packages pinned in package-lock.json), renders every kind of report
# from examples/ (and the grouped survey of tests/fixtures/), and opens each in headless
# Chromium with check.mjs: console errors, chart sizes, axe-core, screenshots (whose
# paths it prints; they are CI artefacts, not committed); then a live workshop on a
# phone's viewport with live.mjs.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

cargo build --locked --quiet
plead="${CARGO_TARGET_DIR:-target}/debug/plead"
out=$(mktemp -d "${TMPDIR:-/tmp}/plead-html-XXXXXX")
export PLEAD_NOW=2026-11-21T10:00:00Z NO_COLOR=1

for answers in examples/answers/*.toml; do
  id=$(sed -n 's/^assessment *= *"\(.*\)"/\1/p' "$answers" | head -n 1)
  "$plead" assess "$id" --answers "$answers" --out "$out/assess-$(basename "$answers" .toml).html"
done
for result in examples/northshire/*.json; do
  "$plead" report "$result" --out "$out/report-$(basename "$result" .json).html"
done
"$plead" score building-blocks examples/northshire/2026-Q4-survey.csv \
  --org "Northshire NHS Trust" --period 2026-Q4 --out "$out/score-survey.html"
"$plead" score building-blocks tests/fixtures/survey-by-role.csv --group-by Role \
  --org "Northshire NHS Trust" --period 2026-Q4 --out "$out/score-by-role.html"
"$plead" score building-blocks tests/fixtures/survey-with-comments.csv --group-by Role \
  --org "Northshire NHS Trust" --period 2026-Q4 --out "$out/score-comments.html"
q=examples/northshire/2026
"$plead" diff "$q-Q1.json" "$q-Q2.json" --out "$out/diff-workshops.html"
"$plead" diff "$q-Q2.json" "$q-Q3.json" --out "$out/diff-workshop-to-survey.html"
"$plead" diff "$q-Q3.json" "$q-Q4.json" --out "$out/diff-surveys.html"
"$plead" trend "$q"-Q*.json --out "$out/trend.html"
# The actions log: its list, and "You said, we did" in a report, a diff and a trend.
log=examples/northshire/actions.toml
"$plead" actions "$log" --out "$out/actions.html"
"$plead" report "$q-Q4.json" --actions "$log" --out "$out/report-actions.html"
"$plead" diff "$q-Q3.json" "$q-Q4.json" --actions "$log" --out "$out/diff-actions.html"
"$plead" trend "$q"-Q*.json --actions "$log" --out "$out/trend-actions.html"

node tests/browser/check.mjs "$out"/*.html
# A live workshop at a phone's viewport: join, vote, change the vote, the reveal.
node tests/browser/live.mjs "$plead"
