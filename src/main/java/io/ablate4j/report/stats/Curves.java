package io.ablate4j.report.stats;

import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Learning curves: one metric per epoch over several trials of a variant, as the mean and sample standard deviation
 * of the trials that have the epoch. The report draws those of a variant's ok trials; the live page adds the epochs
 * of trials still training.
 */
public final class Curves {
    private Curves() {
    }

    /**
     * Mean and sample standard deviation (0 for one trial) per epoch, and how many trials had a finite value there.
     */
    public record Curve(double[] epoch, double[] mean, double[] std, int[] n) {
        public boolean isEmpty() {
            return epoch.length == 0;
        }
    }

    /** The curve of a variant's ok trials. */
    public static Curve of(RunData run, String variantId, ToDoubleFunction<EpochRow> metric, double scale) {
        List<List<EpochRow>> trials = new ArrayList<>();
        for (TrialRow t : run.trials()) {
            if (t.ok() && t.variantId().equals(variantId)) {
                trials.add(run.epochsOf(t.trialId()));
            }
        }
        return of(trials, metric, scale);
    }

    /** The curve of these trials' epochs, each value times {@code scale} (100 for accuracies in percent). */
    public static Curve of(List<List<EpochRow>> trials, ToDoubleFunction<EpochRow> metric, double scale) {
        TreeMap<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (List<EpochRow> rows : trials) {
            for (EpochRow r : rows) {
                double v = metric.applyAsDouble(r);
                if (Double.isFinite(v)) {
                    byEpoch.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(scale * v);
                }
            }
        }
        double[] e = new double[byEpoch.size()];
        double[] m = new double[e.length];
        double[] s = new double[e.length];
        int[] n = new int[e.length];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> entry : byEpoch.entrySet()) {
            double[] xs = Stats.finite(entry.getValue());
            e[i] = entry.getKey();
            m[i] = Stats.mean(xs);
            double sd = Stats.std(xs);
            s[i] = Double.isFinite(sd) ? sd : 0;
            n[i] = xs.length;
            i++;
        }
        return new Curve(e, m, s, n);
    }
}
