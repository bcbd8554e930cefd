package io.ablate4j.report.stats;

import io.ablate4j.report.read.Score;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Number formatting: exact-enough for CSV, readable for the report. Undefined (NaN) is always an empty cell. */
public final class Fmt {
    private static final MathContext CSV_DIGITS = new MathContext(6);

    private Fmt() {
    }

    /**
     * A CSV cell: six significant digits, no trailing zeros, plain notation unless the magnitude is below
     * 1e-4 ({@code 0.873333}, {@code 12}, {@code 3.2E-7}); empty for NaN or infinity.
     */
    public static String csv(double x) {
        if (!Double.isFinite(x)) {
            return "";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(x).round(CSV_DIGITS).stripTrailingZeros();
        return Math.abs(x) >= 1e-4 ? d.toPlainString() : d.toString();
    }

    /** A fraction as percent with two decimals, no sign: {@code 87.23}; "–" when undefined. */
    public static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f", 100 * fraction) : "–";
    }

    /** A difference of fractions in percentage points with a sign: {@code +2.10}, {@code -0.35}. */
    static String pts(double fractionDelta) {
        return Double.isFinite(fractionDelta) ? String.format(Locale.ROOT, "%+.2f", 100 * fractionDelta) : "–";
    }

    /** A p-value: three decimals, or {@code <0.001}; "–" when undefined. */
    public static String p(double p) {
        if (!Double.isFinite(p)) {
            return "–";
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A plain number with the given decimals; "–" when undefined. */
    public static String num(double x, int decimals) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + decimals + "f", x) : "–";
    }

    /** Four significant digits in plain notation ({@code 54.31}, {@code 0.8123}, {@code 1234}); "–" when undefined. */
    public static String sig(double x) {
        if (!Double.isFinite(x)) {
            return "–";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(4));
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** As {@link #sig} with a sign: {@code +3.214}, {@code -0.5000}. */
    static String signedSig(double x) {
        return Double.isFinite(x) && x >= 0 ? "+" + sig(x) : sig(x);
    }

    /** An interval {@code [low, high]}, each end written by {@code end}. */
    public static String interval(Stats.Interval ci, DoubleFunction<String> end) {
        return "[" + end.apply(ci.low()) + ", " + end.apply(ci.high()) + "]";
    }

    /** An effect size η² with three decimals; "–" when undefined. */
    public static String eta(double eta) {
        return num(eta, 3);
    }

    /** A value of the score for people: {@code 87.10%}, {@code 54.31}. */
    public static String value(Score score, double x) {
        return score.fraction() ? pct(x) + "%" : sig(x);
    }

    /** A value in a table column that states its unit: {@code 87.10}, {@code 54.31}. */
    public static String plain(Score score, double x) {
        return score.fraction() ? pct(x) : sig(x);
    }

    /** A signed difference for people: {@code +2.10 pts}, {@code -3.2}. */
    public static String difference(Score score, double d) {
        return score.fraction() ? pts(d) + " pts" : signedSig(d);
    }

    /** A signed difference in a table column: {@code +2.10}, {@code -3.2}. */
    public static String plainDifference(Score score, double d) {
        return score.fraction() ? pts(d) : signedSig(d);
    }

    /** A gap value (percentage points, or loss units), signed. */
    public static String gap(Score score, double g) {
        return score.fraction() ? pts(g) : signedSig(g);
    }

    /** Replaces the dash used for "undefined" by "-" and other non-ASCII by ASCII, for console text. */
    public static String ascii(String s) {
        return s.replace('–', '-').replace('−', '-').replace("±", "+/-").replace("×", "x").replace("η²", "eta2")
                .replace("→", "->").replace("≈", "~").replace("≥", ">=").replace("≤", "<=");
    }
}
