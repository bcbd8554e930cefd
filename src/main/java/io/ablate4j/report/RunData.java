package io.ablate4j.report;

import io.ablate4j.results.Damaged;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import java.util.List;
import java.util.Map;

/**
 * Everything read from one run directory.
 *
 * @param manifest      the manifest, its variant list completed with variants seen only in {@code trials.csv}
 * @param trials        trial rows in file order, one per trial id
 * @param epochs        trial id → its epoch rows ordered by epoch
 * @param epochsPresent whether {@code epochs.csv} existed
 * @param readWarnings  problems that did not stop reading (duplicate rows, missing columns)
 * @param damaged       rows left out because they do not verify, are foreign or go with such a row's trial (still in
 *                      their files: the next run moves them to {@code damaged.csv})
 * @param quarantined   the rows earlier runs moved to {@code damaged.csv}
 * @param diagnostics   the verified rows of {@code diagnostics.csv}, or null when there is none
 * @param score         the run's headline metric: accuracy, or RMSE for a regression
 * @param looks         with adaptive seeds, the looks replayed from all the trials read (which also gave the
 *                      manifest its seeds per variant); null for a fixed seed list and for a view of some trials
 */
record RunData(Manifest manifest, List<TrialRow> trials, Map<String, List<EpochRow>> epochs, boolean epochsPresent,
               List<String> readWarnings, List<Damaged> damaged, List<Quarantine.Entry> quarantined,
               ResultsCheck.Checked diagnostics, Score score, Looks.Replay looks) {
    RunData {
        trials = List.copyOf(trials);
        epochs = Map.copyOf(epochs);
        readWarnings = List.copyOf(readWarnings);
        damaged = List.copyOf(damaged);
        quarantined = List.copyOf(quarantined);
    }

    /** A classification run directory's content without damaged rows or diagnostics (tests, fixtures). */
    RunData(Manifest manifest, List<TrialRow> trials, Map<String, List<EpochRow>> epochs, boolean epochsPresent,
            List<String> readWarnings) {
        this(manifest, trials, epochs, epochsPresent, readWarnings, List.of(), List.of(), null, Score.ACCURACY, null);
    }

    /** The same run with another manifest. */
    RunData with(Manifest m) {
        return new RunData(m, trials, epochs, epochsPresent, readWarnings, damaged, quarantined, diagnostics, score,
                looks);
    }

    /** The same run with its replayed looks. */
    RunData with(Looks.Replay replay) {
        return new RunData(manifest, trials, epochs, epochsPresent, readWarnings, damaged, quarantined, diagnostics,
                score, replay);
    }

    /**
     * A view of some of the run's trials (the epochs stay; they are looked up by trial id); it has no looks of its
     * own.
     */
    RunData withTrials(List<TrialRow> kept) {
        return new RunData(manifest, kept, epochs, epochsPresent, readWarnings, damaged, quarantined, diagnostics,
                score, null);
    }

    List<EpochRow> epochsOf(String trialId) {
        return epochs.getOrDefault(trialId, List.of());
    }

    /** Whether the trials are folds of a k-fold cross-validation. */
    boolean crossValidated() {
        return trials.stream().anyMatch(t -> t.fold() >= 0);
    }

    /**
     * The replicate values of a metric over the ok trials of some variants: one per trial, or with k-fold
     * cross-validation one per variant and seed, the mean over that seed's folds (folds share their training data,
     * so they are not independent replicates; the seeds are). NaN values are left out, and so is a seed none of
     * whose folds has a value.
     */
    double[] replicates(java.util.Collection<String> variantIds, java.util.function.ToDoubleFunction<TrialRow> metric) {
        java.util.Set<String> ids = java.util.Set.copyOf(variantIds);
        return replicates(trials.stream().filter(t -> ids.contains(t.variantId())).toList(), metric);
    }

    /** As {@link #replicates(java.util.Collection, java.util.function.ToDoubleFunction)}, over the given trials. */
    static double[] replicates(List<TrialRow> trials, java.util.function.ToDoubleFunction<TrialRow> metric) {
        return Stats.finite(replicateList(trials, metric).stream().map(Replicate::value).toList());
    }

    /** One replicate: a variant's value for one seed (with cross-validation, the mean over that seed's folds). */
    record Replicate(String variantId, long seed, double value) {
    }

    /**
     * The replicates of the ok trials, in the order their first trial appears; NaN values are left out, and so is a
     * variant and seed none of whose trials has a value. The one place folds are averaged into seeds.
     */
    static List<Replicate> replicateList(List<TrialRow> trials, java.util.function.ToDoubleFunction<TrialRow> metric) {
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        Map<String, TrialRow> first = new java.util.HashMap<>();
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
        List<Replicate> out = new java.util.ArrayList<>();
        sums.forEach((key, sum) -> out.add(new Replicate(first.get(key).variantId(), first.get(key).seed(),
                sum[0] / sum[1])));
        return out;
    }
}
