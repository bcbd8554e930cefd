package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.read.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeCaseTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryWithoutManifestIsRejectedClearly() throws IOException {
        ReportException e = assertThrows(ReportException.class, () -> Report.generate(dir));
        assertTrue(e.getMessage().contains("manifest.json not found"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void aDirectoryWithoutTrialsIsRejectedClearly() throws IOException {
        new RunFixture().axis("model.dropout", "0.0").write(dir);
        Files.delete(dir.resolve("trials.csv"));
        ReportException e = assertThrows(ReportException.class, () -> Report.generate(dir));
        assertTrue(e.getMessage().contains("trials.csv not found"), e.getMessage());
    }

    @Test
    void aMissingDirectoryIsRejectedClearly() {
        ReportException e = assertThrows(ReportException.class, () -> Report.generate(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void malformedCellsNameFileLineAndColumn() throws IOException {
        new RunFixture().axis("model.dropout", "0.0", "0.5").seeds(1L).write(dir);
        List<String> lines = Files.readAllLines(dir.resolve("trials.csv"));
        lines.set(2, lines.get(2).replace(",ok,", ",great,"));
        Files.write(dir.resolve("trials.csv"), lines);
        ReportException e = assertThrows(ReportException.class, () -> Report.generate(dir));
        assertTrue(e.getMessage().contains("trials.csv:3: status 'great' is not one of ok, diverged, failed"),
                e.getMessage());
    }

    @Test
    void missingRequiredColumnsAreListed() throws IOException {
        new RunFixture().axis("model.dropout", "0.0", "0.5").seeds(1L).write(dir);
        List<String> lines = Files.readAllLines(dir.resolve("trials.csv"));
        lines.set(0, lines.get(0).replace("test_acc", "testacc"));
        Files.write(dir.resolve("trials.csv"), lines);
        ReportException e = assertThrows(ReportException.class, () -> Report.generate(dir));
        assertTrue(e.getMessage().contains("missing column(s) test_acc"), e.getMessage());
    }

    @Test
    void oneAxisWithoutBaselineHasNoHeatmapAndNoTests() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().axis("model.dropout", "0.0", "0.3", "0.6").noBaseline().epochs(4).write(dir);
        ReportResult r = Report.generate(dir);
        try (var files = Files.list(dir.resolve("plots"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("heatmap_")));
        }
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertTrue(summary.stream().skip(1).allMatch(l -> l.endsWith(",,,,,,,,,,,,,,,,false,false,,,,,,,")
                || l.endsWith(",,,,,,,,,,,,,,,,false,true,,,,,,,")), "no delta, p or baseline: " + summary);
        String html = Files.readString(r.html());
        assertTrue(html.contains("The run recorded no baseline (its config named none, before ablate4j chose one "
                + "for every config), so no setting is compared with a reference."), html);
        assertTrue(r.verdictText().contains("no baseline: the run recorded no baseline"), r.verdictText());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void baselineNoneSaysTheComparisonsAreOffByRequest() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().axis("model.dropout", "0.0", "0.3").baselineNone().epochs(4).write(dir);
        ReportResult r = Report.generate(dir);
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("Comparisons with a baseline are off by request (baseline: none), so no setting is "
                + "compared with a reference."), md);
        assertTrue(md.contains("| baseline | comparisons with a baseline are off by request (baseline: none) |"), md);
        assertTrue(r.verdictText().contains("no baseline: comparisons with a baseline are off by request "
                + "(baseline: none)"), r.verdictText());
    }

    /** Two seeds: Hedges' g cannot be had (its correction is 0 there) and says what it needs; no CI leaves 100%. */
    @Test
    void twoSeedsAndAccuraciesNear100PercentReadAsTheyAre() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().axis("model.dropout", "0.0", "0.5").baselineFirstLevels().seeds(1L, 2L).shift(1, 0, 0.175)
                .epochs(4).write(dir);
        ReportResult r = Report.generate(dir);
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("| needs ≥ 3 seeds |"), md);
        assertTrue(md.contains("(needs ≥ 6 seeds)"), md);
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = List.of(summary.get(0).split(",", -1));
        String[] variant = summary.get(2).split(",", -1);
        assertEquals("", variant[header.indexOf("hedges_g")], "empty, not 0");
        double high = Double.parseDouble(variant[header.indexOf("test_acc_ci95_high")]);
        assertEquals(1.0, high, 0, "cut at 100%: " + summary.get(2));
        assertTrue(md.contains("The 95% CI of 1 variant(s) reached past the range of test accuracy, \\[0, 100\\]%, "
                + "and is shown cut at its bound"), md);
        assertTrue(r.verdictText().contains("95% CI [") || !r.verdictText().contains("model.dropout=0.5 (val"),
                r.verdictText());
    }

    @Test
    void aBaselineWrittenWithDifferentNumberSpellingIsFound() {
        assertTrue(Axes.sameValue("0", "0.0"));
        assertTrue(Axes.sameValue("1e-4", "0.0001"));
        assertFalse(Axes.sameValue("none", "0"));
        assertEquals("dropout", Axes.shortName("model.dropout", List.of("model.dropout", "regularization.l2")));
        assertEquals("a.x", Axes.shortName("a.x", List.of("a.x", "b.x")));
    }

    @Test
    void aRunWithoutSweepAxesReportsItsSingleVariant() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().epochs(3).write(dir);
        ReportResult r = Report.generate(dir);
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(2, summary.size());
        assertTrue(summary.get(0).startsWith("variant_id,n,"), summary.get(0));
        assertEquals(List.of("kind,axis,level,axis_b,level_b,n,test_acc_mean,test_acc_std,test_acc_ci95_low,"
                + "test_acc_ci95_high,gap_acc_mean,gap_acc_std,eta_squared,gap_eta_squared"),
                Files.readAllLines(dir.resolve("factors.csv")));
        assertTrue(Files.exists(dir.resolve("plots/test_accuracy_by_variant.png")));
        assertFalse(Files.exists(dir.resolve("plots/main_effects.png")));
        assertTrue(Files.readString(r.html()).contains("Selected by validation accuracy"));
    }

    @Test
    void largeGridsCapTheLearningCurvePanels() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().axis("model.dropout", "0.0", "0.1", "0.2", "0.3", "0.4", "0.5")
                .axis("regularization.l2", "0", "1e-5", "1e-4", "1e-3", "1e-2").baselineFirstLevels().seeds(1L)
                .epochs(3).write(dir);
        ReportResult r = Report.generate(dir);
        try (var files = Files.list(dir.resolve("plots"))) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("learning_curves_accuracy_"))
                    .count());
        }
        assertTrue(Files.readString(r.html()).contains("Learning curves show 24 of 30 variants"));
    }

    /**
     * DESIGN.md: DL4J is touched only in network and training; the report reads files. Every source of the report,
     * its subpackages included, imports no DL4J, ND4J or DataVec class, and the subpackages depend one way:
     * {@code read ← stats ← render ← charts ← report} (a package names no package after it, in imports or fully
     * qualified names).
     */
    @Test
    void reportImportsNoDl4jAndItsSubpackagesDependOneWay() throws IOException {
        Path root = Path.of("src/main/java/io/ablate4j/report");
        List<String> layers = List.of("read", "stats", "render", "charts", "");
        List<Path> sources;
        try (var files = Files.walk(root)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.stream().anyMatch(f -> f.getParent().endsWith("read")), "walks the subpackages");
        Pattern reference = Pattern.compile("io\\.ablate4j\\.report(?:\\.(\\w+))?");
        for (Path source : sources) {
            String text = Files.readString(source);
            assertFalse(text.contains("org.deeplearning4j") || text.contains("org.nd4j")
                    || text.contains("org.datavec"), source.toString());
            String own = root.relativize(source.getParent()).toString().replace(java.io.File.separatorChar, '.');
            assertTrue(layers.contains(own), source + ": a package of report that is not one of " + layers);
            Matcher m = reference.matcher(text);
            while (m.find()) {
                String target = m.group(1) != null && layers.contains(m.group(1)) ? m.group(1) : "";
                assertTrue(layers.indexOf(target) <= layers.indexOf(own), source + " refers to " + m.group()
                        + ": report." + (own.isEmpty() ? "" : own + " ") + "may use only " + layers.subList(0,
                        layers.indexOf(own) + 1));
            }
        }
    }
}
