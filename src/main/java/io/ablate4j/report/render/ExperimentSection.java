package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.orDash;
import static io.ablate4j.report.render.Blocks.para;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.FactorEffects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was run: the experiment, its sweep, axes and levels, seeds, baseline and the resolved base configuration.
 */
final class ExperimentSection {
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
        int folds = m.seeds().isEmpty() || m.variants().isEmpty() ? 0
                : m.plannedTrials() / (m.variants().size() * m.seeds().size());
        rows.add(List.of("sweep", orDash(m.sweepMode()) + ", " + m.variants().size() + " variants × "
                + m.seeds().size() + " seeds" + (c.crossValidated() ? " × " + folds + " folds" : "") + " = "
                + m.plannedTrials() + " trials planned"));
        rows.add(List.of("task", c.score().regression() ? "regression: scored by RMSE in the target's units, "
                + "lower is better" : "classification: scored by accuracy"));
        Map<String, List<String>> levels = FactorEffects.levels(m);
        for (String axis : m.axes()) {
            String base = m.baseline().get(axis);
            rows.add(List.of("axis " + axis, String.join(", ", levels.get(axis))
                    + (base != null ? " (baseline " + base + ")" : "")));
        }
        rows.add(List.of("seeds", m.seeds().toString()));
        rows.add(List.of("baseline", c.baseline().map(b -> b.label() + (m.baselineSource() != null ? " ("
                + m.baselineSource().text() + ")" : "")).orElse(Blocks.whyNoBaseline(m))));
        Map<String, Object> config = m.config();
        for (String section : List.of("dataset", "model", "regularization", "training")) {
            if (config.get(section) instanceof Map<?, ?> map) {
                Map<String, String> flat = cells(map);
                List<String> parts = new ArrayList<>();
                flat.forEach((k, v) -> parts.add(k + " " + v));
                rows.add(List.of(section + " (base)", String.join(", ", parts)));
            }
        }
        d.add(new Doc.Table(null, List.of("", ""), rows));
        if (!config.isEmpty()) {
            Map<String, String> flat = cells(config);
            List<List<String>> cfg = new ArrayList<>();
            flat.forEach((k, v) -> cfg.add(List.of(k, v)));
            d.add(new Doc.Collapsible("Resolved base configuration (" + flat.size() + " keys)",
                    List.of(new Doc.Table(null, List.of("key", "value"), cfg))));
        }
    }

    /** A config's key paths and their values as cells: lists as JSON; an empty section has no cell. */
    private static Map<String, String> cells(Map<?, ?> config) {
        Map<String, String> out = new LinkedHashMap<>();
        Axes.keyPaths(config).forEach((key, v) -> {
            if (v instanceof Map<?, ?>) {
                return;
            }
            if (v instanceof List<?> list) {
                try {
                    out.put(key, new ObjectMapper().writeValueAsString(list));
                } catch (JsonProcessingException e) {
                    out.put(key, String.valueOf(list));
                }
            } else {
                out.put(key, String.valueOf(v));
            }
        });
        return out;
    }
}
