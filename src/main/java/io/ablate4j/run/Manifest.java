package io.ablate4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Expectation;
import io.ablate4j.network.Templates;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Variant;
import java.io.IOException;
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
    public static final String FILE = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    /** The manifest of a run of {@code plan} whose trials {@code trials} trains (its step and template jars). */
    static Map<String, Object> of(Plan plan, TrialRunner trials, Instant startedAt, Instant finishedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", CsvSchemas.VERSION);
        m.put("experiment", plan.experiment().name());
        m.put("description", plan.experiment().description());
        m.put("configFile", plan.experiment().source());
        m.put("configHash", plan.configHash());
        m.put("axes", plan.axes());
        Map<String, String> baseline = new LinkedHashMap<>();
        plan.baseline().ifPresent(b -> baseline.putAll(b.axisValues()));
        m.put("baseline", baseline);
        m.put("baselineVariant", plan.baseline().map(Variant::id).orElse(null));
        m.put("sweepMode", plan.experiment().sweep().mode().yamlName());
        m.put("seeds", plan.experiment().seeds());
        if (plan.experiment().adaptive() != null) {
            Map<String, Object> adaptive = new LinkedHashMap<>();
            adaptive.put("initial", plan.experiment().adaptive().initial());
            adaptive.put("max", plan.experiment().adaptive().max());
            adaptive.put("step", plan.experiment().adaptive().step());
            adaptive.put("sequence", plan.experiment().adaptive().sequence());
            m.put("adaptiveSeeds", adaptive);
        }
        m.put("trialCount", plan.trials().size());
        m.put("variantCount", plan.variants().size());
        m.putAll(Provenance.fields(trials.step()));
        m.put("startedAt", startedAt.toString());
        m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        m.put("config", plan.experiment().base().toMap());
        Map<String, Object> source = modelSource(plan, trials.templates());
        if (source != null) {
            m.put("modelSource", source);
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : plan.variants()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variantId", v.id());
            entry.put("axes", v.axisValues());
            entry.put("baseline", v.baseline());
            variants.add(entry);
        }
        m.put("variants", variants);
        m.put("expectations", expectations(plan));
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("rope", finiteOrNull(plan.experiment().statistics().rope()));
        statistics.put("correction", plan.experiment().statistics().correction().yamlName());
        m.put("statistics", statistics);
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
            entry.put("claim", e.claim());
            entry.put("metric", e.metric().yamlName());
            entry.put("threshold", Double.isNaN(e.threshold()) ? null : e.threshold());
            entry.put("direction", e.direction().yamlName());
            entry.put("subject", e.subjectCells());
            entry.put("than", e.thanCells());
            entry.put("rope", finiteOrNull(e.rope()));
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

    /** Writes atomically (temp file, then rename). */
    static void write(Path dir, Map<String, Object> manifest) throws IOException {
        TrialFiles.writeAtomically(dir.resolve(FILE), JSON.writeValueAsString(manifest));
    }

    static JsonNode read(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(FILE).toFile());
    }
}
