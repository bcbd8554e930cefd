package io.ablate4j.report.charts;

import static io.ablate4j.report.charts.PngStyle.HELD_OUT;
import static io.ablate4j.report.charts.PngStyle.PANEL_HEIGHT;
import static io.ablate4j.report.charts.PngStyle.PANEL_TITLE_FONT;
import static io.ablate4j.report.charts.PngStyle.PANEL_WIDTH;
import static io.ablate4j.report.charts.PngStyle.TRAIN;
import static io.ablate4j.report.charts.PngStyle.savePanels;
import static io.ablate4j.report.charts.PngStyle.style;

import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.Curves;
import io.ablate4j.report.stats.Curves.Curve;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code learning_curves_accuracy_<page>.png} (or {@code _rmse_}) and {@code learning_curves_loss_<page>.png}: small
 * multiples, one panel per variant, the mean over the ok seeds with a ±1 standard-deviation band; at most
 * {@value #PANELS_PER_PAGE} panels a page and {@value #MAX_CURVE_VARIANTS} variants in all (the baseline, the
 * selected variant, the verdict's variants, then the best by validation accuracy).
 */
final class LearningCurves {
    static final int PANELS_PER_PAGE = 12;
    static final int MAX_CURVE_VARIANTS = 24;

    private LearningCurves() {
    }

    static List<Doc.Image> draw(Path dir, RunData run, List<Summary.Row> summary, List<Verdict.Row> verdict,
                                List<String> notes) throws IOException {
        List<Summary.Row> shown = curveVariants(summary, verdict);
        long withResults = summary.stream().filter(r -> r.n() > 0).count();
        if (shown.size() < withResults) {
            notes.add("Learning curves show " + shown.size() + " of " + withResults + " variants with results "
                    + "(baseline, selected, verdict rows, then the best by validation accuracy).");
        }
        boolean hasVal = run.epochs().values().stream().flatMap(List::stream)
                .anyMatch(r -> Double.isFinite(r.valScore()));
        String heldOut = hasVal ? "validation" : "test";
        Score sc = run.score();
        double k = sc.fraction() ? 100 : 1;
        List<Doc.Image> plots = new ArrayList<>();
        int pages = (shown.size() + PANELS_PER_PAGE - 1) / PANELS_PER_PAGE;
        int perPage = pages == 0 ? 0 : (shown.size() + pages - 1) / pages;
        for (int page = 0; page < pages; page++) {
            List<Summary.Row> rows = shown.subList(page * perPage, Math.min(shown.size(), (page + 1) * perPage));
            String suffix = pages > 1 ? " (" + (page + 1) + " of " + pages + ")" : "";
            List<XYChart> acc = new ArrayList<>();
            List<XYChart> loss = new ArrayList<>();
            for (Summary.Row r : rows) {
                String id = r.variant().variantId();
                String title = panelTitle(r);
                acc.add(curvePanel(title, sc.name() + sc.unit(), LegendPosition.OutsideS,
                        Curves.of(run, id, EpochRow::trainScore, k), "train",
                        Curves.of(run, id, hasVal ? EpochRow::valScore : EpochRow::testScore, k), heldOut, r.n()));
                loss.add(curvePanel(title, "loss", LegendPosition.OutsideS,
                        Curves.of(run, id, EpochRow::trainLoss, 1), "train",
                        Curves.of(run, id, hasVal ? EpochRow::valLoss : EpochRow::testLoss, 1), heldOut, r.n()));
            }
            String accFile = "learning_curves_" + (sc.fraction() ? "accuracy" : sc.key()) + "_" + (page + 1) + ".png";
            String lossFile = "learning_curves_loss_" + (page + 1) + ".png";
            savePanels(acc, dir.resolve(accFile));
            savePanels(loss, dir.resolve(lossFile));
            plots.add(new Doc.Image(Charts.DIR + "/" + accFile, "Learning curves: " + sc.name() + suffix,
                    "Train and " + heldOut + " " + sc.name() + " per epoch, one panel per variant: lines are the mean over "
                            + "the ok seeds, bands ±1 standard deviation. A widening gap between the lines is "
                            + "overfitting."));
            plots.add(new Doc.Image(Charts.DIR + "/" + lossFile, "Learning curves: loss" + suffix,
                    "Train and " + heldOut + " loss per epoch (mean ± 1 sd over seeds). The epoch where the "
                            + heldOut + " loss turns upward is the overfitting onset."));
        }
        return plots;
    }

    private static String panelTitle(Summary.Row r) {
        String title = r.variant().shortLabel();
        if (r.baseline()) {
            title += " [baseline]";
        }
        if (r.selected()) {
            title += " [selected]";
        }
        return title;
    }

    /** The variants that get learning-curve panels, in manifest order. */
    static List<Summary.Row> curveVariants(List<Summary.Row> summary, List<Verdict.Row> verdict) {
        List<Summary.Row> withResults = summary.stream().filter(r -> r.n() > 0).toList();
        if (withResults.size() <= MAX_CURVE_VARIANTS) {
            return withResults;
        }
        Set<Summary.Row> chosen = new LinkedHashSet<>();
        withResults.stream().filter(Summary.Row::baseline).forEach(chosen::add);
        withResults.stream().filter(Summary.Row::selected).forEach(chosen::add);
        verdict.stream().map(Verdict.Row::stats).filter(r -> r.n() > 0).forEach(chosen::add);
        withResults.stream()
                .sorted(Comparator.comparingDouble((Summary.Row r) -> Double.isFinite(r.valMean()) ? -r.valMean()
                        : Double.MAX_VALUE))
                .forEach(chosen::add);
        List<Summary.Row> top = chosen.stream().limit(MAX_CURVE_VARIANTS).toList();
        return withResults.stream().filter(top::contains).toList();
    }

    private static XYChart curvePanel(String title, String yTitle, LegendPosition legend, Curve train,
                                      String trainName, Curve heldOut, String heldOutName, int seeds) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setChartTitleFont(PANEL_TITLE_FONT);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setXAxisDecimalPattern("0");
        String sd = seeds > 1 ? " (mean ± 1 sd, " + seeds + " seeds)" : " (1 seed)";
        addCurve(chart, train, trainName + sd, TRAIN);
        addCurve(chart, heldOut, heldOutName + sd, HELD_OUT);
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + ": no epochs");
            chart.addSeries("no data", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static void addCurve(XYChart chart, Curve c, String name, Color color) {
        if (c.isEmpty()) {
            return;
        }
        int k = c.epoch().length;
        boolean band = false;
        for (double s : c.std()) {
            band |= s > 0;
        }
        if (band && k > 1) {
            double[] x = new double[2 * k];
            double[] y = new double[2 * k];
            for (int i = 0; i < k; i++) {
                x[i] = c.epoch()[i];
                y[i] = c.mean()[i] + c.std()[i];
                x[2 * k - 1 - i] = c.epoch()[i];
                y[2 * k - 1 - i] = c.mean()[i] - c.std()[i];
            }
            XYSeries s = chart.addSeries(name + " band", x, y);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 55));
            s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(false);
        }
        XYSeries line = chart.addSeries(name, c.epoch(), c.mean());
        line.setXYSeriesRenderStyle(k > 1 ? XYSeriesRenderStyle.Line : XYSeriesRenderStyle.Scatter);
        line.setLineColor(color);
        line.setMarkerColor(color);
        line.setLineWidth(2f);
        line.setMarker(k > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
