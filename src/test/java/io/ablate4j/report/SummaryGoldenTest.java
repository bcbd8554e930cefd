package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.render.CsvOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals summary.csv: the golden run under {@code src/test/resources/report/golden/} has hand-written trials
 * whose statistics were computed independently (SciPy 1.10: d05 against d00 paired by seed, ttest_rel p =
 * 0.0202041, its t(0.975; 2) interval [0.0151586, 0.0648414], permutation_test p = 0.25, Hedges' g_av 1.52381,
 * MDE (t(0.975; 2) + t(0.8; 2))·s_d/√3 = 0.0309651; the bootstrap of three differences .05/.04/.03 spans
 * [0.03, 0.05]; its gap against d00's, scipy 1.17: ttest_rel p = 0.00409, interval [-0.114841, -0.0651586],
 * narrowed); the expected file
 * fixes columns, order, number format and empty cells.
 */
class SummaryGoldenTest {
    /** The columns DESIGN.md promises in summary.csv. */
    private static final List<String> DESIGN_COLUMNS = List.of("n", "test_acc_mean", "test_acc_std",
            "test_acc_ci95_low", "test_acc_ci95_high", "gap_acc_mean", "gap_acc_std", "delta_vs_baseline", "p_value",
            "p_value_holm");

    @TempDir
    static Path dir;
    private static ReportResult result;

    @BeforeAll
    static void generate() throws IOException {
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv")) {
            try (InputStream in = SummaryGoldenTest.class.getResourceAsStream("/report/golden/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        System.setProperty("java.awt.headless", "true");
        result = Report.generate(dir);
    }

    private static List<String> expected(String resource) throws IOException {
        try (InputStream in = SummaryGoldenTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void summaryMatchesTheGoldenFile() throws IOException {
        List<String> actual = Files.readString(dir.resolve("summary.csv")).lines().toList();
        assertEquals(expected("/report/golden/summary.expected.csv"), actual);
    }

    @Test
    void summaryHasEveryDesignColumnAndRfc4180LineEnds() throws IOException {
        String text = Files.readString(dir.resolve("summary.csv"));
        List<String> header = Arrays.asList(text.substring(0, text.indexOf("\r\n")).split(","));
        assertTrue(header.containsAll(DESIGN_COLUMNS), header.toString());
        assertEquals("model.dropout", header.get(0));
        assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "every line ends in CRLF");
    }

    @Test
    void factorsAndOverfittingHaveTheirContractColumns() throws IOException {
        assertEquals(String.join(",", CsvOutputs.FACTOR_COLUMNS),
                Files.readAllLines(dir.resolve("factors.csv")).get(0));
        assertEquals("scope,variant_id,trial_id,seed,model.dropout,n,epochs,best_epoch,gap_best,gap_final,gap_max,"
                + "gap_slope_per_epoch,onset_epoch,onset_count,val_loss_min,val_loss_final",
                Files.readAllLines(dir.resolve("overfitting.csv")).get(0));
        List<String> factors = Files.readAllLines(dir.resolve("factors.csv"));
        assertEquals("kind,axis,level,axis_b,level_b,n,test_acc_mean,test_acc_std,test_acc_ci95_low,"
                + "test_acc_ci95_high,gap_acc_mean,gap_acc_std,eta_squared,gap_eta_squared", factors.get(0));
        // one level per dropout rate; 7 ok trials; d00 has a rise of validation loss after epoch 2 in seeds 1, 2
        assertEquals(4, factors.size());
        assertTrue(factors.get(1).startsWith("main,model.dropout,0.0,,,3,0.82,0.02,"), factors.get(1));
        List<String> over = Files.readAllLines(dir.resolve("overfitting.csv"));
        assertTrue(over.contains("trial,d00,d00s1,1,0.0,1,3,2,0.14,0.19,0.19,0.07,2,1,0.55,0.6"), over.toString());
        assertTrue(over.contains("variant,d00,,,0.0,3,,,0.13,0.16,0.16,0.055,2,2,0.523333,0.56"), over.toString());
    }

    @Test
    void warningsNameTheFailedAndDivergedTrials() {
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("d08s2") && w.contains("failed")
                && w.contains("OutOfMemoryError")), result.warnings().toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("d08s3") && w.contains("diverged")));
    }
}
