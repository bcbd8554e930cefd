package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.render.CsvOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference results open with this version's report and give the summary they were committed with:
 * run directories of every schema version stay readable, and their statistics do not drift.
 */
class CommittedResultsTest {
    @TempDir
    Path tmp;

    /** The committed run directories {@code results/<preset>/}, sorted; at least one. */
    static List<Path> committedRuns() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of("results"))) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).sorted().toList();
        }
        assertFalse(dirs.isEmpty());
        return dirs;
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedResultReportsItsCommittedSummary() throws IOException {
        return committedRuns().stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            System.setProperty("java.awt.headless", "true");
            Path copy = tmp.resolve(d.getFileName().toString());
            Files.createDirectories(copy);
            for (String f : List.of("manifest.json", "trials.csv", "epochs.csv", "diagnostics.csv")) {
                if (Files.exists(d.resolve(f))) {
                    Files.copy(d.resolve(f), copy.resolve(f));
                }
            }
            ReportResult r = Report.generate(copy);
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("has no column")), r.warnings().toString());
            assertEquals(Files.readString(d.resolve(CsvOutputs.SUMMARY)), Files.readString(copy.resolve(
                    CsvOutputs.SUMMARY)), d + ": summary.csv");
            if (Files.exists(d.resolve(CsvOutputs.EXPECTATIONS))) {
                assertEquals(Files.readString(d.resolve(CsvOutputs.EXPECTATIONS)), Files.readString(copy.resolve(
                        CsvOutputs.EXPECTATIONS)), d + ": expectations.csv");
            }
        }));
    }
}
