#!/usr/bin/env python3
"""A linear yardstick for a table preset: scikit-learn's logistic regression on ablate4j's very splits.

Reads the folds that ablate4j writes with

    for f in 0 1 2 3 4; do
      ./ablate4j data split configs/breast-cancer-dropout-bn-l2.yaml --fold $f --out /tmp/bc-split/fold$f
    done

(each fold's training rows, its validation rows and the common test split, features standardized on the fold's
training rows as the trials see them) and fits LogisticRegression (L2, C = 1, lbfgs, scikit-learn's defaults but
max_iter) on each fold's training rows, as the MLP trials are fitted: the mean validation accuracy over the folds is
the cross-validated accuracy to set beside ablate4j's, and the mean test accuracy over the folds' models the test
accuracy beside the selected variant's. It also fits one model on all training rows of the folds (train +
validation of fold 0, re-standardized) and reports its test accuracy. No randomness: lbfgs is deterministic.

Run: /usr/bin/python3 bench/logistic_baseline.py /tmp/bc-split   (Debian's python3-sklearn)
"""
import argparse
import csv
import os
import statistics

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))[1:]
    return np.array([[float(v) for v in r[:-1]] for r in rows]), np.array([int(r[-1]) for r in rows])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("split", help="directory holding fold0, fold1, … written by ./ablate4j data split --fold F")
    a = p.parse_args()
    folds = sorted(d for d in os.listdir(a.split) if d.startswith("fold"))
    val, test = [], []
    for fold in folds:
        xtr, ytr = read(os.path.join(a.split, fold, "train.csv"))
        xva, yva = read(os.path.join(a.split, fold, "validation.csv"))
        xte, yte = read(os.path.join(a.split, fold, "test.csv"))
        model = LogisticRegression(max_iter=10000).fit(xtr, ytr)
        val.append(model.score(xva, yva))
        test.append(model.score(xte, yte))
        print(f"{fold}: train {len(ytr)}, validation {len(yva)}, test {len(yte)}: "
              f"val acc {val[-1]:.4f}, test acc {test[-1]:.4f}")
    print(f"scikit-learn {sklearn.__version__} LogisticRegression over {len(folds)} folds: "
          f"CV accuracy {statistics.mean(val):.4f}, test accuracy {statistics.mean(test):.4f} "
          f"(sd over folds {statistics.stdev(test):.4f})")
    first = os.path.join(a.split, folds[0])
    xtr, ytr = read(os.path.join(first, "train.csv"))
    xva, yva = read(os.path.join(first, "validation.csv"))
    xte, yte = read(os.path.join(first, "test.csv"))
    pool = make_pipeline(StandardScaler(), LogisticRegression(max_iter=10000))
    pool.fit(np.vstack([xtr, xva]), np.concatenate([ytr, yva]))
    print(f"one model on all {len(ytr) + len(yva)} training rows: test accuracy {pool.score(xte, yte):.4f}")


if __name__ == "__main__":
    main()
