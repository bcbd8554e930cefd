package io.ablate4j.training;

/**
 * One epoch of one trial. Losses are mean cross-entropy per example without the regularization term, and all
 * metrics are measured in inference mode (no dropout, BN running statistics). Validation fields are NaN when the
 * dataset has no validation split.
 *
 * @param epoch            1-based epoch number
 * @param trainLoss        loss on (a fixed sample of) the training split
 * @param trainAcc         accuracy on the same examples
 * @param valLoss          validation loss
 * @param valAcc           validation accuracy
 * @param testLoss         test loss
 * @param testAcc          test accuracy
 * @param gapAcc           trainAcc − valAcc (trainAcc − testAcc without validation): the overfitting gap
 * @param epochSeconds     wall time of the epoch, training and evaluation
 * @param samplesPerSecond training examples per second of the epoch's fitting alone
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                           double testLoss, double testAcc, double gapAcc, double epochSeconds,
                           double samplesPerSecond) implements java.io.Serializable {

    /** Whether every loss is a finite number. */
    public boolean finite() {
        return Double.isFinite(trainLoss) && Double.isFinite(testLoss) && (Double.isNaN(valAcc) || Double.isFinite(valLoss));
    }
}
