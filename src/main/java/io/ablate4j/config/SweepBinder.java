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
        RaceConfig race = race(s, baseData, root);
        return s.build(() -> new SweepConfig(mode, samples, seed, axes, race));
    }

    /**
     * {@code sweep.race}: {@code true} for the defaults, {@code false} or absent for none, or a mapping. Checks what
     * the config alone can say: a validation score to race on, enough seeds, no adaptive seeds, rungs below the base
     * config's epochs (the expander checks each variant's epochs and that there are two variants).
     */
    private static RaceConfig race(Section s, DatasetConfig baseData, Section root) {
        Object v = s.value(Sweep.RACE);
        if (v == null || Boolean.FALSE.equals(v)) {
            return null;
        }
        if (!(v instanceof Boolean) && !(v instanceof Map)) {
            throw s.error(Sweep.RACE, v, "must be true (the defaults), false, or a mapping with keys "
                    + String.join(", ", Schema.keys(Schema.Race.KEYS.path())));
        }
        Section r = v instanceof Map ? s.section(Sweep.RACE) : s.defaults(Sweep.RACE);
        int epochs = VariantBinder.bind(root.raw()).training().epochs();
        Enums.RaceRule rule = r.get(Schema.Race.RULE);
        double alpha = r.get(Schema.Race.ALPHA);
        int eta = r.get(Schema.Race.ETA);
        List<Integer> rungs = r.get(Schema.Race.RUNGS, RaceConfig.defaultRungs(epochs, eta));
        if (root.value(Top.SEEDS) instanceof Map) {
            throw s.error(Sweep.RACE, v, "a race and adaptive seeds (seeds: {initial, max, step}) cannot be combined: "
                    + "the race decides on a fixed set of paired seeds at every rung, adaptive seeds add seeds to "
                    + "undecided comparisons of finished trials; give seeds as a list, e.g. seeds: [1, 2, 3, 4, 5]");
        }
        Object seeds = root.value(Top.SEEDS);
        int seedCount = seeds instanceof List<?> l ? l.size() : Schema.Seeds.DEFAULT.size();
        if (seedCount < 2) {
            throw s.error(Sweep.RACE, v, "a race compares variants over paired seeds and needs at least 2 (seeds has "
                    + seedCount + "); e.g. seeds: [1, 2, 3]");
        }
        if (baseData.validationSize() == 0 && baseData.folds() == 0) {
            throw s.error(Sweep.RACE, v, "a race compares validation scores, and dataset.validationSize is 0; set "
                    + "dataset.validationSize (e.g. 1000) or dataset.folds");
        }
        if (rungs.isEmpty()) {
            throw s.error(Sweep.RACE, v, "training.epochs = " + epochs + " leaves no rung below it (eta " + eta
                    + "); train for more epochs or give sweep.race.rungs");
        }
        for (int i = 0; i < rungs.size(); i++) {
            if (rungs.get(i) >= epochs) {
                String at = r.has(Schema.Race.RUNGS) ? Sweep.RACE.name() + "." + Schema.Race.RUNGS.name() + "[" + i + "]"
                        : Sweep.RACE.name();
                throw s.error(at, r.has(Schema.Race.RUNGS) ? rungs.get(i) : v, "a rung must be below "
                        + "training.epochs = " + epochs + " (the race's last leg trains to training.epochs)");
            }
        }
        return r.build(() -> new RaceConfig(rule, alpha, eta, rungs));
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
