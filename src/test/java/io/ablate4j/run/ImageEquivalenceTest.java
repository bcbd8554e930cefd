package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.data.ImageFixtures;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same images through different sources train to the same trials, bit for bit: the bundled Fashion-MNIST subset as
 * IDX and as a folder of PNGs; images as CIFAR binary batches and as a folder of PNGs. Bit-identical because the
 * examples arrive in the same order: a folder lists each class's images in file-name order, and the files are named
 * in the IDX (or CIFAR) order, so the stratified draws, which shuffle each class's examples, pick the same ones in the
 * same order (the folder's classes are sorted as the labels are). A folder whose names follow another order gives
 * the same examples in other minibatches: the same experiment, other numbers.
 */
class ImageEquivalenceTest {
    @TempDir
    Path tmp;

    /** Metric cells of each trial (by seed and axis values), everything but timings and ids. */
    private static Map<String, List<String>> trials(Path runDir) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(runDir.resolve("trials.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            List<String> header = csv.getHeaderNames();
            for (CSVRecord r : csv) {
                List<String> cells = new ArrayList<>();
                for (String column : header) {
                    if (!List.of("trial_id", "variant_id", "train_seconds", "samples_per_second", "checksum")
                            .contains(column)) {
                        cells.add(column + "=" + r.get(column));
                    }
                }
                rows.put(r.get("seed") + " " + cells.subList(0, 4), cells);
            }
        }
        return rows;
    }

    private RunResult run(String name, String dataset, String model, Path out) throws IOException {
        String yaml = "name: " + name + "\ndataset: " + dataset + "\nmodel: " + model + "\n"
                + "training: {epochs: 2, batchSize: 32}\nseeds: [1, 2]\n"
                + "sweep: {axes: {model.dropout: [0.0, 0.5]}}\n";
        Plan plan = SweepExpander.expand(ConfigLoader.parse(tmp.resolve(name + ".yaml").toString(), yaml));
        RunOptions options = new RunOptions(out, 2, RunOptions.Mode.AUTO, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        RunResult r = new Runner(options).run(plan);
        assertEquals(plan.trials().size(), r.ok());
        return r;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(ImageEquivalenceTest.class.getResourceAsStream(
                "/datasets/fashion-mnist-subset/" + name))) {
            return in.readAllBytes();
        }
    }

    /** The bundled subset written as grey PNGs: train/ and test/, class folders c0..c9, files named by IDX index. */
    private Path exportBundled() throws IOException {
        Path root = tmp.resolve("fashion-png");
        for (String part : List.of("train", "t10k")) {
            byte[] images = resource(part + "-images-idx3-ubyte.gz");
            byte[] labels = resource(part + "-labels-idx1-ubyte.gz");
            int count = labels.length - 8;
            byte[][] pixels = new byte[count][];
            int[] classes = new int[count];
            for (int i = 0; i < count; i++) {
                pixels[i] = java.util.Arrays.copyOfRange(images, 16 + i * 784, 16 + (i + 1) * 784);
                classes[i] = labels[8 + i];
            }
            ImageFixtures.writeFolder(root.resolve(part.equals("train") ? "train" : "test"), pixels, classes, 0,
                    count, List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"), 28, 28, 1);
        }
        return root;
    }

    @Test
    void theBundledSubsetAsPngsTrainsAsTheIdxFilesDo() throws IOException {
        Path png = exportBundled();
        String sizes = "trainSize: 400, validationSize: 200, testSize: 300, normalize: scale01, "
                + "augment: {shiftPixels: 2, flipHorizontal: true}";
        for (String model : List.of("{type: mlp, hidden: [32]}",
                "{type: cnn, conv: [{filters: 4, kernel: 3}], hidden: [16]}")) {
            Path a = tmp.resolve("idx-" + model.hashCode());
            Path b = tmp.resolve("png-" + model.hashCode());
            run("idx", "{name: fashion-mnist, source: bundled, " + sizes + "}", model, a);
            run("png", "{name: images, path: " + png + ", " + sizes + "}", model, b);
            assertEquals(trials(a), trials(b), model);
        }
        JsonNode data = new ObjectMapper().readTree(tmp.resolve("png-" + "{type: mlp, hidden: [32]}".hashCode())
                .resolve("manifest.json").toFile());
        assertEquals("[\"c0\",\"c1\",\"c2\",\"c3\",\"c4\",\"c5\",\"c6\",\"c7\",\"c8\",\"c9\"]",
                data.get("classNames").toString());
        JsonNode source = data.get("dataSource");
        assertEquals("images", source.get("type").asText());
        assertEquals(png.toAbsolutePath().normalize().toString(), source.get("folder").asText());
        assertEquals(15000, source.get("examples").asInt());
        assertEquals("{\"train\":[1000,1000,1000,1000,1000,1000,1000,1000,1000,1000],"
                + "\"test\":[500,500,500,500,500,500,500,500,500,500]}", data.get("classCounts").toString());
        assertEquals("[28,28,1]", data.get("imageShape").toString());
    }

    @Test
    void cifarBatchesAndTheSameImagesAsPngsTrainTheSame() throws IOException {
        Path bin = tmp.resolve("cifar");
        int perBatch = 40;
        int test = 100;
        int[] labels = new int[5 * perBatch + test];
        byte[][] images = ImageFixtures.writeCifar(bin, DatasetName.CIFAR10, perBatch, test, 9, labels);
        Path png = tmp.resolve("cifar-png");
        // CIFAR-10's class names are in alphabetical order: sorted folders are the label order
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck");
        ImageFixtures.writeFolder(png.resolve("train"), images, labels, 0, 5 * perBatch, names, 32, 32, 3);
        ImageFixtures.writeFolder(png.resolve("test"), images, labels, 5 * perBatch, test, names, 32, 32, 3);
        String sizes = "trainSize: 150, validationSize: 50, testSize: 60, normalize: standardize, "
                + "augment: {cropPadding: 4, flipHorizontal: true}";
        String model = "{type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 4, kernel: 3}], hidden: [16], "
                + "batchNorm: before-activation}";
        Path a = tmp.resolve("bin-run");
        Path b = tmp.resolve("png-run");
        run("bin", "{name: cifar10, source: path, path: " + bin + ", " + sizes + "}", model, a);
        run("png", "{name: images, path: " + png + ", " + sizes + "}", model, b);
        Map<String, List<String>> binTrials = trials(a);
        assertEquals(binTrials, trials(b));
        assertFalse(binTrials.values().iterator().next().contains("test_acc="), "metrics are filled");
        JsonNode data = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
        assertEquals("[32,32,3]", data.get("imageShape").toString());
        assertTrue(data.get("classNames").toString().startsWith("[\"airplane\",\"automobile\""));
        // the same images and labels: the same digest of the examples, whether read from CIFAR files or PNGs
        JsonNode binSource = data.get("dataSource");
        JsonNode pngSource = new ObjectMapper().readTree(b.resolve("manifest.json").toFile()).get("dataSource");
        assertEquals("cifar10", binSource.get("type").asText());
        assertEquals(6, binSource.get("files").size());
        assertEquals(perBatch, binSource.get("files").get(0).get("rows").asInt());
        assertEquals(64, binSource.get("files").get(0).get("sha256").asText().length());
        assertEquals(binSource.get("examplesSha256"), pngSource.get("examplesSha256"));
    }
}
