package io.ablate4j.results;

import java.util.Locale;

/** How numbers are written into CSV cells: fixed precision, '.' decimal point, empty for missing (NaN). */
public final class Cells {
    private Cells() {
    }

    /** Accuracies and losses. */
    public static String metric(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Probabilities that can be tiny (p-values, corrected levels): 6 significant digits. */
    public static String probability(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    public static String seconds(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    public static String rate(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }
}
