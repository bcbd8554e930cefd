package io.ablate4j.training;

/**
 * One epoch of one trial. Losses are the training loss function's mean per example without the regularization term,
 * and all metrics are measured in inference mode (no dropout, BN running statistics). Validation scores are NaN when
 * the dataset has no validation split.
 *
 * @param epoch            1-based epoch number
 * @param train            scores on (a fixed sample of) the training split
 * @param val              validation scores ({@link Scores#NONE} without validation)
 * @param test             test scores
 * @param gapAcc           classification: train − validation accuracy (train − test without validation), the
 *                         overfitting gap; NaN for a regression
 * @param gapLoss          validation − train loss (test − train without validation): the overfitting gap in loss
 *                         terms, positive when the model fits its training data better than held-out data
 * @param epochSeconds     wall time of the epoch, training and evaluation
 * @param samplesPerSecond training examples per second of the epoch's fitting alone
 */
public record EpochMetrics(int epoch, Scores train, Scores val, Scores test, double gapAcc, double gapLoss,
                           double epochSeconds, double samplesPerSecond) implements java.io.Serializable {

    /** A classification epoch: gaps from the accuracies and losses given. */
    public EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                        double testLoss, double testAcc, double gapAcc, double epochSeconds, double samplesPerSecond) {
        this(epoch, Scores.classification(trainLoss, trainAcc), Scores.classification(valLoss, valAcc),
                Scores.classification(testLoss, testAcc), gapAcc,
                (Double.isNaN(valAcc) ? testLoss : valLoss) - trainLoss, epochSeconds, samplesPerSecond);
    }

    /** The epoch's metrics, with the gaps computed from the scores (against validation, else test). */
    public static EpochMetrics of(int epoch, Scores train, Scores val, Scores test, double epochSeconds,
                                  double samplesPerSecond) {
        Scores held = Double.isNaN(val.loss()) ? test : val;
        return new EpochMetrics(epoch, train, val, test, train.acc() - held.acc(), held.loss() - train.loss(),
                epochSeconds, samplesPerSecond);
    }

    public double trainLoss() {
        return train.loss();
    }

    public double trainAcc() {
        return train.acc();
    }

    public double valLoss() {
        return val.loss();
    }

    public double valAcc() {
        return val.acc();
    }

    public double testLoss() {
        return test.loss();
    }

    public double testAcc() {
        return test.acc();
    }

    /** Whether every loss is a finite number. */
    public boolean finite() {
        return Double.isFinite(train.loss()) && Double.isFinite(test.loss())
                && (Double.isNaN(val.loss()) && Double.isNaN(val.acc()) || Double.isFinite(val.loss()));
    }
}
