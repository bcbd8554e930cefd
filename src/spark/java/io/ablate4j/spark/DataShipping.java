package io.ablate4j.spark;

import io.ablate4j.config.DatasetConfig;
import io.ablate4j.data.DataLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Ships the files a run's datasets read ({@code source: auto} and {@code path} IDX files, CSV files) with the Spark
 * job, so that a cluster needs no copy of them at the config's paths: each file is added to the job
 * ({@code SparkContext.addFile}: the driver serves it, every executor fetches it once into its working directory)
 * under a name made of its content's SHA-256 and its file name, and executors read those copies
 * ({@code SparkFiles.get}, {@link DataLoader#load(DatasetConfig, List)}). Content-hashed names keep two datasets'
 * {@code train.csv} apart and send a file that several datasets read once. The config is not touched: config hash
 * and trial ids stay as they are.
 *
 * <p>The files are added through symbolic links (copies where links are not supported) in a staging directory that
 * {@link #close()} deletes.
 */
final class DataShipping implements AutoCloseable {
    private final Path staging;
    private final Map<DatasetConfig, List<String>> names;
    private final int files;
    private final long bytes;
    private final double seconds;

    private DataShipping(Path staging, Map<DatasetConfig, List<String>> names, int files, long bytes,
                         double seconds) {
        this.staging = staging;
        this.names = names;
        this.files = files;
        this.bytes = bytes;
        this.seconds = seconds;
    }

    /** Nothing shipped: executors read the config's own paths (a local master, or shipping turned off). */
    static DataShipping none() {
        return new DataShipping(null, Map.of(), 0, 0, 0);
    }

    /**
     * Adds every file of {@code datasets} to the job.
     *
     * @throws IOException when a file cannot be read or staged
     */
    static DataShipping ship(JavaSparkContext sc, Collection<DatasetConfig> datasets) throws IOException {
        long start = System.nanoTime();
        Map<DatasetConfig, List<String>> names = new LinkedHashMap<>();
        Map<Path, String> shipped = new HashMap<>();
        Path staging = null;
        long bytes = 0;
        try {
            for (DatasetConfig dataset : datasets) {
                DatasetConfig key = dataset.withoutAugmentation();
                if (names.containsKey(key)) {
                    continue;
                }
                List<Path> paths = DataLoader.files(key);
                if (paths.isEmpty()) {
                    continue;
                }
                List<String> shippedNames = new ArrayList<>();
                for (Path path : paths) {
                    String name = shipped.get(path);
                    if (name == null) {
                        name = sha256(path).substring(0, 16) + "-" + path.getFileName();
                        if (staging == null) {
                            staging = Files.createTempDirectory("ablate4j-ship-");
                        }
                        Path link = staging.resolve(name);
                        if (!Files.exists(link)) {
                            stage(path, link);
                            // A file: URI, so that Spark serves the link's name rather than its target's
                            sc.addFile(link.toUri().toString());
                            bytes += Files.size(path);
                        }
                        shipped.put(path, name);
                    }
                    shippedNames.add(name);
                }
                names.put(key, List.copyOf(shippedNames));
            }
        } catch (IOException | RuntimeException e) {
            delete(staging);
            throw e;
        }
        return new DataShipping(staging, names, (int) shipped.values().stream().distinct().count(), bytes,
                (System.nanoTime() - start) / 1e9);
    }

    /** The shipped names of a dataset's files in {@link DataLoader#files} order, or null when nothing was shipped. */
    List<String> names(DatasetConfig dataset) {
        return names.get(dataset.withoutAugmentation());
    }

    int files() {
        return files;
    }

    long bytes() {
        return bytes;
    }

    /** The driver's share of the cost: hashing and adding the files. */
    double seconds() {
        return seconds;
    }

    @Override
    public void close() {
        delete(staging);
    }

    private static void stage(Path file, Path link) throws IOException {
        try {
            Files.createSymbolicLink(link, file.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(file, link);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory of links: the OS cleans it up eventually.
        }
    }
}
