package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.SyntheticConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SyntheticTest {
    private static LoadedData load(SyntheticShape shape, double noise, double labelNoise, int train, int validation,
                                   int test, long seed) {
        return DataLoader.loadUncached(Fixtures.synthetic(shape, 6, 3, noise, labelNoise, train, validation, test,
                seed, Normalization.NONE), List.of());
    }

    @Test
    void blobsHaveTheRequestedShapeAndBalancedClasses() {
        LoadedData d = load(SyntheticShape.BLOBS, 0.5, 0, 300, 90, 0, 1);
        assertEquals(6, d.numFeatures());
        assertEquals(3, d.numClasses());
        assertEquals(300, d.train().numExamples());
        assertEquals(90, d.validation().numExamples());
        assertEquals(SyntheticSource.DEFAULT_TEST_SIZE, d.test().numExamples());
        assertArrayEquals(new int[] {100, 100, 100}, Fixtures.classCounts(d.train()));
        assertEquals("synthetic (blobs, 6 features, 3 classes, noise 0.5) train 300 / val 90 / test 1000",
                d.description());
        // with small noise a nearest-class-mean rule is nearly perfect: the classes really are blobs
        INDArray x = d.train().getFeatures();
        INDArray labels = d.train().getLabels();
        INDArray means = labels.transpose().mmul(x).divColumnVector(labels.sum(0).reshape(3, 1));
        int right = 0;
        for (int r = 0; r < 300; r++) {
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int k = 0; k < 3; k++) {
                double dist = x.getRow(r).distance2(means.getRow(k));
                if (dist < bestDist) {
                    bestDist = dist;
                    best = k;
                }
            }
            right += d.train().getLabels().getFloat(r, best) == 1f ? 1 : 0;
        }
        assertTrue(right > 270, right + " of 300 nearest to their class mean");
    }

    @Test
    void sameSeedSameDataOtherSeedOther() {
        LoadedData a = load(SyntheticShape.SPIRALS, 0.2, 0, 100, 0, 50, 4);
        LoadedData b = load(SyntheticShape.SPIRALS, 0.2, 0, 100, 0, 50, 4);
        LoadedData c = load(SyntheticShape.SPIRALS, 0.2, 0, 100, 0, 50, 5);
        assertNull(a.validation());
        assertEquals(a.train().getFeatures(), b.train().getFeatures());
        assertEquals(a.test().getLabels(), b.test().getLabels());
        assertNotEquals(a.train().getFeatures(), c.train().getFeatures());
    }

    @Test
    void spiralArmsLiveInTheFirstTwoDimensions() {
        LoadedData d = load(SyntheticShape.SPIRALS, 0.1, 0, 300, 0, 10, 2);
        INDArray x = d.train().getFeatures();
        double radius = SyntheticSource.ARM_GAP * 3 * SyntheticSource.TURNS;
        assertTrue(x.getColumn(0).amaxNumber().doubleValue() > radius / 2);
        assertTrue(x.getColumn(5).amaxNumber().doubleValue() < 1.0); // noise only
    }

    @Test
    void labelNoiseFlipsThatFractionOfTrainingLabelsOnly() {
        SyntheticConfig clean = new SyntheticConfig(SyntheticShape.BLOBS, 4, 3, 1.0, 0);
        SyntheticConfig noisy = new SyntheticConfig(SyntheticShape.BLOBS, 4, 3, 1.0, 0.2);
        SyntheticSource.Generated a = SyntheticSource.generate(clean, 500, 100, 100, 11);
        SyntheticSource.Generated b = SyntheticSource.generate(noisy, 500, 100, 100, 11);
        int changed = 0;
        for (int i = 0; i < 500; i++) {
            changed += a.train().labels[i] != b.train().labels[i] ? 1 : 0;
        }
        assertEquals(100, changed);
        assertArrayEquals(a.validation().labels, b.validation().labels);
        assertArrayEquals(a.test().labels, b.test().labels);
    }
}
