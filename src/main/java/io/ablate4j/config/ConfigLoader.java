package io.ablate4j.config;

import io.ablate4j.config.Schema.Seeds;
import io.ablate4j.config.Schema.Statistics;
import io.ablate4j.config.Schema.Top;
import io.ablate4j.keras.KerasFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns YAML into validated {@link Experiment}s: the one way in for configuration. Everything is checked
 * here, before anything runs. The binding of each part has a class of its own ({@link DatasetBinder},
 * {@link ModelBinder}, {@link VariantBinder}, {@link SweepBinder}, {@link ExpectationBinder}); this class binds the
 * top level and the seeds.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static Experiment load(Path file) {
        return bind(YamlLoader.load(file));
    }

    public static Experiment parse(String source, String yaml) {
        return bind(YamlLoader.parse(source, yaml));
    }

    /**
     * Parses a config whose Keras files were read elsewhere: {@code kerasTexts} as {@link #kerasTexts} gave them
     * where it was loaded (a Spark driver sends them with each task, so that executors need no copy of the files).
     */
    public static Experiment parse(String source, String yaml, Map<String, String> kerasTexts) {
        return bind(YamlLoader.parse(source, yaml).readingKerasFrom(KerasFiles.shipped(kerasTexts)));
    }

    /**
     * The text of every Keras file the experiment's load read (the base model's and any a sweep names), by path:
     * what {@link #parse(String, String, Map)} needs to load it again elsewhere. Empty without Keras models.
     */
    public static Map<String, String> kerasTexts(Experiment experiment) {
        return experiment.raw().kerasFiles().texts();
    }

    /**
     * Binds an already parsed tree, e.g. a loaded file with overrides applied by {@link RawConfig#with}
     * (tests rerun a shipped preset at reduced size this way).
     */
    public static Experiment bind(RawConfig raw) {
        Section root = Section.root(raw);
        String fallbackName = Path.of(raw.source()).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = root.get(Top.NAME, fallbackName);
        String description = root.get(Top.DESCRIPTION);
        for (Key<Object> required : List.of(Top.DATASET, Top.MODEL, Top.TRAINING)) {
            if (!root.has(required)) {
                throw new ConfigException(raw.source() + ":1: " + required.name() + ": missing section; an experiment "
                        + "needs dataset, model and training (see README, 'Config reference')");
            }
        }
        VariantConfig base = VariantBinder.bind(raw);
        AdaptiveSeeds adaptive = root.value(Top.SEEDS) instanceof Map ? adaptiveSeeds(root.section(Top.SEEDS)) : null;
        List<Long> seeds = adaptive != null ? adaptive.initial() : seeds(root);
        SweepConfig sweep = SweepBinder.sweep(root, base.dataset());
        boolean noBaseline = SweepBinder.noBaseline(root);
        Map<String, Object> baseline = noBaseline ? Map.of() : SweepBinder.baseline(root, sweep);
        List<Expectation> expectations = ExpectationBinder.bind(root, sweep, base.dataset().task());
        StatisticsConfig statistics = statistics(root);
        return root.build(() -> new Experiment(name, description, base, seeds, sweep, baseline, raw, expectations,
                statistics, adaptive, noBaseline));
    }

    /**
     * Binds the variant part (dataset, model, regularization, training) of a raw tree, e.g. an experiment's with
     * sweep values applied ({@link RawConfig#with}); its Keras files are the ones its load has already read.
     */
    public static VariantConfig bindVariant(RawConfig raw) {
        return VariantBinder.bind(raw);
    }

    /** {@code seeds: {initial: N or [list], max: M, step: S}}. */
    private static AdaptiveSeeds adaptiveSeeds(Section s) {
        if (!s.has(Seeds.INITIAL) || !s.has(Seeds.MAX)) {
            throw s.error(s.has(Seeds.INITIAL) ? Seeds.MAX : Seeds.INITIAL, null, "adaptive seeds need initial (a count "
                    + "or a list of seeds, at least 2) and max (the most seeds per variant), e.g. seeds: {initial: 3, "
                    + "max: 12}; or give a plain list of seeds, e.g. seeds: [1, 2, 3]");
        }
        List<Long> initial;
        if (s.value(Seeds.INITIAL) instanceof List) {
            initial = seedList(s, Seeds.INITIAL.name());
        } else {
            int count = s.integer(Seeds.INITIAL.name(), 0, Seeds.MIN_INITIAL, AdaptiveSeeds.MAX_SEEDS - 1);
            initial = new ArrayList<>();
            for (long seed = 1; seed <= count; seed++) {
                initial.add(seed);
            }
        }
        int max = s.get(Seeds.MAX);
        int step = s.get(Seeds.STEP);
        return s.build(() -> new AdaptiveSeeds(initial, max, step));
    }

    private static List<Long> seeds(Section root) {
        return root.has(Top.SEEDS) ? seedList(root, Top.SEEDS.name()) : Seeds.DEFAULT;
    }

    /** A list of whole-number seeds under {@code key} (their count and distinctness are the records' to check). */
    private static List<Long> seedList(Section s, String key) {
        List<?> list = s.list(key);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            seeds.add(s.checkInteger(s.child(key) + "[" + i + "]", list.get(i), Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return seeds;
    }

    /** The {@code statistics:} section; its defaults when absent. */
    private static StatisticsConfig statistics(Section root) {
        if (!root.has(Top.STATISTICS)) {
            return StatisticsConfig.DEFAULT;
        }
        Section s = root.section(Top.STATISTICS);
        return s.build(() -> new StatisticsConfig(s.get(Statistics.ROPE), s.get(Statistics.CORRECTION)));
    }

    /** The Keras file a config's model section names (type keras), resolved as the loader resolves it; else null. */
    public static Path kerasFile(RawConfig raw) {
        Object type = raw.get("model.type");
        Object file = raw.get("model.file");
        return "keras".equals(type) && file != null ? ModelBinder.resolve(raw, String.valueOf(file)) : null;
    }

    /**
     * Checks, once the data is loaded, what the binder could not check without it: that the base model's Keras file
     * or layers (if the model is one) declare an input of the data's feature count (images: their {@code [H, W, C]},
     * with every Conv2D and pooling leaving at least 1×1, {@link ConvFit#keras}) and, for a classification, an output
     * of its class count. Tables (CSV files, a java data class) learn both only when read, a folder of images its
     * shape and classes.
     *
     * @param image the loaded images' shape; null for other data
     * @param what  the data in words, e.g. {@code csv (data.csv)}
     * @throws ConfigException located at {@code model.file} (or {@code model.layers})
     */
    public static void checkKerasFitsData(Experiment experiment, int features, int classes, boolean regression,
                                          ImageShape image, String what) {
        RawConfig raw = experiment.raw();
        Path file = kerasFile(raw);
        // the file's network; model.layers' as bound (an import that is exactly a template's is bound as that one)
        io.ablate4j.keras.KerasNetwork k = file != null ? raw.kerasFiles().get(file) : experiment.base().model().keras();
        if (k == null) {
            return;
        }
        String key = file != null ? "model.file" : "model.layers";
        Object shown = file != null ? raw.get("model.file") : null;
        String at = file != null ? file + ": " : "";
        if (image != null) {
            String problem = ConvFit.keras(k, image, what);
            if (problem != null) {
                throw new ConfigException(raw.message(key, shown, at + problem));
            }
        } else {
            int declared = k.inputShape() == null ? -1 : io.ablate4j.keras.KerasModel.features(k.inputShape());
            if (declared >= 0 && declared != features) {
                throw new ConfigException(raw.message(key, shown, at + "input shape " + k.inputShape()
                        + " does not fit the data: " + what + " has " + features + " feature"
                        + (features == 1 ? "" : "s") + " (Keras: input_shape=(" + features + ",))"));
            }
        }
        if (!regression && k.output().units() != classes) {
            throw new ConfigException(raw.message(key, shown, at + "the output Dense has " + k.output().units()
                    + " units; " + what + " has " + classes + " classes: Dense(" + classes + ", softmax)"));
        }
    }

    /** YAML value equality where numbers compare by value (0 equals 0.0). */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                return false;
            }
            return ma.keySet().stream().allMatch(k -> sameValue(ma.get(k), mb.get(k)));
        }
        return Objects.equals(a, b);
    }
}
