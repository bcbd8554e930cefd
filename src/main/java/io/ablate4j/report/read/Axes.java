package io.ablate4j.report.read;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Naming and comparison of axis keys and values. */
public final class Axes {
    private Axes() {
    }

    /** {@code model.dropout=0.5, model.batchNorm=none}: axis cells as people read them. */
    public static String label(Map<String, String> cells) {
        List<String> parts = new ArrayList<>();
        cells.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /**
     * Nested maps (a resolved config) as key paths in their order: {@code model.dropout → 0.5}; lists, scalars and
     * empty maps are leaves.
     */
    public static Map<String, Object> keyPaths(Map<?, ?> nested) {
        Map<String, Object> out = new LinkedHashMap<>();
        keyPaths("", nested, out);
        return out;
    }

    private static void keyPaths(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                keyPaths(key, m, out);
            } else {
                out.put(key, v);
            }
        });
    }

    /**
     * The last segment of a key path ({@code model.dropout} → {@code dropout}) when no other key in
     * {@code all} ends in the same segment; otherwise the full path.
     */
    public static String shortName(String key, Collection<String> all) {
        String last = lastSegment(key);
        long same = all.stream().filter(k -> lastSegment(k).equals(last)).count();
        return same > 1 ? key : last;
    }

    private static String lastSegment(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /**
     * Whether two axis values denote the same setting: equal strings, or both numbers of equal value
     * ({@code "0"} and {@code "0.0"}), because a baseline written by hand may spell a number differently.
     */
    public static boolean sameValue(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            return Double.parseDouble(a.trim()) == Double.parseDouble(b.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
