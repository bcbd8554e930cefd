package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums;
import org.junit.jupiter.api.Test;

/**
 * The paired and unpaired comparisons against scipy 1.10: the literals below are printed by
 * {@code src/test/resources/stats/fixtures.py} (run it with Debian's python3-scipy to regenerate them).
 */
class ComparisonTest {
    private static final double[] A = {0.8512, 0.8477, 0.8601, 0.8533, 0.8490};
    private static final double[] B = {0.8431, 0.8452, 0.8509, 0.8502, 0.8391};
    private static final double[] X = {0.91, 0.88, 0.93, 0.90};
    private static final double[] Y = {0.86, 0.89, 0.85, 0.84, 0.87, 0.85};

    @Test
    void pairedMatchesScipy() {
        Comparison.Result r = Comparison.paired(A, B);
        assertTrue(r.paired());
        assertEquals("paired t", r.test());
        assertEquals(5, r.n());
        assertEquals(0.0065600, r.difference(), 1e-12);
        assertEquals(0.013772255234227832, r.p(), 1e-10); // ttest_rel
        assertEquals(0.002216305094678064, r.ci().low(), 1e-10);
        assertEquals(0.010903694905321957, r.ci().high(), 1e-10);
        assertEquals(0.0625, r.pPermutation(), 1e-12); // permutation_test(samples, n_resamples=inf): 2/32
        assertEquals(1.068625049959368, r.hedgesG(), 1e-10);
        assertEquals(1.0, r.pGreater(), 0); // every seed's difference is positive
    }

    @Test
    void pairedBootstrapEstimatesTheExactBootstrapPercentiles() {
        // numpy percentiles over all 5^5 index sequences: [0.00386, 0.00926]. 10,000 resamples land within a
        // few ten-thousandths of them; a 90% or 99% interval would miss by more than 0.0006.
        Stats.Interval ci = Comparison.paired(A, B).bootstrapCi();
        assertEquals(0.00386, ci.low(), 3e-4);
        assertEquals(0.00926, ci.high(), 3e-4);
        assertEquals(ci, Comparison.paired(A, B).bootstrapCi(), "seeded: the same interval every time");
    }

    @Test
    void unpairedMatchesScipy() {
        Comparison.Result r = Comparison.unpaired(X, Y);
        assertFalse(r.paired());
        assertEquals("Welch", r.test());
        assertEquals(0.012820020846661255, r.p(), 1e-10); // ttest_ind(equal_var=False)
        assertEquals(0.013670415376166714, r.ci().low(), 1e-10);
        assertEquals(0.07632958462383359, r.ci().high(), 1e-10);
        assertEquals(0.01904761904761905, r.pPermutation(), 1e-12); // twice the smaller tail, 2 of 210 splits
        assertEquals(2.1347884568161395, r.hedgesG(), 1e-10);
        assertEquals(0.9583333333333334, r.pGreater(), 1e-12); // Mann-Whitney U / (4·6)
        Stats.Interval boot = r.bootstrapCi();
        assertTrue(boot.low() > 0 && boot.low() < r.difference() && boot.high() > r.difference(), boot.toString());
    }

    @Test
    void benjaminiHochbergMatchesItsDefinition() {
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.2, 0.025},
                Stats.benjaminiHochberg(new double[] {0.010, 0.040, 0.030, 0.200, 0.005}), 1e-12);
        double[] withNaN = Stats.benjaminiHochberg(new double[] {0.01, Double.NaN, 0.04});
        assertEquals(0.02, withNaN[0], 1e-12);
        assertTrue(Double.isNaN(withNaN[1]));
        assertEquals(0.04, withNaN[2], 1e-12);
        assertArrayEquals(Stats.holm(new double[] {0.01, 0.04}),
                Stats.adjust(new double[] {0.01, 0.04}, Enums.Correction.HOLM));
    }

    @Test
    void pairingRemovesTheSharedSeedEffect() {
        // Seed luck moves both variants together; the per-seed differences are all close to +1 pt.
        double[] base = {0.80, 0.84, 0.78, 0.86};
        double[] better = {0.811, 0.849, 0.791, 0.871};
        assertTrue(Comparison.paired(better, base).p() < 0.001);
        assertTrue(Comparison.unpaired(better, base).p() > 0.5);
    }

    @Test
    void theMinimumDetectableEffectAndTheSeedsNeededAreTheSameFormula() {
        Comparison.Result r = Comparison.paired(A, B);
        double sd = r.sd();
        // At the seeds used the formula gives back the MDE; seedsFor(mde) is then n (or fewer).
        assertEquals(r.mde(), (2.7764451051977987 + 0.9409645929709954) * sd / Math.sqrt(5), 1e-9);
        assertTrue(r.seedsFor(r.mde(), 0.05) <= 5);
        assertTrue(r.seedsFor(r.mde() / 2, 0.05) > 5);
        assertTrue(Double.isNaN(r.seedsFor(0, 0.05)));
    }

    @Test
    void degenerateAndTooSmallSides() {
        Comparison.Result same = Comparison.paired(new double[] {0.75, 0.5}, new double[] {0.5, 0.25});
        assertEquals(0.0, same.p(), 0);
        assertEquals(same.difference(), same.ci().low(), 1e-15);
        assertFalse(Comparison.paired(new double[] {0.9}, new double[] {0.8}).defined());
        assertFalse(Comparison.unpaired(new double[] {0.9}, new double[] {0.8, 0.7}).defined());
    }

    /**
     * What needs more seeds than a comparison has says so instead of reading as "no effect": Hedges' g at 2 pairs
     * (its correction J(1) = 1 − 3/3 is 0), and a permutation test that cannot reach p &lt; 0.05 (2/2³ = 0.25 with 3
     * pairs, 2/2⁶ = 0.031 from 6 on; 2/C(6, 3) = 0.1 with 3 per side, 2/C(8, 4) = 0.029 from 4 on).
     */
    @Test
    void effectSizesAndTestsThatNeedMoreSeedsSaySo() {
        Comparison.Result two = Comparison.paired(new double[] {0.82, 0.85}, new double[] {0.80, 0.81});
        assertTrue(two.defined());
        assertTrue(Double.isNaN(two.hedgesG()), "not 0");
        assertEquals(3, two.valuesForHedges());
        Comparison.Result three = Comparison.paired(new double[] {0.82, 0.85, 0.84}, new double[] {0.80, 0.81, 0.83});
        assertTrue(Double.isFinite(three.hedgesG()));
        assertEquals(0, three.valuesForHedges());
        assertEquals(0.25, three.pPermutation(), 1e-12, "the smallest p 3 sign flips allow");
        assertEquals(6, three.valuesForPermutation());
        double[] a = {0.82, 0.85, 0.84, 0.86, 0.83, 0.87};
        double[] b = {0.80, 0.81, 0.83, 0.82, 0.81, 0.80};
        assertEquals(0, Comparison.paired(a, b).valuesForPermutation());
        assertEquals(4, Comparison.unpaired(new double[] {0.82, 0.85, 0.84}, new double[] {0.80, 0.81, 0.83})
                .valuesForPermutation());
        assertEquals(0, Comparison.unpaired(new double[] {0.82, 0.85, 0.84, 0.86}, new double[] {0.80, 0.81, 0.83,
                0.79}).valuesForPermutation());
        assertEquals(0, Comparison.Result.NONE.valuesForHedges());
        assertEquals(0, Comparison.Result.NONE.valuesForPermutation());
    }

    /** {@link Comparison#change}: the literals are scipy 1.17's t distribution applied to the formula. */
    @Test
    void theChangeOfADifferenceMatchesScipy() {
        double[] a = {0.8512, 0.8477, 0.8601, 0.8533, 0.8490};
        double[] b = {0.8431, 0.8452, 0.8509, 0.8502, 0.8391};
        double[] x = {0.91, 0.88, 0.93, 0.90};
        double[] y = {0.86, 0.89, 0.85, 0.84, 0.87, 0.85};
        Comparison.Result earlier = Comparison.paired(a, b);
        Comparison.Result later = Comparison.unpaired(x, y);
        Comparison.Result change = Comparison.change(earlier, later);
        assertEquals(0.03844000000000014, change.difference(), 1e-12);
        assertEquals(0.012810709061822726, change.se(), 1e-12);
        assertEquals(6.008689685025472, change.df(), 1e-9);
        assertEquals(0.007104309766328615, change.ci().low(), 1e-10);
        assertEquals(0.06977569023367167, change.ci().high(), 1e-10);
        assertEquals(0.023946752889999538, change.p(), 1e-10);
        // Against an exact zero (no variance, no difference) the change is the later comparison itself.
        Comparison.Result exact = Comparison.paired(new double[] {0.5, 0.6}, new double[] {0.5, 0.6});
        Comparison.Result same = Comparison.change(exact, later);
        assertEquals(later.ci().low(), same.ci().low(), 1e-12);
        assertEquals(later.ci().high(), same.ci().high(), 1e-12);
        assertEquals(later.p(), same.p(), 1e-9);
        assertFalse(Comparison.change(Comparison.Result.NONE, later).defined());
    }
}
