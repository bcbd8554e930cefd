#!/usr/bin/env bash
# The race's benchmark (BENCHMARKS.md, "Racing a grid search"): the grid of configs/grid-race-dropout-l2-lr.yaml
# (27 variants x 5 seeds x 9 epochs) raced by rule test (the default), raced by rule top, and in full; then the
# trial-epochs each race spent against the full grid's and whether its selection holds in the full grid's results.
# The fraction of trial-epochs does not depend on the machine's load (the trials are bit-identical however they are
# scheduled); wall time does. Usage: bench/race-bench.sh [OUT_DIR]   (ABLATE4J=path/to/launcher to use another)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/race-bench}"
run="${ABLATE4J:-$here/ablate4j}"
mkdir -p "$out"
sed -e 's/^name: grid-race-dropout-l2-lr/name: grid-race-top-dropout-l2-lr/' -e 's/^  race: true$/  race: {rule: top}/' \
  "$here/configs/grid-race-dropout-l2-lr.yaml" > "$out/grid-race-top-dropout-l2-lr.yaml"
for job in "full:$here/configs/grid-full-dropout-l2-lr.yaml" "race-test:$here/configs/grid-race-dropout-l2-lr.yaml" \
           "race-top:$out/grid-race-top-dropout-l2-lr.yaml"; do
  name="${job%%:*}"; config="${job#*:}"
  start=$(date +%s)
  "$run" run "$config" --out "$out/$name" > "$out/$name.log" 2>&1
  echo "$name: $(( $(date +%s) - start )) s wall"
done
python3 "$here/bench/race_bench.py" "$out/full" "$out/race-test" "$out/race-top"
