package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.YamlLoader;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipped preset rerun at toy size end to end: its expectations survive into the manifest and the report
 * gives each one a verdict. The numbers of such a run mean nothing; the machinery is what is tested.
 */
class PresetRerunTest {
    private static final Set<String> VERDICTS = Set.of("confirmed", "consistent, not significant", "not confirmed",
            "inconclusive");

    @Test
    void reducedPresetGetsOneVerdictPerExpectation(@TempDir Path tmp) throws IOException {
        System.setProperty("java.awt.headless", "true");
        RawConfig raw = YamlLoader.load(Path.of("configs/ioffe-bn-learning-rate.yaml"));
        raw = raw.with("dataset.trainSize", 300L, "test override", 1)
                .with("dataset.validationSize", 200L, "test override", 1)
                .with("dataset.testSize", 200L, "test override", 1)
                .with("model.hidden", List.of(16L, 16L, 16L), "test override", 1)
                .with("training.epochs", 3L, "test override", 1)
                .with("seeds", List.of(1L, 2L), "test override", 1);
        Experiment experiment = ConfigLoader.bind(raw);
        Plan plan = SweepExpander.expand(experiment);
        assertEquals(8, plan.trials().size());
        RunOptions options = new RunOptions(tmp, 2, RunOptions.Mode.AUTO, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        RunResult result = Runner.run(plan, options);
        assertEquals(8, result.ok());

        assertTrue(Files.readString(tmp.resolve(Manifest.FILE)).contains("\"expectations\""));
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(tmp.resolve("expectations.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            rows = csv.getRecords();
        }
        assertEquals(experiment.expectations().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(experiment.expectations().get(i).claim(), rows.get(i).get("claim"));
            assertTrue(VERDICTS.contains(rows.get(i).get("verdict")), rows.get(i).toString());
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("Claims"), "report.md has the Claims section");
    }
}
