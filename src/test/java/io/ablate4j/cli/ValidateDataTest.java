package io.ablate4j.cli;

import static io.ablate4j.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code plan} check what {@code run} checks before training: the data files exist and parse,
 * the sizes fit the data and the network fits its shape, each a located error with exit 2 and nothing written.
 */
class ValidateDataTest {
    @TempDir
    Path tmp;

    static final String TABLE = """
            a,b,c,label
            1,2,3,0
            4,5,6,1
            7,8,9,0
            1,3,5,1
            2,4,6,0
            3,5,7,1
            """;

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    Path config(String dataset) throws IOException {
        return write("x.yaml", "name: t\ndataset: " + dataset + "\nmodel: {hidden: [4]}\ntraining: {epochs: 1}\n");
    }

    /** validate and plan --out both refuse with exit 2 and the words given; nothing is written. */
    void refused(Path config, String... words) {
        Path out = tmp.resolve("out");
        for (String[] args : new String[][]{{"validate", config.toString()},
                {"plan", config.toString(), "--out", out.toString()}}) {
            Result r = cli(args);
            assertEquals(2, r.code(), args[0] + ": " + r.out() + r.err());
            for (String w : words) {
                assertTrue(r.err().contains(w), args[0] + " should say '" + w + "': " + r.err());
            }
        }
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("results")).count());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aMissingCsvFileIsFoundByValidate() throws IOException {
        refused(config("{name: csv, trainSize: 2, validationSize: 1, testSize: 1, csv: {trainFile: "
                + tmp.resolve("nowhere.csv") + "}}"), "nowhere.csv: no such file");
    }

    @Test
    void aTrainSizeLargerThanTheTableIsFoundByValidate() throws IOException {
        Path csv = write("t.csv", TABLE);
        refused(config("{name: csv, trainSize: 20, validationSize: 1, testSize: 1, csv: {trainFile: " + csv + "}}"),
                "trainSize 20", "6 examples");
    }

    @Test
    void validateSaysOkToDataItCanLoad() throws IOException {
        Path csv = write("t.csv", TABLE);
        Result r = cli("validate", config("{name: csv, trainSize: 4, validationSize: 1, testSize: 1, csv: {trainFile: "
                + csv + "}}").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok"), r.out());
    }
}
