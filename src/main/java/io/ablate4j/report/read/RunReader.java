package io.ablate4j.report.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.Enums;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.CsvTable;
import io.ablate4j.results.ManifestKeys;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import io.ablate4j.results.ResultsException;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a run directory written by the runner. Strict about what the report cannot work without (the
 * manifest, {@code trials.csv}, its id/seed/status/test accuracy/axis columns, well-formed numbers), lenient
 * about the rest: a missing optional column or a missing {@code epochs.csv} becomes a warning and the parts of
 * the report that need it are left out. Rows go through the runner's own verifier ({@link ResultsCheck}): rows
 * that do not verify, rows of trials the manifest does not plan, and the other rows of their trials are left out
 * (their trials count as missing) and listed, as are the rows earlier runs moved to {@code damaged.csv}. Reading
 * changes nothing; the next run with {@code --out} on the directory moves them aside and trains the trials again.
 */
public final class RunReader {
    private static final String MANIFEST = ManifestKeys.FILE;
    private static final String TRIALS = ResultsCheck.TRIALS;
    private static final String EPOCHS = ResultsCheck.EPOCHS;

    private static final List<String> TRIAL_REQUIRED = List.of("trial_id", "variant_id", "seed", "status");

    /** The columns of {@code trials.csv} after the axis columns that the report reads for a run of this score. */
    static List<String> trialColumns(Score score) {
        return List.of("epochs_run", "best_epoch", score.column("train"), score.column("val"), score.column("test"),
                "train_loss", "val_loss", "test_loss", "train_seconds", "samples_per_second", "error");
    }

    private static List<String> epochColumns(Score score) {
        return List.of("trial_id", "variant_id", "seed", "epoch", "train_loss", score.column("train"), "val_loss",
                score.column("val"), "test_loss", score.column("test"), "epoch_seconds", "samples_per_second");
    }
    private static final List<String> EPOCH_REQUIRED = List.of("trial_id", "epoch");
    private static final int SUPPORTED_SCHEMA = CsvSchemas.VERSION;

    private RunReader() {
    }

    public static RunData read(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new ReportException(runDir + ": not a directory; pass the run directory that holds "
                    + MANIFEST + " and " + TRIALS);
        }
        Path manifestFile = runDir.resolve(MANIFEST);
        Path trialsFile = runDir.resolve(TRIALS);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ReportException(manifestFile + " not found: " + runDir + " is not a run directory "
                    + "(a run writes " + MANIFEST + " when it starts)");
        }
        if (!Files.isRegularFile(trialsFile)) {
            throw new ReportException(trialsFile + " not found: the run in " + runDir
                    + " has not finished any trial yet, or the file was moved");
        }
        List<String> warnings = new ArrayList<>();
        JsonNode root = readJson(manifestFile);
        ResultsCheck.Result check;
        try {
            check = ResultsCheck.check(runDir, membership(root));
        } catch (ResultsException e) {
            throw new ReportException(e.getMessage(), e);
        }
        Score score = Score.of(config(root));
        List<TrialRow> trials = readTrials(check.file(TRIALS), axesOf(root), score, warnings);
        Manifest manifest = manifest(root, trials, manifestFile, warnings);
        ResultsCheck.Checked epochsFile = check.file(EPOCHS);
        boolean epochsPresent = epochsFile != null;
        Map<String, List<EpochRow>> epochs = epochsPresent ? readEpochs(epochsFile, score, warnings) : Map.of();
        if (!epochsPresent) {
            warnings.add(EPOCHS + " not found: learning curves and the epoch-level overfitting analysis are "
                    + "left out");
        }
        List<Quarantine.Entry> quarantined = Quarantine.read(runDir, warnings);
        return new RunData(manifest, trials, epochs, epochsPresent, warnings, check.rejected(), quarantined,
                check.file(ResultsCheck.DIAGNOSTICS), score);
    }

    /** {@code adaptiveSeeds} of the manifest; null for a fixed seed list (or a sequence too short to use). */
    private static Manifest.Adaptive adaptive(JsonNode root) {
        JsonNode a = root.path(ManifestKeys.ADAPTIVE_SEEDS);
        if (!a.isObject()) {
            return null;
        }
        List<Long> sequence = new ArrayList<>();
        a.path(ManifestKeys.Adaptive.SEQUENCE).forEach(seed -> sequence.add(seed.asLong()));
        int initial = a.path(ManifestKeys.Adaptive.INITIAL).size();
        if (initial < 2 || sequence.size() <= initial) {
            return null;
        }
        return new Manifest.Adaptive(sequence, initial, Math.max(1, a.path(ManifestKeys.Adaptive.STEP).asInt(1)), Map.of());
    }

    /** The manifest's resolved config; empty when it has none. */
    private static Map<String, Object> config(JsonNode root) {
        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode c = root.get(ManifestKeys.CONFIG);
        if (c != null && c.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new ObjectMapper().convertValue(c, LinkedHashMap.class);
            config.putAll(m);
        }
        return config;
    }

    /**
     * The trials the manifest plans, as the verifier asks: a row belongs when its variant is one of the manifest's
     * variants and its seed one of its seeds. Null (every row belongs) when the manifest lists no variants.
     */
    private static ResultsCheck.Membership membership(JsonNode root) {
        JsonNode variants = root.get(ManifestKeys.VARIANTS);
        if (variants == null || !variants.isArray()) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        variants.forEach(v -> ids.add(v.path(ManifestKeys.Variants.ID).asText()));
        Set<String> seeds = new HashSet<>();
        JsonNode list = root.get(ManifestKeys.SEEDS);
        if (list != null && list.isArray()) {
            list.forEach(seed -> seeds.add(seed.asText()));
        }
        root.path(ManifestKeys.ADAPTIVE_SEEDS).path(ManifestKeys.Adaptive.SEQUENCE)
                .forEach(seed -> seeds.add(seed.asText()));
        return (trialId, variantId, seed) -> ids.contains(variantId.trim())
                && (seeds.isEmpty() || seeds.contains(seed.trim()));
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ReportException(file + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ": not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** Axis keys from the manifest; null when it has none, so that they are taken from the CSV header. */
    private static List<String> axesOf(JsonNode root) {
        JsonNode axes = root.get(ManifestKeys.AXES);
        if (axes == null || !axes.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        axes.forEach(a -> out.add(a.asText()));
        return out;
    }

    private static Manifest manifest(JsonNode root, List<TrialRow> trials, Path file, List<String> warnings) {
        int schema = root.path(ManifestKeys.SCHEMA_VERSION).asInt(0);
        if (schema > SUPPORTED_SCHEMA) {
            warnings.add(file + ": schemaVersion " + schema + " is newer than this report understands ("
                    + SUPPORTED_SCHEMA + "); unknown fields are ignored");
        }
        List<String> axes = axesOf(root);
        if (axes == null) {
            axes = trials.isEmpty() ? List.of() : new ArrayList<>(trials.get(0).axes().keySet());
        }
        Map<String, String> baseline = new LinkedHashMap<>();
        JsonNode b = root.get(ManifestKeys.BASELINE);
        if (b != null && b.isObject()) {
            b.fields().forEachRemaining(e -> baseline.put(e.getKey(), e.getValue().asText()));
        }
        List<Long> seeds = new ArrayList<>();
        root.path(ManifestKeys.SEEDS).forEach(s -> seeds.add(s.asLong()));

        List<VariantCells> variants = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (JsonNode v : root.path(ManifestKeys.VARIANTS)) {
            String id = v.path(ManifestKeys.Variants.ID).asText(null);
            if (id == null || !known.add(id)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String axis : axes) {
                JsonNode value = v.path(ManifestKeys.Variants.AXES).get(axis);
                values.put(axis, value == null || value.isNull() ? "" : value.asText());
            }
            variants.add(new VariantCells(id, values));
        }
        // A manifest without a variant list: the variants are those of the rows. (With one, rows of other
        // variants were left out as foreign.)
        for (TrialRow t : trials) {
            if (known.add(t.variantId())) {
                Map<String, String> values = new LinkedHashMap<>();
                axes.forEach(a -> values.put(a, t.axes().getOrDefault(a, "")));
                variants.add(new VariantCells(t.variantId(), values));
            }
        }
        Map<String, Object> config = config(root);
        return new Manifest(schema, text(root, ManifestKeys.EXPERIMENT), text(root, ManifestKeys.DESCRIPTION),
                text(root, ManifestKeys.CONFIG_FILE), text(root, ManifestKeys.CONFIG_HASH), axes, baseline,
                text(root, ManifestKeys.SWEEP_MODE), seeds, root.path(ManifestKeys.TRIAL_COUNT).asInt(0),
                root.path(ManifestKeys.VARIANT_COUNT).asInt(0), text(root, ManifestKeys.STARTED_AT),
                text(root, ManifestKeys.FINISHED_AT), config, variants, expectations(root, file, warnings),
                statistics(root), adaptive(root), provenance(root));
    }

    /**
     * The provenance fields ({@link ManifestKeys#PROVENANCE}) the manifest has, as text: a value as written, an
     * object or list as compact JSON; a field that is absent or null is left out.
     */
    private static Map<String, String> provenance(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : ManifestKeys.PROVENANCE) {
            JsonNode n = root.path(field);
            if (!n.isMissingNode() && !n.isNull()) {
                out.put(field, n.isValueNode() ? n.asText() : n.toString());
            }
        }
        return out;
    }

    /**
     * {@code statistics} of the manifest; the defaults (no ROPE, Holm) for manifests written before it, and Holm for a
     * correction this version does not know.
     */
    private static Manifest.Statistics statistics(JsonNode root) {
        JsonNode s = root.path(ManifestKeys.STATISTICS);
        Enums.Correction correction = named(Enums.Correction.values(), Enums.Correction::yamlName,
                s.path(ManifestKeys.Statistics.CORRECTION).asText(""));
        JsonNode rope = s.path(ManifestKeys.Statistics.ROPE);
        return new Manifest.Statistics(rope.isNumber() ? rope.asDouble() : Double.NaN,
                correction == null ? Enums.Correction.HOLM : correction);
    }

    /** The constant the manifest spells {@code text} (as the config does); null when none is. */
    private static <E> E named(E[] values, Function<E, String> spelling, String text) {
        for (E e : values) {
            if (spelling.apply(e).equals(text)) {
                return e;
            }
        }
        return null;
    }

    private static List<Claim> expectations(JsonNode root, Path file, List<String> warnings) {
        List<Claim> out = new ArrayList<>();
        JsonNode list = root.path(ManifestKeys.EXPECTATIONS);
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String metricText = e.path(ManifestKeys.Expectations.METRIC).asText("");
            Enums.ExpectMetric metric = named(Enums.ExpectMetric.values(), Enums.ExpectMetric::yamlName, metricText);
            JsonNode subject = e.path(ManifestKeys.Expectations.SUBJECT);
            JsonNode than = e.path(ManifestKeys.Expectations.THAN);
            if (metric == null || !subject.isObject() || !than.isObject()) {
                warnings.add(file + ": expectations[" + i + "] is not understood (metric '" + metricText
                        + "', subject and than must be objects); it is left out");
                continue;
            }
            JsonNode threshold = e.path(ManifestKeys.Expectations.THRESHOLD);
            JsonNode rope = e.path(ManifestKeys.Expectations.ROPE);
            out.add(new Claim(e.path(ManifestKeys.Expectations.CLAIM).asText(""), metric,
                    threshold.isNumber() ? threshold.asDouble() : Double.NaN,
                    e.path(ManifestKeys.Expectations.DIRECTION).asText("higher"), cells(subject), cells(than),
                    rope.isNumber() ? rope.asDouble() : Double.NaN));
        }
        return out;
    }

    private static Map<String, String> cells(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<TrialRow> readTrials(ResultsCheck.Checked file, List<String> manifestAxes, Score score,
                                          List<String> warnings) {
        List<TrialRow> trials = new ArrayList<>();
        CsvFile csv = new CsvFile(file);
        if (csv.header().isEmpty()) {
            warnings.add(csv.name() + " is empty: no trial has finished");
            return trials;
        }
        List<String> axes = manifestAxes != null ? manifestAxes : headerAxes(csv.header());
        List<String> required = new ArrayList<>(TRIAL_REQUIRED);
        required.add(score.column("test"));
        required.addAll(axes);
        csv.require(required);
        csv.warnMissing(trialColumns(score), warnings);
        Set<String> seen = new HashSet<>();
        for (CsvTable.Row r : csv) {
            String id = csv.text(r, "trial_id");
            if (!seen.add(id)) {
                warnings.add(csv.name() + ":" + r.line() + ": trial " + id
                        + " appears again; the first row is used");
                continue;
            }
            String statusText = csv.text(r, "status");
            TrialStatus status = TrialStatus.parse(statusText);
            if (status == null) {
                throw new ReportException(csv.file() + ":" + r.line() + ": status '" + statusText
                        + "' is not one of ok, diverged, failed");
            }
            Map<String, String> axisValues = new LinkedHashMap<>();
            axes.forEach(a -> axisValues.put(a, csv.text(r, a)));
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String column : CsvSchemas.METRICS) {
                if (csv.has(column)) {
                    metrics.put(column, csv.number(r, column));
                }
            }
            double train = csv.number(r, score.column("train"));
            double val = csv.number(r, score.column("val"));
            double test = csv.number(r, score.column("test"));
            double trainLoss = csv.number(r, "train_loss");
            double valLoss = csv.number(r, "val_loss");
            double testLoss = csv.number(r, "test_loss");
            double gap = csv.number(r, score.gapColumn());
            if (!Double.isFinite(gap)) {
                // Files without the gap column (older or hand-made): the runner's rule, against test without validation
                gap = score.regression() ? (Double.isFinite(valLoss) ? valLoss : testLoss) - trainLoss
                        : train - (Double.isFinite(val) ? val : test);
            }
            String foldText = csv.text(r, "fold");
            int fold = foldText.isEmpty() ? -1 : (int) csv.integer(r, "fold");
            trials.add(new TrialRow(id, csv.text(r, "variant_id"), csv.integer(r, "seed"), fold, status, axisValues,
                    csv.number(r, "epochs_run"), csv.number(r, "best_epoch"), train, val, test, trainLoss, valLoss,
                    testLoss, gap, csv.number(r, "train_seconds"), csv.number(r, "samples_per_second"),
                    csv.text(r, "error"), metrics));
        }
        return trials;
    }

    /** The axis columns of a header: those between {@code status} and {@code epochs_run}. */
    private static List<String> headerAxes(List<String> header) {
        int from = header.indexOf("status");
        int to = header.indexOf("epochs_run");
        if (from < 0 || to < from) {
            return List.of();
        }
        return new ArrayList<>(header.subList(from + 1, to));
    }

    private static Map<String, List<EpochRow>> readEpochs(ResultsCheck.Checked file, Score score,
                                                          List<String> warnings) {
        Map<String, List<EpochRow>> byTrial = new HashMap<>();
        CsvFile csv = new CsvFile(file);
        if (csv.header().isEmpty()) {
            return byTrial;
        }
        csv.require(EPOCH_REQUIRED);
        csv.warnMissing(epochColumns(score), warnings);
        for (CsvTable.Row r : csv) {
            double epoch = csv.number(r, "epoch");
            if (!(epoch >= 1) || epoch != Math.rint(epoch)) {
                throw new ReportException(csv.file() + ":" + r.line() + ": epoch '" + csv.text(r, "epoch")
                        + "' must be a whole number >= 1");
            }
            EpochRow row = new EpochRow(csv.text(r, "trial_id"), csv.text(r, "variant_id"),
                    csv.has("seed") && !csv.text(r, "seed").isEmpty() ? csv.integer(r, "seed") : 0,
                    (int) epoch, csv.number(r, "train_loss"), csv.number(r, score.column("train")),
                    csv.number(r, "val_loss"), csv.number(r, score.column("val")), csv.number(r, "test_loss"),
                    csv.number(r, score.column("test")), csv.number(r, score.gapColumn()),
                    csv.number(r, "epoch_seconds"), csv.number(r, "samples_per_second")).withGap(score);
            byTrial.computeIfAbsent(row.trialId(), k -> new ArrayList<>()).add(row);
        }
        Map<String, List<EpochRow>> sorted = new HashMap<>();
        byTrial.forEach((trial, rows) -> {
            // A resumed run may have written an epoch twice; the later row wins.
            Map<Integer, EpochRow> byEpoch = new java.util.TreeMap<>();
            rows.forEach(row -> byEpoch.put(row.epoch(), row));
            sorted.put(trial, List.copyOf(byEpoch.values()));
        });
        return sorted;
    }

    /** The verified rows of a CSV file, read by column name with the messages the report wants. */
    private static final class CsvFile implements Iterable<CsvTable.Row> {
        private final Path file;
        private final List<String> header;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<CsvTable.Row> rows;

        CsvFile(ResultsCheck.Checked checked) {
            this.file = checked.table().file();
            this.header = checked.table().columns();
            this.rows = checked.rows();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i), i);
            }
        }

        Path file() {
            return file;
        }

        String name() {
            return file.getFileName().toString();
        }

        List<String> header() {
            return header;
        }

        boolean has(String column) {
            return index.containsKey(column);
        }

        void require(List<String> columns) {
            List<String> missing = columns.stream().filter(c -> !has(c)).toList();
            if (!missing.isEmpty()) {
                throw new ReportException(file + ": missing column(s) " + String.join(", ", missing)
                        + "; the header is: " + String.join(",", header()));
            }
        }

        void warnMissing(List<String> columns, List<String> warnings) {
            List<String> missing = columns.stream().filter(c -> !has(c)).toList();
            if (!missing.isEmpty()) {
                warnings.add(name() + " has no column(s) " + String.join(", ", missing)
                        + "; the values are treated as missing");
            }
        }

        String text(CsvTable.Row r, String column) {
            Integer i = index.get(column);
            return i == null ? "" : r.cells().get(i).trim();
        }

        /** A cell as a number; empty or absent is NaN, {@code NaN}/{@code Infinity} are kept. */
        double number(CsvTable.Row r, String column) {
            String s = text(r, column);
            if (s.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ReportException(file + ":" + r.line() + ": column " + column + " = '" + s
                        + "' is not a number", e);
            }
        }

        long integer(CsvTable.Row r, String column) {
            String s = text(r, column);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new ReportException(file + ":" + r.line() + ": column " + column + " = '" + s
                        + "' is not a whole number", e);
            }
        }

        @Override
        public Iterator<CsvTable.Row> iterator() {
            return rows.iterator();
        }
    }
}
