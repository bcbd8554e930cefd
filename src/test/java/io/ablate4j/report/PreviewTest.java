package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.RunFixture;
import io.ablate4j.report.stats.Looks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live page's sections are the report's: the same statistics in the same markup, computed without writing. */
class PreviewTest {
    @TempDir
    Path dir;

    @Test
    void theSectionsAreThoseOfTheReportAndNothingIsWritten() throws IOException {
        System.setProperty("java.awt.headless", "true");
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv", "diagnostics.csv")) {
            Files.copy(Path.of("results", "li-dropout-bn-order", f), dir.resolve(f));
        }
        Preview.Result p = Preview.of(Looks.read(dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count(), "the preview writes nothing");
        }
        String report = Files.readString(Report.generate(dir).html());
        for (String section : List.of("decision", "claims", "verdict", "completeness", "summary")) {
            String html = section(p.html(), section);
            assertFalse(html.isEmpty(), section + " is in the preview");
            assertEquals(section(report, section), html, section + " reads as in the report");
        }
        assertTrue(p.html().contains("<svg"), "the forest plot");
        assertEquals("ablate4j report: li-dropout-bn-order", p.title());
    }

    @Test
    void aPartialRunSaysWhatIsMissing() throws IOException {
        new RunFixture().axis("model.dropout", "0.0", "0.5").baselineFirstLevels().omitVariant(1).unfinished()
                .write(dir);
        Preview.Result p = Preview.of(Looks.read(dir));
        assertEquals(3, p.completeness().missing());
        assertTrue(p.html().contains("3 of 6 trials missing"), p.html());
    }

    /** From a section's heading to the next section's (or the end of the fragment / main). */
    private static String section(String html, String anchor) {
        int from = html.indexOf("<h2 id=\"" + anchor + "\">");
        if (from < 0) {
            return "";
        }
        int to = html.indexOf("<h2 ", from + 1);
        int end = html.indexOf("</main>", from);
        to = to < 0 ? (end < 0 ? html.length() : end) : (end >= 0 ? Math.min(to, end) : to);
        return html.substring(from, to);
    }
}
