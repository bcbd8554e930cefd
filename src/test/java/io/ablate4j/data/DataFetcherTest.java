package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against a local server on 127.0.0.1 only: never the network. */
@Timeout(30)
class DataFetcherTest {
    private static final byte[] A = "first fake file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "second fake file, a little longer".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path target;

    private HttpServer server;
    private URI base;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        serve("/ok/a.gz", A, A.length);
        serve("/ok/b.gz", B, B.length);
        serve("/short/a.gz", A, A.length);
        serve("/short/b.gz", B, B.length + 100); // promises more than it sends, then hangs up
        server.createContext("/missing/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(String path, byte[] body, long declaredLength) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, declaredLength);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            // Closing the exchange short of the declared length makes the server drop the connection.
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Map<String, String> sums(byte[] a, byte[] b) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a.gz", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a)));
        m.put("b.gz", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
        return m;
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndSkipsWhatIsAlreadyThere() throws Exception {
        List<String> progress = new ArrayList<>();
        List<Path> files = DataFetcher.fetch(target, base.resolve("ok/"), sums(A, B), progress::add);
        assertEquals(List.of(target.resolve("a.gz"), target.resolve("b.gz")), files);
        assertArrayEquals(A, Files.readAllBytes(target.resolve("a.gz")));
        assertArrayEquals(B, Files.readAllBytes(target.resolve("b.gz")));
        assertEquals(2, requests.get());
        assertTrue(progress.get(0).startsWith("downloading " + base + "ok/a.gz"), progress.toString());

        DataFetcher.fetch(target, URI.create(base + "ok"), sums(A, B), progress::add); // base without '/' too
        assertEquals(2, requests.get(), "files with the right checksum are not downloaded again");
        assertEquals(List.of("a.gz", "b.gz"), filesIn(target));
    }

    @Test
    void wrongChecksumSavesNothing() throws Exception {
        Map<String, String> wrong = sums(A, "something else".getBytes(StandardCharsets.UTF_8));
        DataException e = assertThrows(DataException.class,
                () -> DataFetcher.fetch(target, base.resolve("ok/"), wrong, m -> { }));
        assertTrue(e.getMessage().startsWith(base + "ok/b.gz: checksum mismatch: expected SHA-256 "
                + wrong.get("b.gz") + ", got " + sums(A, B).get("b.gz")), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was saved"), e.getMessage());
        assertEquals(List.of("a.gz"), filesIn(target)); // the good file stays, no partial file
    }

    @Test
    void truncatedDownloadSavesNothing() throws Exception {
        DataException e = assertThrows(DataException.class,
                () -> DataFetcher.fetch(target, base.resolve("short/"), sums(A, B), m -> { }));
        assertTrue(e.getMessage().startsWith(base + "short/b.gz: download "), e.getMessage());
        assertTrue(e.getMessage().contains(B.length + " bytes") && e.getMessage().contains(B.length + 100 + ""),
                e.getMessage());
        assertEquals(List.of("a.gz"), filesIn(target));
    }

    @Test
    void httpErrorsAndUnknownNames() throws Exception {
        DataException e = assertThrows(DataException.class,
                () -> DataFetcher.fetch(target, base.resolve("missing/"), sums(A, B), m -> { }));
        assertTrue(e.getMessage().startsWith(base + "missing/a.gz: HTTP 404"), e.getMessage());
        assertEquals(List.of(), filesIn(target));
        DataException mnist = assertThrows(DataException.class, () -> DataFetcher.fetch("mnist", target, base));
        assertTrue(mnist.getMessage().startsWith("cannot fetch 'mnist'"), mnist.getMessage());
        assertEquals(0, filesIn(target).size());
    }

    @Test
    void officialChecksumsCoverTheFourFiles() {
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), List.copyOf(DataFetcher.FASHION_MNIST_SHA256.keySet()));
        for (String sum : DataFetcher.FASHION_MNIST_SHA256.values()) {
            assertTrue(sum.matches("[0-9a-f]{64}"), sum);
        }
        assertFalse(DataFetcher.DEFAULT_BASE_URL.toString().isEmpty());
    }
}
