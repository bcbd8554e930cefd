package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Backend of {@code ablate4j data fetch fashion-mnist}: downloads the four official Fashion-MNIST files,
 * checks each against its published SHA-256, and only then moves it into place (write to a temporary file
 * in the target directory, atomic rename), so an interrupted, truncated or altered download never leaves
 * a file that {@code source: auto} would pick up. Files already present with the right checksum are kept.
 *
 * <p>The Debian package {@code dataset-fashion-mnist} holds the same compressed data under a rewritten gzip
 * header (no file name, a 2020 timestamp), so its files have other SHA-256 sums than these; that is expected.
 */
public final class DataFetcher {
    /** Zalando Research's download location (github.com/zalandoresearch/fashion-mnist, README). */
    public static final URI DEFAULT_BASE_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * SHA-256 of the official files. Checked here: each equals the hash of the corresponding Debian file
     * with its original gzip header (file name, mtime 2017-08-31) restored, i.e. the same data.
     */
    static final Map<String, String> FASHION_MNIST_SHA256 = orderedMap(
            "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    /** Longest wait for the next bytes of a response before the download counts as failed. */
    private static final int READ_TIMEOUT_MS = 60_000;

    private DataFetcher() {
    }

    /** Where {@code data fetch NAME} puts files by default: the first place {@code source: auto} looks. */
    public static Path defaultTarget(String name) {
        return Path.of("datasets", name);
    }

    /**
     * Downloads the official files of {@code name} (only "fashion-mnist" has a known source and checksums)
     * from {@code baseUrl} into {@code targetDir}.
     *
     * @return the four files, in the order train images, train labels, test images, test labels
     * @throws DataException for an unknown name, an HTTP or network error, a truncated download or a
     *                       checksum mismatch; no partial file is left behind
     */
    public static List<Path> fetch(String name, Path targetDir, URI baseUrl) {
        return fetch(name, targetDir, baseUrl, message -> { });
    }

    /** As {@link #fetch(String, Path, URI)}, reporting each step ("downloading …") to {@code progress}. */
    public static List<Path> fetch(String name, Path targetDir, URI baseUrl, Consumer<String> progress) {
        if ("cifar10".equals(name) || "cifar100".equals(name)) {
            return CifarFetch.fetch(DatasetName.valueOf(name.toUpperCase(java.util.Locale.ROOT)), targetDir,
                    baseUrl == null ? CifarFetch.BASE_URL : baseUrl, progress);
        }
        if (!"fashion-mnist".equals(name)) {
            throw new DataException("cannot fetch '" + name + "': only fashion-mnist, cifar10 and cifar100 have an "
                    + "official download with known checksums here. For mnist, put the four IDX files into "
                    + "datasets/mnist/ (or " + IdxFiles.ENV + "/mnist) and use source: auto");
        }
        return fetch(targetDir, baseUrl == null ? DEFAULT_BASE_URL : baseUrl, FASHION_MNIST_SHA256, progress);
    }

    /** Where {@code data fetch NAME} downloads from when no {@code --url} is given. */
    public static URI defaultBaseUrl(String name) {
        return "cifar10".equals(name) || "cifar100".equals(name) ? CifarFetch.BASE_URL : DEFAULT_BASE_URL;
    }

    /** The official archive of a CIFAR dataset's binary version, e.g. {@code cifar-10-binary.tar.gz}. */
    static String cifarArchive(DatasetName name) {
        return CifarFetch.archive(name);
    }

    /** Downloads each file of {@code sha256ByFile} (name → expected hex SHA-256) from {@code baseUrl}. */
    static List<Path> fetch(Path targetDir, URI baseUrl, Map<String, String> sha256ByFile, Consumer<String> progress) {
        URI base = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DataException(targetDir + ": cannot create the directory: " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> file : sha256ByFile.entrySet()) {
            Path target = targetDir.resolve(file.getKey());
            if (Files.isRegularFile(target) && file.getValue().equalsIgnoreCase(sha256(target))) {
                progress.accept(target + ": present, checksum ok");
            } else {
                download(base.resolve(file.getKey()), target, file.getValue(), ", or install the Debian package "
                        + "instead", progress);
            }
            files.add(target);
        }
        return files;
    }

    // HttpURLConnection rather than java.net.http.HttpClient: only it has a read timeout, so a server that
    // stalls mid-body fails the download instead of hanging it forever.
    /** @param otherwise the end of the checksum error's advice, after "check the URL" (another way to get the data) */
    static void download(URI url, Path target, String expectedSha256, String otherwise, Consumer<String> progress) {
        progress.accept("downloading " + url);
        HttpURLConnection connection = null;
        try {
            if (!(url.toURL().openConnection() instanceof HttpURLConnection http)) {
                throw new DataException(url + ": not an http(s) address; the base URL must be http:// or https://");
            }
            connection = http;
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setInstanceFollowRedirects(true);
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new DataException(url + ": HTTP " + status + "; check the address (the base URL must hold "
                        + target.getFileName() + ")");
            }
            long expectedLength = connection.getContentLengthLong();
            HttpURLConnection from = connection;
            long[] received = {0};
            // The body throws before the rename when the download is short or its checksum wrong: nothing is saved.
            AtomicFiles.write(target, AtomicFiles.Durability.FLUSHED, out -> {
                MessageDigest digest = newSha256();
                try (InputStream in = from.getInputStream()) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                        digest.update(buf, 0, n);
                        received[0] += n;
                    }
                } catch (IOException e) {
                    throw new DataException(url + ": download cut short after " + received[0] + " bytes"
                            + (expectedLength >= 0 ? " of " + expectedLength : "") + " (" + e.getMessage()
                            + "); nothing was saved, run the command again", e);
                }
                if (expectedLength >= 0 && received[0] != expectedLength) {
                    throw new DataException(url + ": download truncated: Content-Length says " + expectedLength
                            + " bytes, received " + received[0] + "; nothing was saved, run the command again");
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equalsIgnoreCase(expectedSha256)) {
                    throw new DataException(url + ": checksum mismatch: expected SHA-256 " + expectedSha256 + ", got "
                            + actual + " (" + received[0] + " bytes); nothing was saved. The server sent other data "
                            + "than the official file: check the URL" + otherwise);
                }
            });
            progress.accept(target + ": " + received[0] + " bytes, checksum ok");
        } catch (IOException e) {
            throw new DataException(url + ": download failed: " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static String sha256(Path file) {
        return hex(file, newSha256());
    }

    /** The hex digest of a file's bytes by {@code digest} (SHA-256 here, MD5 for CIFAR's published sums). */
    static String hex(Path file, MessageDigest digest) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                digest.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
