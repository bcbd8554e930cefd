package io.ablate4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.cli.Main;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.network.TemplateJars;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.run.Engine;
import io.ablate4j.run.LocalEngine;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.RunResult;
import io.ablate4j.run.Runner;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine in an embedded local[2] against the local engine with two threads (same threads per trial). */
class SparkEngineTest {
    /** 2 variants × 2 seeds of a small MLP on synthetic blobs, 3 epochs. */
    static final String GRID = """
            name: spark-tiny
            dataset: {name: synthetic, trainSize: 300, validationSize: 100, testSize: 200,
                      synthetic: {shape: blobs, features: 10, classes: 3, noise: 0.7}}
            model: {type: mlp, hidden: [16]}
            training: {epochs: 3, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;
    static final List<String> TRIALS = CsvSchemas.trials(List.of("model.dropout"));

    @TempDir
    Path tmp;

    @BeforeAll
    static void noSparkUi() {
        System.setProperty("spark.ui.enabled", "false");
    }

    static List<String> metrics(Path file, List<String> header) throws IOException {
        return io.ablate4j.run.RunDirs.metrics(file, header);
    }

    static RunOptions options(Path out) {
        return new RunOptions(out, 2, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    /** A java template on the embedded engine: the tasks load it through the driver's --classpath. */
    @Test
    void aJavaTemplateTrainsOnSparkAsOnTheLocalEngine() throws IOException {
        Path jar = TemplateJars.compile(tmp.resolve("jar"));
        Path config = tmp.resolve("template.yaml");
        Files.writeString(config, GRID.replace("{type: mlp, hidden: [16]}", "{type: java, class: com.example.TaperedMlp}"));
        runsAsOnTheLocalEngine(config, jar, 4);
    }

    /**
     * A java data class (the java-data example's, reading its iris.csv from its jar) on the embedded engine: the
     * tasks train on the data the driver loaded through its --classpath, with the local engine's splits and metrics.
     */
    @Test
    void aJavaDataClassTrainsOnSparkAsOnTheLocalEngine() throws IOException {
        Path jar = TemplateJars.compileDataExample(tmp.resolve("jar"));
        Path config = tmp.resolve("data.yaml");
        Files.writeString(config, GRID.replaceFirst("dataset: \\{[^}]*}}", "dataset: {name: java, class: "
                + "com.example.IrisData, folds: 2}"));
        Path spark = runsAsOnTheLocalEngine(config, jar, 8);
        assertTrue(Files.readString(spark.resolve("manifest.json")).contains("\"class\" : \"com.example.IrisData\""));
    }

    /**
     * Runs {@code config} with {@code jar} on its class path on the local engine and on the embedded Spark engine:
     * {@code trials} trials, all ok, with the same metrics on both.
     *
     * @return the Spark run's directory
     */
    private Path runsAsOnTheLocalEngine(Path config, Path jar, int trials) throws IOException {
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        assertEquals(0, Main.execute("run", config.toString(), "--classpath", jar.toString(), "--out",
                local.toString(), "--parallel", "2", "--no-report"));
        assertEquals(0, Main.execute("run", config.toString(), "--classpath", jar.toString(), "--out",
                spark.toString(), "--parallel", "2", "--engine", "spark", "--no-report"));
        List<String> rows = metrics(spark.resolve("trials.csv"), TRIALS);
        assertEquals(trials, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.contains(",ok,")), rows.toString());
        assertEquals(metrics(local.resolve("trials.csv"), TRIALS), rows);
        return spark;
    }

    @Test
    void sparkLocal2WritesTheSameRunDirectoryAsTheLocalEngine() throws IOException {
        Path config = tmp.resolve("grid.yaml");
        Files.writeString(config, GRID);
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        long t0 = System.nanoTime();
        assertEquals(0, Main.execute("run", config.toString(), "--out", local.toString(), "--parallel", "2",
                "--no-report"));
        long t1 = System.nanoTime();
        assertEquals(0, Main.execute("run", config.toString(), "--out", spark.toString(), "--parallel", "2",
                "--engine", "spark", "--no-report"));
        long t2 = System.nanoTime();
        System.err.printf("SparkEngineTest: local engine %.1f s, spark local[2] %.1f s%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);

        List<String> trials = metrics(spark.resolve("trials.csv"), TRIALS);
        assertEquals(4, trials.size());
        assertTrue(trials.stream().allMatch(r -> r.contains(",ok,")), trials.toString());
        assertEquals(metrics(local.resolve("trials.csv"), TRIALS), trials);
        assertEquals(metrics(local.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                metrics(spark.resolve("epochs.csv"), CsvSchemas.EPOCHS));
        for (List<String> row : ResultsFile.open(spark.resolve("trials.csv"), TRIALS).rows()) {
            Path files = spark.resolve("trials").resolve(row.get(0));
            for (String name : List.of("config.yaml", "network.json")) {
                assertEquals(Files.readString(local.resolve("trials").resolve(row.get(0)).resolve(name)),
                        Files.readString(files.resolve(name)), name);
            }
        }
        assertTrue(Files.readString(spark.resolve("manifest.json")).contains("\"finishedAt\" : \"20"));
    }

    @Test
    void aSparkRunResumesWhereAnotherStopped() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("grid.yaml", GRID));
        Path out = tmp.resolve("resume");
        // A first run that records only two trials, as if stopped.
        Engine firstTwo = (p, pending, dir, cancelled, sink) ->
                new LocalEngine(1, io.ablate4j.run.RunDirs.trials()).execute(p, pending.subList(0, 2), dir, cancelled, sink);
        RunResult first = new Runner(options(out)).run(plan, firstTwo);
        assertEquals(2, first.ok());
        RunResult second = new Runner(options(out).withEngine(RunOptions.EngineChoice.SPARK, "local[2]")).run(plan);
        assertEquals(2, second.skipped());
        assertEquals(2, second.ok());
        List<List<String>> rows = ResultsFile.open(out.resolve("trials.csv"), TRIALS).rows();
        assertEquals(plan.trials().stream().map(t -> t.id()).sorted().toList(),
                rows.stream().map(r -> r.get(0)).sorted().toList());
        assertEquals(12, ResultsFile.open(out.resolve("epochs.csv"), CsvSchemas.EPOCHS).rows().size());
    }

    /** Runs a config with the local engine into {@code local} and on Spark local[2] into {@code spark}. */
    private static void runLocallyAndOnSpark(Path config, Path local, Path spark) {
        assertEquals(0, Main.execute("run", config.toString(), "--out", local.toString(), "--parallel", "2",
                "--no-report"));
        assertEquals(0, Main.execute("run", config.toString(), "--out", spark.toString(), "--parallel", "2",
                "--engine", "spark", "--no-report"));
    }

    /** A cross-validated regression: every fold is a Spark task, and the run equals the local engine's. */
    @Test
    void foldsOfACrossValidatedRegressionRunAsTasks() throws IOException {
        Path config = tmp.resolve("cv.yaml");
        Files.writeString(config, """
                name: spark-cv
                dataset: {name: synthetic, trainSize: 150, testSize: 60, folds: 3, standardizeTarget: true,
                          synthetic: {shape: friedman1}}
                model: {type: mlp, hidden: [8]}
                training: {epochs: 2, batchSize: 32, loss: huber}
                seeds: [1, 2]
                """);
        Path local = tmp.resolve("cv-local");
        Path spark = tmp.resolve("cv-spark");
        runLocallyAndOnSpark(config, local, spark);
        List<String> header = CsvSchemas.trials(List.of());
        List<String> trials = metrics(spark.resolve("trials.csv"), header);
        assertEquals(6, trials.size());
        assertEquals(metrics(local.resolve("trials.csv"), header), trials);
        assertEquals(List.of("0", "0", "1", "1", "2", "2"), ResultsFile.open(spark.resolve("trials.csv"), header)
                .rows().stream().map(r -> r.get(header.indexOf("fold"))).sorted().toList());
    }

    /**
     * Adaptive seeds on Spark: each look is one Spark job of the trials it adds, and the run ends with the same
     * trials as the local engine's (the looks are decided from the recorded trials, the same on both).
     */
    @Test
    void adaptiveSeedsRunTheSameLooksOnSpark() throws IOException {
        String adaptive = GRID.replace("seeds: [1, 2]", "seeds: {initial: 2, max: 4}") + """
                expect:
                  - {claim: dropout helps, metric: test_acc, higher: {model.dropout: 0.5}, than: {model.dropout: 0.0}}
                """;
        Path config = tmp.resolve("adaptive.yaml");
        Files.writeString(config, adaptive);
        Path local = tmp.resolve("adaptive-local");
        Path spark = tmp.resolve("adaptive-spark");
        runLocallyAndOnSpark(config, local, spark);
        List<String> trials = metrics(spark.resolve("trials.csv"), TRIALS);
        // Two seeds cannot decide a sequential paired test (one degree of freedom): the runner adds seeds.
        assertTrue(trials.size() > 4, trials.toString());
        assertEquals(metrics(local.resolve("trials.csv"), TRIALS), trials);
    }
}
