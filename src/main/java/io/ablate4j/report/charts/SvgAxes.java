package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.SvgText.FONT;
import static io.ablate4j.report.charts.SvgText.LABEL_GAP;
import static io.ablate4j.report.charts.SvgText.TITLE_FONT;
import static io.ablate4j.report.charts.SvgText.textWidth;
import static io.ablate4j.report.charts.SvgText.truncate;
import static io.ablate4j.report.charts.SvgText.truncateMiddle;
import static io.ablate4j.report.charts.SvgText.wrapWords;

import io.ablate4j.report.render.HtmlRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frame of the hand-written SVG charts: the {@code <svg>} element (it scales with the page: {@code viewBox},
 * width 100%), titles, numeric scales with "nice" ticks (as many as their labels leave room for), and category axes
 * whose labels never overlap (horizontal while they fit their slot, wrapped, rotated, truncated with the full text
 * in a {@code <title>} tooltip, or thinned).
 */
final class SvgAxes {
    /** The angle rotated category labels take, in degrees (counter-clockwise, so they read upwards). */
    static final double ROTATION = 40;
    static final String AXIS = "#8a8a8a";
    static final String GRID = "#e6e6e6";

    private SvgAxes() {
    }


    /** A linear scale from a data range onto a pixel range, with "nice" ticks. */
    record Scale(double min, double max, double from, double to, double step) {
        double at(double v) {
            return from + (v - min) / (max - min) * (to - from);
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
                out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return out;
        }

        String label(double v) {
            int decimals = 0;
            while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals)))
                    > 1e-6) {
                decimals++;
            }
            return String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '−');
        }
    }

    /**
     * A scale over [lo, hi] (padded by 6%, widened when empty) onto [from, to] whose tick step is the smallest of
     * 1, 2, 2.5, 5 × 10^k that leaves at most {@code maxTicks} ticks inside it.
     */
    static Scale scale(double lo, double hi, double from, double to, int maxTicks) {
        if (!(hi > lo)) {
            double mid = Double.isFinite(lo) ? lo : 0;
            double half = Math.max(Math.abs(mid) * 0.05, 0.5);
            lo = mid - half;
            hi = mid + half;
        }
        double pad = (hi - lo) * 0.06;
        lo -= pad;
        hi += pad;
        double raw = (hi - lo) / Math.max(1, maxTicks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = Double.NaN;
        for (int k = 0; k < 12 && Double.isNaN(step); k++) {
            for (double f : new double[] {1, 2, 2.5, 5}) {
                double candidate = f * magnitude * Math.pow(10, k);
                if (Math.floor(hi / candidate + 1e-9) - Math.ceil(lo / candidate - 1e-9) + 1 <= maxTicks) {
                    step = candidate;
                    break;
                }
            }
        }
        return new Scale(lo, hi, from, to, step);
    }

    /** How many ticks a horizontal numeric axis of {@code width} holds when labels are {@code sample}-wide. */
    static int ticksThatFit(double width, double lo, double hi) {
        String sample = String.format(Locale.ROOT, "−%.2f", Math.max(Math.abs(lo), Math.abs(hi)));
        double each = textWidth(sample, FONT) + 2 * LABEL_GAP;
        return Math.max(2, Math.min(9, (int) Math.floor(width / each)));
    }


    /**
     * How the labels of a category axis are drawn.
     *
     * @param lines   per category the lines shown (possibly truncated); one line when rotated
     * @param rotated whether labels are rotated by {@link #ROTATION}
     * @param every   only every {@code every}-th label is shown
     * @param height  the vertical space the labels take below the axis
     */
    record CategoryLabels(List<List<String>> lines, boolean rotated, int every, double height) {
    }

    /** Most lines a horizontal category label is wrapped into. */
    static final int CATEGORY_LINES = 3;
    /** The narrowest slot in which wrapped horizontal labels are preferred to rotated ones. */
    private static final double MIN_WRAPPED_SLOT = 70;

    /**
     * Lays out {@code labels} on slots {@code slot} wide: horizontal, wrapped at spaces into at most {@value
     * #CATEGORY_LINES} lines, when every label then fits its slot, or when slots are at least {@value
     * #MIN_WRAPPED_SLOT} wide (truncating what does not fit); otherwise rotated, truncated to {@code maxRotated}
     * along the text (and to the room left of the tick), and thinned until neighbours are at least a line apart
     * perpendicular to the text.
     */
    static CategoryLabels categoryLabels(List<String> labels, double slot, double maxRotated, double firstX) {
        double room = slot - LABEL_GAP;
        List<List<String>> wrapped = new ArrayList<>();
        boolean whole = true;
        for (String l : labels) {
            List<String> w = wrapWords(l, room, FONT, CATEGORY_LINES);
            whole &= String.join(" ", w).equals(l);
            wrapped.add(w);
        }
        if (whole || slot >= MIN_WRAPPED_SLOT) {
            int lines = wrapped.stream().mapToInt(List::size).max().orElse(1);
            return new CategoryLabels(wrapped, false, 1, lines * (FONT + 3) + 6);
        }
        double sin = Math.sin(Math.toRadians(ROTATION));
        double cos = Math.cos(Math.toRadians(ROTATION));
        int every = 1;
        while (slot * every * sin < FONT * 1.25) {
            every++;
        }
        // A rotated label hangs to the left of its tick: it may reach back to the chart's left edge, no further.
        List<List<String>> shown = new ArrayList<>();
        double longest = 0;
        for (int i = 0; i < labels.size(); i++) {
            double left = (firstX + i * slot - 4 - FONT * sin) / cos;
            String t = truncateMiddle(labels.get(i), Math.min(maxRotated, left), FONT);
            longest = Math.max(longest, textWidth(t, FONT));
            shown.add(List.of(t));
        }
        return new CategoryLabels(shown, true, every, longest * sin + FONT * cos + 8);
    }

    static void categoryAxis(StringBuilder out, List<String> full, CategoryLabels cl, List<Double> xs, double y) {
        for (int i = 0; i < full.size(); i++) {
            if (i % cl.every() != 0) {
                continue;
            }
            List<String> shown = cl.lines().get(i);
            double x = xs.get(i);
            out.append("<g>");
            if (!String.join(" ", shown).equals(full.get(i)) || cl.every() > 1) {
                out.append("<title>").append(esc(full.get(i))).append("</title>");
            }
            if (cl.rotated()) {
                double ty = y + 8;
                out.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" "
                        + "text-anchor=\"end\" dominant-baseline=\"hanging\" transform=\"rotate(-%.0f %.1f %.1f)\">",
                        x, ty, ROTATION, x, ty)).append(esc(shown.get(0))).append("</text>");
            } else {
                for (int k = 0; k < shown.size(); k++) {
                    out.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" "
                            + "text-anchor=\"middle\">", x, y + FONT + 4 + k * (FONT + 3)))
                            .append(esc(shown.get(k))).append("</text>");
                }
            }
            out.append("</g>\n");
        }
    }

    static void yAxis(StringBuilder out, Scale y, double left, double right, String title, double top, double bottom) {
        for (double t : y.ticks()) {
            double py = y.at(t);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\"/>", left, right, py, py, GRID));
            out.append(String.format(Locale.ROOT, "<text class=\"tick-y\" x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>\n", left - 6, py, y.label(t)));
        }
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"/>", left, left, top, bottom, AXIS));
        double cy = (top + bottom) / 2;
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n", 14.0, cy, 14.0, cy,
                esc(truncate(title, bottom - top, FONT))));
    }

    /** How many ticks a vertical axis of {@code height} holds. */
    static int verticalTicks(double height) {
        return Math.max(3, Math.min(8, (int) (height / (FONT * 2.6))));
    }

    static String open(double width, double height, String label) {
        return String.format(Locale.ROOT, "<svg class=\"chart\" "
                + "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\" "
                + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\" "
                + "font-size=\"%.0f\" style=\"width:100%%;max-width:%.0fpx;height:auto\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", width, height, width, height,
                esc(label), FONT, width);
    }

    static String title(double x, double y, String text, double width) {
        return String.format(Locale.ROOT, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" "
                + "font-weight=\"600\">%s</text>\n", x, y, TITLE_FONT, esc(truncate(text, width / 1.1, TITLE_FONT)));
    }

    /** The standalone file form of an inline chart: with the SVG namespace and an XML declaration. */
    static String file(String svg) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + svg.replaceFirst("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
    }

    /** Escapes text for SVG element content and attribute values. */
    static String esc(String s) {
        return HtmlRenderer.escape(s);
    }
}
