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

/**
 * A CNN with and without batch norm trained by a JVM with the vector module (this one: surefire adds it) and by
 * one without it (a child JVM: the kernels' scalar twins), to the same numbers in every metric: the run-level
 * proof of what {@code VectorKernelsTest} checks kernel by kernel. The first conv layer takes the direct path,
 * the second the im2col one.
 */
class ScalarLoopsRunTest {
    private static final String CONFIG = """
            name: scalar-loops
            dataset: {name: fashion-mnist, source: bundled, trainSize: 256, validationSize: 64, testSize: 128}
            model:
              type: cnn
              conv:
                - {filters: 8, kernel: 3, pool: 2}
                - {filters: 12, kernel: 3, pool: 2}
              hidden: [16]
              activation: relu
            training: {epochs: 2, batchSize: 32, optimizer: {type: adam, learningRate: 1e-3}}
            seeds: [1]
            sweep:
              axes:
                model:
                  - {dropout: 0.0}
                  - {dropout: 0.25, batchNorm: before-activation}
            """;

    @TempDir
    Path tmp;

    @Test
    void theScalarTwinsTrainTheSameNumbersAsTheVectorKernels() throws Exception {
        Path config = tmp.resolve("scalar-loops.yaml");
        Files.writeString(config, CONFIG);
        Path vector = tmp.resolve("vector");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new Runner(new RunOptions(vector, 1, RunOptions.Mode.AUTO, false, quiet, false)).run(List.of(config));

        Path scalar = tmp.resolve("scalar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.ablate4j.cli.Main", "run", config.toString(), "--out", scalar.toString(), "--parallel", "1",
                "--no-report").redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child run did not finish");
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));

        assertTrue(Files.readString(vector.resolve("manifest.json")).contains("\"channelLoops\" : \"vector\""));
        assertTrue(Files.readString(scalar.resolve("manifest.json")).contains("\"channelLoops\" : \"scalar\""));
        List<String> header = CsvSchemas.trials(List.of("model"));
        List<String> trials = RunnerTest.metrics(vector, "trials.csv", header);
        assertEquals(2, trials.size());
        assertTrue(trials.stream().allMatch(r -> r.contains(",ok,")), trials.toString());
        assertEquals(trials, RunnerTest.metrics(scalar, "trials.csv", header));
        assertEquals(RunnerTest.metrics(vector, "epochs.csv", CsvSchemas.EPOCHS),
                RunnerTest.metrics(scalar, "epochs.csv", CsvSchemas.EPOCHS));
    }
}
