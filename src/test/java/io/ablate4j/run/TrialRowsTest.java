package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.results.TrialResults;
import io.ablate4j.results.TrialStatus;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.training.BnDiagnostics;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRowsTest {
    @TempDir
    Path dir;

    static final String GOLDEN_CONFIG = """
            name: golden-format
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 20}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 2, bnDiagnostics: true}
            seeds: [1]
            sweep: {axes: {model.hidden: [[8], [8, 4]]}}
            """;

    /**
     * Seals the schema version 2 format: what {@link TrialRows#record} writes for an ok trial with BN diagnostics
     * and a failed one whose error has a comma, quotes and a line break. Every checksum in the golden files was
     * checked with Python (the definition in {@code Checksum} and the README).
     */
    @Test
    void recordedRowsMatchTheGoldenFiles() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("golden-format.yaml", GOLDEN_CONFIG));
        TrialResults results = TrialResults.open(dir, plan.axes());
        List<EpochMetrics> epochs = List.of(
                new EpochMetrics(1, 0.9, 0.6, 1.0, 0.55, 1.05, 0.5, 0.05, 0.25, 4000),
                new EpochMetrics(2, 0.7, 0.75, 0.8, 0.7, 0.85, 0.65, 0.05, 0.125, 4100.25));
        List<BnDiagnostics> diagnostics = List.of(new BnDiagnostics(1, 0.55, 0.5, 0.9, List.of(0.9)),
                new BnDiagnostics(2, 0.7, 0.6, 0.95, List.of(0.95)));
        TrialRows.record(results, plan.trials().get(0), new TrialOutcome(TrialStatus.OK, epochs, 2, 0.375, 4050.5,
                null, 0.01, diagnostics));
        TrialRows.record(results, plan.trials().get(1), TrialOutcome.failed("IllegalStateException: a, \"b\"\nc", 0.002));
        for (String name : List.of("trials.csv", "epochs.csv", "diagnostics.csv")) {
            assertEquals(golden(name), Files.readString(dir.resolve(name)), name);
        }
    }

    /**
     * Seals a trial that left a race (issue 27): status {@code pruned}, its epochs up to the rung, the metrics of
     * its best epoch among them, the rung and why in {@code error}.
     */
    @Test
    void aPrunedTrialMatchesTheGoldenFiles() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("golden-format.yaml", GOLDEN_CONFIG));
        TrialResults results = TrialResults.open(dir, plan.axes());
        List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 0.9, 0.6, 1.0, 0.55, 1.05, 0.5, 0.05, 0.25, 4000));
        TrialRows.record(results, plan.trials().get(1), new TrialOutcome(TrialStatus.PRUNED, epochs, 1, 0.25, 4000,
                "left the race at rung 1 (epoch 1): worse than the leader (paired t, p = 0.000123 < 0.00125)", 0.01));
        for (String name : List.of("trials.csv", "epochs.csv")) {
            String golden = golden("pruned/" + name);
            if (System.getenv("ABLATE4J_WRITE_GOLDEN") != null) {
                Files.createDirectories(Path.of("src/test/resources/results/golden/pruned"));
                Files.writeString(Path.of("src/test/resources/results/golden/pruned", name),
                        Files.readString(dir.resolve(name)));
            } else {
                assertEquals(golden, Files.readString(dir.resolve(name)), name);
            }
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = TrialRowsTest.class.getResourceAsStream("/results/golden/" + name)) {
            return in == null ? "(no golden " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
