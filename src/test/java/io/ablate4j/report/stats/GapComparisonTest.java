package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.results.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The overfitting gap tested against the baseline as the score is: paired by seed, Holm over the non-baseline
 * variants, the same decision. The expected numbers are scipy 1.17's:
 * <pre>
 * g0 = [0.110, 0.095, 0.120, 0.102]                 # the baseline's gap per seed
 * g1 = [0.052, 0.061, 0.049, 0.070]; g2 = [0.108, 0.101, 0.115, 0.097]
 * scipy.stats.ttest_rel(g1, g0).pvalue  # 0.014254954965413043
 * scipy.stats.ttest_rel(g2, g0).pvalue  # 0.6041813035905932
 * d = g1 - g0; d.mean() ± t.ppf(0.975, 3) * d.std(ddof=1) / 2
 *                                 # -0.04875 [-0.0789238596709242, -0.018576140329075775]
 * Holm: 2 * 0.014254954965413043 = 0.028509909930826086; max(0.0285…, 0.6041813035905932) = 0.6041813035905932
 * </pre>
 */
class GapComparisonTest {
    private static final double[] G0 = {0.110, 0.095, 0.120, 0.102};
    private static final double[] G1 = {0.052, 0.061, 0.049, 0.070};
    private static final double[] G2 = {0.108, 0.101, 0.115, 0.097};

    private static void add(List<TrialRow> trials, String variant, String dropout, double[] gaps) {
        for (int i = 0; i < gaps.length; i++) {
            double test = 0.80 + 0.001 * i;
            trials.add(new TrialRow(variant + "s" + (i + 1), variant, i + 1, TrialStatus.OK,
                    Map.of("model.dropout", dropout), 10, 8, 0.82 + gaps[i], 0.82, test, 0.2, 0.4, 0.4, gaps[i], 10,
                    1000, ""));
        }
    }

    private static List<Summary.Row> summary() {
        List<TrialRow> trials = new ArrayList<>();
        add(trials, "v0", "0", G0);
        add(trials, "v1", "0.5", G1);
        add(trials, "v2", "0.2", G2);
        Manifest m = new Manifest(2, "gap", null, null, null, List.of("model.dropout"), Map.of("model.dropout", "0"),
                "grid", List.of(1L, 2L, 3L, 4L), 12, 3, null, null, Map.of(), List.of(
                new VariantCells("v0", Map.of("model.dropout", "0")),
                new VariantCells("v1", Map.of("model.dropout", "0.5")),
                new VariantCells("v2", Map.of("model.dropout", "0.2"))));
        RunData run = new RunData(m, trials, Map.of(), false, List.of());
        return Summary.compute(run, Summary.baseline(m), Map.of());
    }

    @Test
    void theGapIsTestedPairedBySeedAndHolmAdjustedAsScipyComputesIt() {
        List<Summary.Row> rows = summary();
        Summary.Row base = rows.get(0);
        Summary.Row narrow = rows.get(1);
        Summary.Row same = rows.get(2);
        assertTrue(base.baseline());
        assertFalse(base.gapComparison().defined(), "the baseline is not compared with itself");
        assertEquals(GapOutcome.NONE, base.gapOutcome());

        Comparison.Result g = narrow.gapComparison();
        assertEquals("paired t", g.test());
        assertEquals(-0.04875, narrow.gapDelta(), 1e-12);
        assertEquals(-0.04875, g.difference(), 1e-12);
        assertEquals(0.014254954965413043, g.p(), 1e-12);
        assertEquals(-0.0789238596709242, g.ci().low(), 1e-9, "Commons Math's t quantile");
        assertEquals(-0.018576140329075775, g.ci().high(), 1e-9);
        assertEquals(0.028509909930826086, narrow.gapPAdjusted(), 1e-12);
        assertEquals(GapOutcome.NARROWED, narrow.gapOutcome());

        assertEquals(0.6041813035905932, same.gapComparison().p(), 1e-12);
        assertEquals(0.6041813035905932, same.gapPAdjusted(), 1e-12);
        assertEquals(GapOutcome.UNDECIDED, same.gapOutcome());
        assertTrue(Double.isFinite(same.gapDecision().seedsNeeded()), "an undecided gap says the seeds it needs");
    }

    @Test
    void theGapsFamilyIsItsOwnTheScoresIsUnchanged() {
        List<Summary.Row> rows = summary();
        // the test accuracies are the same for every variant: no difference, p = 1, whatever the gaps do
        assertEquals(1.0, rows.get(1).p(), 1e-12);
        assertEquals(BaselineOutcome.UNDECIDED, Verdict.outcome(rows.get(1)));
    }

    @Test
    void aWidenedGapIsWidenedAndAVariantWithOneSeedIsNotTested() {
        List<TrialRow> trials = new ArrayList<>();
        add(trials, "v0", "0", G1);
        add(trials, "v1", "0.5", G0);
        add(trials, "v2", "0.2", new double[] {0.1});
        Manifest m = new Manifest(2, "gap", null, null, null, List.of("model.dropout"), Map.of("model.dropout", "0"),
                "grid", List.of(1L, 2L, 3L, 4L), 12, 3, null, null, Map.of(), List.of(
                new VariantCells("v0", Map.of("model.dropout", "0")),
                new VariantCells("v1", Map.of("model.dropout", "0.5")),
                new VariantCells("v2", Map.of("model.dropout", "0.2"))));
        List<Summary.Row> rows = Summary.compute(new RunData(m, trials, Map.of(), false, List.of()),
                Optional.of(m.variants().get(0)), Map.of());
        assertEquals(GapOutcome.WIDENED, rows.get(1).gapOutcome());
        assertEquals(0.014254954965413043, rows.get(1).gapPAdjusted(), 1e-12, "a family of one");
        assertEquals(GapOutcome.NOT_TESTED, rows.get(2).gapOutcome());
    }
}
