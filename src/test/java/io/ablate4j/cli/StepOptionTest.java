package io.ablate4j.cli;

import static io.ablate4j.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --step}: the training step is a run's setting, recorded as {@code trainingStep} in the manifest, with
 * {@code -Dablate4j.step} as its default, and {@code compare} names it when two runs differ in it.
 */
class StepOptionTest {
    /** Batch norm: the lean step's kernels and DL4J's layers agree to float rounding only. */
    private static final String CONFIG = """
            name: steps
            dataset: {name: synthetic, trainSize: 200, validationSize: 50, testSize: 100,
                      synthetic: {shape: blobs, features: 10, classes: 3, noise: 0.8}}
            model: {type: mlp, hidden: [16], batchNorm: %s}
            training: {epochs: 2, batchSize: 32}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;

    @TempDir
    Path tmp;

    private Path config(String batchNorm) throws IOException {
        return Files.writeString(tmp.resolve(batchNorm + ".yaml"), CONFIG.formatted(batchNorm));
    }

    private String run(Path config, String dir, String... step) {
        String[] args = new String[5 + step.length];
        String[] fixed = {"run", config.toString(), "--out", tmp.resolve(dir).toString(), "--no-report"};
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        System.arraycopy(step, 0, args, fixed.length, step.length);
        CliTest.Result r = cli(args);
        assertEquals(0, r.code(), r.err());
        return tmp.resolve(dir).toString();
    }

    private String trainingStep(String dir) throws IOException {
        String manifest = Files.readString(Path.of(dir, "manifest.json"));
        return manifest.replaceAll("(?s).*\"trainingStep\" : \"(\\w+)\".*", "$1");
    }

    @Test
    void theStepIsRecordedAndCompareNamesIt() throws IOException {
        Path bn = config("before-activation");
        String lean = run(bn, "lean");
        String exact = run(bn, "exact", "--step", "exact");
        assertEquals("lean", trainingStep(lean));
        assertEquals("exact", trainingStep(exact));
        CliTest.Result compared = cli("compare", lean, exact);
        assertTrue(compared.out().contains("- the runs differ in trainingStep: A = lean, B = exact"), compared.out());
    }

    @Test
    void withoutKernelLayersEveryStepTrainsTheSameNumbers() throws IOException {
        Path mlp = config("none");
        String lean = run(mlp, "lean");
        String dl4j = run(mlp, "dl4j", "--step", "dl4j");
        assertEquals("dl4j", trainingStep(dl4j));
        CliTest.Result compared = cli("compare", lean, dl4j);
        assertEquals(0, compared.code(), compared.out());
        assertTrue(compared.out().contains("reproduced: 2 of 2 variant(s) of A reproduced (2 identical)"),
                compared.out());
    }

    @Test
    void theSystemPropertyIsTheDefaultAndABadValueIsAUsageError() throws IOException {
        Path mlp = config("none");
        String old = System.getProperty(RunOptions.STEP_PROPERTY);
        try {
            System.setProperty(RunOptions.STEP_PROPERTY, "exact");
            assertEquals("exact", trainingStep(run(mlp, "property")));
            assertTrue(cli("run", "--help").out().contains("Default: exact"));
            System.setProperty(RunOptions.STEP_PROPERTY, "fast");
            CliTest.Result bad = cli("run", mlp.toString(), "--out", tmp.resolve("bad").toString());
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("-Dablate4j.step=fast (the default of --step): expected lean, exact or dl4j"),
                    bad.err());
        } finally {
            if (old == null) {
                System.clearProperty(RunOptions.STEP_PROPERTY);
            } else {
                System.setProperty(RunOptions.STEP_PROPERTY, old);
            }
        }
        CliTest.Result bad = cli("run", mlp.toString(), "--step", "fit", "--out", tmp.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--step fit: expected lean, exact or dl4j"), bad.err());
        assertTrue(cli("run", "--help").out().contains("Default: lean"));
    }
}
