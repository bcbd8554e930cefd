# Reference values for ComparisonTest, computed by scipy 1.10 (Debian 12's python3-scipy):
#   /usr/bin/python3 src/test/resources/stats/fixtures.py
# Prints Java literals; the test keeps them with this file as their source.
import itertools
import numpy as np
from scipy import stats

a = np.array([0.8512, 0.8477, 0.8601, 0.8533, 0.8490])
b = np.array([0.8431, 0.8452, 0.8509, 0.8502, 0.8391])
d = a - b
n = len(d)
t = stats.ttest_rel(a, b)
half = stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n)
print("paired p", repr(t.pvalue), "ci", repr(d.mean() - half), repr(d.mean() + half))
perm = stats.permutation_test((a, b), lambda x, y: np.mean(x - y), permutation_type="samples",
                              alternative="two-sided", n_resamples=np.inf)
print("paired permutation p", repr(perm.pvalue))
J = lambda df: 1 - 3 / (4 * df - 1)
g_av = d.mean() / ((a.std(ddof=1) + b.std(ddof=1)) / 2) * J(n - 1)
print("g_av", repr(g_av))
# Exact bootstrap distribution of the mean difference (all n^n index sequences), numpy percentiles.
means = [d[list(idx)].mean() for idx in itertools.product(range(n), repeat=n)]
print("exact bootstrap", repr(np.percentile(means, 2.5)), repr(np.percentile(means, 97.5)))

x = np.array([0.91, 0.88, 0.93, 0.90])
y = np.array([0.86, 0.89, 0.85, 0.84, 0.87, 0.85])
w = stats.ttest_ind(x, y, equal_var=False)
vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
hw = stats.t.ppf(0.975, df) * np.sqrt(vx + vy)
diff = x.mean() - y.mean()
print("welch p", repr(w.pvalue), "ci", repr(diff - hw), repr(diff + hw))
perm = stats.permutation_test((x, y), lambda u, v: np.mean(u) - np.mean(v), permutation_type="independent",
                              alternative="two-sided", n_resamples=np.inf)
print("independent permutation p", repr(perm.pvalue))
sp = np.sqrt(((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2))
print("g_s", repr(diff / sp * J(len(x) + len(y) - 2)))
u = stats.mannwhitneyu(x, y, alternative="two-sided")
print("P(x>y)", repr(u.statistic / (len(x) * len(y))))

p = np.array([0.010, 0.040, 0.030, 0.200, 0.005])
order = np.argsort(p)
m = len(p)
q = np.empty(m)
q[order] = np.minimum.accumulate((m * p[order] / np.arange(1, m + 1))[::-1])[::-1]
print("bh", repr(list(np.minimum(q, 1))))
