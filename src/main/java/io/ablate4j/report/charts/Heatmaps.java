package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.PngStyle.save;
import static io.ablate4j.report.charts.PngStyle.shorten;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * {@code heatmap_<axisA>__<axisB>.png}: the mean test score of each cell of every pair of axes (at most
 * {@value #MAX_HEATMAPS}).
 */
final class Heatmaps {
    private static final int MAX_HEATMAPS = 15;

    private Heatmaps() {
    }

    static List<Doc.Image> draw(Path dir, FactorEffects.Effects effects, Score sc) throws IOException {
        double k = sc.fraction() ? 100 : 1;
        List<Doc.Image> plots = new ArrayList<>();
        for (FactorEffects.Interaction i : effects.interactions()) {
            if (plots.size() >= MAX_HEATMAPS || i.cells().isEmpty()) {
                continue;
            }
            List<Number[]> values = new ArrayList<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (FactorEffects.Level c : i.cells()) {
                // Rounded here because XChart labels cells and the colour scale with the raw value.
                double v = Math.round(100 * k * c.testMean()) / 100.0;
                if (Double.isFinite(c.testMean())) {
                    values.add(new Number[] {i.levelsA().indexOf(c.level()), i.levelsB().indexOf(c.levelB()), v});
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            int width = Math.max(820, 260 + 150 * i.levelsA().size());
            // As in the factor panels: long level names on the x axis are rotated and shortened, never overlapped.
            double slot = (width - 260.0) / i.levelsA().size();
            boolean rotate = i.levelsA().stream().anyMatch(l -> SvgText.textWidth(l, 13) + 8 > slot);
            List<String> levelsA = new ArrayList<>();
            i.levelsA().forEach(l -> levelsA.add(rotate ? shorten(l, levelsA) : l));
            List<String> levelsB = new ArrayList<>();
            i.levelsB().forEach(l -> levelsB.add(shorten(l, levelsB)));
            int height = Math.max(480, 160 + 90 * i.levelsB().size()) + (rotate ? 120 : 0);
            HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                    .title("Mean " + sc.label("test") + sc.unit() + ": " + i.axisA() + " × " + i.axisB())
                    .xAxisTitle(i.axisA()).yAxisTitle(i.axisB()).build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setShowValue(true);
            chart.getStyler().setHeatMapValueDecimalPattern("0.00");
            chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            chart.getStyler().setValueFontColor(Color.BLACK);
            chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214),
                    new Color(8, 81, 156)});
            chart.getStyler().setMin(min);
            chart.getStyler().setMax(max > min ? max : min + 1e-9);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
            chart.getStyler().setDrawBorder(true);
            chart.getStyler().setPlotContentSize(1.0);
            chart.getStyler().setXAxisLabelRotation(rotate ? 45 : 0);
            chart.addSeries("mean " + sc.label("test") + sc.unit(), levelsA, levelsB, values);
            String file = "heatmap_" + Charts.safe(i.axisA()) + "__" + Charts.safe(i.axisB()) + ".png";
            save(chart, dir.resolve(file));
            plots.add(new Doc.Image(Charts.DIR + "/" + file, "Heatmap: " + i.axisA() + " × " + i.axisB(),
                    "Mean " + sc.label("test") + sc.unit() + " of the ok trials in each cell, averaged over the other axes and seeds; "
                            + "empty cells have no results. Interaction η² = " + Fmt.eta(i.etaSquared()) + "."));
        }
        return plots;
    }
}
