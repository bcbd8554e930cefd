package io.ablate4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Where loaded data came from, for the run's manifest: the files read (each with its SHA-256 and rows) or the java
 * data class, and what was left out. Neither the files' content nor the class's examples enter the config hash;
 * this is how a reader tells two versions of the data apart.
 *
 * @param files       the files read, in reading order (a CSV's trainFile, then testFile); empty for a class
 * @param dataClass   {@code name: java}: the class that gave the examples; null otherwise
 * @param rows        examples read (train file and test file together), after dropped rows
 * @param droppedRows rows left out for missing values ({@code csv.missing: drop-rows}, or rows without a label)
 * @param sha256      SHA-256 of the examples as read (features as IEEE floats, then labels or targets): the same
 *                    data gives the same digest whatever file or class it came from
 */
public record DataOrigin(List<SourceFile> files, String dataClass, int rows, int droppedRows, String sha256) {
    /** Data without files or class of the user's (bundled, generated). */
    static final DataOrigin NONE = new DataOrigin(List.of(), null, 0, 0, null);

    public DataOrigin {
        files = List.copyOf(files);
    }

    /** Whether the data came from the user (files or a class). */
    public boolean isUsers() {
        return !files.isEmpty() || dataClass != null;
    }

    /**
     * One file read.
     *
     * @param path   absolute
     * @param sha256 of the file's bytes
     * @param rows   data rows in the file (before any was dropped)
     */
    public record SourceFile(Path path, String sha256, int rows) {
    }
}
