package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sequential p-values and repeated intervals of adaptive seeds ({@link Sequential}). */
class SequentialTest {
    /**
     * Pocock's constant nominal levels (Pocock 1977, Table 1; Jennison and Turnbull 2000, Table 2.1) for K equally
     * spaced looks at overall two-sided α = 0.05: K = 2: 0.0294, K = 5: 0.0158. With 40+ pairs per look the t
     * statistics are close to the normal ones those tables assume.
     */
    @Test
    void nominalLevelsMatchPocockForLargeEquallySpacedLooks() {
        assertEquals(0.0294, Sequential.table(new int[] {60, 120}).nominalLevel(), 0.002);
        assertEquals(0.0158, Sequential.table(new int[] {40, 80, 120, 160, 200}).nominalLevel(), 0.0015);
    }

    @Test
    void oneLookLeavesThePValueAsItIs() {
        Sequential.Table one = Sequential.table(new int[] {5});
        for (double p : new double[] {0.01, 0.05, 0.2, 0.6}) {
            assertEquals(p, one.sequentialP(p), 0.004, "p " + p);
        }
        assertEquals(Stats.ALPHA, one.nominalLevel(), 0.003);
    }

    @Test
    void moreLooksCostMoreAndTheSequentialPIsMonotone() {
        Sequential.Design design = new Sequential.Design(3, 12);
        double level = Sequential.nominalLevel(design, 1);
        System.out.printf("nominal level, 3 to 12 seeds: %.4f; 3 to 10: %.4f%n", level,
                Sequential.nominalLevel(new Sequential.Design(3, 10), 1));
        // Between Bonferroni over the 10 looks and the unadjusted level.
        assertTrue(level > Stats.ALPHA / 10 && level < Stats.ALPHA, "nominal level " + level);
        double previous = 0;
        for (double p : new double[] {1e-4, 1e-3, 0.005, 0.01, 0.03, 0.1, 0.5}) {
            double seq = Sequential.sequentialP(p, design, 1);
            assertTrue(seq >= p - 0.002, "sequential p " + seq + " below nominal " + p);
            assertTrue(seq >= previous, "not monotone at " + p);
            previous = seq;
        }
        assertEquals(Stats.ALPHA, Sequential.sequentialP(level, design, 1), 0.003);
    }

    @Test
    void repeatedIntervalIsWiderThanTheFixedOne() {
        Comparison.Result fixed = Comparison.paired(new double[] {0.82, 0.84, 0.83, 0.85}, new double[] {0.81,
                0.82, 0.82, 0.83});
        Comparison.Result seq = Sequential.adjust(fixed, new Sequential.Design(3, 12), 1);
        assertTrue(seq.ci().low() < fixed.ci().low() && seq.ci().high() > fixed.ci().high());
        assertEquals(fixed.difference(), seq.difference(), 0);
        assertTrue(seq.p() > fixed.p());
        Comparison.Result welch = Comparison.unpaired(new double[] {0.82, 0.84, 0.83}, new double[] {0.81, 0.82,
                0.82, 0.83});
        assertEquals(Math.min(1, welch.p() * 19), Sequential.adjust(welch, new Sequential.Design(3, 12), 1).p(),
                1e-12);
    }

    /**
     * The point of it: two identical variants, seeds added one at a time from 3 to 12 while the claim "A is
     * higher than B" is undecided. Over many simulated studies the false "confirmed" rate stays at most α with
     * the sequential p, while the fixed-design p, looked at after every seed, exceeds α (so the simulation can
     * tell the two apart).
     */
    @Test
    void adaptiveStoppingKeepsTheFalseConfirmationRateAtMostAlpha() {
        Sequential.Design design = new Sequential.Design(3, 12);
        int studies = 2000;
        Random rng = new Random(42);
        int falseSequential = 0;
        int falseNaive = 0;
        for (int s = 0; s < studies; s++) {
            double[] a = new double[design.max()];
            double[] b = new double[design.max()];
            for (int i = 0; i < a.length; i++) {
                double shared = 0.01 * rng.nextGaussian();
                a[i] = 0.8 + shared + 0.005 * rng.nextGaussian();
                b[i] = 0.8 + shared + 0.005 * rng.nextGaussian();
            }
            falseSequential += confirmedAtSomeLook(a, b, design, true) ? 1 : 0;
            falseNaive += confirmedAtSomeLook(a, b, design, false) ? 1 : 0;
        }
        double sequentialRate = (double) falseSequential / studies;
        double naiveRate = (double) falseNaive / studies;
        System.out.printf("false confirmations over %d studies: sequential %.4f, naive %.4f%n", studies,
                sequentialRate, naiveRate);
        assertTrue(sequentialRate <= Stats.ALPHA, "sequential false confirmations " + sequentialRate);
        assertTrue(naiveRate > Stats.ALPHA, "naive false confirmations " + naiveRate + " (the simulation should "
                + "show that looking after every seed inflates the error)");
    }

    /** The runner's rule for one claim: add a seed while inconclusive, up to max; true if it ends confirmed. */
    private static boolean confirmedAtSomeLook(double[] a, double[] b, Sequential.Design design, boolean sequential) {
        for (int n = design.initial(); n <= design.max(); n++) {
            Comparison.Result r = Comparison.pairedT(java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n));
            if (sequential) {
                r = Sequential.adjust(r, design, 1);
            }
            Decision d = Decision.of(r, r.p(), true, Double.NaN, 1, 1, x -> Double.toString(x));
            if (d.verdict() != Conclusion.INCONCLUSIVE) {
                return d.verdict() == Conclusion.CONFIRMED;
            }
        }
        return false;
    }
}
