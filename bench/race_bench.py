#!/usr/bin/env python3
"""Scores races against the full grid they race (bench/race-bench.sh): trial-epochs spent, and whether each race's
selection is the full grid's or one the full grid's own results cannot tell apart from it (paired t over the seeds
of the full grid's validation accuracy, the selection's criterion, two-sided, p >= 0.05). Standard library only."""
import csv
import math
import statistics
import sys


def rows(run, name):
    with open(f"{run}/{name}", newline="") as f:
        return list(csv.DictReader(f))


def selected(run):
    return next(r["variant_id"] for r in rows(run, "summary.csv") if r["selected"] in ("yes", "true", "1"))


def label(run, vid):
    r = next(r for r in rows(run, "summary.csv") if r["variant_id"] == vid)
    axes = [k for k in r if "." in k]
    return ", ".join(f"{k.split('.')[-1]}={r[k]}" for k in axes)


def t_sf(t, df):
    """P(T >= t) for Student's t, by the regularized incomplete beta (continued fraction)."""
    x = df / (df + t * t)
    a, b = df / 2, 0.5

    def betacf(a, b, x):
        qab, qap, qam = a + b, a + 1, a - 1
        c, d = 1.0, 1 - qab * x / qap
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        h = d
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; c = 1 + aa / c; d = 1 / d; h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; c = 1 + aa / c; d = 1 / d; h *= d * c
        return h

    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    ib = math.exp(lbeta + a * math.log(x) + b * math.log(1 - x)) * betacf(a, b, x) / a
    return ib / 2 if t > 0 else 1 - ib / 2


def paired_p(full, a, b, metric="val_acc"):
    by = {}
    for r in rows(full, "trials.csv"):
        if r["status"] == "ok" and r["variant_id"] in (a, b):
            by.setdefault(r["seed"], {})[r["variant_id"]] = float(r[metric])
    d = [v[a] - v[b] for v in by.values() if a in v and b in v]
    if a == b:
        return 0.0, 1.0
    sd = statistics.stdev(d)
    mean = statistics.mean(d)
    if sd == 0:
        return mean, 1.0 if mean == 0 else 0.0
    t = mean / (sd / math.sqrt(len(d)))
    return mean, 2 * t_sf(abs(t), len(d) - 1)


def epochs(run):
    return sum(float(r["epochs_run"] or 0) for r in rows(run, "trials.csv"))


def main(full, races):
    spent_full = epochs(full)
    best = selected(full)
    print(f"full grid: {len(rows(full, 'trials.csv'))} trials, {spent_full:.0f} trial-epochs; selects "
          f"{label(full, best)} ({best})")
    print("| run | trial-epochs | of the full grid's | selects | full grid's val acc: selected − full's pick "
          "(paired t, p) | holds |")
    print("|---|---|---|---|---|---|")
    for race in races:
        pick = selected(race)
        spent = epochs(race)
        diff, p = paired_p(full, pick, best)
        holds = "same variant" if pick == best else ("cannot tell apart" if p >= 0.05 else "WORSE")
        print(f"| {race} | {spent:.0f} | {100 * spent / spent_full:.1f}% | {label(race, pick)} | "
              f"{100 * diff:+.2f} pts (p = {p:.3g}) | {holds} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
