package io.ablate4j.report.read;

import java.util.Map;

/**
 * The headline metric of a run, which the summary, selection, factor effects, charts and verdicts speak in:
 * accuracy for a classification (higher is better, shown in percent), RMSE in the target's units for a regression
 * (lower is better). With it comes the run's overfitting gap: train − validation accuracy, or validation − train
 * loss for a regression; in both a positive gap is overfitting.
 *
 * @param key            the column suffix: {@code acc} or {@code rmse}
 * @param name           for people: "accuracy", "RMSE"
 * @param higherIsBetter which way is better
 * @param fraction       whether values are fractions, shown as percent (differences in percentage points)
 * @param gapColumn      the gap's column: {@code gap_acc} or {@code gap_loss}
 * @param gapName        the gap for people
 */
public record Score(String key, String name, boolean higherIsBetter, boolean fraction, String gapColumn,
                    String gapName) {
    public static final Score ACCURACY = new Score("acc", "accuracy", true, true, "gap_acc",
            "train − validation accuracy");
    public static final Score RMSE = new Score("rmse", "RMSE", false, false, "gap_loss", "validation − train loss");

    /** The score of a run from its resolved config: RMSE when {@code dataset.task} is regression. */
    public static Score of(Map<String, Object> config) {
        Object dataset = config.get("dataset");
        return dataset instanceof Map<?, ?> d && "regression".equals(d.get("task")) ? RMSE : ACCURACY;
    }

    public boolean regression() {
        return this == RMSE;
    }

    /** The values the score can take: accuracy [0, 1], RMSE [0, ∞). */
    public Range range() {
        return fraction ? Range.FRACTION : Range.NON_NEGATIVE;
    }

    /** The column of a split's score: {@code test_acc}, {@code val_rmse}. */
    public String column(String split) {
        return split + "_" + key;
    }

    /** "test accuracy", "validation RMSE". */
    public String label(String split) {
        return switch (split) {
            case "val" -> "validation";
            default -> split;
        } + " " + name;
    }

    /** The unit in a heading: "(%)" for accuracy, "" for RMSE (the target's own units). */
    public String unit() {
        return fraction ? " (%)" : "";
    }

    /**
     * The run's overfitting gap where a file has none (older or hand-made files), by the runner's rule: train −
     * validation accuracy (train − test without a validation split), or for a regression validation (test) − train
     * loss.
     */
    public double gap(double train, double val, double test, double trainLoss, double valLoss, double testLoss) {
        return regression() ? (Double.isFinite(valLoss) ? valLoss : testLoss) - trainLoss
                : train - (Double.isFinite(val) ? val : test);
    }

    /** Whether {@code a} is better than {@code b}. */
    public boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }

    /** "higher", "lower": which way is better. */
    String betterWay() {
        return higherIsBetter ? "higher" : "lower";
    }
}
