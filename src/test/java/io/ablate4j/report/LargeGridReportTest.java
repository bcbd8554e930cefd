package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that reads at 1,000 variants, on a made-up run directory of a 10 × 10 × 10 grid (CSV rows, no
 * training): report.html stays under 2 MB, the forest plot shows the 15 best and 15 worst variants by effect size,
 * best first, a parallel-coordinates chart draws one line per variant, and every variant is in the sortable,
 * filterable table. ReportBrowserTest opens the same report in Chromium (fits 1280 px and a phone, loads in 2 s).
 */
class LargeGridReportTest {
    /** Writes the 1,000-variant run into {@code dir}. */
    static Path write(Path dir) throws IOException {
        RunFixture f = new RunFixture().experiment("grid1000", "A made-up 1,000-variant grid.")
                .axis("model.dropout", "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.85")
                .axis("regularization.l2", "0", "1e-6", "1e-5", "3e-5", "1e-4", "3e-4", "1e-3", "3e-3", "1e-2", "3e-2")
                .axis("training.optimizer.learningRate", "1e-4", "2e-4", "5e-4", "1e-3", "2e-3", "3e-3", "5e-3",
                        "1e-2", "2e-2", "5e-2")
                .baselineFirstLevels().epochs(4);
        for (int v = 0; v < 1000; v++) {
            f.shift(v, 0.02 * Math.sin(v * 0.37), 0.03 * Math.sin(v * 0.37) + 0.01 * Math.cos(v * 1.3));
        }
        return f.write(dir);
    }

    @Test
    void aThousandVariantsReadByEffectSizeInUnderTwoMegabytes(@TempDir Path tmp) throws IOException {
        Path dir = write(tmp.resolve("run"));
        Report.generate(dir);
        String html = Files.readString(dir.resolve(Report.HTML));
        assertTrue(html.length() <= 2_000_000, html.length() + " characters");
        assertTrue(html.contains("shows the 15 best and the 15 worst of 999 variants"), "forest note");

        // the forest plot's rows, best first, by the difference its whiskers centre on
        String forest = html.substring(html.indexOf("id=\"decision\""));
        forest = forest.substring(0, forest.indexOf("</svg>"));
        Matcher d = Pattern.compile("<g class=\"row\"><title>[^<:]*: ([+\\-−]?[0-9.]+)").matcher(forest);
        List<Double> diffs = new ArrayList<>();
        while (d.find()) {
            diffs.add(Double.parseDouble(d.group(1).replace('−', '-')));
        }
        assertEquals(30, diffs.size(), "15 best and 15 worst");
        for (int i = 1; i < diffs.size(); i++) {
            assertTrue(diffs.get(i) <= diffs.get(i - 1), "sorted by effect: " + diffs);
        }

        assertTrue(Files.exists(dir.resolve("plots/parallel_coordinates.svg")));
        String parallel = Files.readString(dir.resolve("plots/parallel_coordinates.svg"));
        assertEquals(1000, count(parallel, "<polyline "), "one line per variant");

        int table = html.indexOf("<table class=\"wide sortable\">", html.indexOf("<input type=\"search\""));
        assertTrue(table > 0 && html.contains("<input type=\"search\" class=\"filter\""), "sortable, filterable table");
        String rows = html.substring(table, html.indexOf("</table>", table));
        assertEquals(1000, count(rows, "<tr") - 1, "every variant in the table (and the header row)");
        assertTrue(html.contains("table.sortable"), "its script");
        assertTrue(!html.contains("<script src") && !html.contains("https://"), "offline: no CDN");
        assertTrue(html.contains("learning_curves_accuracy_1.png (not embedded"), "per-variant pictures are linked");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
