package io.ablate4j.report.charts;

import io.ablate4j.files.AtomicFiles;
import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts under {@code plots/}, drawn with XChart. Every chart carries a title, axis titles with units
 * and a legend, so that it reads on its own. Accuracies are plotted in percent; a regression's charts show its RMSE
 * in the target's units instead (files {@code test_rmse_by_variant.png}, {@code learning_curves_rmse_<page>.png}).
 *
 * <ul>
 *   <li>{@code learning_curves_accuracy_<page>.png}, {@code learning_curves_loss_<page>.png}: small multiples,
 *       one panel per variant, mean over the ok seeds with a ±1 standard-deviation band; at most
 *       {@value #PANELS_PER_PAGE} panels a page and {@value #MAX_CURVE_VARIANTS} variants in all (the baseline,
 *       the selected variant, the verdict's variants, then the best by validation accuracy).</li>
 *   <li>{@code test_accuracy_by_variant.png}: mean test accuracy per variant with 95% CI error bars.</li>
 *   <li>{@code heatmap_<axisA>__<axisB>.png}: mean test accuracy of every pair of axes (≥ 2 axes).</li>
 *   <li>{@code gap_by_factor.png}: per axis, the mean gap of each level with 95% CI error bars (≥ 1 axis).</li>
 * </ul>
 *
 * <p>Each chart is drawn with one technology: the main effects on the test score are {@link Figures}' SVG
 * ({@code main_effect_<axis>.svg}), not a PNG as well.
 */
public final class Charts {
    static final String DIR = "plots";
    static final int PANELS_PER_PAGE = 12;
    static final int MAX_CURVE_VARIANTS = 24;
    private static final int PANEL_COLUMNS = 3;
    private static final int PANEL_WIDTH = 540;
    private static final int PANEL_HEIGHT = 360;
    private static final int MAX_HEATMAPS = 15;
    private static final int ROTATED_CHARS = 26;
    /** The files of earlier reports this one replaces ({@code main_effects.png}: reports before it became SVG only). */
    private static final List<String> PREFIXES = List.of("learning_curves_", "test_accuracy_by_variant",
            "test_rmse_by_variant", "heatmap_", "main_effects", "gap_by_factor");
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color HELD_OUT = new Color(230, 110, 0);
    private static final Color NEUTRAL = new Color(60, 60, 60);
    private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private Charts() {
    }

    /** Renders every chart into {@code runDir/plots/}, replacing the charts of an earlier report. */
    public static List<Doc.Image> render(Path runDir, RunData run, List<Summary.Row> summary, List<Verdict.Row> verdict,
                             FactorEffects.Effects effects, List<String> notes) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = runDir.resolve(DIR);
        Files.createDirectories(dir);
        removeOldCharts(dir);
        List<Doc.Image> plots = new ArrayList<>();
        if (run.epochsPresent()) {
            plots.addAll(learningCurves(dir, run, summary, verdict, notes));
        }
        Score sc = run.score();
        double k = sc.fraction() ? 100 : 1;
        Doc.Image byVariant = testAccuracy(dir, run.manifest(), summary, sc);
        if (byVariant != null) {
            plots.add(byVariant);
        }
        plots.addAll(heatmaps(dir, effects, sc));
        if (!effects.main().isEmpty()) {
            plots.add(factorPanels(dir, "gap_by_factor.png", "Overfitting gap by factor", effects,
                    sc.gapName() + (sc.fraction() ? " (pts)" : ""), l -> k * l.gapMean(),
                    l -> k * l.gapCi().halfWidth(), CategorySeriesRenderStyle.Bar,
                    "Mean gap (" + sc.gapName() + " at the best epoch) of each level; error bars: 95% CI. "
                            + "Lower means less overfitting."));
        }
        return plots;
    }

    private static void removeOldCharts(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.png")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (PREFIXES.stream().anyMatch(name::startsWith)) {
                    Files.delete(f);
                }
            }
        }
    }

    // ---- learning curves ----

    /** Mean and sample standard deviation of one metric per epoch over a variant's ok trials. */
    record Curve(double[] epoch, double[] mean, double[] std) {
        boolean isEmpty() {
            return epoch.length == 0;
        }
    }

    static Curve curve(RunData run, String variantId, ToDoubleFunction<EpochRow> metric, double scale) {
        TreeMap<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (TrialRow t : run.trials()) {
            if (t.ok() && t.variantId().equals(variantId)) {
                for (EpochRow r : run.epochsOf(t.trialId())) {
                    double v = metric.applyAsDouble(r);
                    if (Double.isFinite(v)) {
                        byEpoch.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(scale * v);
                    }
                }
            }
        }
        double[] e = new double[byEpoch.size()];
        double[] m = new double[e.length];
        double[] s = new double[e.length];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> entry : byEpoch.entrySet()) {
            double[] xs = Stats.finite(entry.getValue());
            e[i] = entry.getKey();
            m[i] = Stats.mean(xs);
            double sd = Stats.std(xs);
            s[i] = Double.isFinite(sd) ? sd : 0;
            i++;
        }
        return new Curve(e, m, s);
    }

    private static List<Doc.Image> learningCurves(Path dir, RunData run, List<Summary.Row> summary,
                                             List<Verdict.Row> verdict, List<String> notes) throws IOException {
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
                        curve(run, id, EpochRow::trainScore, k), "train",
                        curve(run, id, hasVal ? EpochRow::valScore : EpochRow::testScore, k), heldOut, r.n()));
                loss.add(curvePanel(title, "loss", LegendPosition.OutsideS,
                        curve(run, id, EpochRow::trainLoss, 1), "train",
                        curve(run, id, hasVal ? EpochRow::valLoss : EpochRow::testLoss, 1), heldOut, r.n()));
            }
            String accFile = "learning_curves_" + (sc.fraction() ? "accuracy" : sc.key()) + "_" + (page + 1) + ".png";
            String lossFile = "learning_curves_loss_" + (page + 1) + ".png";
            savePanels(acc, dir.resolve(accFile));
            savePanels(loss, dir.resolve(lossFile));
            plots.add(new Doc.Image(DIR + "/" + accFile, "Learning curves: " + sc.name() + suffix,
                    "Train and " + heldOut + " " + sc.name() + " per epoch, one panel per variant: lines are the mean over "
                            + "the ok seeds, bands ±1 standard deviation. A widening gap between the lines is "
                            + "overfitting."));
            plots.add(new Doc.Image(DIR + "/" + lossFile, "Learning curves: loss" + suffix,
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

    private static void savePanels(List<? extends Chart<?, ?>> panels, Path file) throws IOException {
        int cols = Math.min(PANEL_COLUMNS, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        List<Chart<?, ?>> all = new ArrayList<>(panels);
        while (all.size() < rows * cols) {
            all.add(blank());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(all, rows, cols, out, BitmapFormat.PNG);
        AtomicFiles.write(file, out.toByteArray());
    }

    /** An empty white panel that fills the last row of a grid. */
    private static XYChart blank() {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        XYSeries none = chart.addSeries(" ", new double[] {0}, new double[] {0});
        none.setMarker(SeriesMarkers.NONE);
        none.setLineColor(Color.WHITE);
        return chart;
    }

    // ---- test accuracy per variant ----

    private static Doc.Image testAccuracy(Path dir, Manifest m, List<Summary.Row> summary, Score sc) throws IOException {
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
        List<Double> errors = rows.stream().map(r -> Double.isFinite(r.testCi().low())
                ? k * r.testCi().halfWidth() : 0.0).toList();
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
        return new Doc.Image(DIR + "/" + file, "Test " + sc.name() + " by variant",
                "Mean " + sc.label("test") + " over the ok seeds with 95% confidence intervals (no bar when n < 2); "
                        + "the dashed line is the baseline's mean. [selected] marks the variant with the best "
                        + sc.label("val") + "." + (sc.higherIsBetter() ? "" : " Lower is better."));
    }

    // ---- heatmaps ----

    private static List<Doc.Image> heatmaps(Path dir, FactorEffects.Effects effects, Score sc) throws IOException {
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
            boolean rotate = i.levelsA().stream().anyMatch(l -> SvgCharts.textWidth(l, 13) + 8 > slot);
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
            String file = "heatmap_" + safe(i.axisA()) + "__" + safe(i.axisB()) + ".png";
            save(chart, dir.resolve(file));
            plots.add(new Doc.Image(DIR + "/" + file, "Heatmap: " + i.axisA() + " × " + i.axisB(),
                    "Mean " + sc.label("test") + sc.unit() + " of the ok trials in each cell, averaged over the other axes and seeds; "
                            + "empty cells have no results. Interaction η² = " + Fmt.eta(i.etaSquared()) + "."));
        }
        return plots;
    }

    // ---- factor panels ----

    private static Doc.Image factorPanels(Path dir, String file, String title, FactorEffects.Effects effects,
                                     String yTitle, ToDoubleFunction<FactorEffects.Level> value,
                                     ToDoubleFunction<FactorEffects.Level> error, CategorySeriesRenderStyle style,
                                     String caption) throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        for (FactorEffects.MainEffect e : effects.main()) {
            List<String> levels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            // XChart draws category labels centred on their slot whatever their width: long ones are rotated and
            // shortened so that neighbours never overlap (the SVG main effects in report.html show them in full).
            double slot = (PANEL_WIDTH - 90.0) / Math.max(1, e.levels().size());
            boolean rotate = e.levels().stream().anyMatch(l -> SvgCharts.textWidth(l.level(), 13) + 8 > slot);
            for (FactorEffects.Level l : e.levels()) {
                double v = value.applyAsDouble(l);
                if (Double.isFinite(v)) {
                    levels.add(rotate ? shorten(l.level(), levels) : l.level());
                    values.add(v);
                    double err = error.applyAsDouble(l);
                    errors.add(Double.isFinite(err) ? err : 0);
                }
            }
            CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title(title + ": " + e.axis()).xAxisTitle(e.axis()).yAxisTitle(yTitle).build();
            style(chart.getStyler());
            chart.getStyler().setXAxisLabelRotation(rotate ? 45 : 0);
            chart.getStyler().setDefaultSeriesRenderStyle(style);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setMarkerSize(9);
            chart.getStyler().setErrorBarsColor(NEUTRAL);
            if (levels.isEmpty()) {
                levels.add("no results");
                values.add(0.0);
                errors.add(0.0);
            }
            CategorySeries s = chart.addSeries("mean ± 95% CI", levels, values, errors);
            s.setFillColor(style == CategorySeriesRenderStyle.Bar ? HELD_OUT : TRAIN);
            s.setMarkerColor(TRAIN);
            s.setMarker(SeriesMarkers.CIRCLE);
            panels.add(chart);
        }
        savePanels(panels, dir.resolve(file));
        return new Doc.Image(DIR + "/" + file, title, caption);
    }

    /** A label of at most {@value #ROTATED_CHARS} characters: its start and end, unique among {@code taken}. */
    static String shorten(String label, List<String> taken) {
        String s = label.length() <= ROTATED_CHARS ? label : label.substring(0, ROTATED_CHARS / 2 - 2) + "..."
                + label.substring(label.length() - (ROTATED_CHARS - ROTATED_CHARS / 2 - 1));
        String unique = s;
        for (int i = 2; taken.contains(unique); i++) {
            unique = s + " (" + i + ")";
        }
        return unique;
    }

    // ---- common ----

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    }

    /** A file-name-safe form of an axis key: letters, digits, dot, dash and underscore. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
