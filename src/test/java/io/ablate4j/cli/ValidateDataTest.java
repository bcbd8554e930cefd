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

    /** The relative path of the issue: resolved against the config file's directory, not the working directory. */
    @Test
    void relativePathsAreTheConfigFilesAndATrialsConfigNamesTheSameFile() throws IOException {
        write("t.csv", TABLE);
        Path config = config("{name: csv, trainSize: 4, validationSize: 1, testSize: 1, csv: {trainFile: t.csv}}");
        Result ok = cli("validate", config.toString());
        assertEquals(0, ok.code(), ok.err());
        Path out = tmp.resolve("plan");
        Result plan = cli("plan", config.toString(), "--out", out.toString());
        assertEquals(0, plan.code(), plan.err());
        Path trial;
        try (Stream<Path> s = Files.list(out.resolve("trials"))) {
            trial = s.findFirst().orElseThrow().resolve("config.yaml");
        }
        assertTrue(Files.readString(trial).contains("trainFile: " + tmp.resolve("t.csv")), Files.readString(trial));
        Result again = cli("validate", trial.toString());
        assertEquals(0, again.code(), again.err());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"trainFile\" : \"t.csv\""), "the resolved config keeps what was written");
        assertTrue(manifest.contains("\"dataSource\" : {\n    \"type\" : \"csv\",\n    \"files\" : [ {\n      \"path\" : \""
                + tmp.resolve("t.csv") + "\",\n      \"sha256\" : \""), manifest);
        assertTrue(manifest.contains("\"classNames\" : [ \"0\", \"1\" ]"), manifest);
    }

    @Test
    void aBadCellAMissingCellAndATextColumnAreFoundByValidate() throws IOException {
        write("t.csv", TABLE.replace("4,5,6,1", "4,x5,6,1"));
        refused(config("{name: csv, csv: {trainFile: t.csv}}"), "x.yaml:2: dataset.csv.trainFile = t.csv: "
                + tmp.resolve("t.csv") + ": line 3, column 2 (\"b\"): \"x5\" is not a number");
        write("t.csv", TABLE.replace("4,5,6,1", "4,n/a,6,1"));
        refused(config("{name: csv, csv: {trainFile: t.csv}}"), "line 3, column 2 (\"b\"): \"n/a\" is a missing "
                + "value, and csv.missing is error");
        write("t.csv", "a,b,colour,label\n1,2,red,0\n4,5,blue,1\n7,8,red,0\n1,3,red,1\n2,4,blue,0\n3,5,red,1\n");
        refused(config("{name: csv, csv: {trainFile: t.csv}}"), "x.yaml:2: dataset.csv.categorical: ",
                "column \"colour\" (line 2: \"red\") holds text, not numbers; list it in csv.categorical");
    }

    @Test
    void aLabelColumnThatDoesNotExistIsFoundByValidate() throws IOException {
        write("t.csv", TABLE);
        refused(config("{name: csv, csv: {trainFile: t.csv, labelColumn: class}}"),
                "x.yaml:2: dataset.csv.labelColumn = class: ", "csv.labelColumn \"class\": no such column; the "
                        + "header names a, b, c, label");
        refused(config("{name: csv, csv: {trainFile: t.csv, labelColumn: 9}}"),
                "x.yaml:2: dataset.csv.labelColumn = 9: ", "csv.labelColumn 9 is out of range");
    }

    @Test
    void aKerasInputThatDoesNotFitTheTableIsFoundByValidate() throws IOException {
        write("t.csv", TABLE);
        write("m.json", """
                {"class_name": "Sequential", "keras_version": "2.11.0", "config": {"name": "s", "layers": [
                 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
                 {"class_name": "Dense", "config": {"name": "d", "units": 8, "activation": "relu"}},
                 {"class_name": "Dense", "config": {"name": "o", "units": 2, "activation": "softmax"}}]}}
                """);
        Path config = write("x.yaml", "name: t\ndataset: {name: csv, csv: {trainFile: t.csv}}\n"
                + "model: {type: keras, file: m.json}\ntraining: {epochs: 1}\n");
        refused(config, "x.yaml:3: model.file = m.json: " + tmp.resolve("m.json") + ": input shape [784] does not fit "
                + "the data: csv (t.csv) has 3 features");
    }

    @Test
    void validateSaysOkToDataItCanLoad() throws IOException {
        Path csv = write("t.csv", TABLE);
        Result r = cli("validate", config("{name: csv, trainSize: 4, validationSize: 1, testSize: 1, csv: {trainFile: "
                + csv + "}}").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().replaceAll("; checked in [0-9.]+ s", "").contains("ok (t: 1 variants × 3 seeds = 3 trials)\n"
                + "  data: csv (" + csv + ") train 4 / val 1 / test 1\n"), r.out());
        Result sized = cli("validate", config("{name: csv, csv: {trainFile: t.csv}}").toString());
        assertTrue(sized.out().contains("  data: csv (t.csv) train 4 / val 1 / test 1 (sizes from its 6 rows: "
                + "validation 20%, test 20%, train the rest)"), sized.out());
    }
}
