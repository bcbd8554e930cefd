package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.network.TemplateJars;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runners in one JVM share nothing a second run could trip on: each loads its own data (a changed file behind
 * the same config is read again, where a process-wide cache would hand out the old one) and its own java templates
 * (two class paths with the same class name build different networks), one after the other and at once.
 */
class RunnerIsolationTest {
    /** A template whose hidden width is the jar's: the same class name in two jars, two architectures. */
    private static final String TEMPLATE = """
            package iso;
            import io.ablate4j.network.NetworkTemplate;
            import io.ablate4j.network.TrialFactors;
            import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
            import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
            import org.deeplearning4j.nn.conf.inputs.InputType;
            import org.deeplearning4j.nn.conf.layers.DenseLayer;
            import org.deeplearning4j.nn.conf.layers.Layer;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.api.buffer.DataType;
            public class Net implements NetworkTemplate {
                public MultiLayerConfiguration build(TrialFactors f) {
                    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(f.seed())
                            .dataType(DataType.FLOAT).updater(f.updater()).list();
                    DenseLayer.Builder dense = new DenseLayer.Builder().nOut(WIDTH)
                            .activation(f.weightActivation(Activation.RELU)).hasBias(f.weightBias());
                    f.regularize(dense);
                    list.layer(dense.build());
                    for (Layer layer : f.afterWeights(0, Activation.RELU)) {
                        list.layer(layer);
                    }
                    OutputLayer.Builder out = new OutputLayer.Builder(f.loss()).nOut(f.numOutputs())
                            .activation(f.outputActivation());
                    f.regularize(out);
                    list.layer(out.build());
                    list.setInputType(InputType.feedForward(f.numInputs()));
                    return list.build();
                }
            }
            """;

    private static final String CONFIG = """
            name: iso
            dataset: {name: csv, trainSize: 120, validationSize: 30, testSize: 50, csv: {trainFile: '%s', header: false}}
            model: {type: java, class: iso.Net}
            training: {epochs: 2, batchSize: 32}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;
    private static final List<String> TRIALS = CsvSchemas.trials(List.of("model.dropout"));

    @TempDir
    Path tmp;

    @Test
    void twoRunnersNeverShareDataOrTemplates() throws Exception {
        Path narrow = jar("narrow", 8);
        Path wide = jar("wide", 24);
        Path data = tmp.resolve("data.csv");
        Path config = Files.writeString(tmp.resolve("iso.yaml"), CONFIG.formatted(data));

        // one after the other: the same config, the file changed in between
        Files.writeString(data, csv(1));
        run(config, narrow, tmp.resolve("a"));
        Files.writeString(data, csv(2));
        run(config, narrow, tmp.resolve("b"));
        Path copy = Files.writeString(tmp.resolve("copy.csv"), csv(2));
        run(Files.writeString(tmp.resolve("copy.yaml"), CONFIG.formatted(copy)), narrow, tmp.resolve("reference"));
        List<String> b = metrics(tmp.resolve("b"));
        assertEquals(metrics(tmp.resolve("reference")), b, "the second runner read the file as it is now");
        assertNotEquals(metrics(tmp.resolve("a")), b, "the two files train differently");

        // at once: two class paths with the same class name
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> x = pool.submit(() -> run(config, narrow, tmp.resolve("x")));
            Future<?> y = pool.submit(() -> run(config, wide, tmp.resolve("y")));
            x.get();
            y.get();
        } finally {
            pool.shutdown();
        }
        assertEquals(b, metrics(tmp.resolve("x")), "a concurrent run changes nothing of another's");
        assertNotEquals(b, metrics(tmp.resolve("y")), "the wide network trains differently");
        for (String dir : List.of("a", "b", "x")) {
            assertTrue(network(tmp.resolve(dir)).contains("\"nout\" : 8,"), dir + ": the narrow jar's network");
        }
        assertTrue(network(tmp.resolve("y")).contains("\"nout\" : 24,"), "the wide jar's network");
        assertTrue(Files.readString(tmp.resolve("y").resolve(Manifest.FILE)).contains(wide.toString()),
                "the manifest names the runner's own class path");
    }

    private Path jar(String name, int width) throws IOException {
        return TemplateJars.compile(tmp.resolve(name), TEMPLATE.replace("WIDTH", Integer.toString(width)));
    }

    private static Void run(Path config, Path jar, Path out) throws IOException {
        RunOptions options = new RunOptions(out, 2, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
                .withClasspath(List.of(jar));
        Runner runner = new Runner(options);
        Plan plan = runner.plan(config);
        assertEquals(4, runner.run(plan).ok());
        return null;
    }

    /** 200 rows of 4 features and a class in 0..2, drawn from {@code seed}. */
    private static String csv(long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            int c = r.nextInt(3);
            for (int j = 0; j < 4; j++) {
                b.append(String.format(java.util.Locale.ROOT, "%.4f,", r.nextGaussian() + (j == c ? 1.5 : 0)));
            }
            b.append(c).append('\n');
        }
        return b.toString();
    }

    /** The trials' metrics; ids and checksums aside, which follow the config's file path. */
    private static List<String> metrics(Path dir) throws IOException {
        return RunDirs.metrics(dir.resolve("trials.csv"), TRIALS, List.of("trial_id", "variant_id", "checksum"));
    }

    /** The first trial's network.json. */
    private static String network(Path dir) throws IOException {
        try (var trials = Files.list(dir.resolve(TrialFiles.DIR))) {
            Path first = trials.sorted().findFirst().orElseThrow();
            return Files.readString(first.resolve("network.json"));
        }
    }
}
