#!/usr/bin/env python3
"""Writes diabetes.csv from the copy of the diabetes data that Debian's python3-sklearn ships.

Run: apt-get install python3-sklearn && python3 datasets/diabetes/make_csv.py
The raw (unscaled) features are used, not sklearn's load_diabetes() default, whose columns are mean-centred and
scaled: the preset on unstandardized inputs needs the original units.
"""
import gzip
import os

SRC = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
HEADER = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"]

with gzip.open(os.path.join(SRC, "diabetes_data_raw.csv.gz"), "rt") as f:
    rows = [line.split() for line in f if line.strip()]
with gzip.open(os.path.join(SRC, "diabetes_target.csv.gz"), "rt") as f:
    targets = [line.strip() for line in f if line.strip()]
assert len(rows) == len(targets) == 442, (len(rows), len(targets))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "diabetes.csv")
with open(out, "w", newline="\n") as f:
    f.write(",".join(HEADER) + "\n")
    for row, y in zip(rows, targets):
        assert len(row) == 10
        f.write(",".join(row + ["%g" % float(y)]) + "\n")
print("wrote", out)
