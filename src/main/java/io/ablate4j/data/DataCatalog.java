package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code ablate4j data list} prints: which datasets can be used, and from where. */
public final class DataCatalog {
    private DataCatalog() {
    }

    /** One line per dataset and source, e.g. "fashion-mnist  source: auto     /usr/share/datasets/fashion-mnist". */
    public static List<String> describe() {
        return describe(IdxFiles.bundledPresent(), IdxFiles.defaultSearchPath(DatasetName.FASHION_MNIST),
                IdxFiles.defaultSearchPath(DatasetName.MNIST));
    }

    static List<String> describe(boolean bundled, List<Path> fashionSearch, List<Path> mnistSearch) {
        List<String> lines = new ArrayList<>();
        lines.add(line("fashion-mnist", "source: bundled", bundled
                ? "yes: " + BundledSubset.PER_CLASS_TRAIN * IdxFiles.NUM_CLASSES + " train / "
                        + BundledSubset.PER_CLASS_TEST * IdxFiles.NUM_CLASSES + " test images, inside the jar"
                : "missing from the classpath: rebuild with 'mvn package'"));
        lines.add(line("fashion-mnist", "source: auto", full(fashionSearch,
                "not found: apt-get install dataset-fashion-mnist, or ./ablate4j data fetch fashion-mnist")));
        lines.add(line("mnist", "source: auto", full(mnistSearch,
                "not found: put the four IDX files into datasets/mnist/ or $" + IdxFiles.ENV + "/mnist")));
        lines.add(line("csv", "name: csv", "your files: csv.trainFile (and csv.testFile), read through DataVec"));
        lines.add(line("synthetic", "name: synthetic", "generated from splitSeed: blobs or spirals"));
        return lines;
    }

    private static String full(List<Path> searchPath, String notFound) {
        Optional<IdxFiles.Located> found = IdxFiles.search(searchPath);
        return found.map(l -> l.dir().toString()).orElse(notFound);
    }

    private static String line(String name, String source, String status) {
        return String.format("%-14s %-16s %s", name, source, status);
    }
}
