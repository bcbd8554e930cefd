package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.PngStyle.HELD_OUT;
import static io.ablate4j.report.charts.PngStyle.TRAIN;
import static io.ablate4j.report.charts.PngStyle.save;
import static io.ablate4j.report.charts.PngStyle.style;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.Summary;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code test_accuracy_by_variant.png} (or {@code test_rmse_by_variant.png}): the mean test score of each variant
 * with 95% CI error bars and the baseline's mean as a dashed line.
 */
final class VariantScores {
    private VariantScores() {
    }

    static Doc.Image draw(Path dir, Manifest m, List<Summary.Row> summary, Score sc) throws IOException {
        double k = sc.fraction() ? 100 : 1;
        List<Summary.Row> rows = summary.stream().filter(r -> Double.isFinite(r.testMean())).toList();
        if (rows.isEmpty()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (Summary.Row r : rows) {
            String label = r.variant().shortLabel();
            label += r.baseline() ? " [baseline]" : "";
            label += r.selected() ? " [selected]" : "";
            labels.add(label);
        }
        int longest = labels.stream().mapToInt(String::length).max().orElse(10);
        int width = Math.min(2400, Math.max(900, 160 + 46 * rows.size()));
        int height = 520 + Math.min(360, 7 * longest);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title("Test " + sc.name() + " by variant" + (m.experiment() == null ? "" : ": " + m.experiment()))
                .xAxisTitle("variant").yAxisTitle(sc.label("test") + sc.unit()).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLabelRotation(rows.size() > 4 || longest > 20 ? 90 : 0);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<Double> means = rows.stream().map(r -> k * r.testMean()).toList();
        // XChart draws symmetric bars: the t-interval's half-width, uncut (the caption says where it was cut)
        List<Double> errors = rows.stream().map(r -> Double.isFinite(r.testCi().low())
                ? k * Summary.halfWidth(r) : 0.0).toList();
        CategorySeries s = chart.addSeries("mean " + sc.label("test") + " ± 95% CI (t, n−1 df)", labels, means,
                errors);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(TRAIN);
        s.setFillColor(TRAIN);
        rows.stream().filter(Summary.Row::baseline).findFirst().ifPresent(b -> {
            List<Double> level = rows.stream().map(r -> k * b.testMean()).toList();
            CategorySeries line = chart.addSeries("baseline mean", labels, level);
            line.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(HELD_OUT);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {6, 4}, 0));
        });
        String file = "test_" + (sc.fraction() ? "accuracy" : sc.key()) + "_by_variant.png";
        save(chart, dir.resolve(file));
        return new Doc.Image(Charts.DIR + "/" + file, "Test " + sc.name() + " by variant",
                "Mean " + sc.label("test") + " over the ok seeds with 95% confidence intervals (no bar when n < 2); "
                        + "the dashed line is the baseline's mean. [selected] marks the variant with the best "
                        + sc.label("val") + "." + (sc.higherIsBetter() ? "" : " Lower is better.")
                        + (rows.stream().anyMatch(Summary.Row::testCiClipped) ? " The bars are the t-interval's "
                        + "half-width either side of the mean; where that reaches past "
                        + sc.range().text(sc.fraction()) + ", the tables show the interval cut at the bound." : ""));
    }
}
