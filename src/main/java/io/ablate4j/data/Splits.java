package io.ablate4j.data;

import io.ablate4j.random.Prng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seeded stratified draws. Each requested split takes from every class in proportion to what is left of
 * it (largest-remainder rounding, ties to the lower class index), so class frequencies carry over to
 * every split; splits are disjoint; within a split the order is shuffled so that classes are mixed.
 * Integer arithmetic and {@link Prng} make the result identical on every machine.
 */
final class Splits {
    private Splits() {
    }

    /**
     * Draws disjoint stratified subsets of the given sizes, in order, from examples with these labels.
     * The caller has checked that the sizes sum to at most {@code labels.length}.
     *
     * @return one array of example indices per size, shuffled
     */
    static int[][] draw(int[] labels, int numClasses, int[] sizes, Prng rng) {
        // Each class's examples in a random order; splits then take consecutive runs of it.
        int[][] byClass = indicesByClass(labels, numClasses);
        for (int[] members : byClass) {
            rng.shuffle(members);
        }
        int[] taken = new int[numClasses];
        int[][] result = new int[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            long[] left = new long[numClasses];
            for (int k = 0; k < numClasses; k++) {
                left[k] = byClass[k].length - taken[k];
            }
            int[] quota = allocate(sizes[s], left);
            int[] split = new int[sizes[s]];
            int n = 0;
            for (int k = 0; k < numClasses; k++) {
                System.arraycopy(byClass[k], taken[k], split, n, quota[k]);
                taken[k] += quota[k];
                n += quota[k];
            }
            rng.shuffle(split);
            result[s] = split;
        }
        return result;
    }

    /**
     * Splits {@code total} proportionally to {@code weights} by largest remainder: floor shares first, then
     * one more to the largest remainders (ties to the lower index). No share exceeds its weight when
     * {@code total <= sum(weights)}.
     */
    static int[] allocate(int total, long[] weights) {
        long sum = Arrays.stream(weights).sum();
        int[] shares = new int[weights.length];
        if (total == 0 || sum == 0) {
            return shares;
        }
        long[] remainders = new long[weights.length];
        long given = 0;
        for (int k = 0; k < weights.length; k++) {
            long scaled = total * weights[k];
            shares[k] = (int) (scaled / sum);
            remainders[k] = scaled % sum;
            given += shares[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            order.add(k);
        }
        order.sort((a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a])
                : Integer.compare(a, b));
        for (int i = 0; given < total; i++, given++) {
            shares[order.get(i)]++;
        }
        return shares;
    }

    /**
     * Seeded stratified k-fold assignment: each class's examples in a random order are dealt to the folds in
     * turn, continuing from class to class where the previous class stopped, so that fold sizes differ by at most
     * one and so do each class's counts per fold.
     *
     * @return the fold (0..k-1) of every example
     */
    static int[] folds(int[] labels, int numClasses, int k, Prng rng) {
        int[][] byClass = indicesByClass(labels, numClasses);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int[] members : byClass) {
            rng.shuffle(members);
            for (int member : members) {
                fold[member] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    static int[][] indicesByClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int k = 0; k < numClasses; k++) {
            byClass[k] = new int[counts[k]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        return byClass;
    }

    /** 0, 1, …, n-1. */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
