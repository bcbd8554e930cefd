package io.ablate4j.config;

import java.util.function.DoublePredicate;

/**
 * Which numbers a key allows, and the words that say so: {@code range} is the short form the schema listing shows,
 * {@code allowed} the sentence an error ends with. One rule object serves the YAML binder, the records' own checks
 * and any code outside the config package that must agree with them ({@code network.Dropouts}).
 *
 * @param test    whether a (non-NaN) value is allowed
 * @param range   the allowed values in brief, e.g. {@code [0, 1)}
 * @param allowed what an error says, e.g. {@code a drop probability must be in [0, 1) (0 = no dropout)}
 */
public record Rule(DoublePredicate test, String range, String allowed) {
    /** A drop probability: the share of units dropped, never DL4J's retain probability. */
    public static final Rule DROP = new Rule(d -> d >= 0 && d < 1, "[0, 1)",
            "a drop probability must be in [0, 1) (0 = no dropout)");
    public static final Rule NON_NEGATIVE = new Rule(d -> d >= 0 && !Double.isInfinite(d), ">= 0, finite",
            "must be a finite number >= 0 (0 = off)");
    public static final Rule ROTATION = new Rule(d -> d >= 0 && d <= 180, "[0, 180]", "must be in [0, 180] degrees");
    public static final Rule LABEL_NOISE = new Rule(d -> d >= 0 && d < 1, "[0, 1)",
            "a fraction of labels must be in [0, 1)");
    public static final Rule LEARNING_RATE = new Rule(d -> d > 0 && d <= 100, "(0, 100]",
            "a learning rate must be in (0, 100]");
    public static final Rule MOMENTUM = new Rule(d -> d >= 0 && d < 1, "[0, 1)", "momentum must be in [0, 1)");
    public static final Rule ACCURACY = new Rule(d -> d > 0 && d <= 1, "(0, 1]",
            "a validation accuracy must be a fraction in (0, 1], e.g. 0.80");
    /** An error rate: the probability a race may eliminate its truly best variant. */
    public static final Rule ERROR_RATE = new Rule(d -> d > 0 && d <= 0.5, "(0, 0.5]",
            "an error probability must be in (0, 0.5], e.g. 0.05");
    public static final Rule ROPE = new Rule(d -> d >= 0 && !Double.isInfinite(d), ">= 0, finite",
            "the half-width of the region of practical equivalence: a finite number >= 0 in points of the metric "
                    + "(percentage points for accuracies, e.g. 0.5)");

    /** Whether {@code value} is allowed; NaN never is. */
    public boolean allows(double value) {
        return !Double.isNaN(value) && test.test(value);
    }
}
