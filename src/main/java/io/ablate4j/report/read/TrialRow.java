package io.ablate4j.report.read;

import io.ablate4j.results.TrialStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code trials.csv}: a trial as recorded (unlike {@code sweep.Trial}, the planned one, it has results
 * and
 * no config). Missing numeric cells are {@link Double#NaN}; metrics are those of the best
 * epoch (by validation loss, or the last epoch when there is no validation split). The scores and the gap are the
 * run's {@link Score}: accuracies and train − validation accuracy for a classification, RMSEs and validation − train
 * loss for a regression.
 *
 * @param fold    the cross-validation fold that validated (0-based), -1 without cross-validation
 * @param metrics every numeric metric cell of the row by column name ({@code test_mae}, {@code val_r2}, …), for
 *                claims on metrics other than the score
 */
public record TrialRow(String trialId, String variantId, long seed, int fold, TrialStatus status,
                       Map<String, String> axes, double epochsRun, double bestEpoch, double trainScore,
                       double valScore, double testScore, double trainLoss, double valLoss, double testLoss,
                       double gap, double trainSeconds, double samplesPerSecond, String error,
                       Map<String, Double> metrics) {
    public TrialRow {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        error = error == null ? "" : error;
    }

    /** A classification trial without cross-validation (scores are accuracies). */
    public TrialRow(String trialId, String variantId, long seed, TrialStatus status, Map<String, String> axes,
                    double epochsRun, double bestEpoch, double trainAcc, double valAcc, double testAcc,
                    double trainLoss, double valLoss, double testLoss, double gapAcc, double trainSeconds,
                    double samplesPerSecond, String error) {
        this(trialId, variantId, seed, -1, status, axes, epochsRun, bestEpoch, trainAcc, valAcc, testAcc, trainLoss,
                valLoss, testLoss, gapAcc, trainSeconds, samplesPerSecond, error, Map.of("train_acc", trainAcc,
                        "val_acc", valAcc, "test_acc", testAcc, "gap_acc", gapAcc, "train_loss", trainLoss,
                        "val_loss", valLoss, "test_loss", testLoss));
    }

    public boolean ok() {
        return status == TrialStatus.OK;
    }

    /** A metric column's value; NaN when the row does not have it. */
    public double metric(String column) {
        Double v = metrics.get(column);
        return v == null ? Double.NaN : v;
    }
}
