package io.ablate4j.report.stats;

import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The replicates a statistic is computed over: one value per ok trial, or with k-fold cross-validation one per
 * variant and seed, the mean over that seed's folds (folds share their training data, so they are not independent
 * replicates; the seeds are). The one place folds are averaged into seeds.
 */
final class Replicates {
    private Replicates() {
    }

    /** One replicate: a variant's value for one seed (with cross-validation, the mean over that seed's folds). */
    record Replicate(String variantId, long seed, double value) {
    }

    /** The finite replicate values of a metric over the ok trials of one variant. */
    static double[] ofVariant(RunData run, String variantId, ToDoubleFunction<TrialRow> metric) {
        return values(run.trials().stream().filter(t -> t.variantId().equals(variantId)).toList(), metric);
    }

    /**
     * The finite replicate values of a metric over the ok trials given; NaN values are left out, and so is a seed
     * none of whose folds has a value.
     */
    static double[] values(List<TrialRow> trials, ToDoubleFunction<TrialRow> metric) {
        return Stats.finite(list(trials, metric).stream().map(Replicate::value).toList());
    }

    /**
     * The replicates of the ok trials, in the order their first trial appears; NaN values are left out, and so is a
     * variant and seed none of whose trials has a value.
     */
    static List<Replicate> list(List<TrialRow> trials, ToDoubleFunction<TrialRow> metric) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, TrialRow> first = new HashMap<>();
        for (TrialRow t : trials) {
            if (!t.ok()) {
                continue;
            }
            double v = metric.applyAsDouble(t);
            if (Double.isNaN(v)) {
                continue;
            }
            String key = t.variantId() + "\n" + t.seed();
            first.putIfAbsent(key, t);
            double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
            sum[0] += v;
            sum[1]++;
        }
        List<Replicate> out = new ArrayList<>();
        sums.forEach((key, sum) -> out.add(new Replicate(first.get(key).variantId(), first.get(key).seed(),
                sum[0] / sum[1])));
        return out;
    }
}
