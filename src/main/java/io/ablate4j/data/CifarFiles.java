package io.ablate4j.data;

import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Enums.DatasetName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CIFAR-10 and CIFAR-100 in their official binary version (www.cs.toronto.edu/~kriz/cifar.html): each record is one
 * label byte (CIFAR-100: the coarse label, then the fine one) and 3,072 pixel bytes, the 1,024 red values of the 32×32
 * image row by row, then the green, then the blue: the channel-first layout ablate4j feeds to networks, so records are
 * copied as they are. CIFAR-10: {@code data_batch_1.bin} … {@code data_batch_5.bin} (training, 10,000 records each)
 * and {@code test_batch.bin} (10,000); CIFAR-100: {@code train.bin} (50,000) and {@code test.bin} (10,000).
 *
 * <p>Found like the IDX files ({@link IdxFiles#searchPath}: {@code datasets/NAME/}, {@code $ABLATE4J_DATA/NAME/},
 * {@code $ABLATE4J_DATA/}, {@code /usr/share/datasets/NAME/}), each directory also through the archive's own folder
 * ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}). The files {@code source: auto} finds must have the
 * official sizes; {@code source: path} also reads CIFAR-format files of one's own (any whole number of records, such
 * as the small files the tests write).
 */
final class CifarFiles {
    /** Pixel bytes per record: 32 × 32 × 3. */
    static final int PIXELS = 3072;
    static final int SIDE = 32;
    /** Records per official CIFAR-10 batch file. */
    static final int CIFAR10_BATCH = 10_000;

    static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    static final List<String> CIFAR100_COARSE = List.of("aquatic_mammals", "fish", "flowers", "food_containers",
            "fruit_and_vegetables", "household_electrical_devices", "household_furniture", "insects",
            "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles",
            "small_mammals", "trees", "vehicles_1", "vehicles_2");
    static final List<String> CIFAR100_FINE = List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee",
            "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle",
            "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile",
            "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house",
            "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree",
            "motorcycle", "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
            "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray",
            "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake",
            "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television",
            "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
            "woman", "worm");

    private CifarFiles() {
    }

    /** The files of one dataset: training files in order, then the test file. */
    record Located(Path dir, List<Path> train, Path test) {
        List<Path> all() {
            List<Path> files = new ArrayList<>(train);
            files.add(test);
            return List.copyOf(files);
        }
    }

    /** Both halves read, and each file read with its SHA-256 and records (training files first). */
    record Loaded(Examples train, Examples test, List<String> classes, List<DataOrigin.SourceFile> sources) {
    }

    /** The training files' names, in order. */
    static List<String> trainNames(DatasetName name) {
        return name == DatasetName.CIFAR10 ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin") : List.of("train.bin");
    }

    static String testName(DatasetName name) {
        return name == DatasetName.CIFAR10 ? "test_batch.bin" : "test.bin";
    }

    /** The folder the official archive extracts to. */
    static String archiveFolder(DatasetName name) {
        return name == DatasetName.CIFAR10 ? "cifar-10-batches-bin" : "cifar-100-binary";
    }

    static int labelBytes(DatasetName name) {
        return name == DatasetName.CIFAR10 ? 1 : 2;
    }

    /** Records in each official training file and in the official test file. */
    static long officialRecords(DatasetName name, boolean test) {
        return name == DatasetName.CIFAR10 || test ? CIFAR10_BATCH : 50_000;
    }

    /** The files in {@code dir} or in its archive folder, if all are there. */
    static Optional<Located> inDirectory(Path dir, DatasetName name) {
        for (Path d : List.of(dir, dir.resolve(archiveFolder(name)))) {
            List<Path> train = new ArrayList<>();
            for (String file : trainNames(name)) {
                train.add(d.resolve(file));
            }
            Path test = d.resolve(testName(name));
            if (train.stream().allMatch(Files::isRegularFile) && Files.isRegularFile(test)) {
                return Optional.of(new Located(d, List.copyOf(train), test));
            }
        }
        return Optional.empty();
    }

    /** The first search-path directory holding every file. */
    static Optional<Located> search(List<Path> dirs, DatasetName name) {
        for (Path dir : dirs) {
            Optional<Located> found = inDirectory(dir, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The files of {@code source: auto}, or an error saying where they were looked for and how to get them. */
    static Located locate(DatasetName name, List<Path> dirs) {
        return search(dirs, name).orElseThrow(() -> new DataException(notFoundMessage(name, dirs)));
    }

    /** The files of {@code source: path}, or an error saying which are missing. */
    static Located inPath(Path dir, DatasetName name) {
        return inDirectory(dir, name).orElseThrow(() -> new DataException(dir + ": "
                + describeMissing(dir, name) + " of the " + fileList(name) + " (also looked in "
                + dir.resolve(archiveFolder(name)) + ")"));
    }

    static String notFoundMessage(DatasetName name, List<Path> dirs) {
        StringBuilder msg = new StringBuilder("the " + name.yamlName() + " binary files (" + fileList(name)
                + ") were not found. Searched (each also in its " + archiveFolder(name) + "/):");
        for (Path dir : dirs) {
            msg.append("\n  ").append(dir).append(": ").append(describeMissing(dir, name));
        }
        msg.append("\nGet them with './ablate4j data fetch ").append(name.yamlName())
                .append("' (downloads the official ")
                .append(DataFetcher.cifarArchive(name)).append(" into datasets/").append(name.yamlName())
                .append("/ and checks its SHA-256), or set ").append(IdxFiles.ENV)
                .append(" to a directory holding them, or point source: path at them.");
        return msg.toString();
    }

    private static String fileList(DatasetName name) {
        List<String> names = new ArrayList<>(trainNames(name));
        names.add(testName(name));
        return name == DatasetName.CIFAR10 ? "data_batch_1.bin … data_batch_5.bin, test_batch.bin"
                : String.join(", ", names);
    }

    /** "no such directory", "lacks test_batch.bin" or "none of the files". */
    static String describeMissing(Path dir, DatasetName name) {
        if (!Files.isDirectory(dir)) {
            return "no such directory";
        }
        Path d = Files.isDirectory(dir.resolve(archiveFolder(name))) ? dir.resolve(archiveFolder(name)) : dir;
        List<String> all = new ArrayList<>(trainNames(name));
        all.add(testName(name));
        List<String> missing = all.stream().filter(f -> !Files.isRegularFile(d.resolve(f))).toList();
        return missing.isEmpty() ? "complete" : missing.size() == all.size() ? "none of the files"
                : "lacks " + String.join(", ", missing);
    }

    /**
     * Reads the located files.
     *
     * @param official whether each file must have the official number of records ({@code source: auto})
     */
    static Loaded read(Located files, DatasetName name, CifarLabels labels, boolean official) {
        List<DataOrigin.SourceFile> sources = new ArrayList<>();
        Examples train = read(files.train(), name, labels, official, false, sources);
        Examples test = read(List.of(files.test()), name, labels, official, true, sources);
        return new Loaded(train, test, classes(name, labels), List.copyOf(sources));
    }

    static List<String> classes(DatasetName name, CifarLabels labels) {
        return name == DatasetName.CIFAR10 ? CIFAR10_CLASSES
                : labels == CifarLabels.COARSE ? CIFAR100_COARSE : CIFAR100_FINE;
    }

    private static Examples read(List<Path> files, DatasetName name, CifarLabels which, boolean official,
                                 boolean test, List<DataOrigin.SourceFile> sources) {
        int labelBytes = labelBytes(name);
        int record = labelBytes + PIXELS;
        long[] counts = new long[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e.getMessage(), e);
            }
            long expected = officialRecords(name, test) * record;
            if (official && size != expected) {
                throw new DataException(String.format(Locale.ROOT, "%s: %,d bytes, but the official file has %,d "
                        + "(%,d records of %,d bytes): %s; fetch it again with './ablate4j data fetch %s'", file, size,
                        expected, officialRecords(name, test), record, size < expected ? "truncated" : "not the "
                        + "official file", name.yamlName()));
            }
            if (size == 0 || size % record != 0) {
                throw new DataException(String.format(Locale.ROOT, "%s: %,d bytes is not a whole number of %,d-byte "
                        + "records (%d label byte%s and 3,072 pixel bytes; %,d records would be %,d bytes): the file "
                        + "is truncated or not a %s binary file", file, size, record, labelBytes,
                        labelBytes == 1 ? "" : "s",
                        Math.max(1, size / record + 1), Math.max(1, size / record + 1) * record,
                        name == DatasetName.CIFAR10 ? "CIFAR-10" : "CIFAR-100"));
            }
            counts[f] = size / record;
            total += counts[f];
        }
        if (total * PIXELS > Integer.MAX_VALUE) {
            throw new DataException(files.get(0) + ": " + total + " records are more pixels than one array holds");
        }
        byte[] pixels = new byte[(int) total * PIXELS];
        int[] classes = new int[(int) total];
        int numClasses = classes(name, which).size();
        int i = 0;
        byte[] label = new byte[labelBytes];
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            MessageDigest sha256 = DataFetcher.newSha256();
            try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                    sha256)) {
                for (long r = 0; r < counts[f]; r++, i++) {
                    if (in.readNBytes(label, 0, labelBytes) != labelBytes
                            || in.readNBytes(pixels, i * PIXELS, PIXELS) != PIXELS) {
                        throw new DataException(file + ": ends inside record " + r + " (the file shrank while it "
                                + "was read)");
                    }
                    int value = label[which == CifarLabels.FINE && labelBytes == 2 ? 1 : 0] & 0xff;
                    if (value >= numClasses) {
                        throw new DataException(String.format(Locale.ROOT, "%s: record %,d (byte %,d): %s label %d "
                                + "is out of range: the classes are 0..%d; the file is corrupt or not a %s binary "
                                + "file", file, r, r * record, labelBytes == 1 ? "the" : which.yamlName(), value,
                                numClasses - 1, name == DatasetName.CIFAR10 ? "CIFAR-10" : "CIFAR-100"));
                    }
                    classes[i] = value;
                }
                if (in.read() >= 0) {
                    throw new DataException(file + ": grew while it was read; read it again");
                }
            } catch (AccessDeniedException e) {
                throw new DataException(file + ": cannot read: permission denied", e);
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e.getMessage(), e);
            }
            sources.add(new DataOrigin.SourceFile(file.toAbsolutePath().normalize(),
                    HexFormat.of().formatHex(sha256.digest()), (int) counts[f]));
        }
        return Examples.ofBytes(pixels, PIXELS, classes, numClasses);
    }
}
