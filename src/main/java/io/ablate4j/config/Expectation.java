package io.ablate4j.config;

import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.config.Schema.Expect;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One item of {@code expect:}: a published claim stated as "the variants selected by {@code subject} score
 * higher (or lower) on {@code metric} than those selected by {@code than}". A selector maps some of the sweep
 * axes to one of their values; a selector that leaves an axis out pools the variants along it.
 *
 * @param claim     the claim in words, shown in the report
 * @param metric    what is compared
 * @param direction whether {@code subject} is expected to be higher or lower than {@code than}
 * @param subject   axis → value (the axis's own value object) of the side the claim is about
 * @param than      axis → value of the side it is compared with
 * @param threshold the validation accuracy {@code epochs_to_val_acc} waits for; NaN for other metrics
 * @param rope      half-width of the region of practical equivalence in points of the metric (percentage points
 *                  for accuracies and their gaps, epochs for epochs_to_val_acc, the metric's units otherwise);
 *                  NaN when none is given
 */
public record Expectation(String claim, ExpectMetric metric, Direction direction, Map<String, Object> subject,
                          Map<String, Object> than, double threshold, double rope) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public Expectation {
        subject = Collections.unmodifiableMap(new LinkedHashMap<>(subject));
        than = Collections.unmodifiableMap(new LinkedHashMap<>(than));
        if (claim == null || claim.isBlank()) {
            throw new ConfigException(Expect.CLAIM.path(), claim, "required: the claim in words, e.g. \"dropout helps "
                    + "most at 500 training images\"");
        }
        Expect.METRIC.check(metric);
        java.util.Objects.requireNonNull(direction, "direction");
        if (metric == ExpectMetric.EPOCHS_TO_VAL_ACC) {
            if (Double.isNaN(threshold)) {
                throw new ConfigException(Expect.THRESHOLD.path(), null, "epochs_to_val_acc needs threshold: the "
                        + "validation accuracy to reach, a fraction in (0, 1], e.g. 0.80");
            }
            Expect.THRESHOLD.check(threshold);
        } else if (!Double.isNaN(threshold)) {
            throw new ConfigException(Expect.THRESHOLD.path(), threshold, "only used with metric: epochs_to_val_acc");
        }
        if (!Double.isNaN(rope)) {
            Expect.ROPE.check(rope);
        }
        if (ConfigLoader.sameValue(subject, than)) {
            throw new ConfigException(Expect.THAN.path(), than, "selects the same variants as "
                    + direction.yamlName() + ":; a claim compares two different settings");
        }
    }

    /** An expectation without a ROPE. */
    public Expectation(String claim, ExpectMetric metric, Direction direction, Map<String, Object> subject,
                       Map<String, Object> than, double threshold) {
        this(claim, metric, direction, subject, than, threshold, Double.NaN);
    }

    /** Which way the claim points. */
    public enum Direction implements Enums.Named {
        HIGHER, LOWER;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The subject selector as the CSV axis cells write its values ({@link RawConfig#render}). */
    public Map<String, String> subjectCells() {
        return cells(subject);
    }

    /** The {@code than} selector as CSV axis cells. */
    public Map<String, String> thanCells() {
        return cells(than);
    }

    private static Map<String, String> cells(Map<String, Object> selector) {
        Map<String, String> out = new LinkedHashMap<>();
        selector.forEach((axis, value) -> out.put(axis, RawConfig.render(value)));
        return out;
    }
}
