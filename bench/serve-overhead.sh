#!/usr/bin/env bash
# Training comes first (issue 28): the benchmark CNN (bench/serve-cnn.yaml, two trials at once) trained with live
# pages open against none, alternately (none, pages, none, pages, ...), each arm a fresh JVM through the launcher.
# Speed is the median samples/s of the epochs after the first (fitting only; epochs.csv), as `ablate4j bench`
# measures it. It passes when the pages' median is within 2% of none's.
#
#   bench/serve-overhead.sh [ROUNDS]        (default 3 rounds: 6 runs, ~4 minutes on 2 cores)
#
# PAGES=5              live pages open during the served arms
# CLIENT=poll          what opens them: poll = bench/serve_pages.py, each page's requests exactly (GET /, then the
#                      state every 1 to 5 s), without a browser's CPU; chromium = one headless Chromium per page (the
#                      real page, its script and layout included: the browsers' own CPU competes with training when
#                      they run on the same machine)
# CONFIG=bench/serve-cnn.yaml  OUT=/tmp/ablate4j-serve-bench  PARALLEL=2
# Needs the full Fashion-MNIST files (apt-get install dataset-fashion-mnist, or ./ablate4j data fetch fashion-mnist).
# Run it on a quiet machine: anything else running moves the numbers more than 2%.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
pages=${PAGES:-5}
client=${CLIENT:-poll}
config=${CONFIG:-bench/serve-cnn.yaml}
out=${OUT:-/tmp/ablate4j-serve-bench}
parallel=${PARALLEL:-2}
chromium=${ABLATE4J_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ "$client" = chromium ] && [ -z "$chromium" ]; then
  echo "CLIENT=chromium needs a Chromium (chromium on PATH or ABLATE4J_CHROMIUM)" >&2
  exit 2
fi
rm -rf "$out"
mkdir -p "$out"

# Median samples_per_second of epochs.csv's rows after epoch 1.
median() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "epoch") e = i; if ($i == "samples_per_second") s = i }; next }
           $e > 1 { print $s }' "$1/epochs.csv" | sort -g | awk '{ v[NR] = $1 } END {
             if (NR == 0) { print "nan"; exit } print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

run_plain() {
  ./ablate4j run "$config" --out "$1" --parallel "$parallel" --no-report >"$1.log" 2>&1
}

run_served() {
  local dir=$1 url="" pids=()
  ./ablate4j run "$config" --out "$dir" --parallel "$parallel" --no-report --serve 0 >"$dir.log" 2>&1 &
  local run=$!
  for _ in $(seq 1 600); do
    url=$(grep -o 'live page: http://127\.0\.0\.1:[0-9]*/' "$dir.log" 2>/dev/null | head -1 | cut -c12- || true)
    [ -n "$url" ] && break
    kill -0 "$run" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "no live page in $dir.log" >&2; cat "$dir.log" >&2; exit 1; }
  if [ "$client" = chromium ]; then
    for i in $(seq 1 "$pages"); do
      "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$out/profile-$i" --remote-debugging-port=0 "$url" >/dev/null 2>&1 &
      pids+=($!)
    done
  else
    python3 bench/serve_pages.py "$url" "$pages" &
    pids+=($!)
  fi
  wait "$run"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}

git rev-parse --short HEAD 2>/dev/null || true
echo "config $config, $parallel trials at once, $pages pages ($client), $rounds rounds"
printf '%-6s %-6s %14s\n' round arm samples/s
ratios=()
for r in $(seq 1 "$rounds"); do
  run_plain "$out/none-$r"
  none=$(median "$out/none-$r")
  printf '%-6s %-6s %14.1f\n' "$r" none "$none"
  run_served "$out/pages-$r"
  served=$(median "$out/pages-$r")
  printf '%-6s %-6s %14.1f\n' "$r" pages "$served"
  ratios+=("$(awk -v a="$served" -v b="$none" 'BEGIN { printf "%.4f", a / b }')")
done
ratio=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
  print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
echo "pages/none per round: ${ratios[*]}; median $ratio"
if awk -v x="$ratio" 'BEGIN { exit !(x >= 0.98 && x <= 1.02) }'; then
  echo "PASS: within 2%"
else
  echo "FAIL: more than 2% apart"
  exit 1
fi
