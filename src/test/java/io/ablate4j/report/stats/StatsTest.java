package io.ablate4j.report.stats;

import io.ablate4j.report.read.Range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final double[] WELCH_A = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6,
        19.0, 21.7, 21.4};
    private static final double[] WELCH_B = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1,
        22.9, 20.5, 24.4};

    /** Wikipedia, "Welch's t-test", example 1: t = −2.46, ν ≈ 24.99, p = 0.021 (SciPy: p = 0.021378). */
    @Test
    void welchMatchesTheTextbookExample() {
        Stats.Welch w = Stats.welch(WELCH_A, WELCH_B);
        assertEquals(-2.4554, w.t(), 1e-4);
        assertEquals(24.9885, w.df(), 1e-4);
        assertEquals(0.021378, w.p(), 1e-5);
    }

    @Test
    void welchIsUndefinedWithTooFewValuesOrNoVariance() {
        assertTrue(Double.isNaN(Stats.welch(new double[] {0.8}, WELCH_B).p()));
        assertTrue(Double.isNaN(Stats.welch(new double[] {0.8, 0.8}, new double[] {0.9, 0.9}).p()));
    }

    /** x = [2,4,4,4,5,5,7,9]: mean 5, s = √(32/7), t(0.975; 7) = 2.364624 → 5 ± 1.787489. */
    @Test
    void tConfidenceIntervalOfASmallSample() {
        double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Stats.mean(xs), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), Stats.std(xs), 1e-12);
        double half = 2.364624 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
        Stats.Interval ci = Stats.ci95(xs);
        assertEquals(5 - half, ci.low(), 1e-5);
        assertEquals(5 + half, ci.high(), 1e-5);
        assertEquals(1.787489, ci.halfWidth(), 1e-5);
    }

    /**
     * Accuracies 99%, 100%, 97%: scipy's t-interval is [0.948720836330699, 1.0246124970026342]; accuracy cannot pass
     * 1, so the report's interval is cut there, and says so. Nothing else moves: the lower end is the t-interval's.
     */
    @Test
    void anAccuracyIntervalIsCutAt100Percent() {
        double[] xs = {0.99, 1.0, 0.97};
        assertEquals(1.0246124970026342, Stats.ci95(xs).high(), 1e-9, "the t-interval itself");
        Stats.Interval cut = Stats.ci95(xs, Range.FRACTION);
        assertEquals(0.948720836330699, cut.low(), 1e-9);
        assertEquals(1.0, cut.high(), 0);
        assertTrue(Stats.clipped(xs, Range.FRACTION));
        assertFalse(Stats.clipped(new double[] {0.80, 0.82, 0.81}, Range.FRACTION));
        assertEquals(0.0, Stats.ci95(new double[] {0.02, 0.0, 0.01}, Range.FRACTION).low(), 0, "and at 0%");
        assertEquals(0.0, Stats.ci95(new double[] {1.0, 30.0}, Range.NON_NEGATIVE).low(), 0, "an RMSE at 0");
        assertTrue(Double.isNaN(Stats.ci95(new double[] {0.9}, Range.FRACTION).low()), "undefined stays so");
        assertEquals("[0, 100]%", Range.FRACTION.text(true));
        assertEquals("[0, ∞)", Range.NON_NEGATIVE.text(false));
    }

    @Test
    void confidenceIntervalNeedsTwoValues() {
        assertTrue(Double.isNaN(Stats.ci95(new double[] {0.9}).low()));
        assertTrue(Double.isNaN(Stats.std(new double[] {0.9})));
        assertTrue(Double.isNaN(Stats.mean(new double[0])));
    }

    @Test
    void holmAdjustsAndKeepsOrder() {
        // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 (monotone)
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Stats.holm(new double[] {0.01, 0.04, 0.03, 0.005}),
                1e-12);
    }

    @Test
    void holmCapsAtOneAndSkipsUndefined() {
        assertArrayEquals(new double[] {0.5, Double.NaN, 0.04}, Stats.holm(new double[] {0.5, Double.NaN, 0.02}),
                1e-12);
        assertArrayEquals(new double[] {1, 1}, Stats.holm(new double[] {0.6, 0.7}), 1e-12);
        assertEquals(0, Stats.holm(new double[0]).length);
    }

    /** Groups [1,2,3] and [4,5,6]: SS_between = 13.5, SS_total = 17.5, η² = 27/35. */
    @Test
    void etaSquaredOfAOneWayDesign() {
        assertEquals(13.5 / 17.5, Stats.etaSquared(List.of(new double[] {1, 2, 3}, new double[] {4, 5, 6})), 1e-12);
        assertEquals(0.0, Stats.etaSquared(List.of(new double[] {1, 3}, new double[] {1, 3})), 1e-12);
        assertTrue(Double.isNaN(Stats.etaSquared(List.of(new double[] {2, 2}, new double[] {2}))));
    }

    /**
     * A 2×2 crossover with two values per cell: cell means 2, 6 / 6, 2 so that both main effects vanish;
     * SS_cells = 2·4·4 = 32, SS_total = 40, interaction η² = 0.8.
     */
    @Test
    void interactionEtaSquaredOfATwoWayDesign() {
        Map<String, Map<String, double[]>> cells = new LinkedHashMap<>();
        cells.put("a1", new LinkedHashMap<>(Map.of("b1", new double[] {1, 3}, "b2", new double[] {5, 7})));
        cells.put("a2", new LinkedHashMap<>(Map.of("b1", new double[] {5, 7}, "b2", new double[] {1, 3})));
        assertEquals(0.8, Stats.interactionEtaSquared(cells), 1e-12);
    }

    /** Purely additive cell means (1, 2 / 3, 4): no interaction. */
    @Test
    void additiveDesignHasNoInteraction() {
        Map<String, Map<String, double[]>> cells = new LinkedHashMap<>();
        cells.put("a1", new LinkedHashMap<>(Map.of("b1", new double[] {0.9, 1.1}, "b2", new double[] {1.9, 2.1})));
        cells.put("a2", new LinkedHashMap<>(Map.of("b1", new double[] {2.9, 3.1}, "b2", new double[] {3.9, 4.1})));
        assertEquals(0.0, Stats.interactionEtaSquared(cells), 1e-12);
    }

    @Test
    void slopeIsLeastSquares() {
        assertEquals(2.0, Stats.slope(new double[] {1, 2, 3, 4}, new double[] {1, 3, 5, 7}), 1e-12);
        assertEquals(0.5, Stats.slope(new double[] {1, 2, 3}, new double[] {0, Double.NaN, 1}), 1e-12);
        assertTrue(Double.isNaN(Stats.slope(new double[] {1}, new double[] {1})));
    }

    @Test
    void csvNumbersKeepSixSignificantDigits() {
        assertEquals("0.873333", Fmt.csv(0.8733333333));
        assertEquals("12", Fmt.csv(12.0));
        assertEquals("0", Fmt.csv(0.0));
        assertEquals("-0.0125", Fmt.csv(-0.0125));
        assertEquals("3.2E-7", Fmt.csv(3.2e-7));
        assertEquals("", Fmt.csv(Double.NaN));
        assertEquals("", Fmt.csv(Double.POSITIVE_INFINITY));
    }
}
