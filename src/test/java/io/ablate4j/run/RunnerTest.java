package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    /** A tiny grid on synthetic data: 2 variants × 2 seeds, a few hundred examples, 3 epochs. */
    static final String TINY = """
            name: tiny
            dataset: {name: synthetic, trainSize: 300, validationSize: 100, testSize: 200,
                      synthetic: {shape: blobs, features: 10, classes: 3, noise: 0.7}}
            model: {type: mlp, hidden: [16], dropout: 0.0}
            training: {epochs: 8, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;

    @TempDir
    Path tmp;

    static Plan plan(String yaml) {
        return SweepExpander.expand(ConfigLoader.parse("tiny.yaml", yaml));
    }

    RunOptions options(Path out, int parallel) {
        return new RunOptions(out, parallel, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    static List<List<String>> rows(Path file, List<String> header) throws IOException {
        return ResultsFile.open(file, header).rows();
    }

    /** Rows without timing columns, sorted, for comparing runs. */
    static List<String> metrics(Path dir, String file, List<String> header) throws IOException {
        return RunDirs.metrics(dir.resolve(file), header);
    }

    @Test
    void tinyGridRunsEndToEndAndWritesTheRunDirectory() throws IOException {
        Path out = tmp.resolve("run");
        RunResult r = new Runner(options(out, 2)).run(plan(TINY));
        assertEquals(4, r.ok());
        assertTrue(r.complete());
        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        List<List<String>> trials = rows(out.resolve("trials.csv"), header);
        assertEquals(4, trials.size());
        for (List<String> row : trials) {
            assertEquals("ok", row.get(header.indexOf("status")));
            double testAcc = Double.parseDouble(row.get(header.indexOf("test_acc")));
            assertTrue(testAcc > 0.5, "blobs are learnable: " + row);
            assertTrue(Files.exists(out.resolve("trials").resolve(row.get(0)).resolve("network.json")));
            assertTrue(Files.exists(out.resolve("trials").resolve(row.get(0)).resolve("config.yaml")));
        }
        assertEquals(32, rows(out.resolve("epochs.csv"), CsvSchemas.EPOCHS).size());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"configHash\" : \"" + r.plan().configHash() + "\""), manifest);
        assertTrue(manifest.contains("\"finishedAt\" : \"20"), manifest);
    }

    @Test
    void sameConfigAndSeedGiveIdenticalMetricsWhateverTheParallelism() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        new Runner(options(a, 1)).run(plan(TINY));
        new Runner(options(b, 2)).run(plan(TINY));
        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        assertEquals(metrics(a, "trials.csv", header), metrics(b, "trials.csv", header));
        assertEquals(metrics(a, "epochs.csv", CsvSchemas.EPOCHS), metrics(b, "epochs.csv", CsvSchemas.EPOCHS));
    }

    @Test
    void aFailingTrialIsRecordedAndTheOthersGoOn() throws IOException {
        Path out = tmp.resolve("fail");
        Plan plan = plan(TINY);
        String doomed = plan.trials().get(1).id();
        RunResult r = new Runner(options(out, 2)).runWith(plan, (p, t, dir, cancelled, onEpoch) -> {
            if (t.id().equals(doomed)) {
                throw new IllegalStateException("boom\nsecond line");
            }
            return RunDirs.trials().run(p, t, dir, cancelled, onEpoch);
        });
        assertEquals(3, r.ok());
        assertEquals(1, r.failed());
        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        List<List<String>> trials = rows(out.resolve("trials.csv"), header);
        List<String> failed = trials.stream().filter(x -> x.get(0).equals(doomed)).findFirst().orElseThrow();
        assertEquals("failed", failed.get(header.indexOf("status")));
        assertEquals("IllegalStateException: boom second line", failed.get(header.indexOf("error")));
        // A resumed run retries the failed trial only.
        AtomicInteger calls = new AtomicInteger();
        RunResult again = new Runner(options(out, 2)).runWith(plan, (p, t, dir, cancelled, onEpoch) -> {
            calls.incrementAndGet();
            return RunDirs.trials().run(p, t, dir, cancelled, onEpoch);
        });
        assertEquals(1, calls.get());
        assertEquals(3, again.skipped());
        assertEquals(4, rows(out.resolve("trials.csv"), header).stream().filter(x -> x.get(header.indexOf("status")).equals("ok")).count());
    }

    @Test
    void aTrialDeliveredTwiceIsRecordedOnce() throws IOException {
        // As a retried Spark task could: the driver writes each trial id once.
        Path out = tmp.resolve("twice");
        Engine twice = (p, pending, dir, cancelled, sink) -> new LocalEngine(2, RunDirs.trials()).execute(p, pending, dir, cancelled,
                (trial, outcome) -> {
                    sink.finished(trial, outcome);
                    sink.finished(trial, outcome);
                });
        RunResult r = new Runner(options(out, 2)).run(plan(TINY), twice);
        assertEquals(4, r.ok());
        assertEquals(4, rows(out.resolve("trials.csv"), CsvSchemas.trials(List.of("model.dropout"))).size());
        assertEquals(32, rows(out.resolve("epochs.csv"), CsvSchemas.EPOCHS).size());
    }

    @Test
    void aDivergingTrialIsAResultNotAFailure() throws IOException {
        Path out = tmp.resolve("div");
        String yaml = """
                name: diverge
                dataset: {name: synthetic, trainSize: 300, validationSize: 100, testSize: 200, normalize: none,
                          synthetic: {shape: blobs, features: 10, classes: 3, noise: 50.0}}
                model: {type: mlp, hidden: [16]}
                training: {epochs: 3, batchSize: 32, optimizer: {type: sgd, learningRate: 100}}
                seeds: [1, 2]
                """;
        RunResult r = new Runner(options(out, 1)).run(plan(yaml));
        assertEquals(0, r.failed());
        assertEquals(2, r.diverged(), Files.readString(out.resolve("trials.csv")));
        List<List<String>> trials = rows(out.resolve("trials.csv"), CsvSchemas.trials(List.of()));
        assertTrue(trials.get(0).get(trials.get(0).size() - 1).contains("non-finite"), trials.toString());
    }

    @Test
    void aChangedConfigIsRefusedUnlessFresh() throws IOException {
        Path out = tmp.resolve("changed");
        new Runner(options(out, 2)).run(plan(TINY));
        Plan other = plan(TINY.replace("[0.0, 0.5]", "[0.0, 0.3]"));
        RunException e = assertThrows(RunException.class, () -> new Runner(options(out, 2)).run(other));
        assertTrue(e.getMessage().contains("different config") && e.getMessage().contains("--fresh"), e.getMessage());
        RunOptions fresh = new RunOptions(out, 2, RunOptions.Mode.FRESH, false, options(out, 1).log(), false);
        RunResult r = new Runner(fresh).run(other);
        assertEquals(4, r.ok());
        assertEquals(0, r.skipped());
    }

    @Test
    void aSecondRunCannotWriteALockedDirectory() throws IOException {
        Path out = tmp.resolve("locked");
        Plan plan = plan(TINY);
        try (RunDirectory held = RunDirectory.open(out, plan, RunOptions.Mode.AUTO, RunDirs.trials())) {
            assertEquals(out, held.path());
            RunException e = assertThrows(RunException.class, () -> new Runner(options(out, 1)).run(plan));
            assertTrue(e.getMessage().contains("another run is writing here"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertEquals(4, new Runner(options(out, 2)).run(plan).ok());
    }

    @Test
    void severalConfigsShareOneCommandEachInItsOwnDirectory() throws IOException {
        Path a = tmp.resolve("a.yaml");
        Path b = tmp.resolve("b.yaml");
        Files.writeString(a, TINY);
        Files.writeString(b, TINY.replace("name: tiny", "name: other").replace("[0.0, 0.5]", "[0.2]"));
        Path out = tmp.resolve("batch");
        List<RunResult> results = new Runner(options(out, 2)).run(List.of(a, b));
        assertEquals(2, results.size());
        assertEquals(out.resolve("tiny"), results.get(0).directory());
        assertEquals(out.resolve("other"), results.get(1).directory());
        assertEquals(4, results.get(0).ok());
        assertEquals(2, results.get(1).ok());
        assertTrue(Files.exists(out.resolve("other").resolve("trials.csv")));
    }

    @Test
    void aBadSecondConfigStopsTheBatchBeforeAnythingIsWritten() throws IOException {
        Path a = tmp.resolve("a.yaml");
        Path b = tmp.resolve("b.yaml");
        Files.writeString(a, TINY);
        Files.writeString(b, TINY.replace("hidden: [16]", "hidden: [16], dropout: 2"));
        Path out = tmp.resolve("batch");
        assertThrows(io.ablate4j.config.ConfigException.class, () -> new Runner(options(out, 2)).run(List.of(a, b)));
        assertFalse(Files.exists(out));
    }

    @Test
    void resumeRequiresAnEarlierRun() {
        Path out = tmp.resolve("nothing");
        RunOptions resume = new RunOptions(out, 1, RunOptions.Mode.RESUME, false, options(out, 1).log(), false);
        assertThrows(RunException.class, () -> new Runner(resume).run(plan(TINY)));
        assertFalse(Files.exists(out));
    }
}
