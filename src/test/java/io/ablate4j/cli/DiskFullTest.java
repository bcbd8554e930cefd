package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.TinyFs;
import io.ablate4j.run.RunDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full disk, for real: a tmpfs that fills up in the middle of a run (root only; where it cannot be
 * mounted the test is skipped, and {@code StorageStopTest} covers the same path with an injected writer). The run
 * ends with exit 2 and a message that says what to do, records no trial as failed and leaves no temporary file;
 * after freeing space, the rerun with --resume ends with the results of an uninterrupted run.
 */
class DiskFullTest {
    static final String CONFIG = """
            name: diskfull
            dataset: {name: synthetic, trainSize: 200, validationSize: 60, testSize: 100,
                      synthetic: {shape: blobs, features: 8, classes: 3, noise: 0.8}}
            model: {type: mlp, hidden: [12]}
            training: {epochs: 2, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}}
            seeds: [1, 2, 3]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            """;
    static final List<String> TRIALS = CsvSchemas.trials(List.of("model.dropout"));
    private static final long PAGE = 4096;

    @TempDir
    Path tmp;

    @Test
    void aDiskFillingUpMidRunStopsWithExitTwoAndTheRerunWithSpaceFinishesIt() throws Exception {
        Path config = tmp.resolve("diskfull.yaml");
        Files.writeString(config, CONFIG);
        try (TinyFs fs = TinyFs.mount(tmp.resolve("fs"), 4 << 20)) {
            Assumptions.assumeTrue(fs != null, "needs root and mount -t tmpfs");
            Path clean = tmp.resolve("clean");
            CliTest.Result uninterrupted = CliTest.cli("run", config.toString(), "--out", clean.toString(),
                    "--parallel", "2", "--no-report");
            assertEquals(0, uninterrupted.code(), uninterrupted.err());
            // Room for the manifest, the lock, the CSVs and the files of three of the six trials.
            long base = 1 + pages(clean.resolve("manifest.json")) + pages(clean.resolve("trials.csv"))
                    + pages(clean.resolve("epochs.csv"));
            long perTrial;
            try (Stream<Path> dirs = Files.list(clean.resolve("trials"))) {
                perTrial = dirs.mapToLong(DiskFullTest::pagesUnder).max().orElseThrow();
            }
            Path out = fs.root().resolve("run");
            fs.leaveFree((base + 3 * perTrial) * PAGE);

            CliTest.Result stopped = CliTest.cli("run", config.toString(), "--out", out.toString(), "--parallel", "2",
                    "--no-report");
            assertEquals(2, stopped.code(), stopped.err());
            assertTrue(stopped.err().startsWith("error: " + out), stopped.err());
            assertTrue(stopped.err().contains(": No space left on device.\nThe run stopped: "), stopped.err());
            assertTrue(stopped.err().contains("no trial was recorded as failed for this, and no temporary file is "
                    + "left.\nFree space on the file system of " + out + " (df -h " + out + "), then rerun with "
                    + "--resume:\n  ablate4j run " + config + " --out " + out + " --resume"), stopped.err());
            assertFalse(stopped.err().contains("unexpected"), stopped.err());
            String trials = Files.readString(out.resolve("trials.csv"));
            assertFalse(trials.contains(",failed,"), trials);
            assertTrue(Files.readAllLines(out.resolve("trials.csv")).size() - 1 < 6, trials);
            try (Stream<Path> files = Files.walk(out)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
            }

            fs.freeSpace();
            CliTest.Result resumed = CliTest.cli("run", config.toString(), "--out", out.toString(), "--parallel", "2",
                    "--no-report", "--resume");
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(RunDirs.metrics(clean.resolve("trials.csv"), TRIALS),
                    RunDirs.metrics(out.resolve("trials.csv"), TRIALS));
            assertEquals(RunDirs.metrics(clean.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                    RunDirs.metrics(out.resolve("epochs.csv"), CsvSchemas.EPOCHS));
        }
    }

    @Test
    void aReadOnlyFileSystemIsNamedWithItsFixAndExitTwo() throws Exception {
        Path config = tmp.resolve("diskfull.yaml");
        Files.writeString(config, CONFIG);
        try (TinyFs fs = TinyFs.mount(tmp.resolve("ro"), 1 << 20)) {
            Assumptions.assumeTrue(fs != null, "needs root and mount -t tmpfs");
            fs.readOnly();
            Path out = fs.root().resolve("run");
            CliTest.Result r = CliTest.cli("run", config.toString(), "--out", out.toString(), "--no-report");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("error: " + out + ": Read-only file system.\nThe run stopped before "
                    + "training"), r.err());
            assertTrue(r.err().contains(out + " is on a read-only file system: remount it read-write"), r.err());
            assertTrue(r.err().endsWith("then rerun:\n  ablate4j run " + config + " --out " + out + "\n"), r.err());
        }
    }

    private static long pages(Path file) {
        try {
            return (Files.size(file) + PAGE - 1) / PAGE;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long pagesUnder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(DiskFullTest::pages).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
