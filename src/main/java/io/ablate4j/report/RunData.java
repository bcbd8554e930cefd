package io.ablate4j.report;

import java.util.List;
import java.util.Map;

/**
 * Everything read from one run directory.
 *
 * @param manifest      the manifest, its variant list completed with variants seen only in {@code trials.csv}
 * @param trials        trial rows in file order, one per trial id
 * @param epochs        trial id → its epoch rows ordered by epoch
 * @param epochsPresent whether {@code epochs.csv} existed
 * @param readWarnings  problems that did not stop reading (duplicate rows, unknown variants, missing columns)
 */
record RunData(Manifest manifest, List<Trial> trials, Map<String, List<EpochRow>> epochs, boolean epochsPresent,
               List<String> readWarnings) {
    RunData {
        trials = List.copyOf(trials);
        epochs = Map.copyOf(epochs);
        readWarnings = List.copyOf(readWarnings);
    }

    List<EpochRow> epochsOf(String trialId) {
        return epochs.getOrDefault(trialId, List.of());
    }
}
