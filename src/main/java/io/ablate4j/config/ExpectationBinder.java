package io.ablate4j.config;

import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Schema.Expect;
import io.ablate4j.config.Schema.Top;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code expect:}: each claim's metric (one the experiment's task has), its sides as selectors of sweep axis
 * values, and its threshold and ROPE ({@link Expectation} checks those itself).
 */
final class ExpectationBinder {
    private ExpectationBinder() {
    }

    static List<Expectation> bind(Section root, SweepConfig sweep, Task task) {
        if (!root.has(Top.EXPECT)) {
            return List.of();
        }
        List<Expectation> out = new ArrayList<>();
        for (Section e : root.sections(Top.EXPECT)) {
            String claim = e.get(Expect.CLAIM);
            if (!e.has(Expect.METRIC)) {
                e.check(() -> Expect.METRIC.check(null));
            }
            ExpectMetric metric = e.get(Expect.METRIC);
            if (metric.task() != null && metric.task() != task) {
                throw e.error(Expect.METRIC, metric.yamlName(), "a " + metric.task().yamlName() + " metric; this "
                        + "experiment is a " + task.yamlName() + " (" + (task == Task.REGRESSION
                        ? "test_rmse, val_rmse, train_rmse, test_mae, val_mae, test_r2, val_r2, gap_loss, test_loss"
                        : "test_acc, val_acc, train_acc, gap_acc, gap_final_acc, epochs_to_val_acc, gap_loss, "
                        + "test_loss") + ")");
            }
            boolean higher = e.has(Expect.HIGHER);
            if (higher == e.has(Expect.LOWER)) {
                throw e.error(higher ? Expect.LOWER : Expect.HIGHER, null, "an expectation needs exactly one of "
                        + "higher: or lower: (the variants expected to score higher or lower) and than: (the variants "
                        + "they are compared with)");
            }
            if (!e.has(Expect.THAN)) {
                throw e.error(Expect.THAN, null, "required: the variants the " + (higher ? "higher" : "lower")
                        + ": side is compared with, e.g. {model.dropout: 0.0}");
            }
            double threshold = e.get(Expect.THRESHOLD);
            double rope = e.get(Expect.ROPE);
            Map<String, Object> subject = selector(e, higher ? Expect.HIGHER : Expect.LOWER, sweep);
            Map<String, Object> than = selector(e, Expect.THAN, sweep);
            out.add(e.build(() -> new Expectation(claim, metric, higher ? Expectation.Direction.HIGHER
                    : Expectation.Direction.LOWER, subject, than, threshold, rope)));
        }
        return out;
    }

    /** A selector: some sweep axes, each with one of its values (the axis's own value object is kept). */
    private static Map<String, Object> selector(Section e, Key<Object> key, SweepConfig sweep) {
        Object v = e.value(key);
        if (!(v instanceof Map<?, ?> map) || map.isEmpty()) {
            throw e.error(key, v, "must map sweep axes to one of their values, e.g. {model.dropout: 0.5}"
                    + (sweep.axes().isEmpty() ? "; this experiment has no sweep axes to select from"
                    : " (axes: " + String.join(", ", sweep.axes().keySet()) + ")"));
        }
        Map<String, Object> selector = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String axis = String.valueOf(entry.getKey());
            List<Object> values = sweep.axes().get(axis);
            if (values == null) {
                String hint = DidYouMean.closest(axis, sweep.axes().keySet());
                throw e.error(key.name() + "." + axis, entry.getValue(), "not a sweep axis"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "") + " Axes: "
                        + (sweep.axes().isEmpty() ? "none" : String.join(", ", sweep.axes().keySet())));
            }
            Object chosen = values.stream().filter(x -> ConfigLoader.sameValue(x, entry.getValue())).findFirst()
                    .orElse(null);
            if (chosen == null) {
                throw e.error(key.name() + "." + axis, entry.getValue(), "not one of the axis values "
                        + RawConfig.render(values));
            }
            selector.put(axis, chosen);
        }
        return selector;
    }
}
