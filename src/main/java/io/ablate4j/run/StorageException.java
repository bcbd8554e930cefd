package io.ablate4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * The file system stopped the run: no space left, a read-only file system, an I/O error, no permission, or any
 * other failure to write the run directory. This is no result of a trial: the run stops at once, records no trial
 * as failed for it and leaves no temporary file; what was recorded before is kept, and the message names the path,
 * what happened and the fix. The CLI exits with 2.
 */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the file system said, as far as the fix depends on it. */
    public enum Kind {
        NO_SPACE, READ_ONLY, PERMISSION, IO_ERROR, OTHER
    }

    private final Kind kind;

    /** A failure of the run directory's writers as it happened; {@link Runner} adds what it means for the run. */
    public StorageException(IOException cause) {
        this(cause.getMessage(), cause, kindOf(cause) == null ? Kind.OTHER : kindOf(cause));
    }

    private StorageException(String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether {@code t} or one of its causes is the file system refusing work (full, read-only, I/O error, no
     * permission), as opposed to an ordinary error of a trial, which is recorded as a failed trial.
     */
    public static boolean isEnvironmental(Throwable t) {
        return kindOf(t) != null;
    }

    /** The kind of file system failure in {@code t}'s causes, or null when it has none. */
    static Kind kindOf(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof StorageException s) {
                return s.kind;
            }
            if (c instanceof AccessDeniedException) {
                return Kind.PERMISSION;
            }
            if (c instanceof ReadOnlyFileSystemException) {
                return Kind.READ_ONLY;
            }
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                Kind k = kindOfMessage(reason(c));
                if (k != null) {
                    return k;
                }
            }
        }
        return null;
    }

    private static Kind kindOfMessage(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("no space left on device") || m.contains("disk quota exceeded")
                || m.contains("not enough space on the disk")) {
            return Kind.NO_SPACE;
        }
        if (m.contains("read-only file system")) {
            return Kind.READ_ONLY;
        }
        if (m.contains("permission denied") || m.contains("operation not permitted") || m.contains("access is denied")) {
            return Kind.PERMISSION;
        }
        if (m.contains("input/output error")) {
            return Kind.IO_ERROR;
        }
        return null;
    }

    /**
     * The message of a stop: the path, what happened, the state things are in, and the fix.
     *
     * @param cause the failure
     * @param dir   the directory whose file system it is
     * @param state what was kept, one sentence
     * @param rerun the command that goes on once it is fixed
     */
    public static StorageException stopped(Throwable cause, Path dir, String state, String rerun) {
        Kind kind = kindOf(cause) == null ? Kind.OTHER : kindOf(cause);
        FileSystemException named = find(cause, FileSystemException.class);
        String path = named != null && named.getFile() != null ? named.getFile() : null;
        String what = (path == null ? "" : path + ": ") + happened(cause, kind);
        String fix = switch (kind) {
            case NO_SPACE -> "Free space on the file system of " + dir + " (df -h " + dir + ")";
            case READ_ONLY -> dir + " is on a read-only file system: remount it read-write, or copy the directory "
                    + "to a writable place and use that";
            case PERMISSION -> "Give this user write permission on " + existing(path == null ? dir : Path.of(path))
                    + " (ls -ld " + existing(path == null ? dir : Path.of(path)) + ")";
            case IO_ERROR -> "The disk reported an I/O error: check it (dmesg), or copy the directory to another disk "
                    + "and use that";
            case OTHER -> "Fix the cause";
        };
        return new StorageException(what + ".\n" + state + "\n" + fix + ", then " + rerun, cause, kind);
    }

    private static String happened(Throwable cause, Kind kind) {
        IOException io = find(cause, IOException.class);
        String reason = io == null ? reason(cause) : reason(io);
        if (!reason.isBlank()) {
            return reason;
        }
        return switch (kind) {
            case NO_SPACE -> "No space left on device";
            case READ_ONLY -> "Read-only file system";
            case PERMISSION -> "Permission denied";
            case IO_ERROR -> "Input/output error";
            case OTHER -> cause.getClass().getSimpleName();
        };
    }

    /** {@code p} or its nearest ancestor that exists: where permission is missing when p cannot be created. */
    private static Path existing(Path p) {
        Path q = p.toAbsolutePath();
        while (q.getParent() != null && !java.nio.file.Files.exists(q)) {
            q = q.getParent();
        }
        return q;
    }

    /** What went wrong without the path a FileSystemException repeats in its message. */
    private static String reason(Throwable t) {
        if (t instanceof FileSystemException f) {
            return f.getReason() == null ? "" : f.getReason();
        }
        return t.getMessage() == null ? "" : t.getMessage();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
