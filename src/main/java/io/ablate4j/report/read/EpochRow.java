package io.ablate4j.report.read;

/**
 * One row of {@code epochs.csv}; epochs count from 1 and missing cells (no validation split) are
 * {@link Double#NaN}. Scores and gap are the run's {@link Score} (accuracy, or RMSE for a regression).
 */
public record EpochRow(String trialId, String variantId, long seed, int epoch, double trainLoss, double trainScore,
                       double valLoss, double valScore, double testLoss, double testScore, double gap,
                       double epochSeconds, double samplesPerSecond) {

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
