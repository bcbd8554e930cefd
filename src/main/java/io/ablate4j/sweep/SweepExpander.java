package io.ablate4j.sweep;

import io.ablate4j.random.Prng;
import io.ablate4j.config.BaselineSource;
import io.ablate4j.config.ConfigException;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Expectation;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands an experiment's sweep × seeds into trials. Seeds are replicates, never an axis.
 *
 * <p>A plan is a list, so it has a size limit, {@link #MAX_VARIANTS}: above it {@link #expand} refuses the sweep
 * (a located error with the count and the fix) after counting it as a product of the axes and checking every axis
 * value alone, in time and memory that grow with the axes' values, never with their product. A random sweep draws
 * its points by index from the product without listing it.
 */
public final class SweepExpander {
    /**
     * The most variants a plan expands to. A run of more would hold every variant's config, and its report could not
     * be read; a grid beyond it is sampled ({@code sweep.mode: random} with {@code samples}) or made smaller.
     */
    public static final int MAX_VARIANTS = 10_000;

    /** Up to this many grid points a random sweep draws by shuffling every index (as it always has); beyond, by Floyd. */
    static final int SHUFFLE_LIMIT = 1 << 22;

    private SweepExpander() {
    }

    /**
     * The variants the sweep plans, counted without expanding it: a grid's product of axis sizes, a random sweep's
     * samples (at most that product), one-at-a-time's baseline plus every other value of each axis. Before
     * de-duplication (two points that resolve to the same config are one variant), so an upper bound.
     */
    public static long count(Experiment experiment) {
        Map<String, List<Object>> axes = experiment.sweep().axes();
        long product = product(axes);
        return switch (experiment.sweep().mode()) {
            case GRID -> product;
            case RANDOM -> Math.min(product, experiment.sweep().samples());
            case ONE_AT_A_TIME -> 1 + axes.values().stream().mapToLong(List::size).sum();
        };
    }

    /** The product of the axes' sizes, saturating at Long.MAX_VALUE. */
    static long product(Map<String, List<Object>> axes) {
        long product = 1;
        for (List<Object> values : axes.values()) {
            product = values.isEmpty() ? 0 : product > Long.MAX_VALUE / values.size() ? Long.MAX_VALUE
                    : product * values.size();
        }
        return product;
    }

    public static Plan expand(Experiment experiment) {
        Map<String, List<Object>> axes = experiment.sweep().axes();
        List<String> names = new ArrayList<>(axes.keySet());
        long count = count(experiment);
        if (count > MAX_VARIANTS) {
            checkValuesAlone(experiment);
            throw tooLarge(experiment, count);
        }
        List<Map<String, Object>> points = switch (experiment.sweep().mode()) {
            case GRID -> grid(axes);
            case RANDOM -> random(axes, experiment.sweep().samples(), experiment.sweep().seed());
            case ONE_AT_A_TIME -> oneAtATime(axes, oneAtATimeBase(experiment));
        };
        if (names.isEmpty()) {
            points = List.of(new LinkedHashMap<>());
        }
        List<Variant> variants = new ArrayList<>();
        List<Map<String, Object>> variantPoints = new ArrayList<>();
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
                variants.add(new Variant(id, shown, config, false));
                variantPoints.add(point);
            }
        }
        Baseline baseline = baseline(experiment, variants, variantPoints);
        if (baseline.index() >= 0) {
            Variant v = variants.get(baseline.index());
            variants.set(baseline.index(), new Variant(v.id(), v.axisValues(), v.config(), true));
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
        return new Plan(experiment, variants, trials, reserve, Ids.hash(Ids.canonicalJson(identity)),
                baseline.source());
    }

    /**
     * Every axis value bound alone into the base config: a value that no variant could take is found by the same
     * located error as in a full expansion, at the cost of the axes' values rather than their product.
     */
    private static void checkValuesAlone(Experiment experiment) {
        for (Map.Entry<String, List<Object>> axis : experiment.sweep().axes().entrySet()) {
            for (int i = 0; i < axis.getValue().size(); i++) {
                Object value = axis.getValue().get(i);
                String origin = "sweep.axes." + axis.getKey() + "[" + i + "]";
                try {
                    ConfigLoader.bindVariant(experiment.raw().with(axis.getKey(), value, origin,
                            experiment.raw().lineOf(origin)));
                } catch (ConfigException e) {
                    throw new ConfigException(e.getMessage() + " (in the variant {" + axis.getKey() + "="
                            + RawConfig.render(value) + "}, the other axes as in the base config)", e);
                }
            }
        }
    }

    /** The refusal of a sweep above {@link #MAX_VARIANTS}: the count, the trials, and the fixes. */
    private static ConfigException tooLarge(Experiment experiment, long count) {
        int folds = Math.max(1, experiment.base().dataset().folds());
        long seeds = experiment.allSeeds().size();
        String trials = count > Long.MAX_VALUE / (seeds * folds) ? "more than 9.2e18"
                : String.format(java.util.Locale.ROOT, "%,d", count * seeds * folds);
        StringBuilder sizes = new StringBuilder();
        experiment.sweep().axes().forEach((k, v) -> sizes.append(sizes.length() == 0 ? "" : " × ").append(v.size()));
        String n = count == Long.MAX_VALUE ? "more than 9.2e18" : String.format(java.util.Locale.ROOT, "%,d", count);
        RawConfig raw = experiment.raw();
        return new ConfigException(raw.message("sweep.axes", null, "the " + experiment.sweep().mode().yamlName()
                + " sweep has " + n + " variants (" + sizes + ") × " + seeds + " seeds" + (folds > 1 ? " × " + folds
                + " folds" : "") + " = " + trials + " trials, above the " + String.format(java.util.Locale.ROOT,
                "%,d", MAX_VARIANTS) + " variants a run expands. Sample it instead: sweep: {mode: random, samples: "
                + "N} draws N distinct grid points (N up to " + String.format(java.util.Locale.ROOT, "%,d",
                MAX_VARIANTS) + "; add race: true to race them), or drop values from the axes"));
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

    /** The chosen baseline: its index among the variants (-1 for none) and how it was chosen. */
    private record Baseline(int index, BaselineSource source) {
    }

    /**
     * The one rule that chooses the baseline ({@link BaselineSource} lists its steps): {@code baseline: none}; else
     * the variant whose config equals the base config with the written baseline values applied (every other axis
     * at the base config's value, written or default: the same resolved config, so the same id); else the variant
     * with the written values and the first value of every other axis; else (a random sweep) the first variant
     * with the written values. A written baseline that no variant has is an error.
     */
    private static Baseline baseline(Experiment e, List<Variant> variants, List<Map<String, Object>> points) {
        if (e.noBaseline()) {
            return new Baseline(-1, BaselineSource.NONE);
        }
        Map<String, Object> written = e.baseline();
        BaselineSource matched = written.isEmpty() ? BaselineSource.BASE_CONFIG : BaselineSource.WRITTEN;
        if (e.sweep().mode() == SweepMode.ONE_AT_A_TIME || variants.size() == 1 && e.sweep().axes().isEmpty()) {
            // a one-at-a-time sweep starts from the baseline's point; a config without axes is its one variant
            return new Baseline(0, matched);
        }
        String baseId = baseId(e, written);
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i).id().equals(baseId) || written.size() == e.sweep().axes().size()
                    && samePoint(points.get(i), written, List.copyOf(written.keySet()))) {
                return new Baseline(i, matched);
            }
        }
        Map<String, Object> first = new LinkedHashMap<>();
        e.sweep().axes().forEach((axis, values) -> first.put(axis, written.containsKey(axis) ? written.get(axis)
                : values.get(0)));
        for (int i = 0; i < variants.size(); i++) {
            if (samePoint(points.get(i), first, List.copyOf(first.keySet()))) {
                return new Baseline(i, BaselineSource.FIRST_VALUES);
            }
        }
        for (int i = 0; i < variants.size(); i++) {
            if (samePoint(points.get(i), written, List.copyOf(written.keySet()))) {
                return new Baseline(i, BaselineSource.FIRST_VARIANT);
            }
        }
        throw new ConfigException(e.raw().message("baseline", written, "matches no variant of the "
                + e.sweep().mode().yamlName() + " sweep (" + variants.size() + (variants.size() == 1 ? " variant"
                : " variants") + "); choose axis values "
                + "that occur together, leave baseline: out, or use mode: grid"));
    }

    /**
     * The id the baseline variant has when the sweep holds the base config with the written baseline values
     * applied; null when those values do not bind together.
     */
    private static String baseId(Experiment e, Map<String, Object> written) {
        if (written.isEmpty()) {
            return Ids.hash(Ids.canonicalJson(e.base().toMap()));
        }
        RawConfig raw = e.raw();
        for (Map.Entry<String, Object> w : written.entrySet()) {
            raw = raw.with(w.getKey(), w.getValue(), "baseline." + w.getKey(), e.raw().lineOf("baseline"));
        }
        try {
            return Ids.hash(Ids.canonicalJson(ConfigLoader.bindVariant(raw).toMap()));
        } catch (ConfigException ex) {
            return null;
        }
    }

    /**
     * The point a one-at-a-time sweep varies each axis from: the written baseline values, else the base config's
     * own value for that axis (null where it writes none: the axis then keeps its default).
     */
    private static Map<String, Object> oneAtATimeBase(Experiment e) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (String axis : e.sweep().axes().keySet()) {
            point.put(axis, e.baseline().containsKey(axis) ? e.baseline().get(axis) : e.raw().get(axis));
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

    /**
     * {@code samples} distinct grid points drawn with java.util.Random (same on every JVM), kept in grid order, each
     * decoded from its index in the product, which is never listed. Up to {@link #SHUFFLE_LIMIT} points the indices
     * are those {@code Collections.shuffle} of every index puts first (the draw this project has always made, so
     * that shipped random sweeps keep their variants); beyond, Floyd's algorithm draws them with the same generator.
     */
    static List<Map<String, Object>> random(Map<String, List<Object>> axes, int samples, long seed) {
        long size = product(axes);
        int k = (int) Math.min(samples, size);
        java.util.Random rnd = Prng.lcg(seed);
        long[] chosen;
        if (size <= SHUFFLE_LIMIT) {
            // Collections.shuffle on a RandomAccess list: for i = size … 2, swap(i − 1, nextInt(i))
            int[] order = new int[(int) size];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length; i > 1; i--) {
                int j = rnd.nextInt(i);
                int t = order[i - 1];
                order[i - 1] = order[j];
                order[j] = t;
            }
            chosen = new long[k];
            for (int i = 0; i < k; i++) {
                chosen[i] = order[i];
            }
        } else {
            Set<Long> picked = new HashSet<>();
            for (long j = size - k; j < size; j++) {
                long t = Math.floorMod(rnd.nextLong(), j + 1);
                picked.add(picked.contains(t) ? j : t);
            }
            chosen = picked.stream().mapToLong(Long::longValue).toArray();
        }
        java.util.Arrays.sort(chosen);
        List<Map<String, Object>> points = new ArrayList<>();
        for (long index : chosen) {
            points.add(point(axes, index));
        }
        return points;
    }

    /** The grid point at {@code index} in grid order (the first axis varies slowest). */
    static Map<String, Object> point(Map<String, List<Object>> axes, long index) {
        List<Map.Entry<String, List<Object>>> list = new ArrayList<>(axes.entrySet());
        Object[] values = new Object[list.size()];
        long rest = index;
        for (int a = list.size() - 1; a >= 0; a--) {
            List<Object> v = list.get(a).getValue();
            values[a] = v.get((int) (rest % v.size()));
            rest /= v.size();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (int a = 0; a < list.size(); a++) {
            p.put(list.get(a).getKey(), values[a]);
        }
        return p;
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
