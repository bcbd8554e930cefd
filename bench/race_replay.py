#!/usr/bin/env python3
"""Replays races on a full grid's own epochs (BENCHMARKS.md, "Racing a grid search"): no training, every trial's
epochs are in the full grid's epochs.csv, and a raced trial is bit-identical to the full grid's up to where it stops.
For each rule: the share of the full grid's trial-epochs and whether the selection is the full grid's. Rules:
  test     ablate4j's rule test (one-sided paired t against the leader at alpha / ((K - 1) * R))
  top      rule top (the best ceil(k / eta) go on)
  pooled   as test, the variance pooled over the survivors (two-way variant x seed residuals; assumes equal variances)
  welch    as test, each variant's own residual variance after the seed effects, Welch-Satterthwaite df
and, with --simulate, the probability that the best variant leaves at one rung under each test when all variants are
equally good and the best is SD times as noisy as the others (the least favourable case for the guarantee).
Needs numpy and scipy (apt-get install python3-scipy).
usage: bench/race_replay.py FULL_RUN_DIR [--rungs 1,3] [--alpha 0.05] [--eta 3] [--simulate]"""
import argparse
import csv
import math
from collections import defaultdict

import numpy as np
from scipy import stats


def load(full):
    ep = defaultdict(list)
    for r in csv.DictReader(open(f"{full}/epochs.csv", newline="")):
        ep[(r["variant_id"], int(r["seed"]))].append((int(r["epoch"]), float(r["val_loss"]), float(r["val_acc"])))
    for k in ep:
        ep[k].sort()
    return ep


def score(ep, v, s, rung):
    """The trial's validation accuracy at its best epoch (lowest validation loss, first on ties) up to the rung."""
    rows = ep[(v, s)][:rung]
    best = min(range(len(rows)), key=lambda i: (rows[i][1], i))
    return rows[best][2]


def p_worse(x, lead, i, rule):
    """One-sided p that variant i is worse than the leader; x[variant, seed]."""
    k, n = x.shape
    d = x[lead] - x[i]
    if rule == "test":
        sd = d.std(ddof=1)
        return (0.0 if d.mean() > 0 else 1.0) if sd == 0 else stats.t.sf(d.mean() / (sd / math.sqrt(n)), n - 1)
    r = x - x.mean(1, keepdims=True) - x.mean(0, keepdims=True) + x.mean()
    if rule == "pooled":
        df = (k - 1) * (n - 1)
        return stats.t.sf(d.mean() / math.sqrt(2 * (r ** 2).sum() / df / n), df)
    var = (r ** 2).sum(1) / ((n - 1) * (k - 1) / k)
    se2 = (var[lead] + var[i]) / n
    df = se2 ** 2 / ((var[lead] / n) ** 2 / (n - 1) + (var[i] / n) ** 2 / (n - 1))
    return stats.t.sf(d.mean() / math.sqrt(se2), df)


def race(ep, variants, seeds, epochs, rungs, rule, alpha, eta):
    alive, spent, prev = list(variants), 0, 0
    level = alpha / ((len(variants) - 1) * len(rungs))
    for rung in rungs:
        spent += len(alive) * len(seeds) * (rung - prev)
        prev = rung
        x = np.array([[score(ep, v, s, rung) for s in seeds] for v in alive])
        lead = int(np.argmax(x.mean(1)))
        if rule == "top":
            order = list(np.argsort(-x.mean(1), kind="stable"))
            alive = [alive[i] for i in sorted(order[:max(1, math.ceil(len(alive) / eta))])]
        else:
            alive = [v for i, v in enumerate(alive) if i == lead or p_worse(x, lead, i, rule) >= level]
    spent += len(alive) * len(seeds) * (epochs - prev)
    return spent, alive


def simulate(rule, sd_ratio, k=27, n=5, rungs=2, alpha=0.05, grids=20000, rng=np.random.default_rng(1)):
    level, left = alpha / ((k - 1) * rungs), 0
    for _ in range(grids):
        sd = np.ones(k)
        sd[0] = sd_ratio
        x = rng.normal(size=n)[None, :] * math.sqrt(0.5) + rng.normal(size=(k, n)) * sd[:, None] * math.sqrt(0.5)
        lead = int(np.argmax(x.mean(1)))
        left += lead != 0 and p_worse(x, lead, 0, rule) < level
    return left / grids


def main():
    a = argparse.ArgumentParser()
    a.add_argument("full")
    a.add_argument("--rungs", default="1,3")
    a.add_argument("--alpha", type=float, default=0.05)
    a.add_argument("--eta", type=int, default=3)
    a.add_argument("--simulate", action="store_true")
    o = a.parse_args()
    ep = load(o.full)
    variants = sorted({v for v, _ in ep})
    seeds = sorted({s for _, s in ep})
    epochs = max(len(rows) for rows in ep.values())
    rungs = [int(r) for r in o.rungs.split(",")]
    final = {v: np.mean([score(ep, v, s, epochs) for s in seeds]) for v in variants}
    pick = max(variants, key=lambda v: final[v])
    total = len(variants) * len(seeds) * epochs
    print(f"{o.full}: {len(variants)} variants x {len(seeds)} seeds x {epochs} epochs = {total} trial-epochs; "
          f"rungs {rungs}, alpha {o.alpha}, eta {o.eta}")
    print("| rule | trial-epochs | of the full grid's | finish | selects the full grid's variant |")
    print("|---|---|---|---|---|")
    for rule in ("test", "top", "pooled", "welch"):
        spent, alive = race(ep, variants, seeds, epochs, rungs, rule, o.alpha, o.eta)
        mine = max(alive, key=lambda v: final[v])
        print(f"| {rule} | {spent} | {100 * spent / total:.1f}% | {len(alive)} | {'yes' if mine == pick else 'no'} |")
    if o.simulate:
        print("P(best leaves at one rung), 27 variants equally good, 5 seeds, level 0.05/52; bound per rung 0.025:")
        for ratio in (0.5, 1, 1.5, 2):
            print(f"  best's SD x{ratio}: " + ", ".join(f"{rule} {simulate(rule, ratio):.4f}"
                                                        for rule in ("test", "pooled", "welch")))


if __name__ == "__main__":
    main()
