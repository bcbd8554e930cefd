package io.ablate4j.report.stats;

import io.ablate4j.random.Prng;
import java.util.Arrays;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * One side against another: the difference of their means with everything a reader needs to decide on it.
 *
 * <p><b>Paired or not.</b> Trials of different variants with the same seed share the data split (drawn from
 * {@code dataset.splitSeed}, never from the trial's seed), the minibatch order and the augmentation draws (both
 * from the trial's seed alone); weight initialization and dropout masks also come from the seed but depend on the
 * architecture. So two variants' results for one seed are a matched pair, and the per-seed differences remove the
 * luck of the draw both shared. {@link #paired} takes such pairs; {@link #unpaired} (Welch) is for sides that are
 * not matched one to one (different seed sets, sides pooling different numbers of variants).
 *
 * <p><b>What is computed</b> (α = {@value Stats#ALPHA}, two-sided):
 * <ul>
 *   <li>{@code difference}: mean(a) − mean(b) (paired: the mean of the per-pair differences, the same number);</li>
 *   <li>{@code ci}, {@code p}: the paired t-test and its t interval {@code d̄ ± t(1−α/2; n−1)·s_d/√n}, or
 *       Welch's test and its interval {@code (ā−b̄) ± t(1−α/2; ν)·√(s²a/na + s²b/nb)} with the Welch–Satterthwaite
 *       ν;</li>
 *   <li>{@code pPermutation}: an exact permutation test of the mean difference, for small n where the t-test's
 *       normality is a leap: paired, every one of the 2ⁿ sign flips of the differences; unpaired, every split of
 *       the pooled values into groups of na and nb. Exact up to {@value #EXACT_LIMIT} arrangements, beyond that
 *       {@value #MONTE_CARLO} random ones (seeded, so the report is reproducible); two-sided as scipy's
 *       {@code permutation_test} defines it, twice the smaller tail;</li>
 *   <li>{@code bootstrapCi}: the percentile bootstrap interval of the difference, {@value #RESAMPLES} resamples
 *       drawn from a {@link Prng} (SplitMix64) stream seeded with {@value #BOOTSTRAP_SEED} (paired: pairs resampled;
 * unpaired:
 *       each side resampled on its own), quantiles α/2 and 1−α/2 interpolated linearly between order statistics
 *       (numpy's default);</li>
 *   <li>{@code hedgesG}: paired, Lakens' g_av = d̄ / ((s_a + s_b)/2) · J(n−1); unpaired, g_s = (ā−b̄)/s_pooled ·
 *       J(na+nb−2), with Hedges' small-sample correction J(ν) = 1 − 3/(4ν − 1); undefined for ν &lt; 2, i.e. 2
 *       pairs, where J is 0 (the exact Γ-form too) and would report every difference as no effect
 *       ({@link Result#valuesForHedges});</li>
 *   <li>{@code pGreater}: P(a &gt; b), ties counting one half: paired, over the pairs; unpaired, over all
 *       na·nb cross pairs (the common-language effect size, Mann–Whitney U / (na·nb));</li>
 *   <li>{@code mde}: the minimum detectable effect at the n used, the difference the test finds with
 *       {@value #POWER} power: {@code (t(1−α/2; ν) + t(power; ν)) · SE};</li>
 *   <li>{@link Result#seedsFor}: the seeds per variant that would give {@value #POWER} power for a given difference,
 *       from the observed variance (the same formula solved for n, with ν following n).</li>
 * </ul>
 * Undefined values are NaN: fewer than two values on a side, or (for the t-based ones) no variance at all. With no
 * variance a nonzero difference is certain and zero is no difference: p is then 0 or 1 and the interval the point
 * itself.
 */
public final class Comparison {
    public static final int RESAMPLES = 10_000;
    public static final long BOOTSTRAP_SEED = 0;
    public static final double POWER = 0.8;
    static final int EXACT_LIMIT = 1 << 20;
    static final int MONTE_CARLO = 100_000;
    /** Pairs Hedges' g_av needs: its correction J(n − 1) is 0 at 2 pairs. */
    static final int HEDGES_PAIRS = 3;
    /** The most seeds {@link Result#seedsFor} will name; beyond it the answer is "more than". */
    public static final int MAX_SEEDS = 10_000;

    /**
     * @param paired whether the values were matched pairs
     * @param n      pairs (paired) or the smaller side's size (unpaired)
     * @param se     standard error of the difference
     * @param sd     the standard deviation that scales with seeds: of the differences (paired), or
     *               √(s²a + s²b) (unpaired, per seed on each side)
     * @param df     degrees of freedom of the t-test
     * @param sequential whether p, ci and mde are {@link Sequential}'s (adaptive seeds)
     */
    public record Result(boolean paired, int nA, int nB, int n, double difference, Stats.Interval ci, double p,
                         double pPermutation, Stats.Interval bootstrapCi, double hedgesG, double pGreater, double se,
                         double sd, double df, double mde, boolean sequential) {
        public static final Result NONE = new Result(false, 0, 0, 0, Double.NaN, Stats.Interval.NONE, Double.NaN,
                Double.NaN, Stats.Interval.NONE, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);

        /** A fixed-design comparison. */
        Result(boolean paired, int nA, int nB, int n, double difference, Stats.Interval ci, double p,
               double pPermutation, Stats.Interval bootstrapCi, double hedgesG, double pGreater, double se, double sd,
               double df, double mde) {
            this(paired, nA, nB, n, difference, ci, p, pPermutation, bootstrapCi, hedgesG, pGreater, se, sd, df,
                    mde, false);
        }

        /**
         * The pairs (paired) or values per side (unpaired) Hedges' g needs, when this comparison has fewer: 3 pairs
         * (ν = n − 1 ≥ 2); 0 when it has enough or is undefined anyway.
         */
        public int valuesForHedges() {
            return defined() && paired && n < HEDGES_PAIRS ? HEDGES_PAIRS : 0;
        }

        /**
         * The pairs (paired) or values per side (unpaired, equal sides) with which the exact permutation test can
         * reach p &lt; α at all, when this comparison has fewer: paired, the smallest p of n sign flips is
         * 2/2ⁿ (6 pairs: 0.031); unpaired, 2/C(na+nb, na) (4 per side: 0.029); 0 when it can already, or the
         * comparison is undefined. With 3 seeds the permutation p is at least 0.25 whatever the data.
         */
        public int valuesForPermutation() {
            if (!defined() || Double.isNaN(pPermutation)) {
                return 0;
            }
            if (paired) {
                int k = 2;
                while (2.0 / Math.pow(2, k) >= Stats.ALPHA) {
                    k++;
                }
                return 2.0 / Math.pow(2, n) >= Stats.ALPHA ? k : 0;
            }
            int k = 2;
            while (2.0 / CombinatoricsUtils.binomialCoefficientDouble(2 * k, k) >= Stats.ALPHA) {
                k++;
            }
            return 2.0 / CombinatoricsUtils.binomialCoefficientDouble(nA + nB, nA) >= Stats.ALPHA ? k : 0;
        }

        /** "paired t" or "Welch", with "sequential" after it under adaptive seeds. */
        public String test() {
            return (paired ? "paired t" : "Welch") + (sequential ? " sequential" : "");
        }

        public boolean defined() {
            return Double.isFinite(p);
        }

        /**
         * Seeds per variant for {@value #POWER} power to detect a difference of {@code effect} at level
         * {@code alpha}, from this comparison's variance; NaN when that is undefined or the effect is not
         * positive; {@link #MAX_SEEDS} + 1 when more than {@link #MAX_SEEDS} would be needed.
         */
        double seedsFor(double effect, double alpha) {
            if (!(effect > 0) || !Double.isFinite(sd)) {
                return Double.NaN;
            }
            if (sd == 0) {
                return Math.max(2, n);
            }
            // The difference k seeds detect shrinks as k grows (both quantiles fall with ν, and 1/√k): the
            // smallest k that detects the effect is found by bisection.
            if (detectable(MAX_SEEDS, alpha) > effect) {
                return MAX_SEEDS + 1;
            }
            int lo = 2;
            int hi = MAX_SEEDS;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (detectable(mid, alpha) <= effect) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /** The difference {@code k} seeds per variant detect with {@value #POWER} power at level alpha. */
        private double detectable(int k, double alpha) {
            double nu = paired ? k - 1 : 2.0 * k - 2;
            return (quantile(1 - alpha / 2, nu) + quantile(POWER, nu)) * sd / Math.sqrt(k);
        }
    }

    private Comparison() {
    }

    /** Matched pairs: {@code a[i]} and {@code b[i]} share a seed (and, for pooled sides, the other axes' cells). */
    static Result paired(double[] a, double[] b) {
        return paired(a, b, true);
    }

    /**
     * The paired t-test alone, without the resampling (permutation p, bootstrap interval: NaN): for simulations
     * that decide thousands of studies.
     */
    static Result pairedT(double[] a, double[] b) {
        return paired(a, b, false);
    }

    private static Result paired(double[] a, double[] b, boolean resample) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pairs need sides of one length: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        if (n < 2) {
            return Result.NONE;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        double mean = Stats.mean(d);
        double sd = Stats.std(d);
        double se = sd / Math.sqrt(n);
        double df = n - 1;
        Stats.Interval ci;
        double p;
        if (se == 0) {
            ci = new Stats.Interval(mean, mean);
            p = mean != 0 ? 0 : 1;
        } else {
            double half = quantile(1 - Stats.ALPHA / 2, df) * se;
            ci = new Stats.Interval(mean - half, mean + half);
            p = 2 * Stats.t(df).cumulativeProbability(-Math.abs(mean / se));
        }
        double sAvg = (Stats.std(a) + Stats.std(b)) / 2;
        double g = sAvg > 0 && n >= HEDGES_PAIRS ? mean / sAvg * correction(n - 1) : Double.NaN;
        double greater = 0;
        for (double x : d) {
            greater += x > 0 ? 1 : x == 0 ? 0.5 : 0;
        }
        return new Result(true, n, n, n, mean, ci, p, resample ? signFlip(d) : Double.NaN,
                resample ? bootstrapPaired(d) : Stats.Interval.NONE, g, greater / n, se, sd, df, mde(se, df));
    }

    /** Independent sides (Welch). */
    static Result unpaired(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Result.NONE;
        }
        double va = Stats.variance(a) / a.length;
        double vb = Stats.variance(b) / b.length;
        double diff = Stats.mean(a) - Stats.mean(b);
        double se = Math.sqrt(va + vb);
        Stats.Interval ci;
        double p;
        double df;
        if (se == 0) {
            df = a.length + b.length - 2;
            ci = new Stats.Interval(diff, diff);
            p = diff != 0 ? 0 : 1;
        } else {
            Stats.Welch w = Stats.welch(a, b);
            df = w.df();
            p = w.p();
            double half = quantile(1 - Stats.ALPHA / 2, df) * se;
            ci = new Stats.Interval(diff - half, diff + half);
        }
        int na = a.length;
        int nb = b.length;
        double pooled = Math.sqrt(((na - 1) * Stats.variance(a) + (nb - 1) * Stats.variance(b)) / (na + nb - 2));
        double g = pooled > 0 ? diff / pooled * correction(na + nb - 2) : Double.NaN;
        double greater = 0;
        for (double x : a) {
            for (double y : b) {
                greater += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        double sd = Math.sqrt(Stats.variance(a) + Stats.variance(b));
        return new Result(false, na, nb, Math.min(na, nb), diff, ci, p, permutation(a, b), bootstrapUnpaired(a, b),
                g, greater / ((double) na * nb), se, sd, df, mde(se, df));
    }

    /**
     * How much a difference changed between two independent runs: {@code later.difference − earlier.difference},
     * with the interval {@code Δ ± t(1−α/2; ν)·√(SE₁² + SE₂²)} and its two-sided t p-value, ν by Satterthwaite
     * ({@code (SE₁² + SE₂²)² / (SE₁⁴/ν₁ + SE₂⁴/ν₂)}), as Welch's test combines two means. With no variance on
     * either side p is 0 or 1 and the interval the point, as for the other tests. The resampling fields (permutation,
     * bootstrap, effect sizes) are NaN: they need the values, and a difference of differences has none of its own.
     * {@link Result#NONE} when either comparison is undefined.
     */
    public static Result change(Result earlier, Result later) {
        if (!earlier.defined() || !later.defined()) {
            return Result.NONE;
        }
        double d = later.difference() - earlier.difference();
        double v1 = earlier.se() * earlier.se();
        double v2 = later.se() * later.se();
        double se = Math.sqrt(v1 + v2);
        Stats.Interval ci;
        double p;
        double df;
        if (se == 0) {
            df = earlier.df() + later.df();
            ci = new Stats.Interval(d, d);
            p = d != 0 ? 0 : 1;
        } else {
            df = (v1 + v2) * (v1 + v2) / ((v1 > 0 ? v1 * v1 / earlier.df() : 0) + (v2 > 0 ? v2 * v2 / later.df() : 0));
            double half = quantile(1 - Stats.ALPHA / 2, df) * se;
            ci = new Stats.Interval(d - half, d + half);
            p = 2 * Stats.t(df).cumulativeProbability(-Math.abs(d / se));
        }
        return new Result(false, later.n(), earlier.n(), Math.min(later.n(), earlier.n()), d, ci, p, Double.NaN,
                Stats.Interval.NONE, Double.NaN, Double.NaN, se, Double.NaN, df, mde(se, df));
    }

    /** Hedges' small-sample correction J(ν) ≈ 1 − 3/(4ν − 1). */
    private static double correction(double nu) {
        return 1 - 3 / (4 * nu - 1);
    }

    private static double mde(double se, double df) {
        return se * (quantile(1 - Stats.ALPHA / 2, df) + quantile(POWER, df));
    }

    private static double quantile(double p, double df) {
        return Stats.t(df).inverseCumulativeProbability(p);
    }

    /**
     * The two-sided p of an exact or sampled null distribution, as scipy's {@code permutation_test} defines it:
     * twice the smaller tail, each tail counting the arrangements at least as extreme as the observed statistic
     * (with a relative tolerance of 1e-14, so that arrangements equal to it up to rounding count), capped at 1.
     */
    private static final class Tails {
        private final double observed;
        private final double gamma;
        private long less;
        private long greater;
        private long total;

        Tails(double observed) {
            this.observed = observed;
            this.gamma = Math.abs(observed) * 1e-14;
        }

        void add(double statistic) {
            less += statistic <= observed + gamma ? 1 : 0;
            greater += statistic >= observed - gamma ? 1 : 0;
            total++;
        }

        /** Exact: the tails over every arrangement. */
        double exact() {
            return Math.min(1, 2.0 * Math.min(less, greater) / total);
        }

        /** Sampled: the observed arrangement counts once in each tail and in the total (scipy's estimate). */
        double sampled() {
            return Math.min(1, 2.0 * (Math.min(less, greater) + 1) / (total + 1));
        }
    }

    /** Two-sided sign-flip permutation p of the mean of {@code d}. */
    static double signFlip(double[] d) {
        int n = d.length;
        Tails tails = new Tails(Stats.mean(d));
        if (n < 31 && (1L << n) <= EXACT_LIMIT) {
            long total = 1L << n;
            for (long mask = 0; mask < total; mask++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (mask >> i & 1) == 1 ? -d[i] : d[i];
                }
                tails.add(sum / n);
            }
            return tails.exact();
        }
        Prng rng = new Prng(BOOTSTRAP_SEED);
        for (int r = 0; r < MONTE_CARLO; r++) {
            double sum = 0;
            for (double x : d) {
                sum += (rng.nextLong() & 1) == 1 ? -x : x;
            }
            tails.add(sum / n);
        }
        return tails.sampled();
    }

    /** Two-sided permutation p of mean(a) − mean(b) over the splits of the pooled values. */
    static double permutation(double[] a, double[] b) {
        int na = a.length;
        int n = na + b.length;
        double[] all = Arrays.copyOf(a, n);
        System.arraycopy(b, 0, all, na, b.length);
        double total = Arrays.stream(all).sum();
        Tails tails = new Tails(Stats.mean(a) - Stats.mean(b));
        if (n <= 62 && CombinatoricsUtils.binomialCoefficientDouble(n, na) <= EXACT_LIMIT) {
            combinations(all, na, 0, 0, 0, total, b.length, tails);
            return tails.exact();
        }
        Prng rng = new Prng(BOOTSTRAP_SEED);
        double[] shuffled = all.clone();
        for (int r = 0; r < MONTE_CARLO; r++) {
            double sum = 0;
            for (int i = 0; i < na; i++) {
                int j = i + rng.below(n - i);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
                sum += shuffled[i];
            }
            tails.add(sum / na - (total - sum) / b.length);
        }
        return tails.sampled();
    }

    /** Every choice of {@code k} values from {@code all[from..]} into group a. */
    private static void combinations(double[] all, int k, int from, int chosen, double sum, double total, int nb,
                                     Tails tails) {
        if (chosen == k) {
            tails.add(sum / k - (total - sum) / nb);
            return;
        }
        for (int i = from; i <= all.length - (k - chosen); i++) {
            combinations(all, k, i + 1, chosen + 1, sum + all[i], total, nb, tails);
        }
    }

    private static Stats.Interval bootstrapPaired(double[] d) {
        Prng rng = new Prng(BOOTSTRAP_SEED);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            means[r] = resampledMean(d, rng);
        }
        return percentile(means);
    }

    private static Stats.Interval bootstrapUnpaired(double[] a, double[] b) {
        Prng rng = new Prng(BOOTSTRAP_SEED);
        double[] diffs = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            diffs[r] = resampledMean(a, rng) - resampledMean(b, rng);
        }
        return percentile(diffs);
    }

    private static double resampledMean(double[] xs, Prng rng) {
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            sum += xs[rng.below(xs.length)];
        }
        return sum / xs.length;
    }

    /** The α/2 and 1−α/2 quantiles, linear interpolation between order statistics (numpy's default). */
    static Stats.Interval percentile(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats.Interval(quantileOf(sorted, Stats.ALPHA / 2), quantileOf(sorted, 1 - Stats.ALPHA / 2));
    }

    private static double quantileOf(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
