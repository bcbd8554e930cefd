package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The four IDX files of an image dataset: where they are searched, under which names, and how they
 * are read into {@link Examples}. MNIST and Fashion-MNIST use the same names and formats.
 */
final class IdxFiles {
    /** The four files, each by its stem and its IDX suffix, as the official distribution names them. */
    enum Part {
        TRAIN_IMAGES("train-images", "idx3-ubyte"),
        TRAIN_LABELS("train-labels", "idx1-ubyte"),
        TEST_IMAGES("t10k-images", "idx3-ubyte"),
        TEST_LABELS("t10k-labels", "idx1-ubyte");

        final String stem;
        final String kind;

        Part(String stem, String kind) {
            this.stem = stem;
            this.kind = kind;
        }

        /** The official file name, gzipped: what downloads and the bundled subset use. */
        String officialName() {
            return stem + "-" + kind + ".gz";
        }

        /** Accepted names, in the order they are tried: gz or raw, with '-' or '.' before the IDX suffix. */
        List<String> names() {
            return List.of(stem + "-" + kind + ".gz", stem + "-" + kind, stem + "." + kind, stem + "." + kind + ".gz");
        }

        /** For messages: "train-images-idx3-ubyte(.gz)". */
        String pattern() {
            return stem + "-" + kind + "(.gz)";
        }
    }

    /** Where the four files of a dataset were found. */
    record Located(Path dir, Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    }

    /** The full files read: both halves and the image geometry. */
    record Loaded(Examples train, Examples test, int rows, int cols) {
    }

    static final String SYSTEM_ROOT = "/usr/share/datasets";
    static final String ENV = "ABLATE4J_DATA";
    static final String BUNDLED_RESOURCE_DIR = "/datasets/fashion-mnist-subset/";
    static final int NUM_CLASSES = 10;

    private IdxFiles() {
    }

    /** The folder name of a dataset under datasets/, $ABLATE4J_DATA and /usr/share/datasets. */
    static String folder(DatasetName name) {
        return name.yamlName();
    }

    /**
     * The directories {@code source: auto} searches, in order: {@code datasets/NAME} under the working
     * directory, {@code $ABLATE4J_DATA/NAME}, {@code $ABLATE4J_DATA} itself, {@code /usr/share/datasets/NAME}.
     */
    static List<Path> searchPath(DatasetName name, Path workingDir, String envValue, Path systemRoot) {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(workingDir.resolve("datasets").resolve(folder(name)));
        if (envValue != null && !envValue.isBlank()) {
            Path env = workingDir.resolve(envValue);
            dirs.add(env.resolve(folder(name)));
            dirs.add(env);
        }
        dirs.add(systemRoot.resolve(folder(name)));
        return new ArrayList<>(dirs);
    }

    static List<Path> defaultSearchPath(DatasetName name) {
        return searchPath(name, Path.of("").toAbsolutePath(), System.getenv(ENV), Path.of(SYSTEM_ROOT));
    }

    /** The four files in {@code dir}, if all are there. */
    static Optional<Located> inDirectory(Path dir) {
        Path[] found = new Path[Part.values().length];
        for (Part part : Part.values()) {
            found[part.ordinal()] = find(dir, part);
            if (found[part.ordinal()] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new Located(dir, found[0], found[1], found[2], found[3]));
    }

    /** The first search-path directory holding all four files. */
    static Optional<Located> search(List<Path> dirs) {
        for (Path dir : dirs) {
            Optional<Located> found = inDirectory(dir);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Finds the full files of {@code source: auto} or says where it looked and how to get them. */
    static Located locate(DatasetName name, List<Path> dirs) {
        return search(dirs).orElseThrow(() -> new DataException(notFoundMessage(name, dirs)));
    }

    static String notFoundMessage(DatasetName name, List<Path> dirs) {
        StringBuilder msg = new StringBuilder("the full " + name.yamlName() + " IDX files (");
        msg.append(String.join(", ", Part.values()[0].pattern(), Part.values()[1].pattern(),
                Part.values()[2].pattern(), Part.values()[3].pattern()));
        msg.append(") were not found. Searched:");
        for (Path dir : dirs) {
            msg.append("\n  ").append(dir).append(": ").append(describeMissing(dir));
        }
        msg.append("\n").append(howToGet(name));
        return msg.toString();
    }

    static String howToGet(DatasetName name) {
        if (name == DatasetName.FASHION_MNIST) {
            return "Get them with 'apt-get install dataset-fashion-mnist' (Debian) or './ablate4j data fetch "
                    + "fashion-mnist' (downloads the official files into datasets/fashion-mnist/ and checks their "
                    + "SHA-256), or set " + ENV + " to a directory holding them.";
        }
        return "Put the four MNIST IDX files into datasets/" + folder(name) + "/ or a directory named by " + ENV
                + " (or " + ENV + "/" + folder(name) + "), or point source: path at them.";
    }

    /** "no such directory", "lacks t10k-labels-idx1-ubyte(.gz)" or "complete". */
    static String describeMissing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "no such directory";
        }
        List<String> missing = new ArrayList<>();
        for (Part part : Part.values()) {
            if (find(dir, part) == null) {
                missing.add(part.pattern());
            }
        }
        return missing.isEmpty() ? "complete" : missing.size() == 4 ? "none of the files"
                : "lacks " + String.join(", ", missing);
    }

    private static Path find(Path dir, Part part) {
        for (String name : part.names()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Reads the four located files. */
    static Loaded read(Located files) {
        IdxReader.Images trainImages = IdxReader.readImages(files.trainImages());
        byte[] trainLabels = IdxReader.readLabels(files.trainLabels());
        IdxReader.Images testImages = IdxReader.readImages(files.testImages());
        byte[] testLabels = IdxReader.readLabels(files.testLabels());
        return combine(trainImages, files.trainImages().toString(), trainLabels, files.trainLabels().toString(),
                testImages, files.testImages().toString(), testLabels, files.testLabels().toString());
    }

    /** Reads the bundled Fashion-MNIST subset from the classpath (inside the jar, or target/classes). */
    static Loaded readBundled() {
        String[] names = new String[4];
        for (Part part : Part.values()) {
            names[part.ordinal()] = BUNDLED_RESOURCE_DIR + part.officialName();
        }
        IdxReader.Images trainImages = withResource(names[0], in -> IdxReader.readImages(in, names[0]));
        byte[] trainLabels = withResource(names[1], in -> IdxReader.readLabels(in, names[1]));
        IdxReader.Images testImages = withResource(names[2], in -> IdxReader.readImages(in, names[2]));
        byte[] testLabels = withResource(names[3], in -> IdxReader.readLabels(in, names[3]));
        return combine(trainImages, names[0], trainLabels, names[1], testImages, names[2], testLabels, names[3]);
    }

    /** Whether the bundled subset is on the classpath. */
    static boolean bundledPresent() {
        for (Part part : Part.values()) {
            if (IdxFiles.class.getResource(BUNDLED_RESOURCE_DIR + part.officialName()) == null) {
                return false;
            }
        }
        return true;
    }

    private interface StreamReader<T> {
        T read(InputStream in);
    }

    private static <T> T withResource(String name, StreamReader<T> reader) {
        try (InputStream in = IdxFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException("the bundled Fashion-MNIST subset is missing from the classpath (" + name
                        + "); build the jar with 'mvn package' from the repository, which copies "
                        + "datasets/fashion-mnist-subset/ into it");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Loaded combine(IdxReader.Images trainImages, String trainImagesName, byte[] trainLabels,
                                  String trainLabelsName, IdxReader.Images testImages, String testImagesName,
                                  byte[] testLabels, String testLabelsName) {
        Examples train = examples(trainImages, trainImagesName, trainLabels, trainLabelsName);
        Examples test = examples(testImages, testImagesName, testLabels, testLabelsName);
        if (testImages.rows() != trainImages.rows() || testImages.cols() != trainImages.cols()) {
            throw new DataException(testImagesName + ": images are " + testImages.rows() + "×" + testImages.cols()
                    + " but those of " + trainImagesName + " are " + trainImages.rows() + "×" + trainImages.cols());
        }
        return new Loaded(train, test, trainImages.rows(), trainImages.cols());
    }

    private static Examples examples(IdxReader.Images images, String imagesName, byte[] labels, String labelsName) {
        if (images.count() != labels.length) {
            throw new DataException(imagesName + " holds " + images.count() + " images but " + labelsName + " holds "
                    + labels.length + " labels; the two files must belong together");
        }
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= NUM_CLASSES) {
                throw new DataException(labelsName + ": label " + label + " at index " + i + " is out of range: "
                        + "the classes are 0.." + (NUM_CLASSES - 1));
            }
            classes[i] = label;
        }
        return Examples.ofBytes(images.pixels(), images.rows() * images.cols(), classes, NUM_CLASSES);
    }
}
