package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    static final String GOOD = """
            name: cli
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50,
                      synthetic: {features: 12, classes: 4}}
            model: {type: mlp, hidden: [16, 8], inputDropout: 0.1}
            training: {epochs: 1}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        CommandLine c = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        c.setOut(new PrintWriter(out));
        c.setErr(new PrintWriter(err));
        int code = c.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    Path write(String name, String yaml) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    /** --version prints the pom's version (the build filters it into io/ablate4j/version.properties), not "dev". */
    @Test
    void versionIsThePomsVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<artifactId>ablate4j</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the pom's own version");
        String version = m.group(1);
        Result r = cli("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("ablate4j " + version + " (Deeplearning4j 1.0.0-M2.1"), r.out());
    }

    @Test
    void validateAcceptsAGoodConfigAndSaysWhatItWouldRun() throws IOException {
        Result r = cli("validate", write("good.yaml", GOOD).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok (cli: 2 variants × 2 seeds = 4 trials; checked in "), r.out());
        assertTrue(r.out().contains("  baseline: model.dropout=0 (the base config's values)\n"), r.out());
    }

    /** validate and plan say which variant the baseline is and why; the manifest records both. */
    @Test
    void validateAndPlanNameTheBaselineAndTheManifestRecordsHowItWasChosen() throws IOException {
        Path first = write("first.yaml", GOOD.replace("[0.0, 0.5]", "[0.2, 0.5]"));
        Result v = cli("validate", first.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("  baseline: model.dropout=0.2 (no variant has the base config's values; the "
                + "first value of each axis)\n"), v.out());
        Path out = tmp.resolve("planned");
        Result p = cli("plan", first.toString(), "--out", out.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("\nbaseline: model.dropout=0.2 (no variant has"), p.out());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"baseline\" : {\n    \"model.dropout\" : \"0.2\"\n  },"), manifest);
        assertTrue(manifest.contains("\"baselineSource\" : \"first-values\""), manifest);
        assertTrue(manifest.contains("\"dataDescription\" : \"synthetic (blobs, 12 features, 4 classes, noise 1.0) "
                + "train 100 / val 20 / test 50\""), manifest);

        Path none = write("none.yaml", GOOD + "baseline: none\n");
        Result n = cli("validate", none.toString());
        assertEquals(0, n.code(), n.err());
        assertTrue(n.out().contains("  baseline: none (as the config asks: nothing is compared with a reference)"),
                n.out());
        Result bad = cli("validate", write("bad.yaml", GOOD + "baseline: nothing\n").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("bad.yaml:8: baseline = nothing: must map sweep axes to their baseline values, "
                + "e.g. {model.dropout: 0.0}, or be none (no comparisons with a baseline)"), bad.err());
    }

    @Test
    void validateReportsEveryBadFileWithExitTwoAndNoStackTrace() throws IOException {
        Path bad1 = write("bad1.yaml", GOOD.replace("inputDropout: 0.1", "inputDropout: 1.5"));
        Path bad2 = write("bad2.yaml", GOOD.replace("model.dropout", "model.dropuot"));
        Result r = cli("validate", bad1.toString(), bad2.toString(), write("good.yaml", GOOD).toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad1.yaml:4: model.inputDropout = 1.5: a drop probability must be in [0, 1)"), r.err());
        assertTrue(r.err().contains("bad2.yaml:7: sweep.axes.model.dropuot"), r.err());
        assertTrue(r.out().contains("good.yaml: ok"), r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void runWithABadConfigExitsTwoAndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        Result r = cli("run", write("bad.yaml", GOOD.replace("epochs: 1", "epochs: 1, batchSize: 0")).toString(),
                "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("training.batchSize = 0"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertEquals(2, cli("run", "--paralel", "2", "x.yaml").code());
        assertEquals(2, cli("frobnicate").code());
    }

    @Test
    void engineOptionsAreCheckedBeforeAnythingIsWritten() throws IOException {
        Path config = write("good.yaml", GOOD);
        Path out = tmp.resolve("engine");
        Result bogus = cli("run", config.toString(), "--out", out.toString(), "--engine", "mapreduce");
        assertEquals(2, bogus.code());
        assertTrue(bogus.err().contains("--engine must be local or spark, got 'mapreduce'"), bogus.err());
        Result master = cli("run", config.toString(), "--out", out.toString(), "--master", "local[2]");
        assertEquals(2, master.code());
        assertTrue(master.err().contains("needs --engine spark"), master.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void sparkEngineMissingFromTheDefaultBuildIsAUsageError() throws IOException {
        boolean sparkBuild;
        try {
            Class.forName("io.ablate4j.spark.SparkEngine");
            sparkBuild = true;
        } catch (ClassNotFoundException e) {
            sparkBuild = false;
        }
        Assumptions.assumeFalse(sparkBuild, "built with -Pspark");
        Path out = tmp.resolve("spark");
        Result r = cli("run", write("good.yaml", GOOD).toString(), "--out", out.toString(), "--engine", "spark");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("build it with ./mvnw -Pspark package"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void planPrintsTheTrialTableAndWritesNetworksMatchingTheYaml() throws IOException {
        Path out = tmp.resolve("plan");
        Result r = cli("plan", write("good.yaml", GOOD).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 variants × 2 seeds = 4 trials"), r.out());
        assertTrue(Files.exists(out.resolve("manifest.json")));
        List<Path> networks;
        try (Stream<Path> s = Files.walk(out.resolve("trials"))) {
            networks = s.filter(p -> p.getFileName().toString().equals("network.json")).toList();
        }
        assertEquals(4, networks.size());
        int withHiddenDropout = 0;
        for (Path n : networks) {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(Files.readString(n));
            DropoutLayer input = (DropoutLayer) conf.getConf(0).getLayer();
            assertEquals(0.9, ((Dropout) input.getIDropout()).getP(), 1e-12);
            DenseLayer first = (DenseLayer) conf.getConf(1).getLayer();
            assertEquals(12, first.getNIn());
            assertEquals(16, first.getNOut());
            long dropouts = conf.getConfs().stream().filter(c -> c.getLayer() instanceof DropoutLayer).count();
            if (dropouts == 3) {
                withHiddenDropout++;
            } else {
                assertEquals(1, dropouts);
            }
            Path config = n.resolveSibling("config.yaml");
            assertEquals(0, cli("validate", config.toString()).code(), "config.yaml is a runnable experiment");
        }
        assertEquals(2, withHiddenDropout);
    }

    @Test
    void benchWorkloadOptionsAreCheckedBeforeAnythingTrains() {
        for (String[] args : List.of(new String[] {"--model", "rnn"}, new String[] {"--dropout", "1"},
                new String[] {"--model", "cnn", "--dropout", "-0.1"}, new String[] {"--train-size", "0"},
                new String[] {"--train-size", "60001"}, new String[] {"--model", "cifar10-cnn", "--train-size", "50001"},
                new String[] {"--model", "cifar10-cnn", "--dropout", "1"})) {
            String[] command = Stream.concat(Stream.of("bench", "--python", "none"), Stream.of(args))
                    .toArray(String[]::new);
            Result r = cli(command);
            assertEquals(2, r.code(), String.join(" ", command) + ": " + r.err());
            assertTrue(r.err().contains(args[args.length - 2]), r.err());
            assertFalse(r.out().contains("bench:"), "nothing ran: " + r.out());
        }
    }

    @Test
    void benchHelpShowsEveryWorkloadOptionWithItsDefault() {
        Result r = cli("bench", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " "); // picocli wraps the text at any word
        for (String option : List.of("--model", "--batch-norm", "--dropout", "--train-size", "--trials")) {
            assertTrue(help.contains(option), option + " in " + help);
        }
        assertTrue(help.contains("Default: mlp"), help);
        assertTrue(help.contains("cifar10-cnn"), help);
        assertTrue(help.contains("Default: all of them (60000 Fashion-MNIST, 50000 CIFAR-10)"), help);
        assertTrue(help.contains("Default: 0.5 for mlp, 0.25 for cnn, the file's 0.25/0.25/0.5 for cifar10-cnn"), help);
        assertFalse(help.contains("Default: null"), help);
    }

    /** Regression and cross-validation input that only the data can reveal: exit 2, located message, no run dir. */
    @Test
    void badRegressionOrFoldDataStopsTheRunBeforeAnythingIsWritten() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,price\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i % 3).append(',').append(i == 17 ? "cheap" : String.valueOf(2 * i))
                    .append('\n');
        }
        Files.writeString(tmp.resolve("houses.csv"), csv);
        String regression = """
                name: houses
                dataset: {name: csv, task: regression, trainSize: 20, validationSize: 5, testSize: 5,
                          csv: {trainFile: %s, targetColumn: %s}}
                model: {type: mlp, hidden: [4]}
                training: {epochs: 1}
                seeds: [1]
                """;
        String file = tmp.resolve("houses.csv").toString();
        Path out = tmp.resolve("out");
        Result nonNumeric = cli("run", write("r1.yaml", regression.formatted(file, "price")).toString(), "--out",
                out.toString());
        assertEquals(2, nonNumeric.code(), nonNumeric.err());
        assertTrue(nonNumeric.err().contains("r1.yaml:3: dataset.csv.trainFile = " + file + ": " + file + ": line 19, "
                + "column 3 (\"price\")")
                && nonNumeric.err().contains("\"cheap\" is not a finite number"), nonNumeric.err());
        Result missing = cli("run", write("r2.yaml", regression.formatted(file, "cost")).toString(), "--out",
                out.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("csv.targetColumn \"cost\": no such column; the header names a, b, price"),
                missing.err());
        String folds = """
                name: folds
                dataset: {name: synthetic, trainSize: 12, testSize: 20, folds: 5, synthetic: {classes: 3}}
                model: {type: mlp, hidden: [4]}
                training: {epochs: 1}
                seeds: [1]
                """;
        Result tooMany = cli("run", write("f.yaml", folds).toString(), "--out", out.toString());
        assertEquals(2, tooMany.code(), tooMany.err());
        assertTrue(tooMany.err().contains("f.yaml:2: dataset.folds = 5: 5 folds exceed the 4 training examples"),
                tooMany.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
