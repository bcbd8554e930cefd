package io.ablate4j.config;

import io.ablate4j.keras.KerasFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML document as plain values (maps, lists, strings, longs, doubles, booleans, null) with the
 * line each key path came from, so that every later error can point into the file. Sweep overrides are
 * applied to copies of this tree (mappings merge, other values replace); an overridden path then reports the sweep
 * axis it came from. The document and its copies share the Keras files they name, so that one load reads and maps
 * each of them once.
 */
public final class RawConfig {
    private final String source;
    private final String text;
    private final Map<String, Object> root;
    private final Map<String, Integer> lines;
    private final Map<String, String> origins;
    private final KerasFiles kerasFiles;

    RawConfig(String source, String text, Map<String, Object> root, Map<String, Integer> lines) {
        this(source, text, root, lines, Map.of(), KerasFiles.fromDisk());
    }

    private RawConfig(String source, String text, Map<String, Object> root, Map<String, Integer> lines,
                      Map<String, String> origins, KerasFiles kerasFiles) {
        this.source = source;
        this.text = text;
        this.root = root;
        this.lines = lines;
        this.origins = origins;
        this.kerasFiles = kerasFiles;
    }

    /** The Keras files this document's load has read (shared by every copy {@link #with} makes). */
    KerasFiles kerasFiles() {
        return kerasFiles;
    }

    /** This document reading its Keras files through {@code files} (e.g. texts a Spark driver sent). */
    RawConfig readingKerasFrom(KerasFiles files) {
        return new RawConfig(source, text, root, lines, origins, files);
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    /**
     * The YAML text this document was parsed from (copies made by {@link #with} keep the original text), so that
     * another JVM can parse the same experiment again: {@code ConfigLoader.parse(source(), text())}.
     */
    public String text() {
        return text;
    }

    Map<String, Object> root() {
        return root;
    }

    /** The value at a dotted key path ({@code model.dropout}), or null. */
    public Object get(String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    /** Whether the dotted key path is present (possibly with a null value). */
    public boolean has(String path) {
        String[] keys = path.split("\\.");
        Object node = root;
        for (int i = 0; i < keys.length; i++) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(keys[i])) {
                return false;
            }
            node = map.get(keys[i]);
        }
        return true;
    }

    /**
     * A copy with {@code value} set at {@code path} (intermediate maps created as needed); errors about that
     * path will name {@code origin} and {@code originLine} instead.
     */
    public RawConfig with(String path, Object value, String origin, int originLine) {
        Map<String, Object> copy = deepCopy(root);
        String[] keys = path.split("\\.");
        Map<String, Object> node = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = node.get(keys[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                node.put(keys[i], next);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) next;
            node = m;
        }
        String last = keys[keys.length - 1];
        node.put(last, merged(node.get(last), value));
        Map<String, Integer> newLines = new HashMap<>(lines);
        Map<String, String> newOrigins = new HashMap<>(origins);
        newLines.put(path, originLine);
        newOrigins.put(path, origin);
        return new RawConfig(source, text, copy, newLines, newOrigins, kerasFiles);
    }

    /**
     * A mapping set over a mapping merges into it (recursively), so that an axis value like
     * {@code {inputDropout: 0.2, dropout: 0.5}} on {@code model} changes those keys and keeps the others;
     * anything else replaces.
     */
    private static Object merged(Object existing, Object value) {
        if (existing instanceof Map<?, ?> old && value instanceof Map<?, ?> update) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) deepCopyValue(old);
            update.forEach((k, v) -> result.put(String.valueOf(k), merged(result.get(String.valueOf(k)), v)));
            return result;
        }
        return deepCopyValue(value);
    }

    /** Where a key path is written: the file line of it or of its nearest present ancestor. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, cut);
        }
    }

    /** How a key path is named in messages: itself, or the sweep axis entry that set it (or an ancestor). */
    String displayPath(String path) {
        for (Map.Entry<String, String> e : origins.entrySet()) {
            String axis = e.getKey();
            if (path.equals(axis)) {
                return e.getValue();
            }
            if (path.startsWith(axis + ".") || path.startsWith(axis + "[")) {
                return e.getValue() + " → " + path;
            }
        }
        return path;
    }

    /** Formats an error located at a key path. */
    public String message(String path, Object value, String problem) {
        String shown = displayPath(path);
        String at = source + ":" + lineOf(path) + ": " + shown;
        if (value != null) {
            at += " = " + render(value);
        }
        return at + ": " + problem;
    }

    /** Renders a YAML value compactly, as it would be written inline (a bound choice by its YAML spelling). */
    public static String render(Object value) {
        if (value instanceof Enums.Named named) {
            return named.yamlName();
        }
        if (value instanceof String s) {
            return s.isEmpty() || s.isBlank() ? "'" + s + "'" : s;
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            map.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(render(v)));
            return b.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            list.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(render(v)));
            return b.append(']').toString();
        }
        if (value instanceof Double d) {
            return renderNumber(d);
        }
        return String.valueOf(value);
    }

    /** A double as a person writes it: 0.5, 0.0001, 3 (not 3.0), 1.0E-9 only when tiny. */
    public static String renderNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        if (Math.abs(d) >= 1e-5 && Math.abs(d) < 1e15) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(d);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) deepCopyValue(map);
    }

    static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopyValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopyValue(v)));
            return copy;
        }
        return value;
    }
}
