package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.RunFixture;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionTest {
    @TempDir
    Path dir;

    /** VariantCells 1 has the best validation accuracy, variant 2 the best test accuracy: variant 1 is selected. */
    @Test
    void selectsOnValidationNeverOnTest() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().experiment("selection", "").axis("model.dropout", "0.0", "0.2", "0.5")
                .baselineFirstLevels().epochs(5).shift(1, 0.06, -0.03).shift(2, -0.02, 0.06).write(dir);
        ReportResult r = Report.generate(dir);

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = List.of(summary.get(0).split(","));
        int selected = header.indexOf("selected");
        int test = header.indexOf("test_acc_mean");
        int val = header.indexOf("val_acc_mean");
        List<String[]> rows = summary.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(List.of("false", "true", "false"), rows.stream().map(c -> c[selected]).toList());
        double bestTest = rows.stream().mapToDouble(c -> Double.parseDouble(c[test])).max().orElseThrow();
        assertEquals(bestTest, Double.parseDouble(rows.get(2)[test]), "variant 2 really has the best test accuracy");
        assertTrue(Double.parseDouble(rows.get(1)[val]) > Double.parseDouble(rows.get(2)[val]));

        assertTrue(r.verdictText().contains("selected by validation accuracy: model.dropout=0.2"), r.verdictText());
        String html = Files.readString(r.html());
        assertTrue(html.contains("model.dropout=0.2 has the highest mean validation accuracy"));
        assertTrue(html.contains("The highest mean test accuracy belongs to model.dropout=0.5"));
    }

    /** Ties go to the first variant in manifest order. */
    @Test
    void tiesGoToTheFirstVariant() {
        VariantCells a = new VariantCells("a", java.util.Map.of());
        VariantCells b = new VariantCells("b", java.util.Map.of());
        Manifest m = new Manifest(1, "tie", null, null, null, List.of(), java.util.Map.of(), "grid", List.of(1L, 2L), 4,
                2, null, null, java.util.Map.of(), List.of(a, b));
        List<TrialRow> trials = List.of(trial("a1", "a", 1), trial("a2", "a", 2), trial("b1", "b", 1),
                trial("b2", "b", 2));
        RunData run = new RunData(m, trials, java.util.Map.of(), false, List.of());
        List<Summary.Row> rows = Summary.compute(run, java.util.Optional.empty(), java.util.Map.of());
        assertTrue(rows.get(0).selected());
        assertTrue(!rows.get(1).selected());
    }

    private static TrialRow trial(String id, String variant, long seed) {
        return new TrialRow(id, variant, seed, TrialStatus.OK, java.util.Map.of(), 3, 3, 0.9, 0.85, 0.84, 0.2, 0.4,
                0.4, 0.05, 1, 1, "");
    }
}
