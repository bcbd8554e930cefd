package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.AugmentConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchIteratorTest {
    private static final int N = 50;
    private static final int SIDE = 6;

    /** 6×6 images with pixel p of example i = (37i + 11p) mod 97 + 1 (unique per example), labels i mod 5. */
    private static DataSet data() {
        float[][] x = new float[N][SIDE * SIDE];
        float[][] y = new float[N][5];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                x[i][p] = (i * 37 + p * 11) % 97 + 1;
            }
            y[i][i % 5] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** Example id of an un-augmented row: the data are a function of (i, p). */
    private static int id(INDArray row) {
        float v0 = row.getFloat(0);
        float v1 = row.getFloat(1);
        for (int i = 0; i < N; i++) {
            if ((i * 37) % 97 + 1 == v0 && (i * 37 + 11) % 97 + 1 == v1) {
                return i;
            }
        }
        throw new AssertionError("no example starts with " + v0 + ", " + v1);
    }

    private static List<Integer> epochOrder(BatchIterator it, List<Integer> batchSizes) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            DataSet b = it.next();
            batchSizes.add(b.numExamples());
            for (int r = 0; r < b.numExamples(); r++) {
                int id = id(b.getFeatures().getRow(r));
                ids.add(id);
                assertEquals(1f, b.getLabels().getFloat(r, id % 5), "labels travel with their features");
            }
        }
        return ids;
    }

    @Test
    void everyExampleOncePerEpochLastBatchPartialNewOrderEachEpoch() {
        BatchIterator it = new BatchIterator(data(), 16, 9, AugmentConfig.NONE, 0, 0, 0);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> first = epochOrder(it, sizes);
        assertEquals(List.of(16, 16, 16, 2), sizes);
        assertEquals(N, first.stream().distinct().count());
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        it.reset();
        List<Integer> second = epochOrder(it, new ArrayList<>());
        assertEquals(N, second.stream().distinct().count());
        assertNotEquals(first, second);
        assertEquals(1, it.epoch());

        BatchIterator same = new BatchIterator(data(), 16, 9, AugmentConfig.NONE, 0, 0, 0);
        assertEquals(first, epochOrder(same, new ArrayList<>()));
        BatchIterator other = new BatchIterator(data(), 16, 10, AugmentConfig.NONE, 0, 0, 0);
        assertNotEquals(first, epochOrder(other, new ArrayList<>()));
    }

    @Test
    void augmentingNeverTouchesTheSharedData() {
        DataSet shared = data();
        INDArray featuresBefore = shared.getFeatures().dup();
        INDArray labelsBefore = shared.getLabels().dup();
        BatchIterator it = new BatchIterator(shared, 10, 4, new AugmentConfig(2, true, 15), SIDE, SIDE, 1);
        for (int epoch = 0; epoch < 2; epoch++) {
            int seen = 0;
            while (it.hasNext()) {
                seen += it.next().numExamples();
            }
            assertEquals(N, seen);
            it.reset();
        }
        assertEquals(featuresBefore, shared.getFeatures());
        assertEquals(labelsBefore, shared.getLabels());
    }

    @Test
    void theSameExampleIsAugmentedDifferentlyInTwoEpochs() {
        DataSet one = new DataSet(data().getFeatures().getRows(0).dup(), data().getLabels().getRows(0).dup());
        BatchIterator it = new BatchIterator(one, 1, 5, new AugmentConfig(2, true, 10), SIDE, SIDE, 1);
        INDArray first = it.next().getFeatures().dup(); // a batch is valid until the next call
        it.reset();
        INDArray second = it.next().getFeatures();
        assertNotEquals(first, second, "augmentation froze across epochs");
        assertNotEquals(one.getFeatures(), first);
    }

    @Test
    void augmentationDoesNotChangeTheOrderOfExamples() {
        BatchIterator plain = new BatchIterator(data(), 7, 12, AugmentConfig.NONE, SIDE, SIDE, 1);
        BatchIterator augmented = new BatchIterator(data(), 7, 12, new AugmentConfig(1, true, 0), SIDE, SIDE, 1);
        while (plain.hasNext()) {
            assertEquals(plain.next().getLabels(), augmented.next().getLabels());
        }
        assertFalse(augmented.hasNext());
    }

    @Test
    void batchesAreCopiesNotViews() {
        DataSet shared = data();
        BatchIterator it = new BatchIterator(shared, N, 1, AugmentConfig.NONE, 0, 0, 0);
        DataSet batch = it.next();
        batch.getFeatures().assign(-1);
        batch.getLabels().assign(-1);
        assertEquals(data().getFeatures(), shared.getFeatures());
        assertEquals(data().getLabels(), shared.getLabels());
    }

    @Test
    void reusesItsBatchArraysAndClosesWhatItMadeForTheLastBatch() {
        BatchIterator it = new BatchIterator(data(), 16, 3, AugmentConfig.NONE, 0, 0, 0);
        DataSet first = it.next();
        INDArray features = first.getFeatures();
        INDArray labels = first.getLabels();
        DataSet second = it.next();
        assertSame(features, second.getFeatures(), "full batches are gathered into the same arrays");
        assertSame(labels, second.getLabels());
        it.next();
        DataSet last = it.next();
        assertEquals(2, last.numExamples());
        assertNotSame(features, last.getFeatures());
        INDArray lastFeatures = last.getFeatures();
        it.reset();
        assertSame(features, it.next().getFeatures(), "and again in the next epoch");
        while (it.hasNext()) {
            last = it.next();
        }
        assertSame(lastFeatures, last.getFeatures());
        assertFalse(features.wasClosed());

        BatchIterator augmented = new BatchIterator(data(), 16, 3, new AugmentConfig(1, false, 0), SIDE, SIDE, 1);
        INDArray made = augmented.next().getFeatures();
        assertFalse(made.wasClosed());
        augmented.next();
        assertTrue(made.wasClosed(), "the augmented copy of the previous batch is freed by the next call");
    }

    @Test
    void describesItselfToDl4j() {
        BatchIterator it = new BatchIterator(data(), 8, 1, AugmentConfig.NONE, 0, 0, 0);
        assertEquals(SIDE * SIDE, it.inputColumns());
        assertEquals(5, it.totalOutcomes());
        assertEquals(8, it.batch());
        assertTrue(it.resetSupported());
        assertFalse(it.asyncSupported());
        assertThrows(IllegalArgumentException.class,
                () -> new BatchIterator(data(), 8, 1, new AugmentConfig(1, false, 0), 0, 0, 0));
    }

    @Test
    void gatherCopiesExactlyTheRowsPullRowsWould() {
        INDArray m = Nd4j.rand(
                DataType.FLOAT, 40, 13);
        int[] rows = {39, 0, 7, 7, 21, 38, 1};
        INDArray fast = BatchIterator.gather(m, rows);
        assertEquals('c', fast.ordering());
        assertArrayEquals(
                Nd4j.pullRows(m, 1, rows).data().asFloat(), fast.data().asFloat(), 0f);
        // a view (every other column) is not one block per row: gathered the slow way, same result
        INDArray view = m.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2, 13));
        assertEquals(Nd4j.pullRows(view, 1, rows),
                BatchIterator.gather(view, rows));
        assertThrows(IndexOutOfBoundsException.class,
                () -> BatchIterator.gather(m, new int[]{40}));
    }
}
