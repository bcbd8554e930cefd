package io.ablate4j.report.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes run directories in the runner's output contract (manifest.json, trials.csv, epochs.csv) with made-up
 * but plausible curves: training accuracy climbs towards a ceiling, validation accuracy saturates lower and
 * then sags while validation loss turns upward, more so the less a variant is regularized. Deterministic for
 * the same settings.
 */
public final class RunFixture {
    /** Per-variant tweak of the final metrics, fractions: added to validation and to test accuracy. */
    public record Shift(double val, double test) {
    }

    private String experiment = "fixture";
    private String description = "A made-up grid for tests.";
    private final Map<String, List<String>> axes = new LinkedHashMap<>();
    private Map<String, String> baseline = new LinkedHashMap<>();
    /** The manifest's baselineSource; null leaves it out, as manifests before issue 26 did. */
    private String baselineSource;
    private List<Long> seeds = List.of(1L, 2L, 3L);
    private int epochs = 8;
    private boolean validation = true;
    private boolean writeEpochs = true;
    private String sweepMode = "grid";
    private String finishedAt = "2026-11-22T12:00:00Z";
    private final Set<String> failed = new HashSet<>();
    private final Set<String> diverged = new HashSet<>();
    private final Map<Integer, Integer> pruned = new HashMap<>();
    private final Set<String> omitted = new HashSet<>();
    private final Map<Integer, Shift> shifts = new HashMap<>();
    private final List<Map<String, Object>> expectations = new ArrayList<>();

    public RunFixture experiment(String name, String description) {
        this.experiment = name;
        this.description = description;
        return this;
    }

    public RunFixture axis(String key, String... levels) {
        axes.put(key, List.of(levels));
        return this;
    }

    /** Baseline = the first level of every axis. */
    public RunFixture baselineFirstLevels() {
        baseline = new LinkedHashMap<>();
        axes.forEach((k, v) -> baseline.put(k, v.get(0)));
        return this;
    }

    public RunFixture noBaseline() {
        baseline = new LinkedHashMap<>();
        return this;
    }

    /** {@code baseline: none}: no baseline, and the manifest says it was asked for. */
    public RunFixture baselineNone() {
        baseline = new LinkedHashMap<>();
        baselineSource = "none";
        return this;
    }

    /** The manifest's sweep mode; the variants stay the full grid of the axes (omit some to thin it). */
    public RunFixture sweepMode(String mode) {
        this.sweepMode = mode;
        return this;
    }

    public RunFixture seeds(Long... seeds) {
        this.seeds = List.of(seeds);
        return this;
    }

    public RunFixture epochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    public RunFixture withoutValidation() {
        this.validation = false;
        return this;
    }

    public RunFixture withoutEpochsFile() {
        this.writeEpochs = false;
        return this;
    }

    public RunFixture unfinished() {
        this.finishedAt = null;
        return this;
    }

    public RunFixture failed(int variant, long seed) {
        failed.add(variant + "/" + seed);
        return this;
    }

    public RunFixture diverged(int variant, long seed) {
        diverged.add(variant + "/" + seed);
        return this;
    }

    /** Every trial of the variant left a race after {@code epoch}: status pruned, its metrics at that epoch. */
    public RunFixture pruned(int variant, int epoch) {
        pruned.put(variant, epoch);
        return this;
    }

    /** Leaves the trial out of trials.csv and epochs.csv, as if the run had not reached it. */
    public RunFixture omit(int variant, long seed) {
        omitted.add(variant + "/" + seed);
        return this;
    }

    public RunFixture omitVariant(int variant) {
        seeds.forEach(s -> omit(variant, s));
        return this;
    }

    public RunFixture shift(int variant, double val, double test) {
        shifts.put(variant, new Shift(val, test));
        return this;
    }

    /** Adds an entry to the manifest's expectations, as the runner writes it ({@code threshold} may be null). */
    public RunFixture expect(String claim, String metric, Double threshold, String direction, Map<String, String> subject,
                      Map<String, String> than) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("claim", claim);
        e.put("metric", metric);
        e.put("threshold", threshold);
        e.put("direction", direction);
        e.put("subject", subject);
        e.put("than", than);
        expectations.add(e);
        return this;
    }

    /** The variants of the grid in manifest order: the cartesian product, last axis fastest. */
    public List<Map<String, String>> variants() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String level : axis.getValue()) {
                    Map<String, String> v = new LinkedHashMap<>(partial);
                    v.put(axis.getKey(), level);
                    next.add(v);
                }
            }
            out = next;
        }
        return out;
    }

    public static String variantId(int i) {
        return String.format(Locale.ROOT, "v%02d", i);
    }

    public static String trialId(int variant, long seed) {
        return variantId(variant) + "s" + seed;
    }

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, String>> variants = variants();
        writeManifest(dir, variants);
        CSVFormat format = CSVFormat.RFC4180;
        List<String> trialHeader = new ArrayList<>(List.of("trial_id", "variant_id", "seed", "status"));
        trialHeader.addAll(axes.keySet());
        trialHeader.addAll(List.of("epochs_run", "best_epoch", "train_acc", "val_acc", "test_acc", "train_loss",
                "val_loss", "test_loss", "gap_acc", "train_seconds", "samples_per_second", "error"));
        List<String> epochHeader = List.of("trial_id", "variant_id", "seed", "epoch", "train_loss", "train_acc",
                "val_loss", "val_acc", "test_loss", "test_acc", "gap_acc", "epoch_seconds", "samples_per_second");
        try (Writer tw = Files.newBufferedWriter(dir.resolve("trials.csv"), StandardCharsets.UTF_8);
             CSVPrinter trials = new CSVPrinter(tw, format.builder().setHeader(trialHeader.toArray(String[]::new))
                     .build());
             Writer ew = Files.newBufferedWriter(dir.resolve("epochs.csv.tmp"), StandardCharsets.UTF_8);
             CSVPrinter epochRows = new CSVPrinter(ew, format.builder().setHeader(epochHeader.toArray(String[]::new))
                     .build())) {
            for (long seed : seeds) {
                for (int i = 0; i < variants.size(); i++) {
                    String key = i + "/" + seed;
                    if (!omitted.contains(key)) {
                        trial(i, variants.get(i), seed, key, trials, epochRows);
                    }
                }
            }
        }
        if (writeEpochs) {
            Files.move(dir.resolve("epochs.csv.tmp"), dir.resolve("epochs.csv"));
        } else {
            Files.delete(dir.resolve("epochs.csv.tmp"));
        }
        return dir;
    }

    private void writeManifest(Path dir, List<Map<String, String>> variants) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 1);
        m.put("experiment", experiment);
        m.put("description", description);
        m.put("configFile", "configs/" + experiment + ".yaml");
        m.put("configHash", "3f2a9c1d");
        m.put("axes", new ArrayList<>(axes.keySet()));
        m.put("baseline", baseline);
        if (baselineSource != null) {
            m.put("baselineSource", baselineSource);
        }
        m.put("sweepMode", sweepMode);
        m.put("seeds", seeds);
        m.put("trialCount", variants.size() * seeds.size());
        m.put("variantCount", variants.size());
        m.put("toolVersion", "0.1.0-SNAPSHOT");
        m.put("dl4jVersion", "1.0.0-M2.1");
        m.put("java", "17.0.15");
        m.put("os", "Linux");
        m.put("arch", "amd64");
        m.put("cores", 2);
        m.put("gitCommit", "64f9277");
        m.put("startedAt", "2026-11-22T11:00:00Z");
        m.put("finishedAt", finishedAt);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dataset", Map.of("name", "fashion-mnist", "trainSize", 2000, "validationSize",
                validation ? 1000 : 0, "testSize", 5000));
        config.put("model", Map.of("type", "mlp", "hidden", List.of(256, 256), "activation", "relu"));
        config.put("training", Map.of("epochs", epochs, "batchSize", 128));
        m.put("config", config);
        List<Map<String, Object>> vs = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            vs.add(Map.of("variantId", variantId(i), "axes", variants.get(i)));
        }
        m.put("variants", vs);
        if (!expectations.isEmpty()) {
            m.put("expectations", expectations);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("manifest.json")
                .toFile(), m);
    }

    /** Level index of each axis summed: the fixture's "amount of regularization". */
    private int strength(Map<String, String> variant) {
        int s = 0;
        for (Map.Entry<String, String> e : variant.entrySet()) {
            s += axes.get(e.getKey()).indexOf(e.getValue());
        }
        return s;
    }

    private void trial(int index, Map<String, String> variant, long seed, String key, CSVPrinter trials,
                       CSVPrinter epochRows) throws IOException {
        String id = trialId(index, seed);
        List<Object> lead = new ArrayList<>(List.of(id, variantId(index), seed));
        if (failed.contains(key)) {
            lead.add("failed");
            lead.addAll(variant.values());
            lead.addAll(List.of(2, "", "", "", "", "", "", "", "", 1.5, "",
                    "java.lang.IllegalStateException: fixture failure, \"quoted\" <b>text</b>"));
            trials.printRecord(lead);
            return;
        }
        Random rnd = new Random(seed * 1000 + index);
        int reg = strength(variant);
        double overfit = 1.0 / (1 + reg);
        double ceiling = 0.86 + 0.008 * reg;
        Shift shift = shifts.getOrDefault(index, new Shift(0, 0));
        boolean diverges = diverged.contains(key);
        int last = diverges ? 3 : pruned.getOrDefault(index, epochs);
        double bestLoss = Double.POSITIVE_INFINITY;
        List<Object> bestRow = null;
        int bestEpoch = 0;
        for (int e = 1; e <= last; e++) {
            double noise = 0.004 * rnd.nextGaussian();
            double trainAcc = Math.min(0.999, 0.995 - 0.03 * reg / 4 - 0.45 * Math.exp(-0.55 * e) + noise);
            double valAcc = ceiling - 0.4 * Math.exp(-0.6 * e) - 0.004 * overfit * Math.max(0, e - 4)
                    + 0.004 * rnd.nextGaussian() + shift.val();
            double testAcc = valAcc - 0.004 + 0.004 * rnd.nextGaussian() - shift.val() + shift.test();
            double trainLoss = 0.05 + 1.2 * Math.exp(-0.5 * e) + 0.01 * reg;
            double valLoss = 0.33 + 1.1 * Math.exp(-0.6 * e) + 0.012 * overfit * Math.max(0, e - 4) * (e - 4)
                    + 0.003 * rnd.nextGaussian();
            double testLoss = valLoss + 0.01;
            boolean nan = diverges && e == last;
            List<Object> row = new ArrayList<>(List.of(id, variantId(index), seed, e));
            row.addAll(List.of(nan ? "NaN" : fmt(trainLoss), fmt(nan ? 0.1 : trainAcc), nan ? "NaN" : fmt(valLoss),
                    validation ? fmt(nan ? 0.1 : valAcc) : "", nan ? "NaN" : fmt(testLoss), fmt(nan ? 0.1 : testAcc),
                    fmt(nan ? 0 : validation ? trainAcc - valAcc : trainAcc - testAcc), fmt(1.2), fmt(1650)));
            if (!validation) {
                row.set(6, "");
            }
            epochRows.printRecord(row);
            double selectOn = validation ? valLoss : -e;
            if (!nan && selectOn < bestLoss) {
                bestLoss = selectOn;
                bestEpoch = e;
                bestRow = List.of(fmt(trainAcc), validation ? fmt(valAcc) : "", fmt(testAcc), fmt(trainLoss),
                        validation ? fmt(valLoss) : "", fmt(testLoss),
                        fmt(validation ? trainAcc - valAcc : trainAcc - testAcc));
            }
        }
        lead.add(diverges ? "diverged" : pruned.containsKey(index) ? "pruned" : "ok");
        lead.addAll(variant.values());
        if (diverges) {
            lead.addAll(List.of(last, "", "", "", "", "", "", "", "", 3.6, "", "loss became NaN at epoch 3"));
        } else {
            lead.add(last);
            lead.add(bestEpoch);
            lead.addAll(bestRow);
            lead.addAll(List.of(fmt(1.2 * last), fmt(1650), pruned.containsKey(index) ? "left the race at rung 1 "
                    + "(epoch " + last + "): worse than the leader" : ""));
        }
        trials.printRecord(lead);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }
}
