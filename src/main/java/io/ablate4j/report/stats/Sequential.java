package io.ablate4j.report.stats;

import io.ablate4j.random.Prng;
import io.ablate4j.report.read.Manifest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * p-values and intervals that stay valid when seeds are added until a comparison is decided ({@code seeds:
 * {initial, max, step}}).
 *
 * <p>Looking at a t-test after every added seed and stopping at the first p &lt; α finds a difference between two
 * identical variants far more often than α (with 10 looks, 3 to 12 seeds, about three times as often). The fix
 * used here is a <b>group-sequential design with a constant nominal level</b> (Pocock's boundary, 1977), computed
 * exactly for t-tests rather than from the normal approximation:
 *
 * <ul>
 *   <li>The looks a comparison can have are known from the config: a variant has initial, initial + step, …, max
 *       seeds, so a paired comparison has {@code perSeed × s} pairs for some s in [initial, max]. Every s in that
 *       range is taken as a look (a superset of the looks any run can make, which can only make the result more
 *       conservative, whatever the step and whichever comparisons ask for seeds).</li>
 *   <li>Under the null hypothesis the per-pair differences are i.i.d. normal with mean 0 and an unknown variance;
 *       the t statistics at the looks then have a joint distribution that does not depend on the variance. It is
 *       simulated once per set of looks ({@value #PATHS} paths from a fixed SplitMix64 stream, so the report is
 *       reproducible).</li>
 *   <li>The <b>sequential p</b> of a look is P(the smallest nominal p over all looks ≤ the nominal p observed
 *       now) under the null hypothesis, estimated as (count + 1) / (paths + 1). Because the smallest p over all
 *       looks is at most the p of any look, P(sequential p ≤ u) ≤ u at every look and under any rule for stopping
 *       or adding seeds: a valid p-value whenever the run stops. Holm or Benjamini–Hochberg then adjust these
 *       p-values across the family as in a fixed design.</li>
 *   <li>The <b>repeated 95% confidence interval</b> is {@code d̄ ± t(1 − α'/2; n − 1) · SE}, with the nominal level
 *       α' at which the smallest p over the looks falls below α' with probability α: it covers the true difference
 *       at every look at once with probability 95% (Jennison and Turnbull's repeated confidence intervals). The
 *       ROPE decisions use it.</li>
 *   <li>Sides that are not paired (Welch) have no variance-free joint distribution; their p is multiplied by the
 *       number of looks a pair of seed counts can pass through (2 × (max − initial) + 1, Bonferroni) and their
 *       interval taken at α divided by it: valid, and more conservative.</li>
 * </ul>
 * The permutation p, the bootstrap interval and the effect sizes shown beside them are those of a fixed design at
 * the seeds used (descriptive, not sequential).
 */
public final class Sequential {
    public static final int PATHS = 40_000;
    static final long SEED = 0;

    /** The looks of an adaptive design: seed counts initial..max of a variant. */
    public record Design(int initial, int max) {
        /** The design of a manifest's adaptive seeds. */
        public static Design of(Manifest.Adaptive adaptive) {
            return new Design(adaptive.initial(), adaptive.max());
        }

        /** Looks a pair of seed counts (one per side) can pass through, each look raising one or both. */
        public int unpairedLooks() {
            return 2 * (max - initial) + 1;
        }
    }

    private static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

    private Sequential() {
    }

    /**
     * The comparison with its p, CI and MDE replaced by their sequential counterparts.
     *
     * @param perSeed pairs one seed adds (1, or the cells a pooled paired claim matches per seed)
     */
    static Comparison.Result adjust(Comparison.Result r, Design design, int perSeed) {
        if (!r.defined()) {
            return r;
        }
        double p;
        double level;
        if (r.paired()) {
            Table table = table(design, Math.max(1, perSeed));
            p = table.sequentialP(r.p());
            level = table.nominalLevel();
        } else {
            int looks = design.unpairedLooks();
            p = Math.min(1, r.p() * looks);
            level = Stats.ALPHA / looks;
        }
        Stats.Interval ci = r.ci();
        double mde = r.mde();
        if (r.se() > 0) {
            org.apache.commons.math3.distribution.TDistribution dist = Stats.t(r.df());
            double t = dist.inverseCumulativeProbability(1 - level / 2);
            ci = new Stats.Interval(r.difference() - t * r.se(), r.difference() + t * r.se());
            mde = r.se() * (t + dist.inverseCumulativeProbability(Comparison.POWER));
        }
        return new Comparison.Result(r.paired(), r.nA(), r.nB(), r.n(), r.difference(), ci, p, r.pPermutation(),
                r.bootstrapCi(), r.hedgesG(), r.pGreater(), r.se(), r.sd(), r.df(), mde, true);
    }

    /** The nominal two-sided level α' of a paired comparison's repeated 95% interval. */
    public static double nominalLevel(Design design, int perSeed) {
        return table(design, Math.max(1, perSeed)).nominalLevel();
    }

    /** The sequential p of a paired comparison whose nominal p is {@code p}. */
    static double sequentialP(double p, Design design, int perSeed) {
        return table(design, Math.max(1, perSeed)).sequentialP(p);
    }

    private static Table table(Design design, int perSeed) {
        int[] n = new int[design.max() - design.initial() + 1];
        for (int k = 0; k < n.length; k++) {
            n[k] = perSeed * (design.initial() + k);
        }
        return table(n);
    }

    /** The table of looks at these numbers of pairs (ascending, each at least 2). */
    static Table table(int[] n) {
        return TABLES.computeIfAbsent(java.util.Arrays.toString(n), k -> Table.simulate(n));
    }

    /** The smallest nominal p over the looks of every simulated path, sorted, and what follows from it. */
    static final class Table {
        private final double[] minP;
        private final double nominal;

        private Table(double[] minP) {
            this.minP = minP;
            Arrays.sort(minP);
            // The largest level at which at most α(paths + 1) − 1 paths cross: (count + 1) / (paths + 1) ≤ α.
            int allowed = (int) Math.floor(Stats.ALPHA * (PATHS + 1)) - 1;
            this.nominal = Math.min(Stats.ALPHA, Math.nextDown(minP[Math.max(0, allowed)]));
        }

        static Table simulate(int[] n) {
            int looks = n.length;
            org.apache.commons.math3.distribution.TDistribution[] t =
                    new org.apache.commons.math3.distribution.TDistribution[looks];
            for (int k = 0; k < looks; k++) {
                t[k] = Stats.t(n[k] - 1);
            }
            Prng rng = new Prng(SEED);
            double[] minP = new double[PATHS];
            for (int path = 0; path < PATHS; path++) {
                double sum = 0;
                double sumSq = 0;
                int drawn = 0;
                double smallest = 1;
                for (int k = 0; k < looks; k++) {
                    while (drawn < n[k]) {
                        // u1 in (0, 1] as (bits + 1) / 2^53: the mapping the pinned tables were simulated with
                        double z = Prng.boxMuller(rng.nextDoubleAboveZero(), rng.nextDouble());
                        sum += z;
                        sumSq += z * z;
                        drawn++;
                    }
                    double mean = sum / drawn;
                    double var = (sumSq - drawn * mean * mean) / (drawn - 1);
                    if (var > 0) {
                        double abs = Math.abs(mean) / Math.sqrt(var / drawn);
                        smallest = Math.min(smallest, 2 * t[k].cumulativeProbability(-abs));
                    }
                }
                minP[path] = smallest;
            }
            return new Table(minP);
        }

        /** P(min over looks of the nominal p ≤ x), as (count + 1) / (paths + 1), capped at 1. */
        double sequentialP(double x) {
            int lo = 0;
            int hi = minP.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (minP[mid] <= x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return Math.min(1, (lo + 1.0) / (PATHS + 1.0));
        }

        public double nominalLevel() {
            return nominal;
        }
    }
}
