package io.ablate4j.report;

/**
 * One row of {@code epochs.csv}; epochs count from 1 and missing cells (no validation split) are
 * {@link Double#NaN}.
 */
record EpochRow(String trialId, String variantId, long seed, int epoch, double trainLoss, double trainAcc,
                double valLoss, double valAcc, double testLoss, double testAcc, double gapAcc, double epochSeconds,
                double samplesPerSecond) {

    /**
     * The generalization gap of this epoch: the runner's {@code gap_acc} when present, else train − validation
     * accuracy, else train − test accuracy (the runner's own rule when there is no validation split).
     */
    double gap() {
        if (Double.isFinite(gapAcc)) {
            return gapAcc;
        }
        return Double.isFinite(valAcc) ? trainAcc - valAcc : trainAcc - testAcc;
    }
}
