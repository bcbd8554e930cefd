package io.ablate4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's server, attacked over real sockets on 127.0.0.1: it serves the page, the state and the finished
 * run's report and nothing else, refuses paths that try to leave the run directory (plain, encoded, backslashed,
 * absolute, through links), changes nothing (every method but GET and HEAD is 405), bounds what a request may hold
 * and how many connections it keeps, answers only to loopback names, and goes on serving after clients misbehave.
 */
class LivePageSecurityTest {
    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-RUN";
    private static final Limits TIGHT = new Limits(2, 6, 8 * 1024, 64, Duration.ofSeconds(3), Duration.ofSeconds(6));

    @TempDir
    Path tmp;
    private LivePage page;
    private int port;

    /** A finished run (a committed preset's files), its report, and a secret beside the run directory. */
    private Path finishedRun(String name) throws IOException {
        Path run = RunViewTest.copyRun("li-dropout-bn-order", tmp.resolve(name));
        Files.writeString(run.resolve("report.html"), "<!DOCTYPE html><title>the report</title>the final report\n");
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createDirectories(run.resolve("plots"));
        Files.writeString(run.resolve("plots/forest.svg"), "<svg/>");
        return run;
    }

    private void serve(Path run, Limits limits) throws IOException {
        page = LivePage.serve(new RunView(run), new InetSocketAddress("127.0.0.1", 0), limits);
        port = page.address().getPort();
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.close();
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Sends {@code request} as is and reads the answer to the end. */
    Answer raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    Answer raw(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return read(s.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException e) {
            // a reset after the answer: what arrived counts
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
    }

    Answer get(String target) throws IOException {
        return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void itServesThePageTheStateAndTheFinishedRunsReport() throws IOException {
        serve(finishedRun("run"), Limits.DEFAULT);
        Answer p = get("/");
        assertEquals(200, p.status());
        assertTrue(p.body().contains("ablate4j live") && p.body().contains("api/state"), p.body());
        assertFalse(p.body().matches("(?s).*(src|href)=\"(https?:)?//.*") || p.body().contains("url(http"),
                "nothing is fetched from elsewhere: the page works offline");
        assertTrue(p.headers().get("content-security-policy").contains("default-src 'none'"), p.headers().toString());
        assertEquals("nosniff", p.headers().get("x-content-type-options"));

        Answer s = get("/api/state");
        assertEquals(200, s.status());
        JsonNode state = new ObjectMapper().readTree(s.body());
        assertEquals("finished", state.get("status").asText());
        assertEquals(12, state.get("trials").get("recorded").asInt());
        assertEquals("report.html", state.get("report").asText());
        assertFalse(state.get("provisional").asBoolean());
        assertEquals(204, get("/api/state?since=" + state.get("version").asText()).status(), "nothing new");

        Answer r = get("/report.html?page=abc");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("the final report"));

        Answer head = raw("HEAD / HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals(p.headers().get("content-length"), head.headers().get("content-length"));
        assertEquals("", head.body());
    }

    @Test
    void pathsThatLeaveTheRunDirectoryAreRefused() throws IOException {
        serve(finishedRun("run"), Limits.DEFAULT);
        List<String> traversals = List.of("/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E/%2E%2E/etc/passwd", "/%2e%2e%2fsecret.txt", "/report.html/../../secret.txt",
                "/a/%2f/b", "/..\\secret.txt", "/\\..\\secret.txt", "/%5c..%5csecret.txt", "//etc/passwd",
                "/./report.html", "/plots/../../secret.txt", "/report.html%00", "/%252e%252e/secret.txt",
                "http://127.0.0.1/../secret.txt", "*", "../secret.txt", "/report.html#x", "/ä");
        for (String t : traversals) {
            Answer a = get(t);
            assertEquals(400, a.status(), t + " → " + a);
            assertFalse(a.body().contains(SECRET), t);
        }
        // Plain paths that name files of the run, absolute paths and directories: not what the page needs.
        for (String t : List.of("/etc/passwd", "/manifest.json", "/trials.csv", "/plots/", "/plots/forest.svg",
                "/plots", "/api/", "/api", "/report.md", "/secret.txt", "/tmp" + tmp.resolve("secret.txt"))) {
            Answer a = get(t);
            assertEquals(404, a.status(), t + " → " + a);
            assertFalse(a.body().contains(SECRET) || a.body().contains("<a href"), t + ": no listing, no file");
        }
    }

    @Test
    void linksThatLeadOutOfTheRunDirectoryAreNotFollowed() throws IOException {
        Path run = finishedRun("run");
        Files.delete(run.resolve("report.html"));
        Files.createSymbolicLink(run.resolve("report.html"), tmp.resolve("secret.txt"));
        serve(run, Limits.DEFAULT);
        JsonNode state = new ObjectMapper().readTree(get("/api/state").body());
        assertEquals("error", state.get("status").asText());
        assertTrue(state.get("message").asText().contains("report.html is a link that leads out of the run"),
                state.toString());
        Answer r = get("/report.html");
        assertEquals(404, r.status());
        assertFalse(r.body().contains(SECRET));
        page.close();

        Path other = finishedRun("other");
        Path outside = tmp.resolve("outside-trials.csv");
        Files.move(other.resolve("trials.csv"), outside);
        Files.createSymbolicLink(other.resolve("trials.csv"), outside);
        serve(other, Limits.DEFAULT);
        state = new ObjectMapper().readTree(get("/api/state").body());
        assertTrue(state.get("message").asText().contains("trials.csv is a link that leads out"), state.toString());
        assertFalse(state.has("trials"), "nothing read from outside: " + state);
    }

    @Test
    void itChangesNothingOnlyGetAndHeadAreAnswered() throws IOException {
        Path run = finishedRun("run");
        serve(run, Limits.DEFAULT);
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND")) {
            Answer a = raw(method + " /report.html HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: 4\r\n"
                    + "\r\nabcd");
            assertEquals(405, a.status(), method + " → " + a);
            assertEquals("GET, HEAD", a.headers().get("allow"), method);
        }
        assertTrue(Files.readString(run.resolve("report.html")).contains("the final report"));
    }

    @Test
    void requestSizesAreBoundedAndMalformedRequestsRefused() throws IOException {
        serve(finishedRun("run"), Limits.DEFAULT);
        String host = "Host: 127.0.0.1:" + port + "\r\n";
        assertEquals(431, raw("GET / HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(10_000) + "\r\n\r\n").status());
        assertEquals(431, raw("GET / HTTP/1.1\r\n" + host + "X-Many: 1\r\n".repeat(80) + "\r\n").status());
        assertEquals(413, raw("GET / HTTP/1.1\r\n" + host + "Content-Length: 10\r\n\r\n0123456789").status());
        assertEquals(413, raw("GET / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status());
        assertEquals(414, raw("GET /" + "a".repeat(3000) + " HTTP/1.1\r\n" + host + "\r\n").status());
        assertEquals(505, raw("GET / HTTP/2.0\r\n" + host + "\r\n").status());
        assertEquals(400, raw("GET / HTTP/1.1\r\n\r\n").status(), "HTTP/1.1 needs Host");
        assertEquals(400, raw("HELLO\r\n\r\n").status());
        assertEquals(400, raw("GET  / HTTP/1.1\r\n" + host + "\r\n").status());
        assertEquals(400, raw("GET / HTTP/1.1\r\n" + host + " folded\r\n\r\n").status());
        assertEquals(400, raw("GET / HTTP/1.1\r\n" + host + "Bad Header: x\r\n\r\n").status());
        assertEquals(400, raw("GET / HTTP/1.1\r\n" + host + "Host: 127.0.0.1\r\n\r\n").status(), "two Hosts");
        assertEquals(400, raw(("GET /\u00e9 HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.UTF_8))
                .status());
        assertEquals(400, raw("GET /api/state?since=<script> HTTP/1.1\r\n" + host + "\r\n").status());
        assertEquals(200, raw("GET / HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 without Host is fine");
    }

    @Test
    void onLoopbackItAnswersOnlyToLoopbackNames() throws IOException {
        serve(finishedRun("run"), Limits.DEFAULT);
        assertEquals(403, raw("GET /api/state HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n\r\n").status(),
                "DNS rebinding");
        assertEquals(403, raw("GET / HTTP/1.1\r\nHost: 127.0.0.1.attacker.example\r\n\r\n").status());
        for (String name : List.of("localhost", "127.0.0.1", "[::1]", "LOCALHOST")) {
            assertEquals(200, raw("GET / HTTP/1.1\r\nHost: " + name + ":" + port + "\r\n\r\n").status(), name);
        }
    }

    @Test
    void slowIdleAndExcessClientsAreCutOffAndTheServerGoesOn() throws Exception {
        serve(finishedRun("run"), TIGHT);
        // Idle connections that never send a request: more than the server holds.
        List<Socket> idle = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        try {
            for (int i = 0; i < TIGHT.connections() + 4; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(10_000);
                idle.add(s);
            }
            Thread.sleep(300);
            long start = System.nanoTime();
            for (Socket s : idle) {
                refused.add(read(s.getInputStream()).status());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Beyond the limit: 503 at once (all four unless a slow machine let the first time out meanwhile).
            long busy = refused.stream().filter(st -> st == 503).count();
            assertTrue(busy >= 1, refused.toString());
            assertEquals(idle.size() - busy, refused.stream().filter(st -> st == 408).count(), refused.toString());
            assertTrue(seconds < 8, "idle clients are cut off after the head timeout: " + seconds + " s");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        // A client that trickles its request slower than the timeout.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            try {
                for (char c : "GET / HTTP/1.1\r\n".toCharArray()) {
                    s.getOutputStream().write(c);
                    s.getOutputStream().flush();
                    Thread.sleep(400);
                }
            } catch (SocketException e) {
                // cut off while it wrote
            }
            assertEquals(408, read(s.getInputStream()).status());
            assertTrue((System.nanoTime() - start) / 1e9 < 6);
        }
        // A client that asks for the report and goes away after a few bytes.
        Files.writeString(tmp.resolve("run/report.html"), "<!DOCTYPE html>" + "x".repeat(5_000_000));
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("GET /report.html HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readNBytes(100);
            }
        }
        assertEquals(200, get("/api/state").status(), "the server goes on");
    }

    @Test
    void itStopsWhenClosed() throws Exception {
        serve(finishedRun("run"), Limits.DEFAULT);
        assertEquals(200, get("/").status());
        page.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
                Thread.sleep(50);
            } catch (ConnectException e) {
                refused = true;
            }
        }
        assertTrue(refused, "nothing listens any more");
    }
}
