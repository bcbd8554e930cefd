package io.ablate4j.report.charts;

import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG charts under {@code plots/}, drawn with XChart. Every chart carries a title, axis titles with units
 * and a legend, so that it reads on its own. Accuracies are plotted in percent; a regression's charts show its RMSE
 * in the target's units instead (files {@code test_rmse_by_variant.png}, {@code learning_curves_rmse_<page>.png}).
 *
 * <ul>
 *   <li>{@link LearningCurves}: {@code learning_curves_accuracy_<page>.png},
 *       {@code learning_curves_loss_<page>.png};</li>
 *   <li>{@link VariantScores}: {@code test_accuracy_by_variant.png};</li>
 *   <li>{@link Heatmaps}: {@code heatmap_<axisA>__<axisB>.png} (≥ 2 axes);</li>
 *   <li>{@link GapByFactor}: {@code gap_by_factor.png} (≥ 1 axis).</li>
 * </ul>
 * Their common look is {@link PngStyle}'s.
 *
 * <p>Each chart is drawn with one technology: the main effects on the test score are {@link Figures}' SVG
 * ({@code main_effect_<axis>.svg}), not a PNG as well.
 */
public final class Charts {
    static final String DIR = "plots";
    /** The files of earlier reports this one replaces ({@code main_effects.png}: reports before it became SVG only). */
    private static final List<String> PREFIXES = List.of("learning_curves_", "test_accuracy_by_variant",
            "test_rmse_by_variant", "heatmap_", "main_effects", "gap_by_factor");

    private Charts() {
    }

    /** Renders every chart into {@code runDir/plots/}, replacing the charts of an earlier report. */
    public static List<Doc.Image> render(Path runDir, RunData run, List<Summary.Row> summary,
                                         List<Verdict.Row> verdict, FactorEffects.Effects effects,
                                         List<String> notes) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = runDir.resolve(DIR);
        Files.createDirectories(dir);
        removeOldCharts(dir);
        List<Doc.Image> plots = new ArrayList<>();
        if (run.epochsPresent()) {
            plots.addAll(LearningCurves.draw(dir, run, summary, verdict, notes));
        }
        Score sc = run.score();
        Doc.Image byVariant = VariantScores.draw(dir, run.manifest(), summary, sc);
        if (byVariant != null) {
            plots.add(byVariant);
        }
        plots.addAll(Heatmaps.draw(dir, effects, sc));
        if (!effects.main().isEmpty()) {
            plots.add(GapByFactor.draw(dir, effects, sc));
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

    /** A file-name-safe form of an axis key: letters, digits, dot, dash and underscore. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
