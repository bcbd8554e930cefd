package io.ablate4j.report.read;

import io.ablate4j.config.Enums.ExpectMetric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One expectation as the manifest states it.
 *
 * @param metric    what is compared: a metric column of {@code trials.csv} (the metric's name), or one computed
 *                  from the epochs ({@code gap_final_acc}, {@code epochs_to_val_acc})
 * @param threshold the validation accuracy epochs_to_val_acc waits for; NaN otherwise
 * @param direction higher | lower: how {@code subject} is expected to compare with {@code than}
 * @param subject   axis → cell text of the side the claim is about
 * @param than      axis → cell text of the side it is compared with
 * @param rope      the ROPE's half-width as the config states it, in points of the metric (percentage points
 *                  for accuracies); NaN for none
 */
public record Claim(String claim, ExpectMetric metric, double threshold, String direction, Map<String, String> subject,
                    Map<String, String> than, double rope) {
    public Claim {
        subject = Collections.unmodifiableMap(new LinkedHashMap<>(subject));
        than = Collections.unmodifiableMap(new LinkedHashMap<>(than));
    }

    /** A claim without a ROPE. */
    public Claim(String claim, ExpectMetric metric, double threshold, String direction, Map<String, String> subject,
                 Map<String, String> than) {
        this(claim, metric, threshold, direction, subject, than, Double.NaN);
    }

    /** The ROPE in the metric's own units (fractions for accuracies); NaN for none. */
    public double ropeInUnits() {
        return isFraction() ? rope / 100 : rope;
    }

    public boolean higher() {
        return !"lower".equals(direction);
    }

    /** Accuracies and their gaps are fractions; epochs_to_val_acc counts epochs; the rest are plain numbers. */
    public boolean isFraction() {
        return switch (metric) {
            case TEST_ACC, VAL_ACC, TRAIN_ACC, GAP_ACC, GAP_FINAL_ACC -> true;
            default -> false;
        };
    }

    /** The values the claim's metric can take. */
    public Range range() {
        return switch (metric) {
            case TEST_ACC, VAL_ACC, TRAIN_ACC -> Range.FRACTION;
            case GAP_ACC, GAP_FINAL_ACC -> Range.FRACTION_DIFFERENCE;
            case EPOCHS_TO_VAL_ACC -> new Range(1, Double.POSITIVE_INFINITY);
            case TEST_RMSE, VAL_RMSE, TRAIN_RMSE, TEST_MAE, VAL_MAE, TEST_LOSS -> Range.NON_NEGATIVE;
            case TEST_R2, VAL_R2 -> Range.AT_MOST_ONE;
            case GAP_LOSS -> Range.ANY;
        };
    }

    public boolean isEpochs() {
        return metric == ExpectMetric.EPOCHS_TO_VAL_ACC;
    }
}
