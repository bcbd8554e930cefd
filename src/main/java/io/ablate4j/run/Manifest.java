package io.ablate4j.run;

import io.ablate4j.results.ManifestKeys;
import io.ablate4j.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Expectation;
import io.ablate4j.data.DataOrigin;
import io.ablate4j.data.LoadedData;
import io.ablate4j.network.Templates;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code manifest.json}: the resolved experiment, its hash, the variants and provenance of a run directory. */
public final class Manifest {
    public static final String FILE = ManifestKeys.FILE;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    /** The manifest of a run of {@code plan} whose trials {@code trials} trains (its step and template jars). */
    static Map<String, Object> of(Plan plan, TrialRunner trials, Instant startedAt, Instant finishedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ManifestKeys.SCHEMA_VERSION, CsvSchemas.VERSION);
        m.put(ManifestKeys.EXPERIMENT, plan.experiment().name());
        m.put(ManifestKeys.DESCRIPTION, plan.experiment().description());
        m.put(ManifestKeys.CONFIG_FILE, plan.experiment().source());
        m.put(ManifestKeys.CONFIG_HASH, plan.configHash());
        m.put(ManifestKeys.AXES, plan.axes());
        Map<String, String> baseline = new LinkedHashMap<>();
        plan.baseline().ifPresent(b -> baseline.putAll(b.axisValues()));
        m.put(ManifestKeys.BASELINE, baseline);
        m.put(ManifestKeys.BASELINE_VARIANT, plan.baseline().map(Variant::id).orElse(null));
        m.put(ManifestKeys.BASELINE_SOURCE, plan.baselineSource().manifestName());
        m.put(ManifestKeys.SWEEP_MODE, plan.experiment().sweep().mode().yamlName());
        m.put(ManifestKeys.SEEDS, plan.experiment().seeds());
        if (plan.experiment().adaptive() != null) {
            Map<String, Object> adaptive = new LinkedHashMap<>();
            adaptive.put(ManifestKeys.Adaptive.INITIAL, plan.experiment().adaptive().initial());
            adaptive.put(ManifestKeys.Adaptive.MAX, plan.experiment().adaptive().max());
            adaptive.put(ManifestKeys.Adaptive.STEP, plan.experiment().adaptive().step());
            adaptive.put(ManifestKeys.Adaptive.SEQUENCE, plan.experiment().adaptive().sequence());
            m.put(ManifestKeys.ADAPTIVE_SEEDS, adaptive);
        }
        io.ablate4j.config.RaceConfig race = plan.experiment().sweep().race();
        if (race != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(ManifestKeys.Race.RULE, race.rule().yamlName());
            r.put(ManifestKeys.Race.ALPHA, race.alpha());
            r.put(ManifestKeys.Race.ETA, race.eta());
            r.put(ManifestKeys.Race.RUNGS, race.rungs());
            r.put(ManifestKeys.Race.LEVEL, Racing.design(plan).level());
            m.put(ManifestKeys.RACE, r);
        }
        m.put(ManifestKeys.TRIAL_COUNT, plan.trials().size());
        m.put(ManifestKeys.VARIANT_COUNT, plan.variants().size());
        m.putAll(Provenance.fields(trials.step()));
        m.put(ManifestKeys.STARTED_AT, startedAt.toString());
        m.put(ManifestKeys.FINISHED_AT, finishedAt == null ? null : finishedAt.toString());
        m.put(ManifestKeys.CONFIG, plan.experiment().base().toMap());
        Map<String, Object> source = modelSource(plan, trials.templates());
        if (source != null) {
            m.put(ManifestKeys.MODEL_SOURCE, source);
        }
        DatasetConfig dataset = plan.experiment().base().dataset();
        LoadedData data = trials.data().load(dataset, dataset.folds() > 0 ? 0 : -1);
        Map<String, Object> dataSource = dataSource(dataset, data.origin(), trials.templates());
        if (dataSource != null) {
            m.put(ManifestKeys.DATA_SOURCE, dataSource);
        }
        m.put(ManifestKeys.DATA_DESCRIPTION, data.description());
        if (!data.regression()) {
            m.put(ManifestKeys.CLASS_NAMES, data.classNames());
            if (!data.sourceCounts().isEmpty()) {
                m.put(ManifestKeys.CLASS_COUNTS, data.sourceCounts());
            }
        }
        if (data.isImage()) {
            m.put(ManifestKeys.IMAGE_SHAPE, List.of(data.height(), data.width(), data.channels()));
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : plan.variants()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(ManifestKeys.Variants.ID, v.id());
            entry.put(ManifestKeys.Variants.AXES, v.axisValues());
            entry.put(ManifestKeys.Variants.BASELINE, v.baseline());
            variants.add(entry);
        }
        m.put(ManifestKeys.VARIANTS, variants);
        m.put(ManifestKeys.EXPECTATIONS, expectations(plan));
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put(ManifestKeys.Statistics.ROPE, finiteOrNull(plan.experiment().statistics().rope()));
        statistics.put(ManifestKeys.Statistics.CORRECTION, plan.experiment().statistics().correction().yamlName());
        m.put(ManifestKeys.STATISTICS, statistics);
        return m;
    }

    /**
     * The experiment's {@code expect:} items. Selectors are written as axis → CSV cell text, the same strings as
     * {@code variants[].axes}, so that a reader matches them to variants by string equality.
     */
    private static List<Map<String, Object>> expectations(Plan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Expectation e : plan.experiment().expectations()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(ManifestKeys.Expectations.CLAIM, e.claim());
            entry.put(ManifestKeys.Expectations.METRIC, e.metric().yamlName());
            entry.put(ManifestKeys.Expectations.THRESHOLD, Double.isNaN(e.threshold()) ? null : e.threshold());
            entry.put(ManifestKeys.Expectations.DIRECTION, e.direction().yamlName());
            entry.put(ManifestKeys.Expectations.SUBJECT, e.subjectCells());
            entry.put(ManifestKeys.Expectations.THAN, e.thanCells());
            entry.put(ManifestKeys.Expectations.ROPE, finiteOrNull(e.rope()));
            out.add(entry);
        }
        return out;
    }

    /**
     * Where a network of one's own came from: the Keras file (path and SHA-256) or the template class and the
     * class path it was loaded from (each jar with its SHA-256). Neither enters the config hash; the Keras file's
     * content does through the mapped model, a template jar's does not, so this is how a reader tells two template
     * builds apart. Null for ablate4j's own templates.
     */
    static Map<String, Object> modelSource(Plan plan, Templates templates) {
        Path keras = ConfigLoader.kerasFile(plan.experiment().raw());
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras != null) {
            m.put("type", "keras");
            m.put("file", keras.toString());
            m.put("sha256", sha256(keras));
            return m;
        }
        String cls = plan.experiment().base().model().templateClass();
        if (cls == null) {
            return null;
        }
        m.put("type", "java");
        m.put("class", cls);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path p : templates.classpath()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", p.toString());
            e.put("sha256", Files.isRegularFile(p) ? sha256(p) : null);
            entries.add(e);
        }
        m.put("classpath", entries);
        return m;
    }

    /**
     * Where a user's data came from, beside {@link #modelSource}: the CSV or CIFAR files (path, SHA-256, rows), the
     * java data class and the class path it was loaded from (each entry with its SHA-256), or the image folder, and a
     * digest of the examples as read. Null for bundled and generated data and IDX files.
     */
    static Map<String, Object> dataSource(DatasetConfig dataset, DataOrigin origin, Templates templates) {
        if (!origin.isUsers()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ManifestKeys.DataSource.TYPE, dataset.name().yamlName());
        if (origin.folder() != null) {
            m.put(ManifestKeys.DataSource.FOLDER, origin.folder().toString());
        } else if (origin.dataClass() != null) {
            m.put(ManifestKeys.DataSource.CLASS, origin.dataClass());
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Path p : templates.classpath()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put(ManifestKeys.DataSource.PATH, p.toString());
                e.put(ManifestKeys.DataSource.SHA256, Files.isRegularFile(p) ? sha256(p) : null);
                entries.add(e);
            }
            m.put(ManifestKeys.DataSource.CLASSPATH, entries);
        } else {
            List<Map<String, Object>> files = new ArrayList<>();
            for (DataOrigin.SourceFile f : origin.files()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put(ManifestKeys.DataSource.PATH, f.path().toString());
                e.put(ManifestKeys.DataSource.SHA256, f.sha256());
                e.put(ManifestKeys.DataSource.ROWS, f.rows());
                files.add(e);
            }
            m.put(ManifestKeys.DataSource.FILES, files);
        }
        m.put(ManifestKeys.DataSource.EXAMPLES, origin.rows());
        m.put(ManifestKeys.DataSource.DROPPED_ROWS, origin.droppedRows());
        m.put(ManifestKeys.DataSource.EXAMPLES_SHA256, origin.sha256());
        return m;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** Writes atomically, forced to the device: a resumed run trusts it. */
    static void write(Path dir, Map<String, Object> manifest) throws IOException {
        AtomicFiles.writeSynced(dir.resolve(FILE), JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode read(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(FILE).toFile());
    }
}
