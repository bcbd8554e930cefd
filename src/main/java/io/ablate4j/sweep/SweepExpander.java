package io.ablate4j.sweep;

import io.ablate4j.random.Prng;
import io.ablate4j.config.ConfigException;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Expectation;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands an experiment's sweep × seeds into trials. Seeds are replicates, never an axis. */
public final class SweepExpander {
    private SweepExpander() {
    }

    public static Plan expand(Experiment experiment) {
        Map<String, List<Object>> axes = experiment.sweep().axes();
        List<String> names = new ArrayList<>(axes.keySet());
        Map<String, Object> baselinePoint = baselinePoint(experiment);
        List<Map<String, Object>> points = switch (experiment.sweep().mode()) {
            case GRID -> grid(axes);
            case RANDOM -> random(axes, experiment.sweep().samples(), experiment.sweep().seed());
            case ONE_AT_A_TIME -> oneAtATime(axes, baselinePoint);
        };
        if (names.isEmpty()) {
            points = List.of(new LinkedHashMap<>());
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> point : points) {
            RawConfig raw = experiment.raw();
            Map<String, String> shown = new LinkedHashMap<>();
            for (String axis : names) {
                Object value = point.get(axis);
                int index = indexOf(axes.get(axis), value);
                String origin = "sweep.axes." + axis + (index >= 0 ? "[" + index + "]" : "");
                raw = raw.with(axis, value, origin, experiment.raw().lineOf(origin));
                shown.put(axis, RawConfig.render(value));
            }
            VariantConfig config;
            try {
                config = ConfigLoader.bindVariant(raw);
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage() + " (in the variant " + shown + ")", e);
            }
            String id = Ids.hash(Ids.canonicalJson(config.toMap()));
            if (seen.add(id)) {
                boolean isBaseline = baselinePoint != null && samePoint(point, baselinePoint, names);
                variants.add(new Variant(id, shown, config, isBaseline));
            }
        }
        checkExpectations(experiment, variants);
        checkRace(experiment, variants);
        List<Trial> trials = new ArrayList<>();
        List<Trial> reserve = new ArrayList<>();
        for (Variant v : variants) {
            int folds = v.config().dataset().folds();
            for (long seed : experiment.allSeeds()) {
                List<Trial> into = experiment.seeds().contains(seed) ? trials : reserve;
                String seeded = Ids.canonicalJson(v.config().toMap()) + "\nseed=" + seed;
                if (folds == 0) {
                    into.add(new Trial(Ids.hash(seeded), v, seed));
                }
                for (int fold = 0; fold < folds; fold++) {
                    into.add(new Trial(Ids.hash(seeded + "\nfold=" + fold), v, seed, fold));
                }
            }
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("experiment", experiment.name());
        identity.put("axes", names);
        identity.put("baseline", variants.stream().filter(Variant::baseline).map(Variant::id).toList());
        identity.put("variants", variants.stream().map(v -> List.of(v.id(), v.axisValues())).toList());
        identity.put("trials", trials.stream().map(Trial::id).toList());
        if (experiment.adaptive() != null) {
            identity.put("adaptiveSeeds", Map.of("max", experiment.adaptive().max(), "step",
                    experiment.adaptive().step()));
            identity.put("reserve", reserve.stream().map(Trial::id).toList());
        }
        if (experiment.sweep().race() != null) {
            identity.put("race", experiment.sweep().race().toMap());
        }
        return new Plan(experiment, variants, trials, reserve, Ids.hash(Ids.canonicalJson(identity)));
    }

    /**
     * A race needs two variants to compare and, in every variant, rungs below its epochs and a validation score
     * (an axis can change either).
     */
    private static void checkRace(Experiment experiment, List<Variant> variants) {
        io.ablate4j.config.RaceConfig race = experiment.sweep().race();
        if (race == null) {
            return;
        }
        RawConfig raw = experiment.raw();
        if (variants.size() < 2) {
            throw new ConfigException(raw.message("sweep.race", raw.get("sweep.race"), "a race needs at least 2 "
                    + "variants to compare; the sweep has " + variants.size() + " (add sweep axes, or leave the "
                    + "race out)"));
        }
        int last = race.rungs().get(race.rungs().size() - 1);
        for (Variant v : variants) {
            int epochs = v.config().training().epochs();
            if (epochs <= last) {
                throw new ConfigException(raw.message("sweep.race", raw.get("sweep.race"), "the variant "
                        + v.axisValues() + " trains " + epochs + " epochs, not more than the last rung (" + last
                        + "); every rung must be below every variant's training.epochs"));
            }
            if (v.config().dataset().validationSize() == 0 && v.config().dataset().folds() == 0) {
                throw new ConfigException(raw.message("sweep.race", raw.get("sweep.race"), "the variant "
                        + v.axisValues() + " has no validation split (dataset.validationSize 0), and a race "
                        + "compares validation scores"));
            }
        }
    }

    /**
     * Every expectation's selectors must match at least one variant. The loader already checked that they name
     * axes and axis values; a random or one-at-a-time sweep can still leave out the combination they ask for.
     */
    private static void checkExpectations(Experiment experiment, List<Variant> variants) {
        List<Expectation> expectations = experiment.expectations();
        for (int i = 0; i < expectations.size(); i++) {
            Expectation e = expectations.get(i);
            String side = e.direction().yamlName();
            Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
            selectors.put(side, e.subjectCells());
            selectors.put("than", e.thanCells());
            for (Map.Entry<String, Map<String, String>> selector : selectors.entrySet()) {
                boolean matched = variants.stream().anyMatch(v -> selector.getValue().entrySet().stream()
                        .allMatch(a -> a.getValue().equals(v.axisValues().get(a.getKey()))));
                if (!matched) {
                    String at = "expect[" + i + "]." + selector.getKey();
                    throw new ConfigException(experiment.raw().message(at, selector.getValue(), "matches no "
                            + "variant of the " + experiment.sweep().mode().yamlName() + " sweep ("
                            + variants.size() + " variants); choose axis values that occur together, or use "
                            + "mode: grid"));
                }
            }
        }
    }

    /**
     * The baseline as a full point on the axes: explicit baseline values, else the base config's own value for
     * that axis. Null when some axis has neither (then there is no baseline variant).
     */
    private static Map<String, Object> baselinePoint(Experiment e) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> axis : e.sweep().axes().entrySet()) {
            Object value = e.baseline().get(axis.getKey());
            if (value == null && !e.baseline().containsKey(axis.getKey())) {
                if (!e.raw().has(axis.getKey()) && e.sweep().mode() != SweepMode.ONE_AT_A_TIME) {
                    return null;
                }
                value = e.raw().get(axis.getKey());
            }
            point.put(axis.getKey(), value);
        }
        if (e.sweep().mode() == SweepMode.ONE_AT_A_TIME) {
            return point;
        }
        // On a grid the baseline must be one of the grid's points.
        for (Map.Entry<String, Object> p : point.entrySet()) {
            if (indexOf(e.sweep().axes().get(p.getKey()), p.getValue()) < 0) {
                return null;
            }
        }
        return point;
    }

    private static List<Map<String, Object>> grid(Map<String, List<Object>> axes) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), value);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** {@code samples} distinct grid points drawn with java.util.Random (same on every JVM), kept in grid order. */
    private static List<Map<String, Object>> random(Map<String, List<Object>> axes, int samples, long seed) {
        List<Map<String, Object>> all = grid(axes);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, Prng.lcg(seed));
        List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(samples, all.size())));
        Collections.sort(chosen);
        return chosen.stream().map(all::get).toList();
    }

    /** The baseline, then each axis varied alone over its values (the baseline's own value skipped). */
    private static List<Map<String, Object>> oneAtATime(Map<String, List<Object>> axes, Map<String, Object> baseline) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>(baseline));
        for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
            for (Object value : axis.getValue()) {
                if (!ConfigLoader.sameValue(value, baseline.get(axis.getKey()))) {
                    Map<String, Object> p = new LinkedHashMap<>(baseline);
                    p.put(axis.getKey(), value);
                    points.add(p);
                }
            }
        }
        return points;
    }

    private static boolean samePoint(Map<String, Object> a, Map<String, Object> b, List<String> axes) {
        return axes.stream().allMatch(k -> ConfigLoader.sameValue(a.get(k), b.get(k)));
    }

    private static int indexOf(List<Object> values, Object value) {
        for (int i = 0; i < values.size(); i++) {
            if (ConfigLoader.sameValue(values.get(i), value)) {
                return i;
            }
        }
        return -1;
    }
}
