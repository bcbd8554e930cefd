package io.ablate4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streams are pinned: these values must hold on every machine and Java version. */
class PrngTest {
    @Test
    void splitMix64MatchesThePublishedReferenceValues() {
        Prng p = new Prng(0);
        assertEquals(0xe220a8397b1dcdafL, p.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, p.nextLong());
        Prng q = new Prng(7);
        int[] seen = new int[10];
        for (int i = 0; i < 10_000; i++) {
            int r = q.nextInt(10);
            assertTrue(r >= 0 && r < 10);
            seen[r]++;
        }
        for (int count : seen) {
            assertTrue(count > 900 && count < 1100, "uniform: " + count);
        }
    }

    @Test
    void derivedValuesArePinned() {
        // The resampling draws and the (0, 1] uniform were checked against an independent SplitMix64 in Python; the
        // Gaussians are the values the committed reports' simulated tables were made with. Changing any of them
        // changes committed numbers.
        Prng e = new Prng(9);
        assertEquals(25, e.below(37));
        assertEquals(27, e.below(37));
        assertEquals(9, e.below(37));
        assertEquals(4598687963286269846L, Double.doubleToRawLongBits(new Prng(20261207).nextDoubleAboveZero()));
        assertEquals(4579417040242189131L, Double.doubleToRawLongBits(new Prng(5).nextGaussian()));
        Prng g = new Prng(11);
        assertEquals(-4630221284415215050L,
                Double.doubleToRawLongBits(Prng.boxMuller(g.nextDoubleAboveZero(), g.nextDouble())));
    }

    @Test
    void theLcgIsJavaUtilRandomAndSpreadIsAWeylStep() {
        assertEquals(new Random(42).nextLong(), Prng.lcg(42).nextLong());
        assertEquals(1L * Prng.GOLDEN_GAMMA + 0x632BE59BD9B4E019L, Prng.spread(1));
        assertEquals(0x632BE59BD9B4E019L, Prng.spread(0));
    }

    @Test
    void streamsForDifferentPurposesDiffer() {
        assertTrue(Prng.stream(1, 1).nextLong() != Prng.stream(1, 2).nextLong());
        assertEquals(Prng.stream(3, 4).nextLong(), Prng.stream(3, 4).nextLong());
    }
}
