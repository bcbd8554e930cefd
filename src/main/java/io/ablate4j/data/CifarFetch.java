package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Backend of {@code ablate4j data fetch cifar10} and {@code cifar100}: downloads the official binary archive (Alex
 * Krizhevsky's page, www.cs.toronto.edu/~kriz/cifar.html), checks its SHA-256 before it is saved and then the MD5 the
 * page publishes, extracts the binary files (and the class-name files) into the target directory, each written
 * atomically, and deletes the archive. Nothing else of the archive is written, whatever paths it holds. Files already
 * present with their official sizes are kept; an archive already downloaded with the right checksums is reused.
 *
 * <p>The MD5s are the ones on the CIFAR page; the SHA-256s were not published there: they are the sums that several
 * independent downloaders pin for the same archives (the archives of 170,052,171 and 168,513,733 bytes), and an
 * archive matching both the MD5 and the SHA-256 is the published one.
 */
final class CifarFetch {
    static final URI BASE_URL = URI.create("https://www.cs.toronto.edu/~kriz/");

    static final String CIFAR10_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    static final String CIFAR10_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    static final String CIFAR100_SHA256 = "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec";
    static final String CIFAR100_MD5 = "03b5dce01913d631647c71ecec9e9cb8";

    private CifarFetch() {
    }

    static String archive(DatasetName name) {
        return name == DatasetName.CIFAR10 ? "cifar-10-binary.tar.gz" : "cifar-100-binary.tar.gz";
    }

    /** The binary files and the files naming the classes, as the archive names them inside its folder. */
    static List<String> members(DatasetName name) {
        List<String> members = new ArrayList<>(CifarFiles.trainNames(name));
        members.add(CifarFiles.testName(name));
        if (name == DatasetName.CIFAR10) {
            members.add("batches.meta.txt");
        } else {
            members.add("coarse_label_names.txt");
            members.add("fine_label_names.txt");
        }
        return members;
    }

    /** Fetches the official archive of {@code name} from {@code baseUrl}. */
    static List<Path> fetch(DatasetName name, Path targetDir, URI baseUrl, Consumer<String> progress) {
        boolean cifar10 = name == DatasetName.CIFAR10;
        return fetch(name, targetDir, baseUrl, cifar10 ? CIFAR10_SHA256 : CIFAR100_SHA256,
                cifar10 ? CIFAR10_MD5 : CIFAR100_MD5, true, progress);
    }

    /**
     * Downloads {@code baseUrl/archive(name)} into {@code targetDir}, checks it against the given sums and extracts
     * {@link #members}.
     *
     * @param official whether files already in place count as present only with the official sizes (tests serve
     *                 small archives of their own)
     * @return the binary files, training files first
     */
    static List<Path> fetch(DatasetName name, Path targetDir, URI baseUrl, String sha256, String md5, boolean official,
                            Consumer<String> progress) {
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DataException(targetDir + ": cannot create the directory: " + e.getMessage(), e);
        }
        List<Path> binaries = new ArrayList<>();
        for (String file : CifarFiles.trainNames(name)) {
            binaries.add(targetDir.resolve(file));
        }
        binaries.add(targetDir.resolve(CifarFiles.testName(name)));
        if (present(name, binaries, official)) {
            progress.accept(targetDir + ": the " + name.yamlName() + " files are present");
            return binaries;
        }
        Path archive = targetDir.resolve(archive(name));
        URI base = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        if (Files.isRegularFile(archive) && sha256.equalsIgnoreCase(DataFetcher.sha256(archive))) {
            progress.accept(archive + ": present, checksum ok");
        } else {
            DataFetcher.download(base.resolve(archive(name)), archive, sha256, "", progress);
        }
        String actualMd5 = md5(archive);
        if (!actualMd5.equalsIgnoreCase(md5)) {
            delete(archive);
            throw new DataException(archive + ": MD5 " + actualMd5 + " is not the published " + md5 + " (the SHA-256 "
                    + "matched); the archive was deleted, run the command again");
        }
        extract(name, archive, targetDir, progress);
        delete(archive);
        return binaries;
    }

    private static boolean present(DatasetName name, List<Path> binaries, boolean official) {
        for (int i = 0; i < binaries.size(); i++) {
            Path file = binaries.get(i);
            if (!Files.isRegularFile(file)) {
                return false;
            }
            if (official) {
                boolean test = i == binaries.size() - 1;
                try {
                    if (Files.size(file) != CifarFiles.officialRecords(name, test)
                            * (CifarFiles.labelBytes(name) + CifarFiles.PIXELS)) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes each of {@link #members} found in the archive's folder to {@code targetDir}; all must be there. */
    static void extract(DatasetName name, Path archive, Path targetDir, Consumer<String> progress) {
        String folder = CifarFiles.archiveFolder(name) + "/";
        Set<String> wanted = new LinkedHashSet<>(members(name));
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(file,
                     1 << 16), 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                String member = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (!entry.isFile() || !member.startsWith(folder)) {
                    continue;
                }
                String fileName = member.substring(folder.length());
                if (!wanted.remove(fileName)) {
                    continue;
                }
                Path target = targetDir.resolve(fileName);
                long size = entry.getSize();
                AtomicFiles.write(target, AtomicFiles.Durability.FLUSHED, out -> {
                    long copied = tar.transferTo(out);
                    if (copied != size) {
                        throw new DataException(archive + ": " + member + " is cut short (" + copied + " of " + size
                                + " bytes); delete the archive and fetch again");
                    }
                });
                progress.accept(target + ": " + size + " bytes");
            }
        } catch (IOException e) {
            throw new DataException(archive + ": cannot extract: " + e.getMessage() + " (the download verified, so the "
                    + "archive is not the official one or the disk failed)", e);
        }
        if (!wanted.isEmpty()) {
            throw new DataException(archive + ": lacks " + folder + String.join(", " + folder, wanted)
                    + "; it is not the official " + archive(name));
        }
    }

    static String md5(Path file) {
        try {
            return DataFetcher.hex(file, MessageDigest.getInstance("MD5"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover archive is harmless: the next fetch checks its sums before using it
        }
    }
}
