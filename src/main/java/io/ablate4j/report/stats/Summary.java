package io.ablate4j.report.stats;

import io.ablate4j.config.Enums;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.results.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statistics across seeds, one row per variant, in the run's {@link Score} (test accuracy, or test RMSE for a
 * regression). Only trials with status ok enter the statistics; diverged and failed trials are counted apart.
 *
 * <ul>
 *   <li>the replicates: one value per ok trial (its best-epoch metric); with k-fold cross-validation one per seed,
 *       the mean over that seed's folds, because folds share training data and are not independent (so n counts
 *       seeds, and a variant's CV score is the mean over its folds × seeds);</li>
 *   <li>means and sample standard deviations (n−1) over the replicates;</li>
 *   <li>95% confidence interval of the mean test score from the t-distribution with n−1 degrees of
 *       freedom ({@link Stats#ci95}), cut to the score's range (accuracy [0, 1], RMSE [0, ∞);
 *       {@code testCiClipped} says when an end was); undefined for n &lt; 2;</li>
 *   <li>{@code delta} = mean test score − the baseline's mean test score;</li>
 *   <li>{@code comparison}: the variant's test scores against the baseline's ({@link Comparison}), paired by seed
 *       when both have values for the same seeds (the usual case: same-seed trials share the data split, batch
 *       order and augmentation), else Welch's test; undefined for the baseline itself and when either side has
 *       n &lt; 2;</li>
 *   <li>{@code pAdjusted}: the comparison's p adjusted over all non-baseline variants that have one, by Holm
 *       (default) or Benjamini–Hochberg ({@code statistics.correction}); {@code pHolm} always by Holm (the
 *       {@code p_value_holm} column DESIGN.md promises);</li>
 *   <li>{@code decision}: better, worse or equivalent ({@link Decision} in the score's better direction, with the
 *       ROPE of {@code statistics.rope});</li>
 *   <li>{@code gapComparison}, {@code gapPAdjusted}, {@code gapDecision}: the overfitting gap tested against the
 *       baseline's the same way (paired by seed, else Welch; sequential under adaptive seeds; p adjusted over the
 *       non-baseline variants by the same correction, a family of its own beside the score's; a smaller gap is
 *       "better"; the ROPE of {@code statistics.rope} where the gap is in the score's points, i.e. for accuracy,
 *       none for a regression, whose gap is in loss units);</li>
 *   <li>{@code selected}: the single variant with the best mean <em>validation</em> score (highest accuracy,
 *       lowest RMSE; the first in manifest order on ties); with cross-validation that is the CV score. Its test
 *       score is the honest estimate of what the sweep achieved; selecting on the test score would bias it. No
 *       variant is selected when there is no validation split.</li>
 * </ul>
 */
public final class Summary {
    private Summary() {
    }

    /** One variant, in the run's score (accuracies are fractions); NaN where undefined. */
    public record Row(VariantCells variant, boolean baseline, int n, int nFailed, int nDiverged, double[] testScores,
                      double testMean, double testStd, Stats.Interval testCi, double valMean, double valStd,
                      double gapMean, double gapStd, double[] gapValues, double gapFinalMean, double gapMaxMean,
                      double bestEpochMean, double delta, double gapDelta, Comparison.Result comparison, double pHolm,
                      double pAdjusted, Decision decision, boolean selected, Comparison.Result gapComparison,
                      double gapPAdjusted, Decision gapDecision, boolean testCiClipped) {

        public double p() {
            return comparison.p();
        }

        /** What the variant did to the overfitting gap against the baseline's. */
        public GapOutcome gapOutcome() {
            return GapOutcome.of(this);
        }

        boolean significant() {
            return pAdjusted < Stats.ALPHA;
        }
    }

    /**
     * The baseline variant: the one whose axis values equal the manifest's baseline on every axis (numbers
     * compared by value). Empty when the manifest names no baseline or no variant matches.
     */
    public static Optional<VariantCells> baseline(Manifest manifest) {
        if (manifest.baseline().isEmpty()) {
            return Optional.empty();
        }
        return manifest.variants().stream().filter(v -> manifest.axes().stream()
                .allMatch(a -> Axes.sameValue(v.axes().get(a), manifest.baseline().get(a)))).findFirst();
    }

    public static List<Row> compute(RunData run, Optional<VariantCells> baseline,
                                    Map<String, Overfitting.VariantCurve> curves) {
        Manifest m = run.manifest();
        String baseId = baseline.map(VariantCells::variantId).orElse(null);
        double[] baseTest = baseId == null ? new double[0] : testOf(run, baseId);
        double[] baseGap = baseId == null ? new double[0] : gapOf(run, baseId);
        double baseMean = Stats.mean(baseTest);
        double baseGapMean = Stats.mean(baseGap);

        int k = m.variants().size();
        double[] p = new double[k];
        Comparison.Result[] comparisons = new Comparison.Result[k];
        double[] gapP = new double[k];
        Comparison.Result[] gapComparisons = new Comparison.Result[k];
        Map<Long, Double> baseBySeed = baseId == null ? Map.of() : bySeed(run, baseId);
        Map<Long, Double> baseGapBySeed = baseId == null ? Map.of() : bySeed(run, baseId, TrialRow::gap);
        for (int i = 0; i < k; i++) {
            String id = m.variants().get(i).variantId();
            boolean none = id.equals(baseId) || baseId == null;
            comparisons[i] = none ? Comparison.Result.NONE
                    : compare(bySeed(run, id), baseBySeed, testOf(run, id), baseTest, m.adaptive());
            p[i] = comparisons[i].p();
            gapComparisons[i] = none ? Comparison.Result.NONE
                    : compare(bySeed(run, id, TrialRow::gap), baseGapBySeed, gapOf(run, id), baseGap, m.adaptive());
            gapP[i] = gapComparisons[i].p();
        }
        Enums.Correction correction = m.statistics().correction();
        double[] pAdjusted = Stats.adjust(p, correction);
        double[] pHolm = Stats.holm(p);
        double[] gapPAdjusted = Stats.adjust(gapP, correction);
        int family = (int) java.util.Arrays.stream(p).filter(Double::isFinite).count();
        int gapFamily = (int) java.util.Arrays.stream(gapP).filter(Double::isFinite).count();
        Score score = run.score();
        double rope = m.statistics().rope(score);
        // statistics.rope is in points of the score: the accuracy gap is in those points, a loss gap is not
        double gapRope = score.fraction() ? rope : Double.NaN;

        int selected = selectedIndex(run);

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            VariantCells v = m.variants().get(i);
            String id = v.variantId();
            List<TrialRow> trials = run.trials().stream().filter(t -> t.variantId().equals(id)).toList();
            double[] test = testOf(run, id);
            double[] val = valOf(run, id);
            double[] gap = gapOf(run, id);
            double[] best = Stats.finite(trials.stream().filter(TrialRow::ok).map(TrialRow::bestEpoch).toList());
            Overfitting.VariantCurve c = curves.get(id);
            boolean isBase = id.equals(baseId);
            double mean = Stats.mean(test);
            double gapMean = Stats.mean(gap);
            int n = run.crossValidated() ? test.length : (int) trials.stream().filter(TrialRow::ok).count();
            Decision decision = Decision.of(comparisons[i], pAdjusted[i], score.higherIsBetter(), rope, family, 1,
                    y -> Fmt.difference(score, y));
            Decision gapDecision = Decision.of(gapComparisons[i], gapPAdjusted[i], false, gapRope, gapFamily, 1,
                    y -> Fmt.gap(score, y) + (score.fraction() ? " pts" : ""));
            rows.add(new Row(v, isBase, n,
                    (int) trials.stream().filter(t -> t.status() == TrialStatus.FAILED).count(),
                    (int) trials.stream().filter(t -> t.status() == TrialStatus.DIVERGED).count(),
                    test, mean, Stats.std(test), Stats.ci95(test, score.range()), Stats.mean(val), Stats.std(val),
                    gapMean,
                    Stats.std(gap), gap, c == null ? Double.NaN : c.gapFinalMean(),
                    c == null ? Double.NaN : c.gapMaxMean(), Stats.mean(best),
                    // Under adaptive seeds a variant may share only some of the baseline's seeds: its delta is
                    // then the comparison's (over the shared seeds), the centre of the interval shown with it.
                    m.adaptive() != null && comparisons[i].defined() ? comparisons[i].difference() : mean - baseMean,
                    m.adaptive() != null && gapComparisons[i].defined() ? gapComparisons[i].difference()
                    : gapMean - baseGapMean, comparisons[i], pHolm[i], pAdjusted[i], decision,
                    i == selected, gapComparisons[i], gapPAdjusted[i], gapDecision,
                    Stats.clipped(test, score.range())));
        }
        return rows;
    }

    /** The half-width of the t-interval of a row's mean test score before it was cut to the score's range. */
    public static double halfWidth(Row r) {
        return Stats.ci95(r.testScores()).halfWidth();
    }

    /**
     * Paired by seed when both sides have values for the same seeds (at least 2), else Welch. With adaptive seeds
     * (the baseline may have more seeds than a variant decided early) the sides pair on the seeds they share, and
     * p and the interval are {@link Sequential}'s.
     */
    public static Comparison.Result compare(Map<Long, Double> a, Map<Long, Double> b, double[] aValues,
                                            double[] bValues) {
        return compare(a, b, aValues, bValues, null);
    }

    /** As {@link #compare(Map, Map, double[], double[])}, under adaptive seeds when {@code adaptive} is not null. */
    public static Comparison.Result compare(Map<Long, Double> a, Map<Long, Double> b, double[] aValues,
                                            double[] bValues, Manifest.Adaptive adaptive) {
        List<Long> seeds = new ArrayList<>(a.keySet());
        seeds.retainAll(b.keySet());
        Comparison.Result r;
        if (a.size() >= 2 && a.keySet().equals(b.keySet()) || adaptive != null && seeds.size() >= 2) {
            r = Comparison.paired(seeds.stream().mapToDouble(a::get).toArray(),
                    seeds.stream().mapToDouble(b::get).toArray());
        } else {
            r = Comparison.unpaired(aValues, bValues);
        }
        return adaptive == null ? r : Sequential.adjust(r, Sequential.Design.of(adaptive), 1);
    }

    /** A variant's test score per seed (with cross-validation, the seed's folds' mean); NaN values left out. */
    public static Map<Long, Double> bySeed(RunData run, String variantId) {
        return bySeed(run, variantId, TrialRow::testScore);
    }

    /** As {@link #bySeed(RunData, String)}, of any metric of the trials. */
    public static Map<Long, Double> bySeed(RunData run, String variantId,
                                           java.util.function.ToDoubleFunction<TrialRow> metric) {
        Map<Long, Double> out = new java.util.LinkedHashMap<>();
        Replicates.list(run.trials().stream().filter(t -> t.variantId().equals(variantId)).toList(),
                        metric).stream().filter(r -> Double.isFinite(r.value()))
                .forEach(r -> out.put(r.seed(), r.value()));
        return out;
    }

    /**
     * The variant selected by validation: the best mean validation score over its replicates (the first on ties, in
     * the manifest's order); empty when no variant has one (no validation split, or no ok trial). A race's pruned
     * variants have no ok trials and are never selected.
     */
    public static Optional<VariantCells> selected(RunData run) {
        int i = selectedIndex(run);
        return i < 0 ? Optional.empty() : Optional.of(run.manifest().variants().get(i));
    }

    private static int selectedIndex(RunData run) {
        List<VariantCells> variants = run.manifest().variants();
        int selected = -1;
        double bestVal = Double.NaN;
        for (int i = 0; i < variants.size(); i++) {
            double val = Stats.mean(valOf(run, variants.get(i).variantId()));
            if (Double.isFinite(val) && (selected < 0 || run.score().better(val, bestVal))) {
                bestVal = val;
                selected = i;
            }
        }
        return selected;
    }

    static double[] testOf(RunData run, String variantId) {
        return metric(run, variantId, Metric.TEST);
    }

    static double[] valOf(RunData run, String variantId) {
        return metric(run, variantId, Metric.VAL);
    }

    static double[] gapOf(RunData run, String variantId) {
        return metric(run, variantId, Metric.GAP);
    }

    private enum Metric { TEST, VAL, GAP }

    /** The variant's replicate values (one per ok trial; with cross-validation one per seed, its folds' mean). */
    private static double[] metric(RunData run, String variantId, Metric metric) {
        return Replicates.ofVariant(run, variantId, t -> switch (metric) {
            case TEST -> t.testScore();
            case VAL -> t.valScore();
            case GAP -> t.gap();
        });
    }
}
