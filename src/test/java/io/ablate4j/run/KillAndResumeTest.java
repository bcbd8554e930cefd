package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.results.CsvSchemas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a run, then resume: the same trials.csv and epochs.csv as an uninterrupted run. */
class KillAndResumeTest {
    static final String CONFIG = """
            name: killed
            dataset: {name: synthetic, trainSize: 400, validationSize: 100, testSize: 200,
                      synthetic: {shape: spirals, features: 6, classes: 3, noise: 0.3}}
            model: {type: mlp, hidden: [32], dropout: 0.0}
            training: {epochs: 6, batchSize: 16}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.3, 0.6]}}
            """;

    @TempDir
    Path tmp;

    @Test
    void resumedRunMatchesAnUninterruptedOne() throws Exception {
        Path config = writeConfig();
        Path killed = tmp.resolve("killed");
        Process child = start(config, killed);
        Path trials = killed.resolve("trials.csv");
        awaitTrials(child, trials, 2);
        assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        long before = dataLines(trials);
        assertTrue(before >= 2 && before < 6, "killed after " + before + " trials");

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunResult resumed = new Runner(new RunOptions(killed, 1, RunOptions.Mode.AUTO, false, quiet, false)).run(List.of(config)).get(0);
        assertEquals(before, resumed.skipped());
        assertEquals(6 - before, resumed.ok());
        Path clean = tmp.resolve("clean");
        new Runner(new RunOptions(clean, 1, RunOptions.Mode.AUTO, false, quiet, false)).run(List.of(config));

        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        assertEquals(RunnerTest.metrics(clean, "trials.csv", header), RunnerTest.metrics(killed, "trials.csv", header));
        assertEquals(RunnerTest.metrics(clean, "epochs.csv", CsvSchemas.EPOCHS),
                RunnerTest.metrics(killed, "epochs.csv", CsvSchemas.EPOCHS));
    }

    @Test
    void aStopSignalEndsTheRunCleanlyAndItResumes() throws Exception {
        Path config = writeConfig();
        Path stopped = tmp.resolve("stopped");
        Process child = start(config, stopped);
        Path trials = stopped.resolve("trials.csv");
        awaitTrials(child, trials, 1);
        child.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops the run between minibatches
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run did not stop");
        String log = Files.readString(tmp.resolve("child.log"));
        assertTrue(log.contains("run the same command again to resume"), log);
        assertTrue(Files.readString(stopped.resolve("manifest.json")).contains("\"finishedAt\" : null"));
        long before = dataLines(trials);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunResult resumed = new Runner(new RunOptions(stopped, 1, RunOptions.Mode.RESUME, false, quiet, false)).run(List.of(config)).get(0);
        assertEquals(before, resumed.skipped());
        assertEquals(6, before + resumed.ok());
    }

    private Path writeConfig() throws java.io.IOException {
        Path config = tmp.resolve("killed.yaml");
        Files.writeString(config, CONFIG);
        return config;
    }

    /** Waits (at most two minutes) until the child has recorded {@code n} trials or ended. */
    private static void awaitTrials(Process child, Path trials, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (dataLines(trials) < n && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Process start(Path config, Path out) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.ablate4j.cli.Main",
                "run", config.toString(), "--out", out.toString(), "--parallel", "1", "--no-report")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private static long dataLines(Path file) throws java.io.IOException {
        if (!file.toFile().exists()) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return Math.max(0, lines.count() - 1);
        }
    }

}
