package io.ablate4j.data;

import io.ablate4j.random.Prng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
    @Test
    void largestRemainderGivesLeftoversToTheLargestFractions() {
        // 10 × {5, 3, 2} / 10 = {5, 3, 2} exactly
        assertArrayEquals(new int[] {5, 3, 2}, Splits.allocate(10, new long[] {5, 3, 2}));
        // 7 × {1, 1, 1} / 3 = 2.33 each: the single leftover goes to the lowest index on a tie
        assertArrayEquals(new int[] {3, 2, 2}, Splits.allocate(7, new long[] {1, 1, 1}));
        // 4 × {6, 3, 1} / 10 = {2.4, 1.2, 0.4}: floors {2, 1, 0}, leftover 1 to the remainder 0.4 (index 0 first)
        assertArrayEquals(new int[] {3, 1, 0}, Splits.allocate(4, new long[] {6, 3, 1}));
        assertArrayEquals(new int[] {0, 0}, Splits.allocate(0, new long[] {4, 4}));
        assertArrayEquals(new int[] {4, 0}, Splits.allocate(4, new long[] {4, 0}));
    }

    @Test
    void drawIsDeterministicStratifiedAndDisjoint() {
        int n = 1000;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 500 ? 0 : i < 800 ? 1 : 2; // 50 % / 30 % / 20 %
        }
        int[][] a = Splits.draw(labels, 3, new int[] {100, 300}, Prng.stream(42, 1));
        int[][] b = Splits.draw(labels, 3, new int[] {100, 300}, Prng.stream(42, 1));
        int[][] c = Splits.draw(labels, 3, new int[] {100, 300}, Prng.stream(43, 1));
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertFalse(Arrays.equals(a[1], c[1]));

        assertArrayEquals(new int[] {50, 30, 20}, counts(labels, a[0]));
        assertArrayEquals(new int[] {150, 90, 60}, counts(labels, a[1]));
        Set<Integer> seen = new HashSet<>();
        for (int[] split : a) {
            for (int i : split) {
                assertTrue(seen.add(i), "index " + i + " drawn twice");
            }
        }
        // shuffled: the first 50 of the train split are not all of one class
        assertTrue(counts(labels, Arrays.copyOf(a[1], 50))[0] < 50);
    }

    private static int[] counts(int[] labels, int[] idx) {
        int[] c = new int[3];
        for (int i : idx) {
            c[labels[i]]++;
        }
        return c;
    }
}
