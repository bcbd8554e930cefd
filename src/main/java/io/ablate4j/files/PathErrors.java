package io.ablate4j.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Errors of the file system that name the file they happened to. {@code FileChannel.write} and
 * {@code OutputStream.write} report "No space left on device" without a path; the writers of the run directory
 * pass their errors through {@link #naming} so that whoever stops the run can say which file it was.
 */
public final class PathErrors {
    private PathErrors() {
    }

    /** {@code e} itself when it names a file already, else a {@link FileSystemException} naming {@code file}. */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return e;
        }
        FileSystemException named = new FileSystemException(file.toString(), null,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        named.initCause(e);
        return named;
    }
}
