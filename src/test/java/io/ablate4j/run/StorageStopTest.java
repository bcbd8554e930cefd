package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.results.CsvSchemas;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing file system is no trial's failure: with an injected writer that throws (the real thing, a full tmpfs,
 * is in the CLI's tests), the run stops at once with a message naming the path, what happened and the fix, records
 * no failed trial and leaves no temporary file; the rerun gives what an uninterrupted run gives.
 */
class StorageStopTest {
    static final List<String> TRIALS = DamagedRowsTest.TRIALS;

    @TempDir
    Path tmp;

    private static RunOptions options(Path out, int parallel) {
        return new RunOptions(out, parallel, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    static void assertStoppedCleanly(Path dir) throws IOException {
        assertFalse(Files.readString(dir.resolve("trials.csv")).contains(",failed,"), "no trial recorded as failed");
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"finishedAt\" : null"), "resumable");
    }

    private void assertResumesToTheUninterruptedResult(Plan plan, Path dir, int recorded) throws IOException {
        RunResult again = new Runner(options(dir, 2)).run(plan);
        assertEquals(recorded, again.skipped());
        assertEquals(4 - recorded, again.ok());
        Path clean = tmp.resolve("clean");
        new Runner(options(clean, 2)).run(plan);
        assertEquals(RunDirs.metrics(clean.resolve("trials.csv"), TRIALS), RunDirs.metrics(dir.resolve("trials.csv"),
                TRIALS));
        assertEquals(RunDirs.metrics(clean.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                RunDirs.metrics(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS));
    }

    @Test
    void aFullDiskWhileATrialWritesItsFilesStopsTheRunInsteadOfFailingTrials() throws IOException {
        Plan plan = RunnerTest.plan(DamagedRowsTest.CONFIG);
        Path dir = tmp.resolve("full");
        Trial third = plan.trials().get(2);
        AtomicInteger started = new AtomicInteger();
        StorageException e = assertThrows(StorageException.class, () -> new Runner(options(dir, 1)).runWith(plan, (p, t, runDir, cancelled, onEpoch) -> {
                    started.incrementAndGet();
                    if (t.equals(third)) {
                        throw new FileSystemException(runDir.resolve("trials").resolve(t.id()).resolve("network.json")
                                .toString(), null, "No space left on device");
                    }
                    return RunDirs.trials().run(p, t, runDir, cancelled, onEpoch);
                }));
        assertEquals(StorageException.Kind.NO_SPACE, e.kind());
        assertEquals(dir.resolve("trials").resolve(third.id()).resolve("network.json") + ": No space left on device.\n"
                + "The run stopped: 2 of 4 trials are recorded and kept, no trial was recorded as failed for this, "
                + "and no temporary file is left.\n"
                + "Free space on the file system of " + dir + " (df -h " + dir + "), then rerun with --resume:\n"
                + "  ablate4j run tiny.yaml --out " + dir + " --resume", e.getMessage());
        assertEquals(3, started.get(), "no trial starts after the failure");
        assertStoppedCleanly(dir);
        assertResumesToTheUninterruptedResult(plan, dir, 2);
    }

    @Test
    void aFailingResultsWriteStopsEveryRunningTrialAndRecordsNothingMore() throws IOException {
        Plan plan = RunnerTest.plan(DamagedRowsTest.CONFIG);
        Path dir = tmp.resolve("readonly");
        AtomicInteger delivered = new AtomicInteger();
        Engine failingSecondWrite = (p, pending, runDir, cancelled, sink) -> new LocalEngine(2, RunDirs.trials()).execute(p, pending,
                runDir, cancelled, (trial, outcome) -> {
                    if (delivered.incrementAndGet() == 2) {
                        throw new FileSystemException(runDir.resolve("trials.csv").toString(), null,
                                "Read-only file system");
                    }
                    sink.finished(trial, outcome);
                });
        StorageException e = assertThrows(StorageException.class, () -> new Runner(options(dir, 2)).run(plan, failingSecondWrite));
        assertEquals(StorageException.Kind.READ_ONLY, e.kind());
        assertTrue(e.getMessage().startsWith(dir.resolve("trials.csv") + ": Read-only file system.\n"
                + "The run stopped: 1 of 4 trials are recorded"), e.getMessage());
        assertTrue(e.getMessage().contains(dir + " is on a read-only file system: remount it read-write"),
                e.getMessage());
        assertEquals(2, delivered.get(), "the trial running beside the failed write is stopped, not delivered");
        assertStoppedCleanly(dir);
        assertResumesToTheUninterruptedResult(plan, dir, 1);
    }

    @Test
    void anOrdinaryExceptionOfATrialIsStillAFailedTrial() {
        assertFalse(StorageException.isEnvironmental(new IllegalStateException("No space left in the buffer")));
        assertFalse(StorageException.isEnvironmental(new IOException("Connection reset")));
        assertTrue(StorageException.isEnvironmental(new RuntimeException(new IOException("No space left on device"))));
        assertTrue(StorageException.isEnvironmental(new java.nio.file.AccessDeniedException("/x")));
        assertTrue(StorageException.isEnvironmental(new java.nio.file.ReadOnlyFileSystemException()));
        assertTrue(StorageException.isEnvironmental(new java.io.UncheckedIOException(
                new IOException("Input/output error"))));
        assertTrue(StorageException.isEnvironmental(new IOException("Disk quota exceeded")));
    }
}
