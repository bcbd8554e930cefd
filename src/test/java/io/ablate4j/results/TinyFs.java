package io.ablate4j.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: a small tmpfs of its own, for real "No space left on device" and "Read-only file system" errors.
 * Mounting needs root (or CAP_SYS_ADMIN) and a kernel that allows it; {@link #mount} returns null where it cannot,
 * and tests then skip or fall back to an injected failure.
 */
public final class TinyFs implements AutoCloseable {
    private final Path root;
    private final Path filler;

    private TinyFs(Path root) {
        this.root = root;
        this.filler = root.resolve(".filler");
    }

    /** Mounts a tmpfs of {@code bytes} on {@code dir} (created), or returns null when that is not possible here. */
    public static TinyFs mount(Path dir, long bytes) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        Files.createDirectories(dir);
        return run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString()) ? new TinyFs(dir) : null;
    }

    public Path root() {
        return root;
    }

    /** Bytes still free. */
    public long free() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** Fills the file system with one file until only about {@code bytes} are free (rounded to its pages). */
    public void leaveFree(long bytes) throws IOException {
        long fill = free() - bytes;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < fill; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, fill - written));
            }
        }
    }

    /** Removes the filler: the space a user frees before rerunning. */
    public void freeSpace() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Remounts it read-only. */
    public void readOnly() throws IOException, InterruptedException {
        if (!run("mount", "-o", "remount,ro", root.toString())) {
            throw new IOException("could not remount " + root + " read-only");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", "-l", root.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
