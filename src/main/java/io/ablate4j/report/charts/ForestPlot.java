package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.SvgAxes.AXIS;
import static io.ablate4j.report.charts.SvgAxes.GRID;
import static io.ablate4j.report.charts.SvgAxes.esc;
import static io.ablate4j.report.charts.SvgText.FONT;
import static io.ablate4j.report.charts.SvgText.textWidth;
import static io.ablate4j.report.charts.SvgText.truncate;
import static io.ablate4j.report.charts.SvgText.wrapWords;

import io.ablate4j.report.stats.BaselineOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The forest plot, drawn as SVG: every non-baseline variant's difference from the baseline with its 95% CI, the
 * ROPE shaded, colour and marker by {@link BaselineOutcome}.
 */
final class ForestPlot {
    static final String HELPED_COLOUR = "#1a7f37";
    static final String HURT_COLOUR = "#c62828";
    static final String EQUIVALENT_COLOUR = "#1f5fa8";
    static final String UNDECIDED_COLOUR = "#555555";

    private ForestPlot() {
    }


    /**
     * One row of the forest plot: a variant's difference from the baseline.
     *
     * @param label   the variant's axis values, for the tooltip
     * @param parts   the same split into {@code key=value} pieces, for wrapping
     * @param diff    the difference in plotted units (points or the target's units); NaN when there is none
     * @param low     its 95% CI, NaN when undefined
     * @param verdict what the variant did against the baseline (colour and marker)
     */
    record ForestRow(String label, List<String> parts, double diff, double low, double high, BaselineOutcome verdict) {
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
        SvgAxes.Scale x = SvgAxes.scale(lo, hi, left, right, SvgAxes.ticksThatFit(right - left, lo, hi));
        out.insert(0, SvgAxes.open(width, height, title) + SvgAxes.title(12, 20, title, width - 24));
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

    private static String describe(ForestRow r, SvgAxes.Scale x) {
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
}
