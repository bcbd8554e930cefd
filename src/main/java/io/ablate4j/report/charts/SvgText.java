package io.ablate4j.report.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Text in the hand-written SVG charts: widths estimated from the characters ({@link #textWidth}), on the generous
 * side because the SVG is written without a browser, and the ways a label is made to fit (truncated at the end or in
 * the middle, wrapped at word and key boundaries).
 */
final class SvgText {
    /** Font size of tick labels, legends and row labels, in viewBox units. */
    static final double FONT = 12;
    static final double TITLE_FONT = 13;
    /** Smallest gap between two tick labels, in viewBox units. */
    static final double LABEL_GAP = 6;

    private SvgText() {
    }


    /**
     * The width of {@code s} at {@code fontSize} in a sans-serif face, over-estimated so that DejaVu Sans (the
     * widest of the usual defaults, and Debian's) fits: narrow glyphs (i, l, 1, punctuation) at 0.40 em, wide ones
     * (m, w, capitals M and W, em-size symbols) at 1.0 em, other capitals at 0.8 em, the rest at 0.64 em (a digit
     * is 0.636 em in DejaVu Sans, 0.556 em in Arial). Bold text is 10% wider ({@link #boldWidth}).
     */
    static double textWidth(String s, double fontSize) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("il1.,:;'|!()[]{} ".indexOf(c) >= 0 || c == 'j' || c == 't' || c == 'f' || c == 'r') {
                em += 0.40;
            } else if ("mwMW@%…—×".indexOf(c) >= 0) {
                em += 1.0;
            } else if (Character.isUpperCase(c) || "−±≈→²".indexOf(c) >= 0) {
                em += 0.8;
            } else {
                em += 0.64;
            }
        }
        return em * fontSize;
    }

    /** The width of {@code s} in bold. */
    static double boldWidth(String s, double fontSize) {
        return 1.1 * textWidth(s, fontSize);
    }

    /** {@code s} cut to fit {@code width} at {@code fontSize}, ending in "…" when cut. */
    static String truncate(String s, double width, double fontSize) {
        if (textWidth(s, fontSize) <= width) {
            return s;
        }
        int n = s.length();
        while (n > 0 && textWidth(s.substring(0, n) + "…", fontSize) > width) {
            n--;
        }
        return n == 0 ? "…" : s.substring(0, n).stripTrailing() + "…";
    }

    /**
     * {@code s} cut to fit {@code width} by dropping its middle ("{dropout: 0.5, batc…before-bn}"): labels that
     * differ only at the end stay apart.
     */
    static String truncateMiddle(String s, double width, double fontSize) {
        if (textWidth(s, fontSize) <= width) {
            return s;
        }
        int head = s.length() / 2;
        int tail = s.length() - head;
        while (head + tail > 0 && textWidth(s.substring(0, head) + "…" + s.substring(s.length() - tail), fontSize)
                > width) {
            if (head >= tail) {
                head--;
            } else {
                tail--;
            }
        }
        return s.substring(0, head).stripTrailing() + "…" + s.substring(s.length() - tail).stripLeading();
    }

    /**
     * {@code text} wrapped into at most {@code maxLines} lines of {@code width}: at spaces, after the hyphens,
     * colons, commas, slashes and underscores of axis values and after a dot before a letter ({@code model.dropout},
     * never {@code 0.5}); a word wider than a line is cut where the line ends. What does not fit is cut from the
     * middle of the last line ({@link #truncateMiddle}).
     */
    static List<String> wrapWords(String text, double width, double fontSize, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty() && lines.size() < maxLines - 1 && textWidth(rest, fontSize) > width) {
            int cut = -1;
            for (int i = 1; i < rest.length(); i++) {
                if (breaksAfter(rest, i) && textWidth(rest.substring(0, i).stripTrailing(), fontSize) <= width) {
                    cut = i;
                }
            }
            if (cut < 0) {
                cut = 1;
                while (cut < rest.length() && textWidth(rest.substring(0, cut + 1), fontSize) <= width) {
                    cut++;
                }
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || lines.isEmpty()) {
            lines.add(truncateMiddle(rest, width, fontSize));
        }
        return lines;
    }

    /** Whether a line may end before {@code s.charAt(i)}. */
    private static boolean breaksAfter(String s, int i) {
        char before = s.charAt(i - 1);
        char at = s.charAt(i);
        return at == ' ' || "-:,/_".indexOf(before) >= 0 && at != ' '
                || before == '.' && Character.isLetter(at);
    }
}
