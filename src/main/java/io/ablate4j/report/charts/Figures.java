package io.ablate4j.report.charts;

import io.ablate4j.files.AtomicFiles;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.render.Blocks;
import io.ablate4j.report.render.CsvOutputs;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.render.LargeGrid;
import io.ablate4j.report.render.FigureSet;
import io.ablate4j.report.render.ScoreCells;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's SVG figures ({@link ForestPlot}, {@link LinePlot}), built from the statistics the tables show and
 * written to {@code plots/} as well:
 *
 * <ul>
 *   <li>{@code plots/forest.svg}: every non-baseline variant's difference from the baseline, the verdict table's
 *       Δ with the CI of {@link Summary}'s comparison (paired by seed where possible), the ROPE of
 *       {@code statistics.rope} shaded; at most {@value #MAX_FOREST_ROWS} rows;</li>
 *   <li>{@code plots/main_effect_<axis>.svg}: one panel per axis, the marginal means of {@link FactorEffects};</li>
 *   <li>{@code plots/interaction_<axisA>__<axisB>.svg}: for each pair of axes with at least two levels each, in a
 *       full grid only (elsewhere the cells do not hold the other axes fixed), x = the levels of the axis with
 *       more of them, one line per level of the other, y = the cell means with 95% CIs; at most
 *       {@value #MAX_INTERACTIONS}.</li>
 * </ul>
 */
public final class Figures {
    static final int MAX_FOREST_ROWS = 80;
    /**
     * In a large grid ({@link LargeGrid}) the forest plot shows the best and the worst this many variants by their
     * difference from the baseline, best first (LargeGrid adds every variant in a sortable table).
     */
    static final int FOREST_ENDS = 15;
    static final int MAX_INTERACTIONS = 6;
    static final double PANEL_WIDTH = 420;
    private static final List<String> PREFIXES = List.of("forest", "main_effect_", "interaction_",
            ParallelCoordinates.PREFIX);

    private Figures() {
    }

    /** Builds the figures and writes their files into {@code runDir/plots/}, replacing those of an earlier report. */
    public static FigureSet write(Path runDir, Manifest m, Optional<VariantCells> baseline, List<Summary.Row> summary,
                                  FactorEffects.Effects effects, Score sc) throws IOException {
        FigureSet set = build(m, baseline, summary, effects, sc);
        Path dir = runDir.resolve(Charts.DIR);
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.svg")) {
            for (Path f : files) {
                if (PREFIXES.stream().anyMatch(f.getFileName().toString()::startsWith)) {
                    Files.delete(f);
                }
            }
        }
        for (Doc.Svg f : set.all()) {
            for (int i = 0; i < f.files().size(); i++) {
                AtomicFiles.write(runDir.resolve(f.files().get(i)),
                        SvgAxes.file(f.svgs().get(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return set;
    }

    /**
     * The parallel-coordinates chart of a large grid ({@link ParallelCoordinates}: 3 or more axes, a large grid), written to {@code plots/parallel_coordinates.svg}; empty otherwise. Called after
     * {@link #write}, which removes an earlier report's file.
     */
    public static Optional<Doc.Svg> parallelCoordinates(Path runDir, Manifest m, List<Summary.Row> summary, Score sc)
            throws IOException {
        if (!LargeGrid.large(m.variants().size())) {
            return Optional.empty();
        }
        Optional<Doc.Svg> f = ParallelCoordinates.figure(m, summary, sc);
        if (f.isPresent()) {
            AtomicFiles.write(runDir.resolve(ParallelCoordinates.FILE),
                    SvgAxes.file(f.get().svgs().get(0)).getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    /** Builds the figures in memory, writing nothing (the live page's). */
    public static FigureSet build(Manifest m, Optional<VariantCells> baseline, List<Summary.Row> summary,
                           FactorEffects.Effects effects, Score sc) {
        List<String> forestNotes = new ArrayList<>();
        List<String> factorNotes = new ArrayList<>();
        return new FigureSet(forest(m, baseline, summary, sc, forestNotes), mainEffects(effects, sc),
                interactions(m, effects, sc, factorNotes), forestNotes, factorNotes);
    }

    // ---- forest ----

    private static Optional<Doc.Svg> forest(Manifest m, Optional<VariantCells> baseline, List<Summary.Row> summary,
                                            Score sc, List<String> notes) {
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        VariantCells base = baseline.get();
        double k = sc.fraction() ? 100 : 1;
        List<ForestPlot.ForestRow> rows = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<Summary.Row> shown = summary.stream().filter(r -> !r.baseline()).toList();
        int candidates = shown.size();
        boolean large = LargeGrid.large(m.variants().size());
        if (large) {
            shown = byEffect(shown, sc);
        }
        for (Summary.Row r : shown) {
            if (rows.size() >= MAX_FOREST_ROWS) {
                continue;
            }
            Comparison.Result x = r.comparison();
            BaselineOutcome verdict = Verdict.outcome(r).shown();
            // The comparison's own difference, the centre of its CI: the difference of the means, unless adaptive
            // seeds pair the variant with the baseline on fewer seeds than the baseline has.
            double diff = x.defined() ? x.difference() : r.delta();
            rows.add(new ForestPlot.ForestRow(r.variant().label(), changes(m, base, r.variant()), k * diff,
                    x.defined() ? k * x.ci().low() : Double.NaN, x.defined() ? k * x.ci().high() : Double.NaN,
                    verdict));
            table.add(List.of(String.join(", ", changes(m, base, r.variant())), Integer.toString(r.n()),
                    ScoreCells.difference(sc, diff, x), verdict.text()));
            classes.add(Blocks.rowClass(verdict));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.stream().noneMatch(r -> Double.isFinite(r.diff()))) {
            notes.add("The forest plot is left out: no variant has results to compare with the baseline's"
                    + (summary.stream().anyMatch(r -> r.baseline() && r.n() == 0) ? " (the baseline has none)" : "")
                    + ".");
            return Optional.empty();
        }
        if (large) {
            notes.add("The forest plot shows the " + FOREST_ENDS + " best and the " + FOREST_ENDS + " worst of "
                    + candidates + " variants by their difference from the baseline, best first (variants without "
                    + "results left out); every variant is in the sortable table below and in " + CsvOutputs.SUMMARY
                    + ".");
        } else if (candidates > rows.size()) {
            notes.add("The forest plot shows the first " + rows.size() + " of " + candidates + " variants (manifest "
                    + "order); all are in " + CsvOutputs.SUMMARY + ".");
        }
        double rope = m.statistics().rope(sc);
        String unit = sc.fraction() ? " (percentage points)" : " (target's units; negative is better)";
        String title = "Difference from the baseline: Δ " + sc.label("test") + " [95% CI]";
        double shownRope = Double.isFinite(rope) ? k * rope : Double.NaN;
        String xTitle = "Δ " + sc.label("test") + " vs baseline" + unit;
        String svg = ForestPlot.forest(rows, shownRope, xTitle, title, false);
        String narrow = ForestPlot.forest(rows, shownRope, xTitle, title, true);
        String caption = "One row per variant, named by the settings that differ from the baseline ("
                + base.label() + "; hover a row for the full variant): the point is its difference from the baseline "
                + "in mean " + sc.label("test") + ", the whiskers its 95% CI (paired by seed; Welch where the seeds "
                + "differ" + (m.adaptive() != null ? "; with adaptive seeds the repeated confidence interval of the "
                + "sequential design" : "") + "), the dashed line no difference"
                + (Double.isFinite(rope) && rope > 0 ? ", the shaded band the region of practical equivalence ±"
                + Fmt.difference(sc, rope).replace("+", "") + " (statistics.rope)"
                : "; no ROPE is set (statistics.rope), so nothing can be called equivalent")
                + ". Colour and marker give the verdict, as in the verdict table.";
        return Optional.of(new Doc.Svg(title, caption, List.of(Charts.DIR + "/forest.svg"), List.of(svg), narrow,
                new Doc.Table("The forest plot as a table", List.of("variant (changes from the baseline)", "n",
                        "Δ test [95% CI]" + (sc.fraction() ? " (pts)" : ""), "verdict"), table, classes)));
    }

    /**
     * The best and the worst {@value #FOREST_ENDS} variants with results by their difference from the baseline
     * (the comparison's own, else the difference of means), best first in the score's direction.
     */
    static List<Summary.Row> byEffect(List<Summary.Row> rows, Score sc) {
        double sign = sc.higherIsBetter() ? 1 : -1;
        List<Summary.Row> sorted = new ArrayList<>(rows.stream().filter(r -> Double.isFinite(effect(r))).toList());
        sorted.sort(java.util.Comparator.comparingDouble((Summary.Row r) -> -sign * effect(r)));
        if (sorted.size() <= 2 * FOREST_ENDS) {
            return sorted;
        }
        List<Summary.Row> out = new ArrayList<>(sorted.subList(0, FOREST_ENDS));
        out.addAll(sorted.subList(sorted.size() - FOREST_ENDS, sorted.size()));
        return out;
    }

    /** A variant's difference from the baseline as the forest plot draws it. */
    public static double effect(Summary.Row r) {
        return r.comparison().defined() ? r.comparison().difference() : r.delta();
    }

    /** The {@code key=value} settings in which {@code v} differs from the baseline (its whole label if none). */
    static List<String> changes(Manifest m, VariantCells base, VariantCells v) {
        List<String> out = new ArrayList<>();
        for (String axis : m.axes()) {
            String value = v.axes().get(axis);
            if (!Axes.sameValue(value, base.axes().get(axis))) {
                out.add(Axes.shortName(axis, m.axes()) + "=" + value);
            }
        }
        return out.isEmpty() ? List.of(v.label()) : out;
    }

    // ---- main effects ----

    private static Optional<Doc.Svg> mainEffects(FactorEffects.Effects effects, Score sc) {
        if (effects.main().isEmpty()) {
            return Optional.empty();
        }
        double k = sc.fraction() ? 100 : 1;
        List<String> files = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        for (FactorEffects.MainEffect e : effects.main()) {
            List<String> levels = new ArrayList<>();
            List<LinePlot.Point> points = new ArrayList<>();
            for (FactorEffects.Level l : e.levels()) {
                levels.add(l.level());
                points.add(point(l, k));
            }
            if (levels.isEmpty()) {
                continue;
            }
            svgs.add(LinePlot.lines("Main effect of " + e.axis(), e.axis(), "mean " + sc.label("test") + sc.unit(),
                    levels, List.of(""), "", List.of(points), PANEL_WIDTH));
            files.add(Charts.DIR + "/main_effect_" + Charts.safe(e.axis()) + ".svg");
        }
        if (svgs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Doc.Svg("Main effects on " + sc.label("test"), "Marginal mean " + sc.label("test")
                + " of each level, over all other axes and seeds; whiskers: 95% CI." + (sc.higherIsBetter() ? ""
                : " Lower is better.") + " Long level names are shortened; hover for the full name.", files, svgs,
                null, null));
    }

    private static LinePlot.Point point(FactorEffects.Level l, double k) {
        boolean ci = Double.isFinite(l.testCi().low());
        return new LinePlot.Point(k * l.testMean(), ci ? k * l.testCi().low() : Double.NaN,
                ci ? k * l.testCi().high() : Double.NaN);
    }

    // ---- interactions ----

    private static Optional<Doc.Svg> interactions(Manifest m, FactorEffects.Effects effects, Score sc,
                                                  List<String> notes) {
        List<FactorEffects.Interaction> pairs = effects.interactions().stream()
                .filter(i -> i.levelsA().size() >= 2 && i.levelsB().size() >= 2).toList();
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        String mode = m.partialSweep();
        if (mode != null) {
            notes.add("No interaction plots: this is a " + mode + " sweep, not a full grid, so its cells do not "
                    + "hold the other axes fixed and lines of one factor across another would mislead.");
            return Optional.empty();
        }
        double k = sc.fraction() ? 100 : 1;
        List<String> files = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        for (FactorEffects.Interaction i : pairs.subList(0, Math.min(MAX_INTERACTIONS, pairs.size()))) {
            // The axis with more levels goes along x, so that the legend has the fewer lines.
            boolean swap = i.levelsB().size() > i.levelsA().size();
            String xAxis = swap ? i.axisB() : i.axisA();
            String lineAxis = swap ? i.axisA() : i.axisB();
            List<String> xLevels = swap ? i.levelsB() : i.levelsA();
            List<String> lineLevels = swap ? i.levelsA() : i.levelsB();
            List<List<LinePlot.Point>> lines = new ArrayList<>();
            for (String l : lineLevels) {
                List<LinePlot.Point> line = new ArrayList<>();
                for (String x : xLevels) {
                    FactorEffects.Level cell = swap ? i.cell(l, x) : i.cell(x, l);
                    line.add(cell == null ? new LinePlot.Point(Double.NaN, Double.NaN, Double.NaN) : point(cell, k));
                }
                lines.add(line);
            }
            String title = xAxis + " × " + lineAxis + " (interaction η² " + Fmt.eta(i.etaSquared()) + ")";
            if (SvgText.boldWidth(title, SvgText.TITLE_FONT) > PANEL_WIDTH - 24) {
                title = xAxis + " × " + lineAxis; // η² is in the effect sizes table
            }
            svgs.add(LinePlot.lines(title, xAxis, "mean " + sc.label("test") + sc.unit(), xLevels, lineLevels,
                    Axes.shortName(lineAxis, m.axes()), lines, PANEL_WIDTH));
            files.add(Charts.DIR + "/interaction_" + Charts.safe(i.axisA()) + "__" + Charts.safe(i.axisB()) + ".svg");
        }
        if (pairs.size() > MAX_INTERACTIONS) {
            notes.add("Interaction plots show the first " + MAX_INTERACTIONS + " of " + pairs.size() + " pairs of "
                    + "axes; every pair's cell means are in the tables above and in " + CsvOutputs.FACTORS + ".");
        }
        return Optional.of(new Doc.Svg("Interaction plots", "For each pair of axes: the mean " + sc.label("test")
                + " at each level of one (x, the one with more levels) with one line per level of the other, over "
                + "the other axes and seeds; whiskers: 95% CI. Parallel lines mean the two act independently; lines "
                + "that cross or fan out are an interaction. A missing point is a cell without ok trials.", files, svgs,
                null, null));
    }
}
