package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that stopped early or lost trials still get a report that says what is missing. */
class PartialRunTest {
    @TempDir
    Path dir;

    private boolean warned(ReportResult r, String... parts) {
        return r.warnings().stream().anyMatch(w -> List.of(parts).stream().allMatch(w::contains));
    }

    @Test
    void missingTrialsAndVariantsAreNamed() throws IOException {
        System.setProperty("java.awt.headless", "true");
        // 2 × 2 grid, 3 seeds: variant 3 never ran, variant 1 lacks seed 3, variant 2 seed 2 failed
        new RunFixture().axis("model.dropout", "0.0", "0.5").axis("model.batchNorm", "none", "before-activation")
                .baselineFirstLevels().omitVariant(3).omit(1, 3).failed(2, 2).unfinished().write(dir);
        ReportResult r = Report.generate(dir);

        assertTrue(warned(r, "4 of 12 trials missing", "variants without results: model.dropout=0.5, "
                + "model.batchNorm=before-activation"), r.warnings().toString());
        assertTrue(warned(r, "seeds missing", "model.dropout=0.0, model.batchNorm=before-activation seed 3"),
                r.warnings().toString());
        assertTrue(warned(r, "v02s2", "failed", "fixture failure"), r.warnings().toString());
        assertTrue(warned(r, "finishedAt"), r.warnings().toString());

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(5, summary.size(), "every planned variant has a row, results or not");
        assertTrue(summary.get(4).startsWith("0.5,before-activation,v03,0,0,0,,"), summary.get(4));
        assertTrue(summary.get(2).startsWith("0.0,before-activation,v01,2,0,0,"), summary.get(2));
        assertTrue(summary.get(3).startsWith("0.5,none,v02,2,1,0,"), summary.get(3));

        String html = Files.readString(r.html());
        assertTrue(html.contains("4 of 12 trials missing"));
        assertTrue(html.contains("12 trials planned, 8 present: 7 ok, 1 failed, 0 diverged, 4 missing."));
        assertTrue(html.contains("no results"), "the verdict row of the missing variant says so");
        assertTrue(Files.exists(dir.resolve("plots/heatmap_model.dropout__model.batchNorm.png")));
        assertTrue(r.verdictText().lines().findFirst().orElseThrow().contains("4 missing"));
    }

    @Test
    void aRunWithoutEpochsFileOrValidationStillReports() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().axis("regularization.l2", "0", "1e-4").baselineFirstLevels().withoutValidation()
                .withoutEpochsFile().seeds(1L, 2L).write(dir);
        ReportResult r = Report.generate(dir);
        assertTrue(warned(r, "epochs.csv not found"), r.warnings().toString());
        String html = Files.readString(r.html());
        assertTrue(html.contains("No variant is selected"));
        assertFalse(Files.exists(dir.resolve("plots/learning_curves_accuracy_1.png")));
        assertTrue(Files.exists(dir.resolve("plots/test_accuracy_by_variant.png")));
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = List.of(summary.get(0).split(",", -1));
        assertTrue(summary.stream().skip(1).allMatch(l -> l.split(",", -1)[header.indexOf("selected")]
                .equals("false")), "nothing selected on test");
        assertTrue(r.verdictText().contains("no variant selected"));
    }

    @Test
    void aRunWithNoFinishedTrialReportsThatNothingIsThere() throws IOException {
        System.setProperty("java.awt.headless", "true");
        RunFixture f = new RunFixture().axis("model.dropout", "0.0", "0.5").baselineFirstLevels();
        f.omitVariant(0).omitVariant(1).write(dir);
        ReportResult r = Report.generate(dir);
        assertTrue(warned(r, "6 of 6 trials missing"), r.warnings().toString());
        assertTrue(Files.exists(r.html()));
        assertEquals(3, Files.readAllLines(dir.resolve("summary.csv")).size());
    }
}
