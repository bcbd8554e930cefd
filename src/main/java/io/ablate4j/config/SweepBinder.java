package io.ablate4j.config;

import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Schema.Sweep;
import io.ablate4j.config.Schema.Top;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code sweep:} and {@code baseline:}. Each axis value is bound alone on the base config, so that an error
 * names the axis entry ({@code sweep.axes.model.dropout[2]}) rather than a variant.
 */
final class SweepBinder {
    private SweepBinder() {
    }

    static SweepConfig sweep(Section root, DatasetConfig baseData) {
        if (!root.has(Top.SWEEP)) {
            return SweepConfig.NONE;
        }
        RawConfig raw = root.raw();
        Section s = root.section(Top.SWEEP);
        SweepMode mode = s.get(Sweep.MODE);
        Object axesValue = s.value(Sweep.AXES);
        if (!(axesValue instanceof Map<?, ?> axesMap) || axesMap.isEmpty()) {
            throw s.error(Sweep.AXES, axesValue, "needs at least one axis: key path → list of values, e.g. "
                    + "{model.dropout: [0.0, 0.5]}");
        }
        List<String> sweepable = Schema.sweepablePaths();
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : axesMap.entrySet()) {
            String axis = String.valueOf(e.getKey());
            String at = Sweep.AXES.path() + "." + axis;
            if (!sweepable.contains(axis)) {
                String hint = DidYouMean.closestPath(axis, sweepable);
                String why = axis.equals("seeds") || axis.startsWith("seeds")
                        ? "seeds are replicates, not a sweep axis; list them under seeds"
                        : "not a key path of the schema" + (hint != null ? "; did you mean '" + hint + "'? Sweepable: "
                        : "; sweepable: ") + "dataset.*, model.*, regularization.*, training.* (e.g. model.dropout)";
                throw new ConfigException(raw.message(at, null, why));
            }
            if (axis.equals(Schema.Dataset.TASK.path()) || axis.equals(Schema.Dataset.FOLDS.path())) {
                throw new ConfigException(raw.message(at, null, "not sweepable: every variant of an experiment "
                        + "shares its task and its cross-validation folds (they fix what is measured and how); "
                        + "run one experiment per task or fold count"));
            }
            if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw new ConfigException(raw.message(at, e.getValue(), "must be a non-empty list of values, e.g. ["
                        + RawConfig.render(e.getValue()) + "]"));
            }
            for (int i = 0; i < values.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (ConfigLoader.sameValue(values.get(i), values.get(j))) {
                        throw new ConfigException(raw.message(at + "[" + i + "]", values.get(i),
                                "duplicate value (same as [" + j + "]); each axis value must be distinct"));
                    }
                }
                // Check each value alone on the base config, so that its error names this entry.
                DatasetConfig data = VariantBinder.bind(raw.with(axis, values.get(i), at + "[" + i + "]",
                        raw.lineOf(at + "[" + i + "]"))).dataset();
                if (data.task() != baseData.task() || data.folds() != baseData.folds()) {
                    throw new ConfigException(raw.message(at + "[" + i + "]", values.get(i), "gives a "
                            + data.task().yamlName() + (data.folds() > 0 ? " with " + data.folds() + " folds" : "")
                            + " where the base config is a " + baseData.task().yamlName()
                            + (baseData.folds() > 0 ? " with " + baseData.folds() + " folds" : "")
                            + "; every variant of an experiment shares its task and folds"));
                }
            }
            axes.put(axis, new ArrayList<>(values));
        }
        int samples = s.get(Sweep.SAMPLES, 0);
        long seed = s.get(Sweep.SEED);
        return s.build(() -> new SweepConfig(mode, samples, seed, axes));
    }

    /** The word that turns the baseline off: {@code baseline: none}. */
    static final String NONE = "none";

    /** Whether the file writes {@code baseline: none}. */
    static boolean noBaseline(Section root) {
        return root.has(Top.BASELINE) && NONE.equals(root.value(Top.BASELINE));
    }

    static Map<String, Object> baseline(Section root, SweepConfig sweep) {
        if (!root.has(Top.BASELINE)) {
            return Map.of();
        }
        Object v = root.value(Top.BASELINE);
        if (!(v instanceof Map<?, ?> map)) {
            throw root.error(Top.BASELINE, v, "must map sweep axes to their baseline values, e.g. "
                    + "{model.dropout: 0.0}, or be none (no comparisons with a baseline)");
        }
        Map<String, Object> baseline = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String axis = String.valueOf(e.getKey());
            String at = Top.BASELINE.name() + "." + axis;
            List<Object> values = sweep.axes().get(axis);
            if (values == null) {
                String hint = DidYouMean.closest(axis, sweep.axes().keySet());
                throw root.error(at, null, "not a sweep axis" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                        + " Axes: " + String.join(", ", sweep.axes().keySet()));
            }
            Object chosen = values.stream().filter(x -> ConfigLoader.sameValue(x, e.getValue())).findFirst()
                    .orElse(null);
            if (chosen == null && sweep.mode() != SweepMode.ONE_AT_A_TIME) {
                throw root.error(at, e.getValue(), "not one of the axis values " + RawConfig.render(values));
            }
            baseline.put(axis, chosen != null ? chosen : e.getValue());
        }
        return baseline;
    }
}
