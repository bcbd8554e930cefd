package io.ablate4j.report.read;

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
 */
public record RunData(Manifest manifest, List<TrialRow> trials, Map<String, List<EpochRow>> epochs,
                      boolean epochsPresent, List<String> readWarnings, List<Damaged> damaged,
                      List<Quarantine.Entry> quarantined, ResultsCheck.Checked diagnostics, Score score) {
    public RunData {
        trials = List.copyOf(trials);
        epochs = Map.copyOf(epochs);
        readWarnings = List.copyOf(readWarnings);
        damaged = List.copyOf(damaged);
        quarantined = List.copyOf(quarantined);
    }

    /** A classification run directory's content without damaged rows or diagnostics (tests, fixtures). */
    public RunData(Manifest manifest, List<TrialRow> trials, Map<String, List<EpochRow>> epochs, boolean epochsPresent,
                   List<String> readWarnings) {
        this(manifest, trials, epochs, epochsPresent, readWarnings, List.of(), List.of(), null, Score.ACCURACY);
    }

    /** The same run with another manifest. */
    public RunData with(Manifest m) {
        return new RunData(m, trials, epochs, epochsPresent, readWarnings, damaged, quarantined, diagnostics, score);
    }

    /** A view of some of the run's trials (the epochs stay; they are looked up by trial id). */
    public RunData withTrials(List<TrialRow> kept) {
        return new RunData(manifest, kept, epochs, epochsPresent, readWarnings, damaged, quarantined, diagnostics,
                score);
    }

    public List<EpochRow> epochsOf(String trialId) {
        return epochs.getOrDefault(trialId, List.of());
    }

    /** Whether the trials are folds of a k-fold cross-validation. */
    public boolean crossValidated() {
        return trials.stream().anyMatch(t -> t.fold() >= 0);
    }
}
