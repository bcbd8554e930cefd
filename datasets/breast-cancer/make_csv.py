#!/usr/bin/env python3
"""Writes breast_cancer.csv from the copy of the Wisconsin Diagnostic Breast Cancer data that Debian's python3-sklearn
ships.

Run: apt-get install python3-sklearn && /usr/bin/python3 datasets/breast-cancer/make_csv.py
scikit-learn's file starts with a line of counts and class names ("569,30,malignant,benign") and codes the class as
0 = malignant, 1 = benign. The CSV written here is the table as a user would have it: a header with scikit-learn's
feature names (load_breast_cancer().feature_names, e.g. "mean radius") and a last column "diagnosis" holding the
class names themselves. The values are copied as text, unchanged.
"""
import csv
import os

from sklearn.datasets import load_breast_cancer

SRC = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv"

with open(SRC, newline="") as f:
    rows = list(csv.reader(f))
n, d, *classes = rows[0]
assert (int(n), int(d), classes) == (569, 30, ["malignant", "benign"]), rows[0]
names = list(load_breast_cancer().feature_names)
assert len(names) == 30 and len(rows) == 570
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "breast_cancer.csv")
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(names + ["diagnosis"])
    for row in rows[1:]:
        assert len(row) == 31, row
        w.writerow(row[:30] + [classes[int(row[30])]])
print("wrote", out)
