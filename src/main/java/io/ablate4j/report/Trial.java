package io.ablate4j.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code trials.csv}. Missing numeric cells are {@link Double#NaN}; metrics are those of the best
 * epoch (by validation loss, or the last epoch when there is no validation split).
 */
record Trial(String trialId, String variantId, long seed, TrialStatus status, Map<String, String> axes,
             double epochsRun, double bestEpoch, double trainAcc, double valAcc, double testAcc, double trainLoss,
             double valLoss, double testLoss, double gapAcc, double trainSeconds, double samplesPerSecond,
             String error) {
    Trial {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        error = error == null ? "" : error;
    }

    boolean ok() {
        return status == TrialStatus.OK;
    }
}
