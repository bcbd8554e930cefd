package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.data.DataCache;
import io.ablate4j.network.Templates;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.RaceFile;
import io.ablate4j.results.TrialResults;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.StepMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A race end to end on the local engine: the hopeless variant leaves at a rung and is recorded as pruned with its
 * epochs up to there, race.csv says who left when and why, no checkpoint is left behind, and a race stopped in the
 * middle (trials paused at a rung on disk, others abandoned mid-epoch) and resumed ends with the same rows, metric
 * for metric, and the same race.csv as an uninterrupted one.
 */
class RaceRunTest {
    private static final String YAML = """
            name: race
            dataset: {name: synthetic, trainSize: 300, validationSize: 150, testSize: 100,
                      synthetic: {shape: blobs, classes: 3, features: 8, noise: 2}}
            model: {type: mlp, hidden: [16], dropout: 0.2}
            training: {epochs: 5, batchSize: 32}
            seeds: [1, 2, 3, 4, 5]
            sweep:
              axes:
                training.optimizer.learningRate: [0.00001, 0.01, 0.03]
              race: {rungs: [1, 3]}
            """;

    @Test
    void aStoppedRaceResumesToTheSameRowsAsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("race.yaml", YAML));
        Path whole = tmp.resolve("whole");
        String log = race(plan, whole, -1);
        assertTrue(log.contains("race over"), log);
        List<Map<String, String>> race = RaceFile.read(whole);
        assertTrue(race.stream().anyMatch(r -> r.get("outcome").equals("worse")), "the hopeless variant leaves: " + race);
        assertFalse(Files.exists(whole.resolve(Checkpoints.DIR)), "checkpoints are removed");
        String trials = Files.readString(whole.resolve("trials.csv"));
        assertTrue(trials.contains(",pruned,"), trials);

        Path stopped = tmp.resolve("stopped");
        // Stop after 7 epochs of leg 2 have been trained, then resume.
        String first = race(plan, stopped, 5 * 3 + 7);
        assertFalse(first.contains("race over"), first);
        assertTrue(Files.exists(stopped.resolve(Checkpoints.DIR)), "paused trials wait in checkpoints");
        String second = race(plan, stopped, -1);
        assertTrue(second.contains("race over"), second);
        assertFalse(Files.exists(stopped.resolve(Checkpoints.DIR)));
        assertEquals(RaceFile.read(whole), RaceFile.read(stopped));
        assertEquals(rows(whole, "trials.csv"), rows(stopped, "trials.csv"));
        assertEquals(rows(whole, "epochs.csv"), rows(stopped, "epochs.csv"));
    }

    @Test
    void theRunnerCountsPrunedTrialsAndTheManifestAndReportCarryTheRace(@TempDir Path tmp) throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("race.yaml", YAML));
        Path dir = tmp.resolve("run");
        RunOptions options = new RunOptions(dir, 2, RunOptions.Mode.AUTO, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        RunResult r = new Runner(options).run(plan);
        long pruned = Files.readAllLines(dir.resolve("trials.csv")).stream().filter(l -> l.contains(",pruned,")).count();
        assertTrue(pruned > 0, "the hopeless variant's trials are pruned");
        assertEquals(pruned, r.pruned());
        assertEquals(plan.trials().size(), r.ok() + r.diverged() + r.failed() + r.pruned());
        io.ablate4j.report.read.Manifest m = io.ablate4j.report.read.RunReader.read(dir).manifest();
        assertEquals(new io.ablate4j.report.read.Manifest.Race("test", 0.05, 3, List.of(1, 3)), m.race());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("rule test, alpha 0.05, rungs at epochs 1, 3"));
    }

    @Test
    void aDamagedCheckpointIsDeletedAndItsTrialTrainedAgain(@TempDir Path tmp) throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("race.yaml", YAML));
        Path whole = tmp.resolve("whole");
        race(plan, whole, -1);
        Path dir = tmp.resolve("damaged");
        race(plan, dir, 5 * 3 + 7);
        Path ckpt;
        try (var files = Files.list(dir.resolve(Checkpoints.DIR))) {
            ckpt = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length - 10] ^= 1;
        Files.write(ckpt, bytes);
        String log = race(plan, dir, -1);
        assertTrue(log.contains("damaged checkpoint"), log);
        assertEquals(rows(whole, "trials.csv"), rows(dir, "trials.csv"));
    }

    /** Races {@code plan} in {@code dir}, stopped after {@code stopAfter} epochs (-1: never); returns its log. */
    private static String race(Plan plan, Path dir, int stopAfter) throws IOException {
        Files.createDirectories(dir);
        TrialRunner runner = new TrialRunner(new DataCache(), Templates.of(List.of()), StepMode.LEAN);
        if (!Files.exists(dir.resolve(Manifest.FILE))) {
            Manifest.write(dir, Manifest.of(plan, runner, Instant.now(), null));
        }
        TrialResults results = TrialResults.open(dir, plan.axes(), (t, v, s) -> true);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger epochs = new AtomicInteger();
        Engine.TrialSink sink = new Engine.TrialSink() {
            @Override
            public void finished(Trial trial, TrialOutcome outcome) throws IOException {
                TrialRows.record(results, trial, outcome);
            }

            @Override
            public void epoch(Trial trial, EpochMetrics m) {
                if (epochs.incrementAndGet() == stopAfter) {
                    cancelled.set(true);
                }
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Racing(plan, dir, results, new LocalEngine(2, runner), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(cancelled, sink, new AtomicBoolean());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A results file's rows by trial id (and epoch), timings left out. */
    private static Map<String, String> rows(Path dir, String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                if (!column.endsWith("seconds") && !column.equals("samples_per_second") && !column.equals("checksum")
                        && CsvSchemas.EPOCHS.contains(column) | !file.equals("epochs.csv")) {
                    kept.append(column).append('=').append(i < cells.length ? cells[i] : "").append(' ');
                }
            }
            out.put(cells[0] + (file.equals("epochs.csv") ? "/" + cells[4] : ""), kept.toString());
        }
        return out;
    }
}
