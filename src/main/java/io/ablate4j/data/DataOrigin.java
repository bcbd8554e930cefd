package io.ablate4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Where loaded data came from, for the run's manifest: the files read (each with its SHA-256 and rows), the java
 * data class or the image folder, and what was left out. Neither the files' content nor the class's examples enter the config hash;
 * this is how a reader tells two versions of the data apart.
 *
 * @param files       the files read, in reading order (a CSV's trainFile, then testFile; CIFAR's training files,
 *                    then its test file); empty for a class or a folder
 * @param dataClass   {@code name: java}: the class that gave the examples; null otherwise
 * @param folder      {@code name: images}: the folder read (absolute; its files are too many to list, {@code sha256}
 *                    tells versions apart); null otherwise
 * @param rows        examples read (train file and test file together), after dropped rows
 * @param droppedRows rows left out for missing values ({@code csv.missing: drop-rows}, or rows without a label)
 * @param sha256      SHA-256 of the examples as read (a table's features as IEEE floats, then labels or targets; images'
 *                    pixel bytes class by class, then the counts per class): the same data gives the same digest
 *                    whatever file, class or folder it came from
 */
public record DataOrigin(List<SourceFile> files, String dataClass, Path folder, int rows, int droppedRows,
                         String sha256) {
    /** Data without files, class or folder of the user's (bundled, generated). */
    static final DataOrigin NONE = new DataOrigin(List.of(), null, null, 0, 0, null);

    public DataOrigin {
        files = List.copyOf(files);
    }

    /** A table's origin: its files or class. */
    public DataOrigin(List<SourceFile> files, String dataClass, int rows, int droppedRows, String sha256) {
        this(files, dataClass, null, rows, droppedRows, sha256);
    }

    /** Whether the data came from the user (files, a class or a folder). */
    public boolean isUsers() {
        return !files.isEmpty() || dataClass != null || folder != null;
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
