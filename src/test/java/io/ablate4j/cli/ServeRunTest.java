package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.RunResult;
import io.ablate4j.run.Runner;
import io.ablate4j.serve.Live;
import io.ablate4j.serve.LivePage;
import io.ablate4j.serve.Listen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --serve}'s wiring in one JVM: while a real run trains, a hundred clients connect at once and others
 * hang up in the middle of an answer, and the run finishes every trial; the page then shows the finished run and
 * serves its report, and the console says where the page is and who can reach it.
 */
class ServeRunTest {
    static final String CONFIG = """
            name: served
            dataset: {name: synthetic, trainSize: 400, validationSize: 100, testSize: 100,
                      synthetic: {shape: spirals, features: 6, classes: 3, noise: 0.3}}
            model: {type: mlp, hidden: [32], dropout: 0.0}
            training: {epochs: 5, batchSize: 32}
            seeds: [1, 2]
            sweep: {axes: {model.dropout: [0.0, 0.3]}}
            baseline: {model.dropout: 0.0}
            """;

    @TempDir
    Path tmp;

    @Test
    void aHundredClientsAndHangUpsNeverStopTheRun() throws Exception {
        Path config = tmp.resolve("served.yaml");
        Files.writeString(config, CONFIG);
        Path out = tmp.resolve("run");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);
        Live live = new Live();
        Listen listen = Serving.listen("--serve", "0");
        LivePage page = Serving.start("--serve", listen, l -> LivePage.serve(live, l), log);
        int port = page.address().getPort();
        assertTrue(console.toString(StandardCharsets.UTF_8).startsWith("live page: http://127.0.0.1:" + port
                + "/ (this machine only;"), console.toString(StandardCharsets.UTF_8));
        RunOptions options = new RunOptions(out, 2, RunOptions.Mode.AUTO, true, log, false)
                .withObserver(new LiveFeed(live));
        ExecutorService clients = Executors.newFixedThreadPool(100);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try {
            ExecutorService driver = Executors.newSingleThreadExecutor();
            Future<List<RunResult>> run = driver.submit(() -> new Runner(options).run(List.of(config)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (live.snapshot().running() == 0 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(run.isDone(), "the run trains while the clients come");
            for (int round = 0; round < 2 && !run.isDone(); round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int kind = i % 3;
                    all.add(clients.submit(() -> {
                        go.await();
                        try (Socket s = new Socket("127.0.0.1", port)) {
                            s.setSoTimeout(15_000);
                            if (kind == 2) {
                                return null; // connects and goes away without a word
                            }
                            s.getOutputStream().write(("GET " + (kind == 0 ? "/" : "/api/state") + " HTTP/1.1\r\n"
                                    + "Host: localhost:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            InputStream in = s.getInputStream();
                            byte[] start = in.readNBytes(12);
                            String status = new String(start, StandardCharsets.US_ASCII);
                            if (status.endsWith("503")) {
                                refused.incrementAndGet();
                            } else if (status.endsWith("200")) {
                                answered.incrementAndGet();
                            }
                            // kind 0 hangs up in the middle of the page; kind 1 reads its answer to the end
                            if (kind == 1) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            }
                        } catch (IOException e) {
                            refused.incrementAndGet();
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : all) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            List<RunResult> results = run.get(180, TimeUnit.SECONDS);
            driver.shutdown();
            assertEquals(4, results.get(0).ok(), console.toString(StandardCharsets.UTF_8));
            assertFalse(results.get(0).interrupted());
            assertTrue(answered.get() > 0, answered + " answered, " + refused + " refused");

            live.over();
            JsonNode state = new ObjectMapper().readTree(get(port, "/api/state"));
            assertEquals("finished", state.get("status").asText(), state.toString());
            assertEquals(4, state.get("trials").get("ok").asInt());
            assertTrue(state.get("final").asBoolean());
            assertEquals("report.html", state.get("report").asText());
            assertTrue(get(port, "/report.html").contains("ablate4j report: served"));
            JsonNode shown = state.get("curves").get("shown");
            assertEquals(2, shown.size(), "a curve per variant");
            assertEquals(5, shown.get(0).get("series").get(0).size(), "five epochs of validation accuracy");
        } finally {
            clients.shutdownNow();
            page.close();
        }
    }

    @Test
    void aHostIsSaidAloudAndABadAddressIsAUsageError() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Listen everywhere = Serving.listen("--serve", "0.0.0.0:0");
        try (LivePage page = Serving.start("--serve", everywhere, l -> LivePage.serve(dir, l), log)) {
            String said = console.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("(listening on 0.0.0.0: anyone who can reach this machine on port "
                    + page.address().getPort() + " can read this run's results"), said);
            assertFalse(page.loopback());
            try (LivePage taken = LivePage.serve(dir, Listen.parse("127.0.0.1:" + page.address().getPort()))) {
                assertTrue(taken.loopback(), "a wildcard and the loopback can share a port on some systems");
            } catch (IOException e) {
                // or not: either way nothing to check here
            }
        }
        CliTest.Result bad = CliTest.cli("run", "x.yaml", "--serve", "localhost:99999");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--serve 'localhost:99999': expected [HOST:]PORT"), bad.err());
        CliTest.Result missing = CliTest.cli("serve", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("not a directory"), missing.err());
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CliTest.Result taken = CliTest.cli("serve", dir.toString(), "--port",
                    Integer.toString(busy.getLocalPort()));
            assertEquals(2, taken.code());
            assertTrue(taken.err().contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), taken.err());
        }
    }

    static String get(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(all.startsWith("HTTP/1.1 200"), all.substring(0, Math.min(200, all.length())));
            return all.substring(all.indexOf("\r\n\r\n") + 4);
        }
    }
}
