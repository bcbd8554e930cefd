package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.PngStyle.HELD_OUT;
import static io.ablate4j.report.charts.PngStyle.NEUTRAL;
import static io.ablate4j.report.charts.PngStyle.PANEL_HEIGHT;
import static io.ablate4j.report.charts.PngStyle.PANEL_WIDTH;
import static io.ablate4j.report.charts.PngStyle.TRAIN;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.FactorEffects;
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
 * {@code gap_by_factor.png}: one panel per axis, the mean overfitting gap of each level with 95% CI error bars.
 */
final class GapByFactor {
    static final String FILE = "gap_by_factor.png";
    private static final String TITLE = "Overfitting gap by factor";

    private GapByFactor() {
    }

    /** The panels of every axis of {@code effects} (at least one). */
    static Doc.Image draw(Path dir, FactorEffects.Effects effects, Score sc) throws IOException {
        double k = sc.fraction() ? 100 : 1;
        List<CategoryChart> panels = new ArrayList<>();
        for (FactorEffects.MainEffect e : effects.main()) {
            List<String> levels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            // XChart draws category labels centred on their slot whatever their width: long ones are rotated and
            // shortened so that neighbours never overlap.
            double slot = (PANEL_WIDTH - 90.0) / Math.max(1, e.levels().size());
            boolean rotate = e.levels().stream().anyMatch(l -> SvgText.textWidth(l.level(), 13) + 8 > slot);
            for (FactorEffects.Level l : e.levels()) {
                double v = k * l.gapMean();
                if (Double.isFinite(v)) {
                    levels.add(rotate ? PngStyle.shorten(l.level(), levels) : l.level());
                    values.add(v);
                    double err = k * l.gapCi().halfWidth();
                    errors.add(Double.isFinite(err) ? err : 0);
                }
            }
            CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title(TITLE + ": " + e.axis()).xAxisTitle(e.axis())
                    .yAxisTitle(sc.gapName() + (sc.fraction() ? " (pts)" : "")).build();
            PngStyle.style(chart.getStyler());
            chart.getStyler().setXAxisLabelRotation(rotate ? 45 : 0);
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setMarkerSize(9);
            chart.getStyler().setErrorBarsColor(NEUTRAL);
            if (levels.isEmpty()) {
                levels.add("no results");
                values.add(0.0);
                errors.add(0.0);
            }
            CategorySeries s = chart.addSeries("mean ± 95% CI", levels, values, errors);
            s.setFillColor(HELD_OUT);
            s.setMarkerColor(TRAIN);
            s.setMarker(SeriesMarkers.CIRCLE);
            panels.add(chart);
        }
        PngStyle.savePanels(panels, dir.resolve(FILE));
        return new Doc.Image(Charts.DIR + "/" + FILE, TITLE, "Mean gap (" + sc.gapName() + " at the best epoch) of "
                + "each level; error bars: 95% CI. Lower means less overfitting.");
    }
}
