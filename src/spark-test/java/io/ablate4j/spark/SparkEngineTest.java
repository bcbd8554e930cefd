package io.ablate4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.cli.Main;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.network.TemplateJars;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.RaceFile;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.results.TrialStatus;
import io.ablate4j.run.Engine;
import io.ablate4j.run.LocalEngine;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.RunResult;
import io.ablate4j.run.Runner;
import io.ablate4j.run.StorageException;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.StepMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

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

    /** 4 learning rates × 2 seeds raced with rule top (the best half go on after epoch 1), 3 epochs. */
    static final String RACE = GRID.replace("sweep: {axes: {model.dropout: [0.0, 0.5]}}", """
            sweep:
              axes: {training.optimizer.learningRate: [0.00001, 0.001, 0.01, 0.03]}
              race: {rule: top, eta: 2, rungs: [1]}
            """);
    static final List<String> RACE_TRIALS = CsvSchemas.trials(List.of("training.optimizer.learningRate"));

    /**
     * A race on Spark: each leg is a Spark job whose tasks get their checkpoints from the driver and return the
     * paused ones, and the run directory equals the local engine's: the same statuses (pruned included), metrics,
     * epochs and race.csv, and no checkpoint left.
     */
    @Test
    void aRaceRunsEachLegAsASparkJobAsOnTheLocalEngine() throws IOException {
        Path config = tmp.resolve("race.yaml");
        Files.writeString(config, RACE);
        Path local = tmp.resolve("race-local");
        Path spark = tmp.resolve("race-spark");
        runLocallyAndOnSpark(config, local, spark);
        List<String> trials = metrics(spark.resolve("trials.csv"), RACE_TRIALS);
        assertEquals(8, trials.size());
        assertEquals(4, trials.stream().filter(r -> r.contains(",pruned,")).count(), trials.toString());
        assertEquals(4, trials.stream().filter(r -> r.contains(",ok,")).count(), trials.toString());
        assertEquals(metrics(local.resolve("trials.csv"), RACE_TRIALS), trials);
        assertEquals(metrics(local.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                metrics(spark.resolve("epochs.csv"), CsvSchemas.EPOCHS));
        assertEquals(4 + 4 * 3, ResultsFile.open(spark.resolve("epochs.csv"), CsvSchemas.EPOCHS).rows().size());
        List<Map<String, String>> race = RaceFile.read(spark);
        assertEquals(4 + 2, race.size(), race.toString());
        assertEquals(RaceFile.read(local), race);
        assertFalse(Files.exists(spark.resolve("checkpoints")), "no checkpoint is left");
    }

    /**
     * A race on Spark stopped in its second leg (after one trial of it was recorded) resumes on Spark from the
     * checkpoints of the first leg, which the driver reads, verifies and sends to the tasks, and ends as the local
     * engine's uninterrupted race.
     */
    @Test
    void aRaceStoppedInALegResumesOnSparkFromItsCheckpoints() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("race.yaml", RACE));
        Path local = tmp.resolve("race-local");
        new Runner(options(local)).run(plan);
        Path out = tmp.resolve("race-resumed");
        RunOptions spark = options(out).withEngine(RunOptions.EngineChoice.SPARK, "local[2]");
        SparkEngine engine = new SparkEngine(spark, io.ablate4j.run.RunDirs.trials());
        AtomicInteger legs = new AtomicInteger();
        Engine stopsInLegTwo = new Engine() {
            @Override
            public void execute(Plan p, List<Trial> pending, Path dir, BooleanSupplier cancelled, TrialSink sink) {
                throw new AssertionError("a race trains legs");
            }

            @Override
            public void executeLegs(Plan p, List<Leg> pending, Path dir, BooleanSupplier cancelled, LegSink sink)
                    throws IOException {
                if (legs.incrementAndGet() == 1) {
                    engine.executeLegs(p, pending, dir, cancelled, sink);
                    return;
                }
                AtomicInteger delivered = new AtomicInteger();
                engine.executeLegs(p, pending, dir, cancelled, (trial, result) -> {
                    if (delivered.incrementAndGet() > 1) {
                        throw new IOException("stopped by the test");
                    }
                    sink.finished(trial, result);
                });
            }
        };
        assertThrows(StorageException.class, () -> new Runner(options(out)).run(plan, stopsInLegTwo));
        assertEquals(2, legs.get());
        assertEquals(4 + 1, ResultsFile.open(out.resolve("trials.csv"), RACE_TRIALS).rows().size());
        try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            // the recorded trial's too: the race removes it once the leg is over, or when it resumes
            assertEquals(4, files.count(), "the survivors wait in checkpoints");
        }
        RunResult resumed = new Runner(spark).run(plan);
        assertEquals(5, resumed.skipped());
        assertEquals(3, resumed.ok());
        assertEquals(metrics(local.resolve("trials.csv"), RACE_TRIALS),
                metrics(out.resolve("trials.csv"), RACE_TRIALS));
        assertEquals(metrics(local.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                metrics(out.resolve("epochs.csv"), CsvSchemas.EPOCHS));
        assertEquals(RaceFile.read(local), RaceFile.read(out));
        assertFalse(Files.exists(out.resolve("checkpoints")), "no checkpoint is left");
    }

    /**
     * A task trains from the checkpoint it carries: one whose elapsed time was set to a day gives an outcome a day
     * long, with the epochs of a trial trained in one go (a task that trained from scratch would give the same
     * epochs, so the day is what tells).
     */
    @Test
    void aTaskTrainsItsLegFromTheCheckpointItCarries() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("race.yaml", RACE));
        Trial trial = plan.trials().get(0);
        TrialSpec whole = new TrialSpec("race.yaml", RACE, plan.configHash(), trial.id(), null, null, Map.of(),
                StepMode.LEAN, null, TrialSpec.WHOLE);
        TrialTask.Result first = task(new TrialSpec("race.yaml", RACE, plan.configHash(), trial.id(), null, null,
                Map.of(), StepMode.LEAN, null, 1));
        assertEquals(null, first.outcome());
        Checkpoint c = first.leg().paused();
        assertEquals(1, c.epochsDone());
        double day = 86_400;
        Checkpoint aged = new Checkpoint(c.epochsDone(), c.epochs(), c.diagnostics(), c.bestValLoss(), c.bestEpoch(),
                c.sinceBest(), c.fitSeconds(), c.fitted(), day, c.setupSeconds(), c.params(), c.updaterState(),
                c.iterationCount(), c.epochCount(), c.rngRoot(), c.rngNode(), c.batchState(), c.ended());
        TrialTask.Result resumed = task(new TrialSpec("race.yaml", RACE, plan.configHash(), trial.id(), null, null,
                Map.of(), StepMode.LEAN, aged.toBytes(), TrialSpec.WHOLE));
        TrialOutcome outcome = resumed.leg().outcome();
        assertEquals(TrialStatus.OK, outcome.status());
        assertTrue(outcome.trainSeconds() >= day, "trained on from the checkpoint: " + outcome.trainSeconds());
        TrialOutcome inOneGo = task(whole).outcome();
        assertEquals(3, outcome.epochs().size());
        for (int i = 0; i < 3; i++) {
            EpochMetrics a = inOneGo.epochs().get(i);
            EpochMetrics b = outcome.epochs().get(i);
            assertEquals(List.of(a.train(), a.val(), a.test()), List.of(b.train(), b.val(), b.test()),
                    "epoch " + (i + 1));
        }
    }

    private static TrialTask.Result task(TrialSpec spec) {
        List<TrialTask.Result> results =
                new TrialTask().apply(JavaConverters.asScalaIterator(List.of(spec).iterator()));
        assertEquals(1, results.size());
        return results.get(0);
    }
}
