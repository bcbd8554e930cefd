#!/usr/bin/env bash
# Every `./ablate4j bench` workload one after another (BENCHMARKS.md, "Every bench workload"), each side by side with
# the PyTorch reference in its own command, one trial and two concurrent trials, on a quiet machine; then one table
# of the same-run ratios. Usage: bench/all-workloads.sh [OUT_DIR] [extra bench options...]
set -euo pipefail
out=${1:-/tmp/ablate4j-bench-all}
shift || true
mkdir -p "$out"
cd "$(dirname "$0")/.."
git rev-parse HEAD > "$out/commit"
run() {
  local name=$1; shift
  echo "== $name $(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.log"
  ./ablate4j bench "$@" --json "$out/$name.json" "${extra[@]}" > "$out/$name.log" 2>&1
  grep -E "^dl4j|^pytorch" "$out/$name.log" | tail -6
}
extra=("$@")
run mlp
run mlp-bn --model mlp --batch-norm
run cnn --model cnn --train-size 10000
run cnn-bn --model cnn --batch-norm --train-size 10000
run cifar10-cnn --model cifar10-cnn --train-size 5000
run cifar10-cnn-bn --model cifar10-cnn --batch-norm --train-size 5000
echo "== end $(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.log"
python3 - "$out" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
print("| workload | DL4J 1 trial | PyTorch 1 trial | ratio | DL4J 2 trials | PyTorch 2 trials | ratio | test acc DL4J / PyTorch (1 trial) |")
print("|---|---|---|---|---|---|---|---|")
for name in ("mlp", "mlp-bn", "cnn", "cnn-bn", "cifar10-cnn", "cifar10-cnn-bn"):
    p = out / f"{name}.json"
    if not p.exists():
        continue
    r = {(x["system"].split()[0], x["layout"]): x for x in json.loads(p.read_text())["results"]}
    cells = []
    for layout in ("single", "parallel"):
        d, t = r.get(("dl4j", layout)), r.get(("pytorch", layout))
        if d and t:
            cells += [f"{d['aggregate']:,.0f}", f"{t['aggregate']:,.0f}", f"**{d['aggregate'] / t['aggregate']:.2f}**"]
        else:
            cells += ["–", "–", "–"]
    acc = f"{r[('dl4j', 'single')]['testAccuracy']:.4f} / {r[('pytorch', 'single')]['testAccuracy']:.4f}"
    print(f"| {name} | " + " | ".join(cells) + f" | {acc} |")
PY
