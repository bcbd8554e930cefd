package io.ablate4j.training;

import java.io.Serializable;

/**
 * Inference-mode metrics of one split at one epoch. A classification has loss and accuracy (the rest NaN), a
 * regression loss, RMSE, MAE and R² (accuracy NaN); a split that does not exist (no validation) is all NaN.
 *
 * @param loss the training loss function's mean per example, without the regularization term; for a regression in
 *             the units it trains on (standardized when {@code dataset.standardizeTarget} is on)
 * @param acc  fraction of examples whose most probable class is the label
 * @param rmse root mean squared error, in the target's original units
 * @param mae  mean absolute error, in the target's original units
 * @param r2   coefficient of determination, 1 − SS_res / SS_tot about this split's own mean target (as scikit-learn's
 *             {@code r2_score}); 0 is as good as predicting that mean, negative is worse
 */
public record Scores(double loss, double acc, double rmse, double mae, double r2) implements Serializable {
    /** A split that is not there. */
    public static final Scores NONE = new Scores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** A classification split's scores. */
    public static Scores classification(double loss, double acc) {
        return new Scores(loss, acc, Double.NaN, Double.NaN, Double.NaN);
    }
}
