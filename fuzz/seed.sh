#!/bin/sh
# Builds corpus/<target>/ from files in the repository (the corpus itself is not
# committed): the built-in assessments, the example answers, survey and Result files,
# and the small committed seeds of the spreadsheet and draft targets (seeds/).
# Inputs of targets that start with option bytes get each built-in's index in front.
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/assessment corpus/answers corpus/survey corpus/headers corpus/cell corpus/result corpus/render corpus/spreadsheet corpus/draft
cp seeds/spreadsheet/* corpus/spreadsheet/
cp seeds/draft/* corpus/draft/
cp $root/assessments/*.toml $root/tests/fixtures/*.toml corpus/assessment/
n=$(ls $root/assessments/*.toml | wc -l)
i=0
while [ $i -lt "$n" ]; do
  b=$(printf '\\%03o' $i)
  for f in $root/examples/answers/*.toml $root/examples/northshire/*-answers.toml; do
    { printf "$b"; cat "$f"; } > corpus/answers/$i-$(basename "$f")
  done
  for f in $root/tests/fixtures/survey/*.csv $root/examples/northshire/*.csv; do
    # survey: assessment, encoding (detect), delimiter (detect), flags
    { printf "$b\\004\\000\\000"; head -c 4000 "$f"; } > corpus/survey/$i-$(basename "$f")
    { printf "$b\\000\\000"; head -n 3 "$f" | tr ',' '\t'; } > corpus/headers/$i-$(basename "$f")
  done
  for cell in 0 1 2 3 4 "3.0" "N/A" "Don't know" "2 - Partly in place" "In place" " 4 " "-1" "1e3" "3,5"; do
    { printf "$b\\000"; printf '%s' "$cell"; } > "corpus/cell/$i-$(printf '%s' "$cell" | tr -c 'a-zA-Z0-9' _)"
  done
  i=$((i + 1))
done
cp $root/examples/northshire/*.json corpus/result/
cp $root/tests/fixtures/results/*.json corpus/result/ 2>/dev/null || true
head -c 64 /dev/zero > corpus/render/zeros
head -c 512 /dev/urandom > corpus/render/random
