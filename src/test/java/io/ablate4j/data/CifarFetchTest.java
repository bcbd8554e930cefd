package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ablate4j.config.Enums.DatasetName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code data fetch cifar10} against a server on 127.0.0.1 serving a small archive in the official layout. */
@Timeout(60)
class CifarFetchTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private URI base;
    private final Map<String, byte[]> members = new LinkedHashMap<>();
    private byte[] archive;

    @BeforeEach
    void start() throws Exception {
        Path files = tmp.resolve("made");
        ImageFixtures.writeCifar(files, DatasetName.CIFAR10, 4, 6, 3, new int[26]);
        for (String name : CifarFetch.members(DatasetName.CIFAR10)) {
            Path f = files.resolve(name);
            members.put(name, Files.exists(f) ? Files.readAllBytes(f)
                    : "airplane\nautomobile\n".getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "cifar-10-batches-bin/readme.html", "<html/>".getBytes(StandardCharsets.US_ASCII));
            add(tar, "../escape.bin", new byte[]{1, 2, 3}); // never written: only the known members are extracted
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                add(tar, "cifar-10-batches-bin/" + m.getKey(), m.getValue());
            }
        }
        archive = bytes.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), 0), 0);
        serve("/ok/cifar-10-binary.tar.gz", archive, archive.length);
        serve("/short/cifar-10-binary.tar.gz", archive, archive.length + 5000L);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private void serve(String path, byte[] body, long declared) {
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, declared);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private List<Path> listed(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void downloadsChecksExtractsAndDeletesTheArchive() throws Exception {
        Path target = tmp.resolve("datasets").resolve("cifar10");
        List<String> progress = new ArrayList<>();
        List<Path> files = CifarFetch.fetch(DatasetName.CIFAR10, target, base.resolve("ok/"), hex("SHA-256", archive),
                hex("MD5", archive), false, progress::add);
        assertEquals(6, files.size());
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            assertArrayEquals(m.getValue(), Files.readAllBytes(target.resolve(m.getKey())), m.getKey());
        }
        assertFalse(Files.exists(target.resolve("cifar-10-binary.tar.gz")), "the archive is deleted once extracted");
        assertFalse(Files.exists(tmp.resolve("datasets").resolve("escape.bin")));
        assertFalse(Files.exists(target.resolve("readme.html")));
        assertTrue(progress.get(0).startsWith("downloading " + base.resolve("ok/cifar-10-binary.tar.gz")),
                progress.get(0));
        // the extracted files load as source: path
        LoadedData d = DataLoader.loadUncached(CifarFilesTest.cifar(DatasetName.CIFAR10,
                io.ablate4j.config.Enums.DataSource.PATH, target, 15, 0, 0, null), List.of());
        assertEquals(6, d.test().numExamples());
        // a second fetch finds them present
        List<String> again = new ArrayList<>();
        CifarFetch.fetch(DatasetName.CIFAR10, target, base.resolve("ok/"), hex("SHA-256", archive),
                hex("MD5", archive), false, again::add);
        assertEquals(List.of(target + ": the cifar10 files are present"), again);
    }

    @Test
    void aWrongChecksumOrACutDownloadSavesNothing() throws Exception {
        Path target = tmp.resolve("t");
        DataException sha = assertThrows(DataException.class, () -> CifarFetch.fetch(DatasetName.CIFAR10, target,
                base.resolve("ok/"), "00".repeat(32), hex("MD5", archive), false, m -> { }));
        assertTrue(sha.getMessage().contains("checksum mismatch: expected SHA-256 " + "00".repeat(32)),
                sha.getMessage());
        assertEquals(List.of(), listed(target));
        DataException md5 = assertThrows(DataException.class, () -> CifarFetch.fetch(DatasetName.CIFAR10, target,
                base.resolve("ok/"), hex("SHA-256", archive), "11".repeat(16), false, m -> { }));
        assertTrue(md5.getMessage().contains("is not the published " + "11".repeat(16)), md5.getMessage());
        assertEquals(List.of(), listed(target), "the archive is deleted, nothing extracted");
        DataException cut = assertThrows(DataException.class, () -> CifarFetch.fetch(DatasetName.CIFAR10, target,
                base.resolve("short/"), hex("SHA-256", archive), hex("MD5", archive), false, m -> { }));
        assertTrue(cut.getMessage().contains("nothing was saved"), cut.getMessage());
        assertEquals(List.of(), listed(target));
    }

    @Test
    void thePinnedSumsAreTheOfficialArchives() {
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", CifarFetch.CIFAR10_MD5);
        assertEquals("03b5dce01913d631647c71ecec9e9cb8", CifarFetch.CIFAR100_MD5);
        assertEquals(64, CifarFetch.CIFAR10_SHA256.length());
        assertEquals(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
                DataFetcher.defaultBaseUrl("cifar10").resolve(CifarFetch.archive(DatasetName.CIFAR10)));
    }
}
