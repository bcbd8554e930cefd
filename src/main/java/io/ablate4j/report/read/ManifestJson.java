package io.ablate4j.report.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.BaselineSource;
import io.ablate4j.config.Enums;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ManifestKeys;
import io.ablate4j.results.ResultsCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code manifest.json} as the report reads it, once: the parts the report uses, by the writer's keys
 * ({@link ManifestKeys}), every key optional (older manifests lack the later ones). The corrections and claim
 * metrics are the config's enums, mapped from the manifest's spelling.
 */
final class ManifestJson {
    private static final int SUPPORTED_SCHEMA = CsvSchemas.VERSION;

    private final JsonNode root;
    private final Path file;

    private ManifestJson(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    /** Parses {@code file}; a file that is not a JSON object is a {@link ReportException} naming line and column. */
    static ManifestJson read(Path file) throws IOException {
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ReportException(file + ": expected a JSON object");
            }
            return new ManifestJson(node, file);
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ": not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** {@code adaptiveSeeds} of the manifest; null for a fixed seed list (or a sequence too short to use). */
    private Manifest.Adaptive adaptive() {
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
        int step = Math.max(1, a.path(ManifestKeys.Adaptive.STEP).asInt(1));
        return new Manifest.Adaptive(sequence, initial, step, Map.of());
    }

    /** The manifest's resolved config; empty when it has none. */
    Map<String, Object> config() {
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
    ResultsCheck.Membership membership() {
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

    /** Axis keys from the manifest; null when it has none, so that they are taken from the CSV header. */
    List<String> axes() {
        JsonNode axes = root.get(ManifestKeys.AXES);
        if (axes == null || !axes.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        axes.forEach(a -> out.add(a.asText()));
        return out;
    }

    Manifest manifest(List<TrialRow> trials, List<String> warnings) {
        int schema = root.path(ManifestKeys.SCHEMA_VERSION).asInt(0);
        if (schema > SUPPORTED_SCHEMA) {
            warnings.add(file + ": schemaVersion " + schema + " is newer than this report understands ("
                    + SUPPORTED_SCHEMA + "); unknown fields are ignored");
        }
        List<String> axes = axes();
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
        Map<String, Object> config = config();
        return new Manifest(schema, text(ManifestKeys.EXPERIMENT), text(ManifestKeys.DESCRIPTION),
                text(ManifestKeys.CONFIG_FILE), text(ManifestKeys.CONFIG_HASH), axes, baseline,
                text(ManifestKeys.SWEEP_MODE), seeds, root.path(ManifestKeys.TRIAL_COUNT).asInt(0),
                root.path(ManifestKeys.VARIANT_COUNT).asInt(0), text(ManifestKeys.STARTED_AT),
                text(ManifestKeys.FINISHED_AT), config, variants, expectations(warnings),
                statistics(), adaptive(), provenance(),
                BaselineSource.ofManifestName(text(ManifestKeys.BASELINE_SOURCE)), classNames(),
                text(ManifestKeys.DATA_DESCRIPTION), race());
    }

    /** {@code classNames}: a classification's class names by index; empty when absent. */
    private List<String> classNames() {
        List<String> names = new ArrayList<>();
        root.path(ManifestKeys.CLASS_NAMES).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** {@code race} of the manifest; null without one. */
    private Manifest.Race race() {
        JsonNode r = root.path(ManifestKeys.RACE);
        if (!r.isObject()) {
            return null;
        }
        List<Integer> rungs = new ArrayList<>();
        r.path(ManifestKeys.Race.RUNGS).forEach(n -> rungs.add(n.asInt()));
        return new Manifest.Race(r.path(ManifestKeys.Race.RULE).asText(""), r.path(ManifestKeys.Race.ALPHA)
                .asDouble(Double.NaN), r.path(ManifestKeys.Race.ETA).asInt(0), rungs);
    }

    /**
     * The provenance fields ({@link ManifestKeys#PROVENANCE}) the manifest has, as text: a value as written, an
     * object or list as compact JSON; a field that is absent or null is left out.
     */
    private Map<String, String> provenance() {
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
    private Manifest.Statistics statistics() {
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

    private List<Claim> expectations(List<String> warnings) {
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

    private String text(String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
