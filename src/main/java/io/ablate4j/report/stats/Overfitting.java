package io.ablate4j.report.stats;

import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much and from when each trial overfits, from its epoch curves. The gap of an epoch is
 * {@code train_acc − val_acc} ({@link EpochRow#gap()}); all gaps are fractions, slopes fractions per epoch.
 *
 * <p>Only trials with status ok are analysed: a diverged trial's curves end in non-finite losses and a failed
 * trial has none.
 */
public final class Overfitting {
    private Overfitting() {
    }

    /**
     * One trial.
     *
     * @param epochs       epoch rows found in {@code epochs.csv}
     * @param gapBest      gap at the best epoch (the runner's {@code best_epoch}); {@code trials.csv}'s
     *                     {@code gap_acc} when the epoch rows lack it
     * @param gapFinal     gap at the last epoch
     * @param gapMax       largest gap over all epochs
     * @param gapSlope     least-squares slope of gap against epoch over all epochs (per epoch)
     * @param onsetEpoch   overfitting onset: the first epoch at which validation loss reaches its minimum,
     *                     provided some later epoch has a strictly higher validation loss (so the loss rose after
     *                     it and never went below it again); NaN when validation loss is missing, the minimum is
     *                     at the last epoch, or the loss stays flat after it
     * @param valLossMin   smallest validation loss
     * @param valLossFinal validation loss at the last epoch
     */
    public record TrialCurve(TrialRow trial, int epochs, double gapBest, double gapFinal, double gapMax,
                             double gapSlope, double onsetEpoch, double valLossMin, double valLossFinal) {
    }

    /**
     * Means over a variant's ok trials of the per-trial values; {@code onsetMean} over the trials that have an
     * onset, {@code onsetCount} of them.
     */
    public record VariantCurve(VariantCells variant, int n, double gapBestMean, double gapFinalMean, double gapMaxMean,
                               double gapSlopeMean, double onsetMean, int onsetCount, double valLossMinMean,
                               double valLossFinalMean) {
    }

    static TrialCurve analyse(TrialRow trial, List<EpochRow> rows) {
        int k = rows.size();
        double[] epoch = new double[k];
        double[] gap = new double[k];
        double gapMax = Double.NaN;
        double gapBest = Double.NaN;
        for (int i = 0; i < k; i++) {
            EpochRow r = rows.get(i);
            epoch[i] = r.epoch();
            gap[i] = r.gap();
            if (Double.isFinite(gap[i]) && !(gap[i] <= gapMax)) {
                gapMax = gap[i];
            }
            if (r.epoch() == trial.bestEpoch()) {
                gapBest = gap[i];
            }
        }
        if (!Double.isFinite(gapBest)) {
            gapBest = trial.gap();
        }
        double gapFinal = k == 0 ? Double.NaN : gap[k - 1];

        double valLossMin = Double.NaN;
        int argMin = -1;
        for (int i = 0; i < k; i++) {
            double v = rows.get(i).valLoss();
            if (Double.isFinite(v) && !(v >= valLossMin)) {
                valLossMin = v;
                argMin = i;
            }
        }
        double onset = Double.NaN;
        if (argMin >= 0) {
            for (int i = argMin + 1; i < k; i++) {
                if (rows.get(i).valLoss() > valLossMin) {
                    onset = rows.get(argMin).epoch();
                    break;
                }
            }
        }
        double valLossFinal = k == 0 ? Double.NaN : rows.get(k - 1).valLoss();
        return new TrialCurve(trial, k, gapBest, gapFinal, gapMax, Stats.slope(epoch, gap), onset, valLossMin,
                valLossFinal);
    }

    /** Per-trial curves of every ok trial, in {@code trials.csv} order. */
    public static List<TrialCurve> trials(RunData run) {
        List<TrialCurve> out = new ArrayList<>();
        for (TrialRow t : run.trials()) {
            if (t.ok()) {
                out.add(analyse(t, run.epochsOf(t.trialId())));
            }
        }
        return out;
    }

    /** One aggregate per variant in manifest order (n = 0 for variants without ok trials). */
    public static Map<String, VariantCurve> variants(Manifest manifest, List<TrialCurve> curves) {
        Map<String, VariantCurve> out = new LinkedHashMap<>();
        for (VariantCells v : manifest.variants()) {
            List<TrialCurve> mine = curves.stream().filter(c -> c.trial().variantId().equals(v.variantId()))
                    .toList();
            List<Double> onsets = mine.stream().map(TrialCurve::onsetEpoch).filter(Double::isFinite).toList();
            out.put(v.variantId(), new VariantCurve(v, mine.size(),
                    mean(mine.stream().map(TrialCurve::gapBest).toList()),
                    mean(mine.stream().map(TrialCurve::gapFinal).toList()),
                    mean(mine.stream().map(TrialCurve::gapMax).toList()),
                    mean(mine.stream().map(TrialCurve::gapSlope).toList()),
                    mean(onsets), onsets.size(),
                    mean(mine.stream().map(TrialCurve::valLossMin).toList()),
                    mean(mine.stream().map(TrialCurve::valLossFinal).toList())));
        }
        return out;
    }

    private static double mean(List<Double> xs) {
        return Stats.mean(Stats.finite(xs));
    }
}
