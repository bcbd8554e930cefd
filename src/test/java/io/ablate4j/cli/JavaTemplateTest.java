package io.ablate4j.cli;

import static io.ablate4j.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.cli.CliTest.Result;
import io.ablate4j.network.TemplateJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model: {type: java, class: …}} end to end through {@code --classpath}: the example template of
 * {@code examples/java-template} and a few broken ones are compiled here (javax.tools) into a jar, so the suite covers
 * the whole path without building the example project.
 */
class JavaTemplateTest {
    @TempDir
    static Path jars;

    @TempDir
    Path tmp;

    static Path jar;

    static final String CONFIG = """
            name: tpl
            dataset: {name: synthetic, trainSize: 120, validationSize: 30, testSize: 60,
                      synthetic: {features: 12, classes: 3}}
            model: {type: java, class: %s}
            training: {epochs: 2, batchSize: 32}
            seeds: [1]
            sweep: {axes: {model.dropout: [0.0, 0.5], model.batchNorm: [none, before-activation]}}
            """;

    /** Ignores the factors: a fixed dropout 0.5 in every trial and no BN ever. */
    static final String IGNORES_FACTORS = """
            package bad;
            import io.ablate4j.network.*;
            import org.deeplearning4j.nn.conf.*;
            import org.deeplearning4j.nn.conf.inputs.InputType;
            import org.deeplearning4j.nn.conf.layers.*;
            import org.deeplearning4j.nn.conf.dropout.Dropout;
            import org.nd4j.linalg.activations.Activation;
            public class IgnoresFactors implements NetworkTemplate {
                public MultiLayerConfiguration build(TrialFactors f) {
                    return new NeuralNetConfiguration.Builder().seed(f.seed()).list()
                            .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                            .layer(new DropoutLayer.Builder(new Dropout(0.5)).build())
                            .layer(new OutputLayer.Builder(f.loss()).nOut(f.numOutputs())
                                    .activation(f.outputActivation()).build())
                            .setInputType(InputType.feedForward(f.numInputs())).build();
                }
            }
            """;

    static final String THROWS = """
            package bad;
            public class Throws implements io.ablate4j.network.NetworkTemplate {
                public org.deeplearning4j.nn.conf.MultiLayerConfiguration build(io.ablate4j.network.TrialFactors f) {
                    throw new IllegalStateException("widths not configured");
                }
            }
            """;

    static final String NOT_A_TEMPLATE = """
            package bad;
            public class NotATemplate {
            }
            """;

    @BeforeAll
    static void compileTemplates() throws IOException {
        jar = TemplateJars.compile(jars, IGNORES_FACTORS, THROWS, NOT_A_TEMPLATE);
    }

    Path config(String className) throws IOException {
        Path p = tmp.resolve("tpl.yaml");
        Files.writeString(p, CONFIG.formatted(className));
        return p;
    }

    @Test
    void theExampleTemplateTrainsEveryVariantAndPlanWritesItsNetworks() throws IOException {
        Path out = tmp.resolve("run");
        Result r = cli("run", config("com.example.TaperedMlp").toString(), "--classpath", jar.toString(), "--out",
                out.toString(), "--parallel", "1", "--no-report");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().skip(1).allMatch(row -> row.contains(",ok,")), String.join("\n", rows));
        Path plan = tmp.resolve("plan");
        Result p = cli("plan", config("com.example.TaperedMlp").toString(), "--classpath", jar.toString(), "--out",
                plan.toString());
        assertEquals(0, p.code(), p.err());
        List<String> networks;
        try (Stream<Path> s = Files.walk(plan.resolve("trials"))) {
            networks = s.filter(f -> f.getFileName().toString().equals("network.json")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(4, networks.size());
        assertEquals(2, networks.stream().filter(n -> n.contains("BatchNormalization")).count());
        assertEquals(2, networks.stream().filter(n -> n.contains("DropoutLayer")).count());
        String yaml;
        try (Stream<Path> s = Files.walk(plan.resolve("trials"))) {
            yaml = Files.readString(s.filter(f -> f.getFileName().toString().equals("config.yaml")).findFirst()
                    .orElseThrow());
        }
        assertTrue(yaml.contains("type: java") && yaml.contains("class: com.example.TaperedMlp"), yaml);
        String manifest = Files.readString(plan.resolve("manifest.json"));
        assertTrue(manifest.contains("\"class\" : \"com.example.TaperedMlp\"") && manifest.contains("\"path\" : \""
                + jar + "\",\n      \"sha256\" : \""), manifest);
    }

    /** The example project's own config, with the jar its README builds (here: compiled by this test). */
    @Test
    void theExampleConfigPlansWithTheTemplateJar() throws IOException {
        Path plan = tmp.resolve("example");
        Result r = cli("plan", "examples/java-template/tapered-mlp.yaml", "--classpath", jar.toString(), "--out",
                plan.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tapered-mlp (examples/java-template/tapered-mlp.yaml): 4 variants × 2 seeds = 8 "
                + "trials"), r.out());
        try (Stream<Path> s = Files.list(plan.resolve("trials"))) {
            assertEquals(8, s.count());
        }
    }

    /** Without --classpath the jar comes from ABLATE4J_CLASSPATH (a child JVM: the environment is fixed per process). */
    @Test
    void theEnvironmentVariableNamesTheJarWhenNoClasspathIsGiven() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                "io.ablate4j.cli.Main", "validate", config("com.example.TaperedMlp").toString())
                .redirectErrorStream(true);
        pb.environment().put("ABLATE4J_CLASSPATH", jar.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("ok (tpl: 4 variants × 1 seeds = 4 trials; checked in "), out);
        pb.environment().remove("ABLATE4J_CLASSPATH");
        Process without = pb.start();
        String err = new String(without.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, without.waitFor(), err);
        assertTrue(err.contains("no --classpath given and ABLATE4J_CLASSPATH unset"), err);
    }

    @Test
    void aTemplateThatContradictsTheFactorsIsReportedAndNothingIsWritten() throws IOException {
        Path out = tmp.resolve("run");
        Result r = cli("run", config("bad.IgnoresFactors").toString(), "--classpath", jar.toString(), "--out",
                out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("tpl.yaml:4: model.class = bad.IgnoresFactors: trial ")
                && r.err().contains("contradicts the trial's factors")
                && r.err().contains("layer 1 drops 0.5 (DL4J retain 0.5), a rate the trial does not ask for"),
                r.err());
        Result plan = cli("plan", config("bad.IgnoresFactors").toString(), "--classpath", jar.toString(), "--out",
                out.toString());
        assertEquals(2, plan.code(), plan.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void missingWrongAndThrowingClassesAreNamedWithExitTwo() throws IOException {
        Path out = tmp.resolve("run");
        Result missing = cli("run", config("com.example.Nowhere").toString(), "--classpath", jar.toString(),
                "--out", out.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("model.class = com.example.Nowhere: class com.example.Nowhere not found "
                + "on the class path (--classpath " + jar + ")"), missing.err());
        Result wrong = cli("validate", config("bad.NotATemplate").toString(), "--classpath", jar.toString());
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("class bad.NotATemplate does not implement io.ablate4j.network."
                + "NetworkTemplate"), wrong.err());
        Result throwing = cli("run", config("bad.Throws").toString(), "--classpath", jar.toString(), "--out",
                out.toString());
        assertEquals(2, throwing.code(), throwing.err());
        assertTrue(throwing.err().contains("template bad.Throws threw java.lang.IllegalStateException: widths not "
                + "configured"), throwing.err());
        Result noJar = cli("validate", config("bad.Throws").toString(), "--classpath", tmp.resolve("no.jar")
                .toString());
        assertEquals(2, noJar.code(), noJar.err());
        assertTrue(noJar.err().contains("no.jar: no such file"), noJar.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
