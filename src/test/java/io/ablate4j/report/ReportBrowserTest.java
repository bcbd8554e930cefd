package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report in a real browser: headless Chromium lays out the reports of two committed presets with wide tables
 * (li-dropout-bn-order: claims and an axis whose values are whole objects; srivastava-dropout-vs-size: three axes,
 * so interaction plots) at 1280 px and, inside a 390 px iframe, at a phone's width, and a script measures them
 * ({@code src/test/resources/report/browser/measure.js}): no element may reach past the viewport, the page may
 * not scroll sideways, and no two text elements of an SVG chart may overlap or leave their chart. Screenshots go to
 * {@code target/report-browser/}. Skipped when no Chromium is installed ({@code ABLATE4J_CHROMIUM} names one
 * explicitly; {@code .ci/run} installs Debian's {@code chromium} when it can).
 */
public class ReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-browser");
    /** {@code -Dreport.browser.presets=all} (or a comma-separated list) checks other committed results too. */
    private static final List<String> PRESETS = presets(System.getProperty("report.browser.presets",
            "li-dropout-bn-order,srivastava-dropout-vs-size"));
    /** A made-up run of 1,000 variants (LargeGridReportTest's), written by the test: no training. */
    private static final String LARGE = "grid-1000";
    private static final Pattern MEASURE = Pattern.compile("<pre id=\"ablate4j-measure\"[^>]*>([^<]*)</pre>");
    private static final int DESKTOP = 1280;
    private static final int PHONE = 390;
    private static Path chromium;

    @BeforeAll
    static void setUp() throws IOException {
        Optional<Path> found = findChromium();
        if (found.isEmpty()) {
            return; // each test is skipped, with the reason (needsChromium)
        }
        chromium = found.get();
        System.setProperty("java.awt.headless", "true");
        if (Files.exists(OUT)) {
            try (Stream<Path> s = Files.walk(OUT)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        String measure;
        try (InputStream in = ReportBrowserTest.class.getResourceAsStream("/report/browser/measure.js")) {
            measure = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String preset : pages()) {
            Path dir = OUT.resolve(preset);
            Files.createDirectories(dir);
            if (preset.equals(LARGE)) {
                LargeGridReportTest.write(dir);
            }
            for (String f : List.of("manifest.json", "trials.csv", "epochs.csv", "diagnostics.csv")) {
                Path from = Path.of("results", preset, f);
                if (Files.exists(from)) {
                    Files.copy(from, dir.resolve(f));
                }
            }
            Report.generate(dir);
            String html = Files.readString(dir.resolve(Report.HTML));
            Files.writeString(dir.resolve("measured.html"), html.replace("</body>", "<script>" + measure
                    + "</script>\n</body>"));
            Files.writeString(dir.resolve("phone.html"), "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    + "<script>function copy(f){var d=f.contentDocument;var m=d&&d.getElementById('ablate4j-measure');"
                    + "document.getElementById('ablate4j-measure').textContent=m?m.textContent:'unreadable';}</script>"
                    + "</head><body style=\"margin:0\"><iframe src=\"measured.html\" width=\"" + PHONE + "\" "
                    + "height=\"844\" style=\"border:1px solid #999\" onload=\"copy(this)\"></iframe>"
                    + "<pre id=\"ablate4j-measure\" style=\"display:none\"></pre></body></html>\n");
        }
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, "no Chromium found (chromium, chromium-browser, google-chrome on "
                + "PATH, or ABLATE4J_CHROMIUM): the browser check of report.html is skipped; on Debian: apt-get "
                + "install chromium");
    }

    private static List<String> pages() {
        List<String> all = new ArrayList<>(PRESETS);
        all.add(LARGE);
        return all;
    }

    @Test
    void aThousandVariantReportIsSmallAndOpensWithinTwoSeconds() throws Exception {
        Path dir = OUT.resolve(LARGE);
        long bytes = Files.size(dir.resolve(Report.HTML));
        assertTrue(bytes <= 2_000_000, "report.html of 1,000 variants: " + bytes + " bytes");
        JsonNode m = measure(dir.resolve("measured.html"), DESKTOP, 900);
        assertTrue(m.get("loadMs").asLong() < 2000, () -> "loaded in " + m.get("loadMs") + " ms");
    }

    @Test
    void reportsFitA1280PixelWindowAndTheirChartsDoNotOverlap() throws Exception {
        for (String preset : pages()) {
            JsonNode m = measure(OUT.resolve(preset).resolve("measured.html"), DESKTOP, 900);
            check(preset + " at " + DESKTOP + " px", m, DESKTOP);
        }
    }

    @Test
    void reportsFitAPhone() throws Exception {
        for (String preset : pages()) {
            JsonNode m = measure(OUT.resolve(preset).resolve("phone.html"), DESKTOP, 900);
            check(preset + " at " + PHONE + " px", m, PHONE);
        }
    }

    @Test
    void screenshotsArePictures() throws Exception {
        for (String preset : PRESETS) {
            Path dir = OUT.resolve(preset);
            Path desktop = OUT.resolve(preset + "-" + DESKTOP + ".png");
            chrome(List.of("--window-size=" + DESKTOP + ",900", "--screenshot=" + desktop.toAbsolutePath(),
                    dir.resolve(Report.HTML).toUri().toString()));
            Path phone = OUT.resolve(preset + "-" + PHONE + ".png");
            chrome(List.of("--window-size=" + (PHONE + 40) + ",900", "--screenshot=" + phone.toAbsolutePath(),
                    dir.resolve("phone.html").toUri().toString()));
            for (Path png : List.of(desktop, phone)) {
                assertTrue(Files.size(png) > 20_000, png + " is " + Files.size(png) + " bytes");
                BufferedImage img = ImageIO.read(png.toFile());
                assertTrue(img != null && img.getWidth() >= 400 && img.getHeight() >= 800, png + " decodes");
            }
        }
    }

    private static void check(String what, JsonNode m, int viewport) {
        int width = m.get("width").asInt();
        assertTrue(width <= viewport && width > viewport - 30, () -> what + ": layout width " + m);
        assertTrue(m.get("scroll").asInt() <= width, () -> what + ": the page scrolls sideways: " + m);
        assertTrue(m.get("right").asInt() <= width, () -> what + ": an element reaches past the viewport: " + m);
        assertTrue(m.get("charts").asInt() >= 1 && m.get("texts").asInt() >= 10, () -> what + ": SVG charts " + m);
        assertEquals(0, m.get("overlapCount").asInt(), () -> what + ": overlapping chart text " + m.get("overlaps"));
        assertEquals(0, m.get("clippedCount").asInt(), () -> what + ": chart text outside its chart "
                + m.get("clipped"));
    }

    private static JsonNode measure(Path page, int width, int height) throws Exception {
        String dom = chrome(List.of("--window-size=" + width + "," + height, "--allow-file-access-from-files",
                "--dump-dom", page.toUri().toString()));
        Matcher matcher = MEASURE.matcher(dom);
        assertTrue(matcher.find(), () -> page + ": no measurement in the DOM: "
                + dom.substring(Math.max(0, dom.length() - 400)));
        String json = matcher.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    /** Runs headless Chromium with a fresh profile and returns its standard output. */
    private static String chrome(List<String> args) throws Exception {
        Path profile = Files.createTempDirectory("ablate4j-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--mute-audio",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        cmd.addAll(args);
        Path stdout = Files.createTempFile("ablate4j-chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s: " + cmd);
            assertEquals(0, p.exitValue(), () -> "chromium failed: " + cmd);
            return Files.readString(stdout);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(stdout);
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static List<String> presets(String names) {
        if (!names.equals("all")) {
            return List.of(names.split(","));
        }
        try (Stream<Path> s = Files.list(Path.of("results"))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A Chromium to test pages with: {@code ABLATE4J_CHROMIUM}, else {@code chromium}, {@code chromium-browser},
     * {@code google-chrome} or {@code google-chrome-stable} on the PATH; empty when there is none.
     */
    public static Optional<Path> findChromium() {
        String explicit = System.getenv("ABLATE4J_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
