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
        List<String> lines = new ArrayList<>(describe(IdxFiles.bundledPresent(),
                IdxFiles.defaultSearchPath(DatasetName.FASHION_MNIST), IdxFiles.defaultSearchPath(DatasetName.MNIST)));
        lines.addAll(images(IdxFiles.defaultSearchPath(DatasetName.CIFAR10),
                IdxFiles.defaultSearchPath(DatasetName.CIFAR100)));
        return lines;
    }

    /** The lines of CIFAR-10 and CIFAR-100 (where {@code source: auto} finds them) and of image folders. */
    static List<String> images(List<Path> cifar10Search, List<Path> cifar100Search) {
        List<String> lines = new ArrayList<>();
        for (DatasetName cifar : List.of(DatasetName.CIFAR10, DatasetName.CIFAR100)) {
            List<Path> search = cifar == DatasetName.CIFAR10 ? cifar10Search : cifar100Search;
            lines.add(line(cifar.yamlName(), "source: auto", CifarFiles.search(search, cifar)
                    .map(l -> l.dir().toString())
                    .orElse("not found: ./ablate4j data fetch " + cifar.yamlName() + ", or put the binary files into "
                            + "datasets/" + cifar.yamlName() + "/ or $" + IdxFiles.ENV + "/" + cifar.yamlName())));
        }
        lines.add(line("images", "name: images", "your folder (dataset.path): one subfolder of PNG, JPEG, BMP or GIF "
                + "images per class"));
        return lines;
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
