package io.ablate4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.report.ReportBrowserTest;
import io.ablate4j.results.ResultsCheck;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate4j run … --serve} end to end, the CLI in a child JVM as a user starts it: headless Chromium opens the
 * page on an ephemeral port and watches the trial count rise and the curves gain points, measures the layout at
 * 1,280 px and at a phone's 390 px (no element past the viewport, no sideways scrolling, no overlapping chart text)
 * and takes the README's screenshot; when the run ends the page turns into the final report and the server stops
 * with the run. Ctrl-C stops run and server alike and leaves the directory resumable. The browser part is skipped
 * when no Chromium is installed (as ReportBrowserTest); {@code -Dserve.screenshot=docs/live-page.png} writes the
 * screenshot there too (the README's, refreshed by hand).
 */
class LivePageBrowserTest {
    private static final Path OUT = Path.of("target", "serve-browser");
    private static final Pattern URL = Pattern.compile("live page: (http://127\\.0\\.0\\.1:([0-9]+)/)");
    /**
     * Six trials of sixty short epochs, one at a time, ~4 s each on a quiet machine: long enough to watch (the page
     * reads statistics on a CPU budget, 2% of a core, so reads are seconds apart; 800 rows × 30 epochs ended before
     * the first read on a quiet machine), short enough for the default suite under load.
     */
    static final String CONFIG = """
            name: live-demo
            description: The live page, watched by a browser
            dataset: {name: synthetic, trainSize: 3200, validationSize: 400, testSize: 400,
                      synthetic: {shape: blobs, features: 10, classes: 4, noise: 2.5}}
            model: {type: mlp, hidden: [64, 64], dropout: 0.0}
            training: {epochs: 60, batchSize: 32}
            seeds: [1, 2, 3]
            sweep: {axes: {model.dropout: [0.0, 0.5]}}
            baseline: {model.dropout: 0.0}
            """;

    @TempDir
    Path tmp;

    @Test
    void aBrowserWatchesTheRunGrowThenReadsItsReport() throws Exception {
        Optional<Path> chromium = ReportBrowserTest.findChromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium found (chromium, chromium-browser, google-chrome "
                + "on PATH, or ABLATE4J_CHROMIUM): the browser check of the live page is skipped");
        Files.createDirectories(OUT);
        Path config = tmp.resolve("live-demo.yaml");
        Files.writeString(config, CONFIG);
        Path log = tmp.resolve("child.log");
        // As a user starts it, in a directory of their own: the run goes to results/runs/live-demo-<timestamp>.
        Process child = start(config, null, log);
        try (Chromium browser = Chromium.start(chromium.get())) {
            Matcher url = awaitUrl(child, log);
            int port = Integer.parseInt(url.group(2));
            browser.viewport(1280, 860, false);
            browser.navigate(url.group(1));
            Set<Integer> counts = new LinkedHashSet<>();
            Set<Integer> points = new LinkedHashSet<>();
            String measure = measureScript();
            JsonNode desktop = null;
            JsonNode phone = null;
            String path = "/";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline) {
                JsonNode seen = browser.eval("JSON.stringify({path: location.pathname, n: +(document.getElementById("
                        + "'trials-done') || {dataset: {n: -1}}).dataset.n, p: +((document.querySelector('#chart svg')"
                        + " || {getAttribute: function () { return 0; }}).getAttribute('data-points') || 0),"
                        + " sections: !!document.querySelector('#sections h2')})");
                JsonNode s = new ObjectMapper().readTree(seen.asText());
                path = s.get("path").asText();
                if (path.endsWith("report.html")) {
                    break;
                }
                counts.add(s.get("n").asInt());
                points.add(s.get("p").asInt());
                if (desktop == null && s.get("n").asInt() >= 1 && s.get("n").asInt() < 6
                        && s.get("sections").asBoolean()) {
                    // Under way: trials recorded, others training, the provisional statistics shown.
                    Thread.sleep(300);
                    desktop = measure(browser, measure);
                    Files.write(OUT.resolve("live-1280.png"), browser.screenshot());
                    browser.viewport(390, 844, true);
                    Thread.sleep(600); // the chart redraws for the new width
                    phone = measure(browser, measure);
                    Files.write(OUT.resolve("live-390.png"), browser.screenshot());
                    browser.viewport(1280, 860, false);
                }
                Thread.sleep(250);
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run ends");
            String childLog = Files.readString(log);
            assertEquals(0, child.exitValue(), childLog);
            List<Integer> n = new ArrayList<>(counts);
            List<Integer> p = new ArrayList<>(points);
            assertTrue(n.size() >= 3 && n.get(n.size() - 1) > n.get(0), "the trial count rises: " + n);
            assertTrue(p.size() >= 3 && p.get(p.size() - 1) > p.get(0), "the curves gain points: " + p);
            assertTrue(path.endsWith("report.html"), "at the end the page shows the final report: " + path);
            String title = "";
            for (int i = 0; i < 100 && !title.contains("ablate4j report: live-demo"); i++) {
                Thread.sleep(100); // the report, a large page, may still be loading
                title = browser.eval("document.title").asText();
            }
            assertTrue(title.contains("ablate4j report: live-demo"), title);
            assertTrue(desktop != null && phone != null, "measured while under way: " + n);
            check("1280 px", desktop, 1280);
            check("390 px", phone, 390);
            assertTrue(childLog.contains("live page: stopped"), childLog);
            assertRefused(port);

            Path png = OUT.resolve("live-1280.png");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
            assertTrue(img.getWidth() == 1280 && img.getHeight() == 860, img.getWidth() + "×" + img.getHeight());
            assertTrue(Files.size(png) < 200_000, "the README's screenshot stays small: " + Files.size(png));
            String target = System.getProperty("serve.screenshot");
            if (target != null && !target.isBlank()) {
                Files.copy(png, Path.of(target), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void ctrlCStopsTheRunAndThePageAndTheDirectoryResumes() throws Exception {
        Path config = tmp.resolve("live-demo.yaml");
        Files.writeString(config, CONFIG);
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("child.log");
        Process child = start(config, run, log);
        try {
            int port = Integer.parseInt(awaitUrl(child, log).group(2));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int recorded = 0;
            while (recorded < 1 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                JsonNode state = new ObjectMapper().readTree(body(port, "/api/state"));
                recorded = state.path("trials").path("recorded").asInt();
            }
            assertTrue(child.isAlive() && recorded >= 1, "a trial recorded while the run goes on");
            interrupt(child);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stops");
            String childLog = Files.readString(log);
            assertEquals(130, child.exitValue(), childLog);
            assertTrue(childLog.contains("run the same command again to resume"), childLog);
            assertRefused(port); // the JVM's exit closes the page's socket, whether or not it got to say so
        } finally {
            child.destroyForcibly();
        }
        // Resumable as after any stop (KillAndResumeTest resumes one): not finished, every recorded row whole.
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"finishedAt\" : null"));
        ResultsCheck.Result rows = ResultsCheck.check(run, null);
        assertEquals(List.of(), rows.rejected());
        assertTrue(rows.file(ResultsCheck.TRIALS).rows().size() >= 1);
    }

    /** Ctrl-C: SIGINT to the child (the JVM runs its shutdown hooks, as on a terminal). */
    private static void interrupt(Process child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT");
    }

    /** {@code ablate4j run CONFIG [--out OUT] --parallel 1 --serve 0}, in the config's directory. */
    private static Process start(Path config, Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classPath(), "io.ablate4j.cli.Main", "run",
                config.getFileName().toString(), "--parallel", "1", "--serve", "0"));
        if (out != null) {
            cmd.addAll(List.of("--out", out.toAbsolutePath().toString()));
        }
        return new ProcessBuilder(cmd).directory(config.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** This JVM's class path with absolute entries, for a child in another directory. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Matcher awaitUrl(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m;
            }
            assertTrue(child.isAlive(), () -> "the run ended before it served: " + read(log));
            Thread.sleep(50);
        }
        throw new AssertionError("no live page address in the log: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String measureScript() throws IOException {
        try (InputStream in = LivePageBrowserTest.class.getResourceAsStream("/report/browser/measure.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** ReportBrowserTest's measurement, in the live page as it is now. */
    private static JsonNode measure(Chromium browser, String script) throws Exception {
        browser.eval(script);
        String json = browser.eval("(function () { var m = document.getElementById('ablate4j-measure');"
                + " var t = m.textContent; m.remove(); return t; })()").asText();
        return new ObjectMapper().readTree(json);
    }

    private static void check(String what, JsonNode m, int viewport) {
        int width = m.get("width").asInt();
        assertTrue(width <= viewport && width > viewport - 30, () -> what + ": layout width " + m);
        assertTrue(m.get("scroll").asInt() <= width, () -> what + ": the page scrolls sideways: " + m);
        assertTrue(m.get("right").asInt() <= width, () -> what + ": an element reaches past the viewport: " + m);
        assertEquals(0, m.get("overlapCount").asInt(), () -> what + ": overlapping chart text " + m.get("overlaps"));
        assertEquals(0, m.get("clippedCount").asInt(), () -> what + ": chart text outside its chart " + m);
    }

    private static String body(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return all.substring(all.indexOf("\r\n\r\n") + 4);
        }
    }

    private static void assertRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
            } catch (IOException e) {
                assertFalse(!(e instanceof ConnectException), e.toString());
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("something still listens on " + port + " after the run");
    }
}
