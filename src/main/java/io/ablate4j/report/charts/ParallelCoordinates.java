package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.SvgAxes.AXIS;
import static io.ablate4j.report.charts.SvgAxes.esc;
import static io.ablate4j.report.charts.SvgText.FONT;
import static io.ablate4j.report.charts.SvgText.truncate;

import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parallel-coordinates chart of a grid of 3 or more axes, drawn as SVG: one vertical axis per factor with its
 * levels in sweep order, one line per variant through its levels, coloured by its mean test score (light = worse,
 * dark = better; the best drawn last, on top). How a large grid's good region looks at a glance: the dark lines
 * bundle through the levels that work.
 */
final class ParallelCoordinates {
    static final String PREFIX = "parallel_";
    static final String FILE = Charts.DIR + "/" + PREFIX + "coordinates.svg";
    static final double WIDTH = 960;
    private static final double PLOT_TOP = 64;
    private static final double PLOT_HEIGHT = 320;
    private static final double SIDE = 60;
    /** Light yellow to dark blue (viridis's ends, reversed in lightness so that better reads darker). */
    private static final int[][] RAMP = {{253, 231, 37}, {94, 201, 98}, {33, 145, 140}, {59, 82, 139}, {68, 1, 84}};

    private ParallelCoordinates() {
    }

    /** The chart of a grid with at least 3 axes and 2 variants with results; empty otherwise. */
    static Optional<Doc.Svg> figure(Manifest m, List<Summary.Row> summary, Score sc) {
        List<String> axes = m.axes();
        List<Summary.Row> scored = summary.stream().filter(r -> Double.isFinite(r.testMean())).toList();
        if (axes.size() < 3 || scored.size() < 2) {
            return Optional.empty();
        }
        String title = "Every variant across the factors, coloured by mean " + sc.label("test");
        String svg = draw(axes, m.variants(), scored, sc, title);
        String caption = "Parallel coordinates: one vertical axis per factor with its levels in sweep order, one line "
                + "per variant (" + scored.size() + " with results) through its levels, coloured by its mean "
                + sc.label("test") + " from light (worst) to dark (best); the best lines are drawn on top. Where the "
                + "dark lines bundle, those levels work together.";
        return Optional.of(new Doc.Svg(title, caption, List.of(FILE), List.of(svg), null, null));
    }

    static String draw(List<String> axes, List<VariantCells> variants, List<Summary.Row> scored, Score sc,
                       String title) {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String a : axes) {
            Set<String> seen = new LinkedHashSet<>();
            variants.forEach(v -> seen.add(v.axes().getOrDefault(a, "")));
            levels.put(a, new ArrayList<>(seen));
        }
        double spacing = (WIDTH - 2 * SIDE) / (axes.size() - 1);
        double height = PLOT_TOP + PLOT_HEIGHT + 78;
        StringBuilder out = new StringBuilder(SvgAxes.open(WIDTH, height, title));
        out.append(SvgAxes.title(12, 22, title, WIDTH - 24));
        double lo = scored.stream().mapToDouble(Summary.Row::testMean).min().orElse(0);
        double hi = scored.stream().mapToDouble(Summary.Row::testMean).max().orElse(1);
        double sign = sc.higherIsBetter() ? 1 : -1;
        List<Summary.Row> order = new ArrayList<>(scored);
        order.sort(Comparator.comparingDouble(r -> sign * r.testMean()));
        out.append("<g fill=\"none\" stroke-width=\"1.2\" stroke-opacity=\"")
                .append(scored.size() > 200 ? "0.45" : "0.8").append("\">\n");
        for (Summary.Row r : order) {
            double t = hi > lo ? (r.testMean() - lo) / (hi - lo) : 1;
            out.append("<polyline stroke=\"").append(colour(sc.higherIsBetter() ? t : 1 - t)).append("\" points=\"");
            for (int i = 0; i < axes.size(); i++) {
                String a = axes.get(i);
                out.append(String.format(Locale.ROOT, "%s%.0f,%.0f", i == 0 ? "" : " ", SIDE + i * spacing,
                        y(levels.get(a), r.variant().axes().getOrDefault(a, ""))));
            }
            out.append("\"/>\n");
        }
        out.append("</g>\n");
        for (int i = 0; i < axes.size(); i++) {
            String a = axes.get(i);
            double labelWidth = i == axes.size() - 1 ? SIDE - 10 : spacing / 2 - 8;
            double x = SIDE + i * spacing;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"1.5\"/>\n", x, PLOT_TOP, x, PLOT_TOP + PLOT_HEIGHT, AXIS));
            String name = Axes.shortName(a, axes);
            double nameWidth = i == 0 || i == axes.size() - 1 ? Math.min(spacing - 8, 2 * SIDE - 8) : spacing - 8;
            String anchor = i == 0 ? "start" : i == axes.size() - 1 ? "end" : "middle";
            double nx = i == 0 ? x - SIDE + 8 : i == axes.size() - 1 ? x + SIDE - 8 : x;
            out.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
                    + "font-weight=\"600\"><title>%s</title>%s</text>\n", nx, PLOT_TOP - 14, anchor, esc(a),
                    esc(truncate(name, Math.max(30, nameWidth), FONT))));
            List<String> values = levels.get(a);
            int every = Math.max(1, (int) Math.ceil(values.size() / (PLOT_HEIGHT / (FONT + 4))));
            for (int k = 0; k < values.size(); k += every) {
                out.append(String.format(Locale.ROOT, "<text class=\"tick-y\" x=\"%.1f\" y=\"%.1f\" "
                        + "font-size=\"11\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\"><title>%s"
                        + "</title>%s</text>\n", x + 5, y(values, values.get(k)) + 4, esc(values.get(k)),
                        esc(truncate(values.get(k), Math.max(24, labelWidth), 11))));
            }
        }
        legend(out, PLOT_TOP + PLOT_HEIGHT + 34, lo, hi, sc);
        return out.append("</svg>").toString();
    }

    private static double y(List<String> values, String value) {
        int i = Math.max(0, values.indexOf(value));
        return values.size() == 1 ? PLOT_TOP + PLOT_HEIGHT / 2
                : PLOT_TOP + i * PLOT_HEIGHT / (values.size() - 1);
    }

    /** The colour bar from the worst to the best mean, with its two ends labelled. */
    private static void legend(StringBuilder out, double y, double lo, double hi, Score sc) {
        double x0 = SIDE;
        double w = 240;
        out.append("<defs><linearGradient id=\"pc-ramp\">");
        for (int i = 0; i < RAMP.length; i++) {
            out.append(String.format(Locale.ROOT, "<stop offset=\"%.2f\" stop-color=\"%s\"/>", i / (RAMP.length - 1.0),
                    colour(i / (RAMP.length - 1.0))));
        }
        out.append("</linearGradient></defs>\n");
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" "
                + "fill=\"url(#pc-ramp)\"/>\n", x0, y, w));
        double k = sc.fraction() ? 100 : 1;
        String worst = String.format(Locale.ROOT, sc.fraction() ? "%.2f%%" : "%.4g", k * (sc.higherIsBetter() ? lo : hi));
        String best = String.format(Locale.ROOT, sc.fraction() ? "%.2f%%" : "%.4g", k * (sc.higherIsBetter() ? hi : lo));
        out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">worst %s</text>\n", x0,
                y + 26, esc(worst)));
        out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
                + "best %s</text>\n", x0 + w, y + 26, esc(best)));
        out.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">mean %s</text>\n",
                x0 + w + 14, y + 10, esc(sc.label("test"))));
    }

    /** The ramp's colour at {@code t} in [0, 1] (0 worst, 1 best). */
    static String colour(double t) {
        double u = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) u);
        double f = u - i;
        int[] c = new int[3];
        for (int j = 0; j < 3; j++) {
            c[j] = (int) Math.round(RAMP[i][j] + f * (RAMP[i + 1][j] - RAMP[i][j]));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }
}
