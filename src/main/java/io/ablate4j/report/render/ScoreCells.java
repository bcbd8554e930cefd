package io.ablate4j.report.render;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import java.util.function.DoubleFunction;

/**
 * Table cells in the run's score, shared by the report's sections: means with their spread and intervals, gaps,
 * slopes, and the units their headers state.
 */
public final class ScoreCells {
    private ScoreCells() {
    }

    static String meanSd(Score sc, Summary.Row r) {
        return pm(sc, r.testMean(), r.testStd());
    }

    /** {@code 87.23 ± 0.41} in percent (accuracy) or the target's units, or just the mean when there is no spread. */
    static String pm(Score sc, double mean, double sd) {
        return Fmt.plain(sc, mean) + (Double.isFinite(sd) ? " ± " + Fmt.plain(sc, sd) : "");
    }

    static String pmGap(Score sc, double mean, double sd) {
        return gapValue(sc, mean) + (Double.isFinite(sd) ? " ± " + gapValue(sc, sd) : "");
    }

    /** A gap (usually positive) without a forced sign: percentage points for accuracy, loss units otherwise. */
    static String gapValue(Score sc, double gap) {
        return sc.fraction() ? Fmt.num(100 * gap, 2) : Fmt.sig(gap);
    }

    /** A change of the gap, signed. */
    static String gapDiff(Score sc, double d) {
        return Fmt.gap(sc, d);
    }

    static String slope(Score sc, double perEpoch) {
        return sc.fraction() ? Fmt.num(100 * perEpoch, 3) : Fmt.sig(perEpoch);
    }

    /** The unit of a difference column's header: " (pts)" for accuracy, none for the target's units. */
    static String pts(Score sc) {
        return sc.fraction() ? " (pts)" : "";
    }

    /** The unit of a gap column's header. */
    static String gapUnit(Score sc) {
        return sc.fraction() ? " (pts)" : " (loss)";
    }

    /** A difference from the baseline with the comparison's 95% CI: {@code +1.20 [+0.30, +2.10]}. */
    public static String difference(Score sc, double d, Comparison.Result x) {
        return Fmt.plainDifference(sc, d) + (x.defined() ? " " + Fmt.interval(x.ci(), y -> Fmt.plainDifference(sc, y))
                : "");
    }

    /** A change of the overfitting gap with its comparison's 95% CI: {@code -5.93 [-7.10, -4.76]}. */
    static String gapDifference(Score sc, double d, Comparison.Result x) {
        return Double.isFinite(d) ? gapDiff(sc, d) + (x.defined() ? " " + Fmt.interval(x.ci(), y -> gapDiff(sc, y))
                : "") : "–";
    }

    /**
     * Hedges' g, or what it needs when the comparison has too few values for it ({@code needs ≥ 3 seeds}): at 2
     * pairs its small-sample correction is 0, which would read as "no effect".
     *
     * @param unit what a value is: "seeds" for a variant against the baseline, "pairs" for a claim
     */
    static String hedges(Comparison.Result x, String unit) {
        return Double.isFinite(x.hedgesG()) ? Fmt.num(x.hedgesG(), 2) : x.valuesForHedges() > 0
                ? "needs ≥ " + x.valuesForHedges() + " " + unit : "–";
    }

    /**
     * The exact permutation p, and the values it needs when it cannot reach α with those it has
     * ({@code 0.250 (needs ≥ 6 seeds)}): with 3 seeds the smallest possible p is 0.25, whatever the data.
     *
     * @param unit what a value is when paired ("seeds" or "pairs"); unpaired comparisons count values per side
     */
    static String permutation(Comparison.Result x, String unit) {
        int needs = x.valuesForPermutation();
        return Fmt.p(x.pPermutation()) + (needs > 0 ? " (needs ≥ " + needs + " " + (x.paired() ? unit : "per side")
                + ")" : "");
    }

    /** The 95% CI of a variant's mean test score. */
    static String ci(Score sc, Summary.Row r) {
        return interval(sc, r.testCi());
    }

    static String interval(Score sc, Stats.Interval i) {
        return interval(i, y -> Fmt.plain(sc, y));
    }

    /** {@code [low, high]}, or "–" when the interval is undefined. */
    static String interval(Stats.Interval ci, DoubleFunction<String> f) {
        return Double.isFinite(ci.low()) ? Fmt.interval(ci, f) : "–";
    }
}
