package io.ablate4j.run;

import io.ablate4j.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.TrialResults;
import io.ablate4j.sweep.Plan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run directory held for writing: locked against a second run, checked to hold this config (or nothing),
 * with the manifest written. Closing releases the lock.
 */
final class RunDirectory implements AutoCloseable {
    static final String LOCK = ".lock";
    /** What a run writes; --fresh deletes exactly these. */
    private static final List<String> OUTPUTS = List.of(Manifest.FILE, TrialResults.TRIALS, TrialResults.EPOCHS,
            TrialResults.DIAGNOSTICS, Quarantine.FILE,
            "summary.csv", "factors.csv", "overfitting.csv", "report.html", "report.md", "plots", "trials");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Instant startedAt;
    private final boolean resumed;
    /** How the trials are trained, for the manifest. */
    private final TrialRunner trials;

    private RunDirectory(Path dir, FileChannel lockChannel, FileLock lock, Instant startedAt, boolean resumed,
                         TrialRunner trials) {
        this.dir = dir;
        this.trials = trials;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.startedAt = startedAt;
        this.resumed = resumed;
    }

    /** Checks that a directory may take this plan without touching it (for failing before anything is written). */
    static void check(Path dir, Plan plan, RunOptions.Mode mode) {
        Path manifest = dir.resolve(Manifest.FILE);
        if (!Files.exists(manifest)) {
            if (mode == RunOptions.Mode.RESUME) {
                throw new RunException(dir + ": nothing to resume (no " + Manifest.FILE + "); drop --resume to start a run there");
            }
            if (mode != RunOptions.Mode.FRESH && Files.exists(dir.resolve(TrialResults.TRIALS))) {
                throw new RunException(dir + ": holds " + TrialResults.TRIALS + " but no " + Manifest.FILE
                        + "; use --fresh to discard it or choose another --out");
            }
            return;
        }
        String hash;
        try {
            JsonNode node = Manifest.read(dir);
            hash = node.path("configHash").asText("");
        } catch (IOException e) {
            if (mode == RunOptions.Mode.FRESH) {
                return;
            }
            throw new RunException(dir.resolve(Manifest.FILE) + ": unreadable (" + e.getMessage()
                    + "); use --fresh to start over there");
        }
        if (!hash.equals(plan.configHash()) && mode != RunOptions.Mode.FRESH) {
            throw new RunException(dir + ": holds a run of a different config (config hash " + hash + ", this one "
                    + plan.configHash() + "); resuming would mix results. Use --fresh to discard them, or another --out");
        }
    }

    /** Locks and prepares {@code dir} for the plan and writes its manifest, with how {@code trials} train. */
    static RunDirectory open(Path dir, Plan plan, RunOptions.Mode mode, TrialRunner trials) throws IOException {
        check(dir, plan, mode);
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(dir.resolve(LOCK), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new RunException(dir + ": another run is writing here" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; wait for it to finish or choose another --out");
        }
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            removeTemporaryFiles(dir);
            Instant startedAt = Instant.now();
            boolean resumed = false;
            if (mode == RunOptions.Mode.FRESH) {
                clear(dir);
            } else if (Files.exists(dir.resolve(Manifest.FILE))) {
                resumed = true;
                try {
                    startedAt = Instant.parse(Manifest.read(dir).path("startedAt").asText());
                } catch (RuntimeException e) {
                    // Keep now: an unparsable start time is not worth refusing a resume for.
                }
            }
            RunDirectory rd = new RunDirectory(dir, channel, lock, startedAt, resumed, trials);
            Manifest.write(dir, Manifest.of(plan, trials, startedAt, null));
            return rd;
        } catch (IOException | RuntimeException e) {
            // Release the lock: the caller gets no RunDirectory to close, and a later run in this JVM must get it.
            try {
                lock.release();
                channel.close();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Removes the temporary files that a writer killed mid-write (or an older version stopped by a full disk) left
     * behind ({@link AtomicFiles#isTemporary}) in the directory, its {@code plots/} and each {@code trials/<id>/}.
     * Best effort: never fails.
     */
    static void removeTemporaryFiles(Path dir) {
        List<Path> candidates = new ArrayList<>();
        for (Path folder : List.of(dir, dir.resolve("plots"))) {
            candidates.addAll(list(folder, AtomicFiles::isTemporary));
        }
        for (Path trial : list(dir.resolve(TrialFiles.DIR), Files::isDirectory)) {
            candidates.addAll(list(trial, AtomicFiles::isTemporary));
        }
        for (Path p : candidates) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // What cannot be removed now is removed by the next run.
            }
        }
    }

    private static List<Path> list(Path folder, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(keep).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    Path path() {
        return dir;
    }

    boolean resumed() {
        return resumed;
    }

    void finish(Plan plan) throws IOException {
        Manifest.write(dir, Manifest.of(plan, trials, startedAt, Instant.now()));
    }

    private static void clear(Path dir) throws IOException {
        for (String name : OUTPUTS) {
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
