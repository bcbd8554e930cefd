package io.ablate4j.report.charts;

import io.ablate4j.report.render.HtmlRenderer;
import io.ablate4j.report.stats.BaselineOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The charts that the report draws itself as SVG, inline in {@code report.html} and as files under {@code plots/}:
 * the forest plot of every variant against the baseline, the main effects and the interaction plots. They scale
 * with the page ({@code viewBox}, width 100%), and their text is laid out so that it never overlaps: category
 * labels stay horizontal while they fit their slot, are rotated when they do not, truncated (the full text in a
 * {@code <title>} tooltip) when even a rotated label would not fit, and thinned when rotated labels would still
 * collide; numeric axes get as many ticks as their labels leave room for. Text widths are estimated from the
 * characters ({@link #textWidth}), on the generous side, because the SVG is written without a browser.
 */
final class SvgCharts {
    /** Font size of tick labels, legends and row labels, in viewBox units. */
    static final double FONT = 12;
    static final double TITLE_FONT = 13;
    /** Smallest gap between two tick labels, in viewBox units. */
    static final double LABEL_GAP = 6;
    /** The angle rotated category labels take, in degrees (counter-clockwise, so they read upwards). */
    static final double ROTATION = 40;

    static final String HELPED_COLOUR = "#1a7f37";
    static final String HURT_COLOUR = "#c62828";
    static final String EQUIVALENT_COLOUR = "#1f5fa8";
    static final String UNDECIDED_COLOUR = "#555555";
    private static final String[] PALETTE = {"#1f77b4", "#e6550d", "#2ca02c", "#9467bd", "#8c564b", "#d62728",
        "#17becf", "#7f7f7f"};
    private static final String AXIS = "#8a8a8a";
    private static final String GRID = "#e6e6e6";

    private SvgCharts() {
    }

    // ---- text ----

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

    // ---- numeric axes ----

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

    // ---- category axes ----

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

    private static void categoryAxis(StringBuilder out, List<String> full, CategoryLabels cl, List<Double> xs,
                                     double y) {
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

    private static void yAxis(StringBuilder out, Scale y, double left, double right, String title, double top,
                              double bottom) {
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
    private static int verticalTicks(double height) {
        return Math.max(3, Math.min(8, (int) (height / (FONT * 2.6))));
    }

    private static String open(double width, double height, String label) {
        return String.format(Locale.ROOT, "<svg class=\"chart\" "
                + "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\" "
                + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\" "
                + "font-size=\"%.0f\" style=\"width:100%%;max-width:%.0fpx;height:auto\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", width, height, width, height,
                esc(label), FONT, width);
    }

    private static String title(double x, double y, String text, double width) {
        return String.format(Locale.ROOT, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" "
                + "font-weight=\"600\">%s</text>\n", x, y, TITLE_FONT, esc(truncate(text, width / 1.1, TITLE_FONT)));
    }

    // ---- forest plot ----

    /**
     * One row of the forest plot: a variant's difference from the baseline.
     *
     * @param label   the variant's axis values, for the tooltip
     * @param parts   the same split into {@code key=value} pieces, for wrapping
     * @param diff    the difference in plotted units (points or the target's units); NaN when there is none
     * @param low     its 95% CI, NaN when undefined
     * @param verdict what the variant did against the baseline (colour and marker)
     */
    record ForestRow(String label, List<String> parts, double diff, double low, double high,
                     BaselineOutcome verdict) {
    }

    static final double FOREST_WIDTH = 960;
    /** The phone layout's width: each row's label on its own lines above its whisker. */
    static final double NARROW_FOREST_WIDTH = 400;
    private static final double LINE = 15;

    /**
     * The forest plot: one row per variant, its difference from the baseline with the 95% CI as whiskers, a line
     * at 0 and the ROPE ±{@code rope} shaded (none when {@code rope} is NaN or 0); marker and colour by verdict.
     * {@code narrow}: {@value #NARROW_FOREST_WIDTH} wide, each label above its whisker (for a phone); otherwise
     * {@value #FOREST_WIDTH} wide with the labels in a column on the left.
     */
    static String forest(List<ForestRow> rows, double rope, String xTitle, String title, boolean narrow) {
        double width = narrow ? NARROW_FOREST_WIDTH : FOREST_WIDTH;
        double labelWidth = narrow ? width - 24 : Math.min(width * 0.42, Math.max(120, rows.stream()
                .mapToDouble(r -> textWidth(String.join(", ", r.parts()), FONT)).max().orElse(120)));
        double left = narrow ? 20 : 12 + labelWidth + 16;
        double right = width - (narrow ? 20 : 28);
        List<List<String>> lines = new ArrayList<>();
        for (ForestRow r : rows) {
            lines.add(wrapWords(String.join(", ", r.parts()), labelWidth, FONT, 3));
        }
        boolean hasRope = rope > 0;
        StringBuilder out = new StringBuilder();
        double legendBottom = legend(out, 12, 42, width - 24, hasRope);
        double top = legendBottom + 22;
        List<Double> centres = new ArrayList<>();
        List<Double> firstLines = new ArrayList<>();
        double y = top;
        for (List<String> l : lines) {
            if (narrow) {
                firstLines.add(y + 4 + LINE / 2);
                centres.add(y + l.size() * LINE + 12);
                y += l.size() * LINE + 22;
            } else {
                double h = Math.max(26, l.size() * LINE + 10);
                centres.add(y + h / 2);
                firstLines.add(y + h / 2 - (l.size() - 1) * LINE / 2);
                y += h;
            }
        }
        double bottom = y + 4;
        double height = bottom + 50;
        double lo = 0;
        double hi = 0;
        for (ForestRow r : rows) {
            for (double v : new double[] {r.diff(), r.low(), r.high()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hasRope) {
            lo = Math.min(lo, -rope);
            hi = Math.max(hi, rope);
        }
        Scale x = scale(lo, hi, left, right, ticksThatFit(right - left, lo, hi));
        out.insert(0, open(width, height, title) + title(12, 20, title, width - 24));
        for (double t : x.ticks()) {
            double px = x.at(t);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\"/>", px, px, top, bottom, GRID));
            out.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"middle\">%s</text>\n", px, bottom + FONT + 4, x.label(t)));
        }
        if (hasRope) {
            out.append(String.format(Locale.ROOT, "<rect class=\"rope\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\" fill=\"#cfe3f7\" fill-opacity=\"0.7\"><title>ROPE ±%s</title></rect>\n",
                    x.at(-rope), top, x.at(rope) - x.at(-rope), bottom - top, x.label(rope).replace("−", "")));
        }
        double zero = x.at(0);
        out.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
                + "y2=\"%.1f\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\n", zero, zero, top, bottom));
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"/>\n", left, right, bottom, bottom, AXIS));
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" "
                + "text-anchor=\"middle\">%s</text>\n", (left + right) / 2, bottom + FONT + 26,
                esc(truncate(xTitle, right - left, FONT))));
        for (int i = 0; i < rows.size(); i++) {
            ForestRow r = rows.get(i);
            double cy = centres.get(i);
            List<String> l = lines.get(i);
            out.append("<g class=\"row\"><title>").append(esc(r.label() + ": " + describe(r, x))).append("</title>");
            for (int k = 0; k < l.size(); k++) {
                out.append(String.format(Locale.ROOT, "<text class=\"row-label\" x=\"12\" y=\"%.1f\" "
                        + "dominant-baseline=\"middle\">%s</text>", firstLines.get(i) + k * LINE, esc(l.get(k))));
            }
            String colour = colour(r.verdict());
            if (Double.isFinite(r.low()) && Double.isFinite(r.high())) {
                double x1 = x.at(r.low());
                double x2 = x.at(r.high());
                out.append(String.format(Locale.ROOT, "<line class=\"ci\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
                        + "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>", x1, x2, cy, cy, colour));
                for (double xe : new double[] {x1, x2}) {
                    out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"%s\" stroke-width=\"2\"/>", xe, xe, cy - 5, cy + 5, colour));
                }
            }
            if (Double.isFinite(r.diff())) {
                out.append(marker(x.at(r.diff()), cy, r.verdict()));
            }
            out.append("</g>\n");
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String describe(ForestRow r, Scale x) {
        if (!Double.isFinite(r.diff())) {
            return "no results";
        }
        String ci = Double.isFinite(r.low()) ? " [" + x.label(r.low()) + ", " + x.label(r.high()) + "]" : "";
        return (r.diff() >= 0 ? "+" : "") + x.label(r.diff()) + ci + ", " + r.verdict().text();
    }

    /** The verdicts' markers and how to read the plot, wrapped onto more lines as needed; returns the last line's y. */
    private static double legend(StringBuilder out, double x0, double y, double width, boolean rope) {
        List<BaselineOutcome> items = List.of(BaselineOutcome.HELPED, BaselineOutcome.HURT,
                BaselineOutcome.EQUIVALENT, BaselineOutcome.UNDECIDED, BaselineOutcome.NOT_TESTED);
        double x = x0;
        for (BaselineOutcome item : items) {
            double w = 16 + textWidth(item.shortText(), FONT) + 18;
            if (x + w > x0 + width && x > x0) {
                x = x0;
                y += 18;
            }
            out.append(marker(x + 6, y, item));
            out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\" "
                    + "dominant-baseline=\"middle\">%s</text>", x + 16, y, esc(item.shortText())));
            x += w;
        }
        String how = "whiskers: 95% CI; dashed line: no difference" + (rope ? "; shaded: ROPE" : "");
        if (x + textWidth(how, FONT) > x0 + width) {
            x = x0;
            y += 18;
        }
        out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\" "
                + "dominant-baseline=\"middle\">%s</text>\n", x, y, esc(truncate(how, x0 + width - x, FONT))));
        return y;
    }

    private static String colour(BaselineOutcome verdict) {
        return switch (verdict) {
            case HELPED -> HELPED_COLOUR;
            case HURT -> HURT_COLOUR;
            case EQUIVALENT -> EQUIVALENT_COLOUR;
            default -> UNDECIDED_COLOUR;
        };
    }

    /** Filled circle: helped; filled square: hurt; diamond: equivalent; hollow circle: undecided or not tested. */
    private static String marker(double x, double y, BaselineOutcome verdict) {
        String c = colour(verdict);
        String cls = "marker " + verdict.shortText().replace(' ', '-');
        if (verdict == BaselineOutcome.HELPED) {
            return String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\"/>",
                    cls, x, y, c);
        } else if (verdict == BaselineOutcome.HURT) {
            return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" "
                    + "fill=\"%s\"/>", cls, x - 5, y - 5, c);
        } else if (verdict == BaselineOutcome.EQUIVALENT) {
            return String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"%s\"/>",
                    cls, x, y - 6, c);
        }
        boolean tested = verdict == BaselineOutcome.UNDECIDED;
        return String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#fff\" "
                + "stroke=\"%s\" stroke-width=\"2\"%s/>", cls, x, y, c, tested ? "" : " stroke-dasharray=\"2 2\"");
    }

    // ---- main effects and interactions ----

    /** A point of a line: its mean and 95% CI in plotted units (NaN when undefined). */
    record Point(double mean, double low, double high) {
    }

    /**
     * A panel of one factor: x = its levels, y = the mean with 95% CI whiskers, one line per series ({@code
     * series} names in the legend, none when there is a single unnamed series).
     */
    static String lines(String title, String xTitle, String yTitle, List<String> levels, List<String> series,
                        String seriesTitle, List<List<Point>> points, double width) {
        double left = 62;
        double right = width - 14;
        double slot = (right - left) / Math.max(1, levels.size());
        CategoryLabels cl = categoryLabels(levels, slot, 150, left + slot / 2);
        double legendHeight = 0;
        List<double[]> legendAt = new ArrayList<>();
        if (series.size() > 1 || !series.get(0).isEmpty()) {
            double lx = left;
            double ly = 44;
            String head = seriesTitle + ":";
            lx += textWidth(head, FONT) + 10;
            for (String s : series) {
                double w = 22 + textWidth(truncate(s, 180, FONT), FONT) + 14;
                if (lx + w > right && lx > left) {
                    lx = left;
                    ly += 18;
                }
                legendAt.add(new double[] {lx, ly});
                lx += w;
            }
            legendHeight = ly - 44 + 22;
        }
        double top = 36 + legendHeight + 10;
        double bottom = top + 200;
        double height = bottom + cl.height() + 30;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<Point> line : points) {
            for (Point p : line) {
                for (double v : new double[] {p.mean(), p.low(), p.high()}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        Scale y = scale(lo, hi, bottom, top, verticalTicks(bottom - top));
        StringBuilder out = new StringBuilder(open(width, height, title));
        out.append(title(12, 22, title, width - 24));
        if (!legendAt.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\" "
                    + "dominant-baseline=\"middle\">%s</text>", left, 44.0, esc(seriesTitle + ":")));
            for (int s = 0; s < series.size(); s++) {
                double[] at = legendAt.get(s);
                String c = PALETTE[s % PALETTE.length];
                out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"2\"/>", at[0], at[0] + 16, at[1], at[1], c));
                String shown = truncate(series.get(s), 180, FONT);
                out.append("<g>").append(shown.equals(series.get(s)) ? "" : "<title>" + esc(series.get(s))
                        + "</title>").append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" "
                        + "y=\"%.1f\" dominant-baseline=\"middle\">%s</text></g>\n", at[0] + 22, at[1], esc(shown)));
            }
        }
        yAxis(out, y, left, right, yTitle, top, bottom);
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"/>\n", left, right, bottom, bottom, AXIS));
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            xs.add(left + slot * (i + 0.5));
        }
        categoryAxis(out, levels, cl, xs, bottom);
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" "
                + "text-anchor=\"middle\">%s</text>\n", (left + right) / 2, height - 8,
                esc(truncate(xTitle, right - left, FONT))));
        double dodge = series.size() > 1 ? Math.min(8, slot * 0.5 / series.size()) : 0;
        for (int s = 0; s < points.size(); s++) {
            String c = PALETTE[s % PALETTE.length];
            double offset = (s - (points.size() - 1) / 2.0) * dodge;
            StringBuilder path = new StringBuilder();
            List<Point> line = points.get(s);
            for (int i = 0; i < line.size(); i++) {
                Point p = line.get(i);
                if (!Double.isFinite(p.mean())) {
                    continue;
                }
                path.append(path.length() == 0 || !Double.isFinite(line.get(i - 1).mean()) ? "M" : "L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", xs.get(i) + offset, y.at(p.mean())));
            }
            if (path.length() > 0) {
                out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(c)
                        .append("\" stroke-width=\"2\"/>\n");
            }
            for (int i = 0; i < line.size(); i++) {
                Point p = line.get(i);
                if (!Double.isFinite(p.mean())) {
                    continue;
                }
                double px = xs.get(i) + offset;
                out.append("<g><title>").append(esc((series.get(s).isEmpty() ? "" : series.get(s) + ", ")
                        + levels.get(i) + ": " + y.label(p.mean()) + (Double.isFinite(p.low()) ? " [" + y.label(p.low())
                        + ", " + y.label(p.high()) + "]" : ""))).append("</title>");
                if (Double.isFinite(p.low()) && Double.isFinite(p.high())) {
                    out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"%s\" stroke-width=\"1.5\"/>", px, px, y.at(p.low()), y.at(p.high()), c));
                }
                out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>",
                        px, y.at(p.mean()), c));
                out.append("</g>\n");
            }
        }
        out.append("</svg>\n");
        return out.toString();
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
