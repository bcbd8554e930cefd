package io.ablate4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key structure of an experiment file: which keys each section allows. The binder checks files against
 * it and the sweep checks axis key paths against it, so a misspelt key is caught the same way in both.
 */
public final class Schema {
    private Schema() {
    }

    /** Section path → its keys, in documentation order. List-element sections end in {@code []}. */
    static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("", List.of("name", "description", "dataset", "model", "regularization", "training", "seeds",
                "sweep", "baseline", "expect", "statistics"));
        SECTIONS.put("dataset", List.of("name", "source", "path", "trainSize", "validationSize", "testSize",
                "splitSeed", "normalize", "augment", "csv", "synthetic", "task", "folds", "standardizeTarget"));
        SECTIONS.put("dataset.augment", List.of("shiftPixels", "flipHorizontal", "rotateDegrees"));
        SECTIONS.put("dataset.csv", List.of("trainFile", "testFile", "labelColumn", "header", "delimiter",
                "numClasses", "targetColumn"));
        SECTIONS.put("dataset.synthetic", List.of("shape", "features", "classes", "noise", "labelNoise"));
        SECTIONS.put("model", List.of("type", "hidden", "conv", "activation", "inputDropout", "dropout",
                "layerDropout", "dropoutType", "batchNorm", "dropoutPosition"));
        SECTIONS.put("model.conv[]", List.of("filters", "kernel", "stride", "pool"));
        SECTIONS.put("regularization", List.of("l1", "l2", "weightDecay", "maxNorm"));
        SECTIONS.put("training", List.of("epochs", "batchSize", "optimizer", "earlyStopping", "trainEvalSamples",
                "bnDiagnostics", "loss"));
        SECTIONS.put("training.optimizer", List.of("type", "learningRate", "momentum"));
        SECTIONS.put("training.earlyStopping", List.of("patience"));
        SECTIONS.put("sweep", List.of("mode", "samples", "seed", "axes"));
        SECTIONS.put("expect[]", List.of("claim", "metric", "higher", "lower", "than", "threshold", "rope"));
        SECTIONS.put("statistics", List.of("rope", "correction"));
        SECTIONS.put("seeds", List.of("initial", "max", "step"));
    }

    /** Top-level sections whose keys a sweep may vary. */
    static final Set<String> SWEEPABLE_ROOTS = Set.of("dataset", "model", "regularization", "training");

    static List<String> keys(String section) {
        return SECTIONS.getOrDefault(section, List.of());
    }

    /**
     * Every key path a sweep axis may name: the sweepable sections themselves (a mapping value merges into the
     * section, so one axis can move several keys together), their sub-sections and their leaves.
     */
    public static List<String> sweepablePaths() {
        List<String> paths = new ArrayList<>(List.of("dataset", "model", "regularization", "training"));
        SECTIONS.forEach((section, keys) -> {
            if (section.contains("[]")) {
                return;
            }
            String root = section.contains(".") ? section.substring(0, section.indexOf('.')) : section;
            if (!SWEEPABLE_ROOTS.contains(section.isEmpty() ? "" : root)) {
                return;
            }
            for (String key : keys) {
                paths.add(section + "." + key);
            }
        });
        return paths;
    }

    /** The closest known name to {@code word} among {@code candidates}, or null when none is close. */
    static String closest(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** Damerau–Levenshtein (optimal string alignment) distance: a transposition costs one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
