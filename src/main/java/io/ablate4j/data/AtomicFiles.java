package io.ablate4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writing a data file so that readers only ever see the finished file: write a hidden temporary file
 * beside the target, then rename it into place atomically (same directory, same file system).
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A temporary file in the target's directory ("." + name + random + ".part"), readable by everyone. */
    static Path temporaryFor(Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
        try {
            // createTempFile makes it owner-only; data files are for everyone to read
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform default applies
        }
        return tmp;
    }

    /** Renames the finished temporary file over the target. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a temporary file that was not moved into place; never fails. */
    static void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the name starts with '.' and ends with .part, and nothing reads it as data
        }
    }
}
