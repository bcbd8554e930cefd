package io.ablate4j.config;

import io.ablate4j.config.Enums.Correction;

/**
 * The {@code statistics:} section: how the report decides. It never changes what is trained, so it is not part
 * of the config hash; changing it and rerunning with {@code --out} (or {@code ablate4j report}) re-decides
 * without retraining.
 *
 * @param rope       half-width of the region of practical equivalence of the variant-vs-baseline comparisons,
 *                   in points of the run's score (percentage points of accuracy, the target's units of RMSE);
 *                   NaN when none is given
 * @param correction how the p-values of a family (the claims; the baseline comparisons) are adjusted
 */
public record StatisticsConfig(double rope, Correction correction) {
    /** No ROPE, Holm. */
    public static final StatisticsConfig DEFAULT = new StatisticsConfig(Double.NaN,
            Schema.Statistics.CORRECTION.defaultValue());

    /** @throws ConfigException naming the key, the value and what is allowed */
    public StatisticsConfig {
        if (!Double.isNaN(rope)) {
            Schema.Statistics.ROPE.check(rope);
        }
        Schema.Statistics.CORRECTION.check(correction);
    }
}
