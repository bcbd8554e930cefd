package io.ablate4j.report.stats;

import io.ablate4j.config.Enums;
import io.ablate4j.report.read.Range;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The statistics of the report. Distributions and the Welch test come from Commons Math; this class only
 * decides which formula applies and what is undefined. Undefined values are {@link Double#NaN} and become
 * empty CSV cells.
 */
public final class Stats {
    /** Two-sided significance level of every test and interval in the report. */
    public static final double ALPHA = 0.05;

    private Stats() {
    }

    /** The finite values of {@code xs}: missing (NaN) and diverged (infinite) values never enter a statistic. */
    public static double[] finite(Collection<Double> xs) {
        return xs.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
    }

    /** Arithmetic mean; NaN for no values. */
    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Sample variance {@code Σ(x−x̄)²/(n−1)}; NaN when n &lt; 2. */
    static double variance(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return ss / (xs.length - 1);
    }

    /** Sample standard deviation (n−1 denominator); NaN when n &lt; 2. */
    public static double std(double[] xs) {
        return Math.sqrt(variance(xs));
    }

    /** A closed interval; both ends NaN when undefined. */
    public record Interval(double low, double high) {
        static final Interval NONE = new Interval(Double.NaN, Double.NaN);

        public double halfWidth() {
            return (high - low) / 2;
        }

        /** This interval cut to the range (an undefined one stays undefined). */
        public Interval within(Range range) {
            return Double.isNaN(low) ? this : new Interval(Math.max(low, range.lowest()),
                    Math.min(high, range.highest()));
        }
    }

    /**
     * Student's t distribution with {@code df} degrees of freedom, without the random generator commons-math
     * would seed for sampling (its construction costs more than a quantile).
     */
    static TDistribution t(double df) {
        return new TDistribution(null, df);
    }

    /**
     * The t-based confidence interval of the mean: {@code x̄ ± t(1−α/2; n−1) · s/√n}, at level 1−{@link #ALPHA}.
     * Undefined (NaN ends) when n &lt; 2.
     */
    static Interval ci95(double[] xs) {
        return ci95(xs, Range.ANY);
    }

    /**
     * The t-based interval of the mean cut to the values the metric can take: a mean of accuracies near 100% with a
     * wide interval would otherwise reach past 100%. The cut is the only change: inside the range the interval is
     * the t-interval ({@link #clipped} tells whether an end was cut).
     */
    static Interval ci95(double[] xs, Range range) {
        if (xs.length < 2) {
            return Interval.NONE;
        }
        double m = mean(xs);
        double t = t(xs.length - 1).inverseCumulativeProbability(1 - ALPHA / 2);
        double half = t * std(xs) / Math.sqrt(xs.length);
        return new Interval(m - half, m + half).within(range);
    }

    /** Whether the t-interval of the mean of {@code xs} reaches past the range, so that {@link #ci95} cut it. */
    static boolean clipped(double[] xs, Range range) {
        Interval raw = ci95(xs, Range.ANY);
        return Double.isFinite(raw.low()) && (raw.low() < range.lowest() || raw.high() > range.highest());
    }

    /**
     * Welch's unequal-variance t-test of {@code a} against {@code b}.
     *
     * @param t  {@code (ā − b̄) / √(s²a/na + s²b/nb)}
     * @param df the Welch–Satterthwaite degrees of freedom
     *           {@code (s²a/na + s²b/nb)² / ((s²a/na)²/(na−1) + (s²b/nb)²/(nb−1))}
     * @param p  two-sided p-value from Commons Math's {@link TTest#tTest(double[], double[])}
     */
    record Welch(double t, double df, double p) {
        static final Welch NONE = new Welch(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Welch's test, or {@link Welch#NONE} when it is undefined: fewer than two values on either side, or no
     * variance on both sides (identical replicates; the statistic would divide by zero).
     */
    static Welch welch(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Welch.NONE;
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        if (va + vb == 0) {
            return Welch.NONE;
        }
        TTest test = new TTest();
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new Welch(test.t(a, b), df, test.tTest(a, b));
    }

    /**
     * Holm–Bonferroni adjusted p-values, in the order given. With the m defined p-values sorted ascending,
     * {@code p̃(i) = min(1, max_{j≤i} (m−j+1)·p(j))}; the running maximum keeps the adjusted values in the same
     * order as the raw ones. NaN entries are not part of the family and stay NaN.
     */
    static double[] holm(double[] p) {
        Integer[] defined = definedAscending(p);
        int m = defined.length;
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1, (m - rank) * p[defined[rank]]));
            adjusted[defined[rank]] = running;
        }
        return adjusted;
    }

    /** The indices of the defined (non-NaN) p-values, by ascending p. */
    private static Integer[] definedAscending(double[] p) {
        return java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted((x, y) -> Double.compare(p[x], p[y])).toArray(Integer[]::new);
    }

    /** {@link #holm} or {@link #benjaminiHochberg}, as {@code statistics.correction} says. */
    public static double[] adjust(double[] p, Enums.Correction correction) {
        return correction == Enums.Correction.BENJAMINI_HOCHBERG ? benjaminiHochberg(p) : holm(p);
    }

    /** "Holm" or "Benjamini–Hochberg", for people. */
    public static String correctionName(Enums.Correction correction) {
        return correction == Enums.Correction.BENJAMINI_HOCHBERG ? "Benjamini–Hochberg" : "Holm";
    }

    /**
     * Benjamini–Hochberg adjusted p-values (q-values), in the order given: with the m defined p-values sorted
     * ascending, {@code q(i) = min_{j≥i} min(1, m·p(j)/j)}. They control the false discovery rate, not the chance of
     * any false positive; NaN entries stay NaN and are not part of the family.
     */
    static double[] benjaminiHochberg(double[] p) {
        Integer[] defined = definedAscending(p);
        int m = defined.length;
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            running = Math.min(running, Math.min(1, (double) m * p[defined[rank]] / (rank + 1)));
            adjusted[defined[rank]] = running;
        }
        return adjusted;
    }

    /**
     * Sums of squares of a one-way decomposition: {@code between = Σ_g n_g (ȳ_g − ȳ)²} and
     * {@code total = Σ (y − ȳ)²} over all values of all groups.
     */
    record SumsOfSquares(double between, double total) {
    }

    static SumsOfSquares oneWay(Collection<double[]> groups) {
        double[] all = groups.stream().flatMapToDouble(Arrays::stream).toArray();
        double grand = mean(all);
        double between = 0;
        for (double[] g : groups) {
            if (g.length > 0) {
                double d = mean(g) - grand;
                between += g.length * d * d;
            }
        }
        double total = 0;
        for (double y : all) {
            total += (y - grand) * (y - grand);
        }
        return new SumsOfSquares(between, total);
    }

    /**
     * η² of a factor: {@code SS_between / SS_total} of the one-way decomposition of the values grouped by the
     * factor's levels, the share of the variance the factor's level means explain. NaN when the values do not
     * vary.
     */
    static double etaSquared(Collection<double[]> groups) {
        SumsOfSquares ss = oneWay(groups);
        return ss.total() > 0 ? ss.between() / ss.total() : Double.NaN;
    }

    /**
     * Interaction η² of two factors A and B from a two-way decomposition:
     * {@code (SS_cells − SS_A − SS_B) / SS_total}, where {@code SS_cells} is the between-group sum of squares of
     * the A×B cells and {@code SS_A}, {@code SS_B} those of the main effects. In a balanced design this is the
     * textbook interaction sum of squares; in an unbalanced or incomplete one it is an approximation and can
     * come out slightly negative, so it is clipped at 0.
     *
     * @param cells A level → B level → values of that cell
     */
    static double interactionEtaSquared(Map<String, Map<String, double[]>> cells) {
        List<double[]> cellGroups = cells.values().stream().flatMap(m -> m.values().stream()).toList();
        SumsOfSquares whole = oneWay(cellGroups);
        if (!(whole.total() > 0)) {
            return Double.NaN;
        }
        List<double[]> aGroups = cells.values().stream()
                .map(m -> m.values().stream().flatMapToDouble(Arrays::stream).toArray()).toList();
        Map<String, double[]> byB = new java.util.LinkedHashMap<>();
        cells.values().forEach(m -> m.forEach((b, ys) -> byB.merge(b, ys, Stats::concat)));
        double ssA = oneWay(aGroups).between();
        double ssB = oneWay(byB.values()).between();
        return Math.max(0, (whole.between() - ssA - ssB) / whole.total());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Least-squares slope of y against x over the pairs where both are finite; NaN with fewer than 2. */
    static double slope(double[] x, double[] y) {
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                r.addData(x[i], y[i]);
            }
        }
        return r.getN() < 2 ? Double.NaN : r.getSlope();
    }
}
