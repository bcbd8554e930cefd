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
 * {@code dataset: {name: java, class: …}} end to end through {@code --classpath}: the example project of
 * {@code examples/java-data} (its source and its iris.csv) and a few broken classes are compiled here into a jar, as
 * its README builds it, so the suite covers the whole path and the example cannot drift from the interface.
 */
class JavaDataCliTest {
    @TempDir
    static Path jars;

    @TempDir
    Path tmp;

    static Path jar;

    static final String CONFIG = """
            name: data
            dataset: {name: java, class: %s, folds: 3}
            model: {hidden: [8]}
            training: {epochs: 2, batchSize: 16}
            seeds: [1]
            sweep: {axes: {model.dropout: [0.0, 0.5], dataset.normalize: [standardize, minmax]}}
            """;

    static final String THROWS = """
            package bad;
            public class ThrowsData implements io.ablate4j.data.ExampleSource {
                public io.ablate4j.data.ExampleTable examples() {
                    throw new IllegalStateException("no database at jdbc:h2:/nowhere");
                }
            }
            """;

    static final String RAGGED = """
            package bad;
            public class Ragged implements io.ablate4j.data.ExampleSource {
                public io.ablate4j.data.ExampleTable examples() {
                    return io.ablate4j.data.ExampleTable.ofClasses(new float[][] {{1, 2}, {3}}, new int[] {0, 1});
                }
            }
            """;

    static final String NOT_A_SOURCE = """
            package bad;
            public class NotASource {
            }
            """;

    /** Counts its calls in the file a system property names: one per command, however many folds and variants. */
    static final String COUNTING = """
            package counting;
            import java.nio.file.*;
            public class Counting implements io.ablate4j.data.ExampleSource {
                public io.ablate4j.data.ExampleTable examples() throws Exception {
                    Files.writeString(Path.of(System.getProperty("ablate4j.test.calls")), "call\\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    float[][] x = new float[60][];
                    String[] y = new String[60];
                    for (int i = 0; i < 60; i++) {
                        x[i] = new float[] {i % 5, i % 7, (i * 13) % 11};
                        y[i] = i % 2 == 0 ? "even" : "odd";
                    }
                    return io.ablate4j.data.ExampleTable.ofClasses(x, y);
                }
            }
            """;

    @BeforeAll
    static void compileClasses() throws IOException {
        jar = TemplateJars.compileDataExample(jars, THROWS, RAGGED, NOT_A_SOURCE, COUNTING);
    }

    Path config(String className) throws IOException {
        Path p = tmp.resolve("data.yaml");
        Files.writeString(p, CONFIG.formatted(className));
        return p;
    }

    /** The example project's class trains every fold of every variant; the manifest says where the data came from. */
    @Test
    void theExampleClassTrainsAndTheManifestNamesItsClassAndJar() throws IOException {
        Path out = tmp.resolve("run");
        Result r = cli("run", config("com.example.IrisData").toString(), "--classpath", jar.toString(), "--out",
                out.toString(), "--parallel", "2", "--no-report");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(1 + 4 * 3, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().skip(1).allMatch(row -> row.contains(",ok,")), String.join("\n", rows));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"dataSource\" : {\n    \"type\" : \"java\",\n    \"class\" : \"com.example.IrisData\","
                + "\n    \"classpath\" : [ {\n      \"path\" : \"" + jar + "\",\n      \"sha256\" : \""), manifest);
        assertTrue(manifest.contains("\"examples\" : 150"), manifest);
        assertTrue(manifest.contains("\"classNames\" : [ \"setosa\", \"versicolor\", \"virginica\" ]"), manifest);
    }

    /** The example's own config, planned with the jar its README builds (here: compiled by this test). */
    @Test
    void theExampleConfigPlansWithTheDataJar() throws IOException {
        Result r = cli("plan", "examples/java-data/iris-dropout-bn.yaml", "--classpath", jar.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("iris-dropout-bn (examples/java-data/iris-dropout-bn.yaml): 4 variants × 2 seeds "
                + "× 5 folds = 40 trials"), r.out());
    }

    @Test
    void missingWrongThrowingAndInconsistentClassesAreNamedBeforeAnythingIsWritten() throws IOException {
        Path out = tmp.resolve("run");
        Result missing = cli("validate", config("com.example.Nowhere").toString(), "--classpath", jar.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("data.yaml:2: dataset.class = com.example.Nowhere: class com.example.Nowhere "
                + "not found on the class path (--classpath " + jar + ")"), missing.err());
        Result wrong = cli("validate", config("bad.NotASource").toString(), "--classpath", jar.toString());
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("class bad.NotASource does not implement io.ablate4j.data.ExampleSource (one "
                + "method: ExampleTable examples())"), wrong.err());
        Result throwing = cli("run", config("bad.ThrowsData").toString(), "--classpath", jar.toString(), "--out",
                out.toString());
        assertEquals(2, throwing.code(), throwing.err());
        assertTrue(throwing.err().contains("data.yaml:2: dataset.class = bad.ThrowsData: bad.ThrowsData.examples() threw "
                + "java.lang.IllegalStateException: no database at jdbc:h2:/nowhere"), throwing.err());
        Result ragged = cli("plan", config("bad.Ragged").toString(), "--classpath", jar.toString(), "--out",
                out.toString());
        assertEquals(2, ragged.code(), ragged.err());
        assertTrue(ragged.err().contains("bad.Ragged.examples() returned inconsistent examples: row 1 has 1 features, "
                + "row 0 has 2"), ragged.err());
        Result noClasspath = cli("validate", config("com.example.IrisData").toString(), "--classpath",
                tmp.resolve("none.jar").toString());
        assertEquals(2, noClasspath.code(), noClasspath.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** validate, plan and run read the data once per command: one call of the class for 3 folds × 4 variants. */
    @Test
    void eachCommandCallsTheClassOnce() throws IOException {
        Path calls = tmp.resolve("calls.txt");
        System.setProperty("ablate4j.test.calls", calls.toString());
        try {
            Result v = cli("validate", config("counting.Counting").toString(), "--classpath", jar.toString());
            assertEquals(0, v.code(), v.err());
            assertEquals(1, Files.readAllLines(calls).size(), "validate");
            Result p = cli("plan", config("counting.Counting").toString(), "--classpath", jar.toString(), "--out",
                    tmp.resolve("plan").toString());
            assertEquals(0, p.code(), p.err());
            assertEquals(2, Files.readAllLines(calls).size(), "plan --out");
            try (Stream<Path> s = Files.list(tmp.resolve("plan").resolve("trials"))) {
                assertEquals(12, s.count());
            }
        } finally {
            System.clearProperty("ablate4j.test.calls");
        }
    }
}
