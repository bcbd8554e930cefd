package io.ablate4j.run;

import io.ablate4j.results.TrialStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seeds: {initial, max}}: the runner adds seeds only to the variants of undecided claims and baseline
 * comparisons, and a resumed run replays the same looks. Trials are not trained: each one's test accuracy is a
 * function of its variant and seed (a shared per-seed luck plus a little noise), so the looks are known.
 */
class AdaptiveSeedsRunTest {
    static final String CONFIG = """
            name: adaptive
            dataset: {name: synthetic, trainSize: 100, validationSize: 50, testSize: 50,
                      synthetic: {shape: blobs, features: 4, classes: 2}}
            model: {type: mlp, hidden: [4], dropout: 0.0}
            training: {epochs: 1, batchSize: 32}
            seeds: {initial: 3, max: 8, step: 1}
            sweep: {axes: {model.dropout: [0.0, 0.2, 0.5]}}
            baseline: {model.dropout: 0.0}
            expect:
              - {claim: "dropout 0.5 helps", metric: test_acc, higher: {model.dropout: 0.5}, than: {model.dropout: 0.0}}
              - {claim: "dropout 0.2 helps", metric: test_acc, higher: {model.dropout: 0.2}, than: {model.dropout: 0.0}}
            """;

    @TempDir
    Path tmp;

    /** Dropout 0.5 adds 5 points, far beyond the seed noise; 0.2 adds nothing. */
    static TrialOutcome outcome(Trial t) {
        double dropout = t.variant().config().model().dropout();
        long s = t.seed();
        double luck = 0.01 * Math.sin(7.3 * s);
        double noise = 0.002 * Math.sin(13.7 * s + 100 * dropout);
        double acc = 0.80 + (dropout == 0.5 ? 0.05 : 0) + luck + noise;
        EpochMetrics m = new EpochMetrics(1, 0.5, acc + 0.02, 0.55, acc, 0.55, acc, 0.02, 0.1, 1000);
        return new TrialOutcome(TrialStatus.OK, List.of(m), 1, 0.1, 1000, null, 0.01);
    }

    RunOptions options(Path out) {
        return new RunOptions(out, 1, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    static Plan plan() {
        return SweepExpander.expand(ConfigLoader.parse("adaptive.yaml", CONFIG));
    }

    /** Dropout value → its seeds in trials.csv. */
    static Map<String, List<String>> seedsByVariant(Path dir) throws IOException {
        List<String> header = CsvSchemas.trials(List.of("model.dropout"));
        Map<String, List<String>> out = new TreeMap<>();
        for (List<String> row : ResultsFile.open(dir.resolve("trials.csv"), header).rows()) {
            out.computeIfAbsent(Double.toString(Double.parseDouble(row.get(header.indexOf("model.dropout")))), k -> new java.util.ArrayList<>())
                    .add(row.get(header.indexOf("seed")));
        }
        out.values().forEach(java.util.Collections::sort);
        return out;
    }

    @Test
    void seedsAreAddedOnlyWhereUndecidedUpToMax() throws IOException {
        Plan plan = plan();
        assertEquals(9, plan.trials().size(), "initial: 3 variants × 3 seeds");
        assertEquals(15, plan.reserve().size(), "up to 5 more seeds each");
        Path out = tmp.resolve("run");
        RunResult r = new Runner(options(out)).runWith(plan, (p, t, dir, cancelled, onEpoch) -> outcome(t));
        Map<String, List<String>> seeds = seedsByVariant(out);
        // Dropout 0.5's claim and baseline comparison are decided before max; 0.2 and the baseline (which 0.2's
        // undecided claim involves) go to max.
        assertEquals(8, seeds.get("0.0").size(), seeds.toString());
        assertEquals(8, seeds.get("0.2").size(), seeds.toString());
        assertTrue(seeds.get("0.5").size() < 8, seeds.toString());
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), seeds.get("0.2"));
        assertEquals(16 + seeds.get("0.5").size(), r.ok());
    }

    @Test
    void anInterruptedAdaptiveRunResumesToTheSameTrials() throws IOException {
        Path clean = tmp.resolve("clean");
        new Runner(options(clean)).runWith(plan(), (p, t, dir, cancelled, onEpoch) -> outcome(t));
        Path cut = tmp.resolve("cut");
        AtomicInteger calls = new AtomicInteger();
        // The file system fails on the 13th trial (in the second look or later): the run stops, keeping what it
        // recorded.
        assertThrows(StorageException.class, () -> new Runner(options(cut)).runWith(plan(), (p, t, dir, c, e) -> {
            if (calls.incrementAndGet() == 13) {
                throw new StorageException(new IOException("No space left on device"));
            }
            return outcome(t);
        }));
        AtomicInteger resumed = new AtomicInteger();
        new Runner(options(cut)).runWith(plan(), (p, t, dir, cancelled, onEpoch) -> {
            resumed.incrementAndGet();
            return outcome(t);
        });
        assertEquals(seedsByVariant(clean), seedsByVariant(cut));
        int total = seedsByVariant(clean).values().stream().mapToInt(List::size).sum();
        assertEquals(total - 12, resumed.get(), "the resumed run trains only what the first did not record");
        // Nothing left to do: a third run trains nothing.
        AtomicInteger third = new AtomicInteger();
        new Runner(options(cut)).runWith(plan(), (p, t, dir, cancelled, onEpoch) -> {
            third.incrementAndGet();
            return outcome(t);
        });
        assertEquals(0, third.get());
    }
}
