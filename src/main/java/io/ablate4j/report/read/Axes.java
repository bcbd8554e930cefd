package io.ablate4j.report.read;

import java.util.Collection;

/** Naming and comparison of axis keys and values. */
public final class Axes {
    private Axes() {
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
