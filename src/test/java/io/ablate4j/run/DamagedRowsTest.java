package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.sweep.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The damaged copy: a middle row of trials.csv cut to 45 characters no longer counts as a finished trial.
 * The report leaves it out and lists it; a rerun moves it to damaged.csv (word for word), says so with file and
 * line, and trains that trial again, which gives the run an uninterrupted one gives. And a run directory written
 * before checksums (schema version 1, a committed fixture) still opens, for the report and for resume.
 */
class DamagedRowsTest {
    static final String CONFIG = """
            name: damaged
            dataset: {name: synthetic, trainSize: 200, validationSize: 60, testSize: 100,
                      synthetic: {shape: blobs, features: 8, classes: 3, noise: 0.8}}
            model: {type: mlp, hidden: [12]}
            training: {epochs: 2, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;
    static final List<String> TRIALS = CsvSchemas.trials(List.of("model.dropout"));

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private RunOptions options(Path out) {
        return new RunOptions(out, 1, RunOptions.Mode.AUTO, false, new PrintStream(log, true, StandardCharsets.UTF_8),
                false);
    }

    @Test
    void aRowCutTo45CharactersIsListedMovedAsideAndItsTrialTrainedAgain() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Plan plan = RunnerTest.plan(CONFIG);
        Path dir = tmp.resolve("run");
        new Runner(options(dir)).run(plan);
        List<String> clean = RunDirs.metrics(dir.resolve("trials.csv"), TRIALS);
        List<String> cleanEpochs = RunDirs.metrics(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("trials.csv")));
        String cut = lines.get(2).substring(0, 45);
        String trial = cut.substring(0, cut.indexOf(','));
        lines.set(2, cut);
        Files.writeString(dir.resolve("trials.csv"), String.join("\r\n", lines) + "\r\n");

        ReportResult before = Report.generate(dir);
        assertTrue(before.warnings().stream().anyMatch(w -> w.startsWith("trials.csv:3: damaged row left out (has ")
                && w.contains("trial " + trial + " counts as not done")), before.warnings().toString());
        assertTrue(before.verdictText().contains("3 of 4 trials ok") && before.verdictText().contains("1 missing"),
                before.verdictText());
        assertTrue(Files.readString(before.html()).contains("Damaged rows"));

        RunResult again = new Runner(options(dir)).run(plan);
        assertEquals(3, again.skipped());
        assertEquals(1, again.ok());
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("damaged: trials.csv:3: damaged row moved to damaged.csv: has "), said);
        assertTrue(said.contains("damaged: 2 more row(s) of the same trials moved with them"), said);
        assertTrue(said.contains("1 trial(s) counted as not done, to be trained again: " + trial), said);
        assertEquals(clean, RunDirs.metrics(dir.resolve("trials.csv"), TRIALS));
        assertEquals(cleanEpochs, RunDirs.metrics(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS));
        assertTrue(Files.readString(dir.resolve("damaged.csv")).contains("trials.csv,3," + trial + ",damaged,"));
        assertTrue(Files.readString(dir.resolve("damaged.csv")).contains("\"" + cut + "\"\r\n"), "kept word for word");

        ReportResult after = Report.generate(dir);
        assertTrue(after.warnings().stream().anyMatch(w -> w.contains("damaged.csv: 1 row(s) that did not verify")
                && w.contains("trials.csv:3 (damaged, trial " + trial + ", trained again since)")),
                after.warnings().toString());
        assertTrue(after.verdictText().startsWith("damaged: 4 of 4 trials ok"), after.verdictText());
    }

    @Test
    void aVersion1DirectoryOpensForTheReportAndResumesIntoTheRunAnUninterruptedOneGives() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path config = tmp.resolve("v1-format.yaml");
        Path dir = tmp.resolve("v1");
        copy("v1-format.yaml", config);
        Files.createDirectories(dir);
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv")) {
            copy("run/" + f, dir.resolve(f));
        }
        ReportResult report = Report.generate(dir);
        assertTrue(report.verdictText().startsWith("v1-format: 3 of 4 trials ok"), report.verdictText());
        assertTrue(report.warnings().stream().noneMatch(w -> w.contains("damaged")), report.warnings().toString());

        RunResult resumed = new Runner(options(dir)).run(List.of(config)).get(0);
        assertEquals(3, resumed.skipped());
        assertEquals(1, resumed.ok());
        assertTrue(Files.readAllLines(dir.resolve("trials.csv")).get(0).endsWith(",checksum"), "now sealed");
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"schemaVersion\" : 2"));
        Path clean = tmp.resolve("clean");
        new Runner(options(clean)).run(List.of(config));
        // The rows upgraded from version 1 have empty cells where version 2 added gap_loss (and the regression
        // metrics, empty for this classification anyway); everything version 1 recorded is as an uninterrupted run has.
        List<String> added = List.of("gap_loss");
        // The three version-1 trials were trained on another machine when the fixture was made: OpenBLAS's kernels
        // for another CPU may round the last digit of a metric differently, so numbers agree to 2e-6 here.
        sameWithin(RunDirs.metrics(clean.resolve("trials.csv"), TRIALS, added),
                RunDirs.metrics(dir.resolve("trials.csv"), TRIALS, added));
        sameWithin(RunDirs.metrics(clean.resolve("epochs.csv"), CsvSchemas.EPOCHS, added),
                RunDirs.metrics(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS, added));
        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        long upgraded = ResultsFile.open(dir.resolve("trials.csv"), header).rows().stream()
                .filter(r -> r.get(header.indexOf("gap_loss")).isEmpty()).count();
        assertEquals(3, upgraded, "the three version 1 trials keep their cells and get empty new ones");
    }

    /** Rows of {@link RunDirs#metrics} equal cell by cell, numbers within 2e-6 (one unit of the CSV's sixth digit). */
    private static void sameWithin(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "rows");
        for (int r = 0; r < expected.size(); r++) {
            String[] e = expected.get(r).split(",", -1);
            String[] a = actual.get(r).split(",", -1);
            assertEquals(e.length, a.length, "cells of " + expected.get(r));
            for (int i = 0; i < e.length; i++) {
                if (!e[i].equals(a[i])) {
                    try {
                        assertEquals(Double.parseDouble(e[i]), Double.parseDouble(a[i]), 2e-6,
                                "cell " + i + " of " + expected.get(r) + " vs " + actual.get(r));
                    } catch (NumberFormatException notANumber) {
                        assertEquals(expected.get(r), actual.get(r));
                    }
                }
            }
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = DamagedRowsTest.class.getResourceAsStream("/run/v1-format/" + resource)) {
            Files.copy(in, to);
        }
    }
}
