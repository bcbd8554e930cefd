package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A regression grid and a cross-validated grid from config to report. */
class RegressionRunTest {
    /** Friedman #1: 2 variants × 2 seeds; the linear baseline cannot fit the sine and square terms. */
    static final String FRIEDMAN = """
            name: friedman
            dataset: {name: synthetic, trainSize: 400, validationSize: 100, testSize: 200, normalize: standardize,
                      standardizeTarget: true, synthetic: {shape: friedman1, noise: 1.0}}
            model: {type: mlp, hidden: [32]}
            training: {epochs: 12, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2]
            sweep: {axes: {model.hidden: [[1], [32]]}}
            baseline: {model.hidden: [1]}
            expect:
              - {claim: "a wider net fits Friedman #1 better", metric: test_rmse, lower: {model.hidden: [32]},
                 than: {model.hidden: [1]}}
            """;
    /** 3-fold CV of blobs: 2 variants × 2 seeds × 3 folds. */
    static final String CV = """
            name: cv
            dataset: {name: synthetic, trainSize: 240, testSize: 120, folds: 3,
                      synthetic: {shape: blobs, features: 6, classes: 3, noise: 1.0}}
            model: {type: mlp, hidden: [16]}
            training: {epochs: 4, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;

    @TempDir
    Path tmp;

    RunOptions options(Path out) {
        return new RunOptions(out, 2, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    private static List<String> header(Path csv) throws IOException {
        return List.of(Files.readAllLines(csv).get(0).split(","));
    }

    private static List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void aRegressionGridIsScoredByRmseAndItsReportSaysLowerIsBetter() throws IOException {
        Path out = tmp.resolve("friedman");
        RunResult r = new Runner(options(out)).run(RunnerTest.plan(FRIEDMAN));
        assertEquals(4, r.ok());
        List<String> h = header(out.resolve("trials.csv"));
        List<String> expected = new java.util.ArrayList<>(CsvSchemas.trials(List.of("model.hidden")));
        expected.add("checksum");
        assertEquals(expected, h);
        for (String[] row : rows(out.resolve("trials.csv"))) {
            double rmse = Double.parseDouble(row[h.indexOf("test_rmse")]);
            double r2 = Double.parseDouble(row[h.indexOf("test_r2")]);
            double mae = Double.parseDouble(row[h.indexOf("test_mae")]);
            // The target's std is ~5 in original units: RMSE is reported in those, not in standardized units.
            assertTrue(rmse > 1 && rmse < 6 && mae < rmse && r2 < 1, String.join(",", row));
            assertEquals("", row[h.indexOf("test_acc")], "no accuracy for a regression");
            assertEquals("", row[h.indexOf("fold")]);
            assertTrue(Double.isFinite(Double.parseDouble(row[h.indexOf("gap_loss")])));
        }
        ReportResult report = Report.generate(out);
        List<String> summaryHeader = header(out.resolve("summary.csv"));
        assertTrue(summaryHeader.contains("test_rmse_mean") && summaryHeader.contains("gap_loss_mean")
                && !summaryHeader.contains("test_acc_mean"), summaryHeader.toString());
        List<String[]> summary = rows(out.resolve("summary.csv"));
        int mean = summaryHeader.indexOf("test_rmse_mean");
        int selected = summaryHeader.indexOf("selected");
        int wide = summary.get(0)[0].contains("32") ? 0 : 1;
        assertTrue(Double.parseDouble(summary.get(wide)[mean]) < Double.parseDouble(summary.get(1 - wide)[mean]));
        assertEquals("true", summary.get(wide)[selected], "selected: the lowest validation RMSE");
        String html = Files.readString(report.html());
        assertTrue(html.contains("has the lowest mean validation RMSE"), html);
        assertTrue(html.contains("regression: scored by RMSE"), html);
        // The claim points the right way (lower RMSE); with two seeds its significance is not the point here.
        assertTrue(report.verdictText().matches("(?s).*\\n(confirmed|inconclusive): a wider net "
                + "fits Friedman #1 better \\(test_rmse: .*"), report.verdictText());
        assertTrue(report.verdictText().contains("test rmse -"), "the wider net's RMSE is lower: "
                + report.verdictText());
        assertTrue(Files.exists(out.resolve("plots").resolve("test_rmse_by_variant.png")));
    }

    @Test
    void crossValidationTrainsEveryFoldAsATrialAndResumesWithoutRedoingFinishedFolds() throws IOException {
        Path out = tmp.resolve("cv");
        Plan plan = RunnerTest.plan(CV);
        assertEquals(12, plan.trials().size());
        AtomicInteger calls = new AtomicInteger();
        String stopAt = plan.trials().get(7).id();
        // First run: the trial at index 7 fails (as if interrupted there); the rest finish.
        RunResult first = new Runner(options(out)).runWith(plan, (p, t, dir, cancelled, onEpoch) -> {
            if (t.id().equals(stopAt)) {
                throw new IllegalStateException("interrupted");
            }
            return RunDirs.trials().run(p, t, dir, cancelled, onEpoch);
        });
        assertEquals(11, first.ok());
        RunResult again = new Runner(options(out)).runWith(plan, (p, t, dir, cancelled, onEpoch) -> {
            calls.incrementAndGet();
            assertEquals(stopAt, t.id(), "only the unfinished fold is trained again");
            return RunDirs.trials().run(p, t, dir, cancelled, onEpoch);
        });
        assertEquals(1, calls.get());
        assertEquals(11, again.skipped());
        List<String> h = header(out.resolve("trials.csv"));
        Set<String> seedFold = new HashSet<>();
        for (String[] row : rows(out.resolve("trials.csv"))) {
            assertEquals("ok", row[h.indexOf("status")]);
            seedFold.add(row[h.indexOf("variant_id")] + "/" + row[h.indexOf("seed")] + "/" + row[h.indexOf("fold")]);
            assertTrue(Set.of("0", "1", "2").contains(row[h.indexOf("fold")]));
            assertTrue(!row[h.indexOf("val_acc")].isEmpty(), "the held-out fold validates");
        }
        assertEquals(12, seedFold.size(), "every variant × seed × fold once");
        // Same run from scratch: identical metrics, so the folds are the same for every run and variant.
        Path fresh = tmp.resolve("cv2");
        new Runner(options(fresh)).run(plan);
        List<String> th = CsvSchemas.trials(List.of("model.dropout"));
        assertEquals(RunDirs.metrics(out.resolve("trials.csv"), th), RunDirs.metrics(fresh.resolve("trials.csv"), th));
        ReportResult report = Report.generate(out);
        List<String> sh = header(out.resolve("summary.csv"));
        for (String[] row : rows(out.resolve("summary.csv"))) {
            assertEquals("2", row[sh.indexOf("n")], "n counts seeds: each seed's folds are averaged first");
        }
        String html = Files.readString(report.html());
        assertTrue(html.contains("Selected by cross-validated accuracy"), html);
        assertTrue(html.contains("2 variants × 2 seeds × 3 folds = 12 trials planned"), html);
    }
}
