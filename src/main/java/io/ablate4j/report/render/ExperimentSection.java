package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.orDash;
import static io.ablate4j.report.render.Blocks.para;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.Schema;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.stats.FactorEffects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What was run, below the decision: the experiment, its data and classes, sweep, axes and levels, seeds, baseline,
 * and the settings of the base configuration a reader needs to know what was trained — those that say what the
 * data, network and training are ({@link #ALWAYS}) and every other one the config sets away from its default.
 * Settings at their schema defaults, empty ones and those a sweep axis varies are left out; the full resolved
 * configuration is in {@code manifest.json}.
 */
final class ExperimentSection {
    /** Settings shown even at their defaults: without them a reader does not know what was trained. */
    static final Set<String> ALWAYS = Set.of("dataset.name", "model.type", "model.hidden", "model.conv",
            "model.activation", "model.file", "model.class", "training.epochs", "training.batchSize",
            "training.optimizer.type", "training.optimizer.learningRate");
    /** Split sizes, which the data row states as they came out when the manifest describes the data. */
    private static final Set<String> SIZES = Set.of("dataset.trainSize", "dataset.validationSize",
            "dataset.testSize");

    private ExperimentSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Manifest m = c.manifest();
        d.add(h2("Experiment", "experiment"));
        if (m.description() != null && !m.description().isBlank()) {
            d.add(para(m.description()));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("experiment", orDash(m.experiment())));
        rows.add(List.of("config file", orDash(m.configFile())));
        if (m.dataDescription() != null) {
            rows.add(List.of("data", m.dataDescription()));
        }
        int folds = m.seeds().isEmpty() || m.variants().isEmpty() ? 0
                : m.plannedTrials() / (m.variants().size() * m.seeds().size());
        rows.add(List.of("sweep", orDash(m.sweepMode()) + ", " + m.variants().size() + " variants × "
                + m.seeds().size() + " seeds" + (c.crossValidated() ? " × " + folds + " folds" : "") + " = "
                + m.plannedTrials() + " trials planned"));
        rows.add(List.of("task", c.score().regression() ? "regression: scored by RMSE in the target's units, "
                + "lower is better" : "classification" + classes(m.classNames()) + ": scored by accuracy"));
        Map<String, List<String>> levels = FactorEffects.levels(m);
        for (String axis : m.axes()) {
            String base = m.baseline().get(axis);
            rows.add(List.of("axis " + axis, String.join(", ", levels.get(axis))
                    + (base != null ? " (baseline " + base + ")" : "")));
        }
        rows.add(List.of("seeds", m.seeds().toString()));
        rows.add(List.of("baseline", c.baseline().map(b -> b.label() + (m.baselineSource() != null ? " ("
                + m.baselineSource().text() + ")" : "")).orElse(Blocks.whyNoBaseline(m))));
        Map<String, String> shown = settings(m);
        int hidden = Axes.keyPaths(m.config()).size() - shown.size();
        for (String section : List.of("dataset", "model", "regularization", "training")) {
            List<String> parts = new ArrayList<>();
            shown.forEach((k, v) -> {
                if (k.startsWith(section + ".")) {
                    parts.add(k.substring(section.length() + 1) + " " + v);
                }
            });
            if (!parts.isEmpty()) {
                rows.add(List.of(section + " (base)", String.join(", ", parts)));
            } else if (m.config().containsKey(section)) {
                rows.add(List.of(section + " (base)", "all at their defaults"));
            }
        }
        d.add(new Doc.Table(null, List.of("", ""), rows));
        if (!m.config().isEmpty()) {
            d.add(note("Settings of the base configuration: what the data, network and training are, and every other "
                    + "one the config sets away from its default; " + hidden + " more (at their defaults, empty, "
                    + "varied by an axis" + (m.dataDescription() != null ? ", or split sizes the data row states"
                    : "") + ") are in manifest.json under config, and a trial's resolved config in "
                    + "trials/<id>/config.yaml."));
        }
    }

    /** " of 2 classes (benign, malignant)"; the count alone when the names are only the indices. */
    static String classes(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        boolean indices = IntStream.range(0, names.size()).allMatch(i -> names.get(i).equals(Integer.toString(i)));
        return " of " + names.size() + " classes" + (indices ? "" : " (" + String.join(", ", names) + ")");
    }

    /**
     * The base config's settings a reader needs, by key path, as cells: {@link #ALWAYS}, and every other one that
     * is set, not at its schema default, not a sweep axis (nor inside one below the top sections), not a split
     * size when the manifest describes the data, and not the validation size under cross-validation.
     */
    static Map<String, String> settings(Manifest m) {
        Map<String, String> out = new LinkedHashMap<>();
        // with k-fold cross-validation there is no validation split: its size is 0 by construction
        Object foldsCell = m.config().get("dataset") instanceof Map<?, ?> data ? data.get("folds") : null;
        int folds = foldsCell instanceof Number n ? n.intValue() : 0;
        Axes.keyPaths(m.config()).forEach((key, v) -> {
            boolean swept = m.axes().stream().anyMatch(a -> key.equals(a) || a.contains(".")
                    && key.startsWith(a + "."));
            boolean needed = ALWAYS.contains(key) || v != null && !(v instanceof Map<?, ?>)
                    && !Schema.isDefault(key, v) && !(m.dataDescription() != null && SIZES.contains(key))
                    && !(key.equals("dataset.validationSize") && folds > 0);
            if (needed && !swept && v != null) {
                out.put(key, cell(v));
            }
        });
        return out;
    }

    /** A value as a cell: lists as JSON. */
    private static String cell(Object v) {
        if (v instanceof List<?> list) {
            try {
                return new ObjectMapper().writeValueAsString(list);
            } catch (JsonProcessingException e) {
                return String.valueOf(list);
            }
        }
        return String.valueOf(v);
    }
}
