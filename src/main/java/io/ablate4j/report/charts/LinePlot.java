package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.SvgAxes.AXIS;
import static io.ablate4j.report.charts.SvgAxes.esc;
import static io.ablate4j.report.charts.SvgText.FONT;
import static io.ablate4j.report.charts.SvgText.textWidth;
import static io.ablate4j.report.charts.SvgText.truncate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn as SVG: levels of one factor along x, a mean with 95% CI whiskers per level, one line per series
 * (the main effects have one, the interaction plots one per level of the other factor).
 */
final class LinePlot {
    private static final String[] PALETTE = {"#1f77b4", "#e6550d", "#2ca02c", "#9467bd", "#8c564b", "#d62728",
        "#17becf", "#7f7f7f"};

    private LinePlot() {
    }


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
        SvgAxes.CategoryLabels cl = SvgAxes.categoryLabels(levels, slot, 150, left + slot / 2);
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
        SvgAxes.Scale y = SvgAxes.scale(lo, hi, bottom, top, SvgAxes.verticalTicks(bottom - top));
        StringBuilder out = new StringBuilder(SvgAxes.open(width, height, title));
        out.append(SvgAxes.title(12, 22, title, width - 24));
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
        SvgAxes.yAxis(out, y, left, right, yTitle, top, bottom);
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"/>\n", left, right, bottom, bottom, AXIS));
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            xs.add(left + slot * (i + 0.5));
        }
        SvgAxes.categoryAxis(out, levels, cl, xs, bottom);
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
}
