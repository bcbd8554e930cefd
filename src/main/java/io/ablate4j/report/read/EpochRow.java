package io.ablate4j.report.read;

import java.util.function.ToDoubleFunction;

/**
 * One row of {@code epochs.csv}; epochs count from 1 and missing cells (no validation split) are
 * {@link Double#NaN}. Scores and gap are the run's {@link Score} (accuracy, or RMSE for a regression).
 */
public record EpochRow(String trialId, String variantId, long seed, int epoch, double trainLoss, double trainScore,
                       double valLoss, double valScore, double testLoss, double testScore, double gap,
                       double epochSeconds, double samplesPerSecond) {

    /**
     * The row of an epoch whose cells are looked up by {@code epochs.csv} column name ({@code cell} gives NaN for
     * an empty or absent one), the gap completed ({@link #withGap}): the one mapping of columns to fields, for a
     * file's row and for a running trial's epoch that is not written yet.
     */
    public static EpochRow of(String trialId, String variantId, long seed, int epoch, ToDoubleFunction<String> cell,
                              Score score) {
        return new EpochRow(trialId, variantId, seed, epoch, cell.applyAsDouble("train_loss"),
                cell.applyAsDouble(score.column("train")), cell.applyAsDouble("val_loss"),
                cell.applyAsDouble(score.column("val")), cell.applyAsDouble("test_loss"),
                cell.applyAsDouble(score.column("test")), cell.applyAsDouble(score.gapColumn()),
                cell.applyAsDouble("epoch_seconds"), cell.applyAsDouble("samples_per_second")).withGap(score);
    }

    /**
     * The row with its gap completed where the file has none: train − validation accuracy (train − test without a
     * validation split, the runner's own rule), or for a regression validation − train loss.
     */
    public EpochRow withGap(Score score) {
        if (Double.isFinite(gap)) {
            return this;
        }
        return new EpochRow(trialId, variantId, seed, epoch, trainLoss, trainScore, valLoss, valScore, testLoss,
                testScore, score.gap(trainScore, valScore, testScore, trainLoss, valLoss, testLoss), epochSeconds,
                samplesPerSecond);
    }
}
