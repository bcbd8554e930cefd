package io.ablate4j.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file writes that a reader (or a process killed mid-write) never sees half done: the bytes go to a hidden
 * temporary file beside the target ({@code .NAME.RANDOM.tmp}, see {@link #isTemporary}), which is then renamed over
 * the target in one step. The temporary file never outlives a failure (a full disk, an exception of the body), and
 * the error names the target.
 *
 * <p>{@link Durability#SYNCED} also forces the file's bytes to the device before the rename, and the directory entry
 * after it: what the run directory promises to keep once written (the manifest, result rows rewritten on resume).
 * {@link Durability#FLUSHED} leaves that to the operating system: for outputs that are made again from the rows
 * (report, charts, trial files) or checked before use (downloads, exports).
 */
public final class AtomicFiles {
    /** The suffix of every temporary file, of this version and the ones before it ({@code NAME.tmp}). */
    static final String SUFFIX = ".tmp";

    /** Whether a write must reach the device before it counts as done. */
    public enum Durability {
        /** Written and renamed; the operating system writes it to the device when it likes. */
        FLUSHED,
        /** Forced to the device (file, then directory entry) before the call returns. */
        SYNCED
    }

    /** What writes the file's content; the stream is buffered and closed by the caller. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} as the whole of {@code file} ({@link Durability#FLUSHED}). */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, Durability.FLUSHED, out -> out.write(bytes));
    }

    /** Writes {@code bytes} as the whole of {@code file}, forced to the device before it returns. */
    public static void writeSynced(Path file, byte[] bytes) throws IOException {
        write(file, Durability.SYNCED, out -> out.write(bytes));
    }

    /**
     * Writes what {@code body} writes as the whole of {@code file}. When the body throws (an {@link IOException} or
     * an unchecked exception, e.g. a download that fails its checksum), {@code file} is left as it was and the
     * exception propagates; I/O errors are rethrown naming {@code file} ({@link PathErrors#naming}).
     */
    public static void write(Path file, Durability durability, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + SUFFIX);
        try {
            // CREATE_NEW through Files.newByteChannel (unlike createTempFile) gives the file the umask's usual
            // permissions: data and reports are for everyone to read.
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                if (durability == Durability.SYNCED) {
                    channel.force(true);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durability == Durability.SYNCED) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            discard(tmp, e);
            throw PathErrors.naming(file, e);
        } catch (RuntimeException | Error e) {
            discard(tmp, e);
            throw e;
        }
    }

    /**
     * Whether {@code file} is a temporary file of an atomic write that never finished (a killed process): this
     * class's {@code .NAME.RANDOM.tmp}, or the {@code NAME.tmp} of versions before it. Nothing else in a run
     * directory ends in {@code .tmp}.
     */
    public static boolean isTemporary(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(SUFFIX);
    }

    private static void discard(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException again) {
            cause.addSuppressed(again);
        }
    }

    /** Forces the directory entry of a rename to the device (Linux allows fsync on a directory; others may not). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform opens a directory for fsync; the file itself was forced before the rename.
        }
    }
}
