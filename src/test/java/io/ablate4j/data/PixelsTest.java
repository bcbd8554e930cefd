package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pixels kept as bytes give the floats the whole-split FLOAT path gave before (ND4J's normalizers over the FLOAT
 * splits, then copied batches augmented): bit for bit, so that no result of the IDX datasets changes.
 */
class PixelsTest {
    private static DatasetConfig bundled(Normalization n, int folds) {
        return new DatasetConfig(DatasetName.FASHION_MNIST, DataSource.BUNDLED, null, 1500, folds > 0 ? 0 : 700, 900,
                3, n, AugmentConfig.NONE, null, null, io.ablate4j.config.Enums.Task.CLASSIFICATION, folds, false);
    }

    /** The splits as the FLOAT path made them: the pixels cast to FLOAT, then ND4J's normalizers fitted on train. */
    private static DataSet[] floatPath(LoadedData d, Normalization n) {
        DataSet train = new DataSet(d.train().getFeatures().castTo(DataType.FLOAT), d.train().getLabels());
        DataSet validation = d.validation() == null ? null
                : new DataSet(d.validation().getFeatures().castTo(DataType.FLOAT), d.validation().getLabels());
        DataSet test = new DataSet(d.test().getFeatures().castTo(DataType.FLOAT), d.test().getLabels());
        Normalizers.apply(n, true, train, validation, test);
        return new DataSet[]{train, validation, test};
    }

    private static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", the FLOAT path gave " + e[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void idxSplitsAreTheFloatPathsBitForBit(Normalization n) {
        idxSplitsAreTheFloatPaths(n, bundled(n, 0));
        // 500 images leave a corner pixel 0 in every training image: a constant feature, which ND4J divides by 1
        idxSplitsAreTheFloatPaths(n, new DatasetConfig(DatasetName.FASHION_MNIST, DataSource.BUNDLED, null, 500, 300,
                500, 0, n, AugmentConfig.NONE, null, null));
    }

    private static void idxSplitsAreTheFloatPaths(Normalization n, DatasetConfig config) {
        LoadedData d = DataLoader.loadUncached(config, List.of());
        assertEquals(DataType.UINT8, d.train().getFeatures().dataType());
        DataSet[] expected = floatPath(d, n);
        assertBitIdentical(expected[0].getFeatures(), d.inputs(d.train()).getFeatures(), n + " train");
        assertBitIdentical(expected[1].getFeatures(), d.inputs(d.validation()).getFeatures(), n + " validation");
        assertBitIdentical(expected[2].getFeatures(), d.inputs(d.test()).getFeatures(), n + " test");
        // rows taken out of the middle (an evaluation chunk is a view) convert the same
        INDArray chunk = d.test().getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 357),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertBitIdentical(expected[2].getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 357),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), d.input(chunk), n + " test rows 100..356");
    }

    @Test
    void foldsAreFittedOnTheirTrainingFoldsAsBefore() {
        DataCache cache = new DataCache();
        LoadedData d = cache.load(bundled(Normalization.STANDARDIZE, 3), 1);
        DataSet[] expected = floatPath(d, Normalization.STANDARDIZE);
        assertBitIdentical(expected[0].getFeatures(), d.inputs(d.train()).getFeatures(), "fold train");
        assertBitIdentical(expected[1].getFeatures(), d.inputs(d.validation()).getFeatures(), "fold validation");
    }

    /** Every augmentation, batch by batch over two epochs: the same floats as batches of the FLOAT split. */
    @ParameterizedTest
    @EnumSource(value = Normalization.class, names = {"SCALE01", "STANDARDIZE"})
    void batchesAndTheirAugmentationAreTheFloatPathsBitForBit(Normalization n) {
        LoadedData d = DataLoader.loadUncached(bundled(n, 0), List.of());
        DataSet floats = floatPath(d, n)[0];
        for (AugmentConfig augment : List.of(AugmentConfig.NONE, new AugmentConfig(2, true, 10))) {
            BatchIterator before = new BatchIterator(floats, 64, 11, augment, 28, 28, 1);
            BatchIterator after = new BatchIterator(d.train(), 64, 11, augment, 28, 28, 1, d.pixels());
            for (int epoch = 0; epoch < 2; epoch++) {
                before.reset();
                after.reset();
                int batch = 0;
                while (before.hasNext()) {
                    DataSet b = before.next();
                    DataSet a = after.next();
                    assertBitIdentical(b.getFeatures(), a.getFeatures(), n + " " + augment + " epoch " + epoch
                            + " batch " + batch);
                    assertEquals(b.getLabels(), a.getLabels());
                    batch++;
                }
                assertEquals(before.hasNext(), after.hasNext());
            }
        }
    }

    @Test
    void scale01IsPixelOver255() {
        float[] table = Pixels.scale01();
        for (int b = 0; b < 256; b++) {
            assertEquals(b / 255f, table[b], 0f, "byte " + b);
        }
    }

    /** Per channel: CIFAR and image folders standardize each channel with its mean and std over the training split. */
    @Test
    void perChannelStatisticsAreTheTrainingSplits() {
        int plane = 4;
        // two images of 2×2 pixels, 3 channels: red 10/20/30/40 and 50/60/70/80, green constant 7, blue 0 or 255
        byte[] pixels = {10, 20, 30, 40, 7, 7, 7, 7, 0, 0, 0, 0, 50, 60, 70, 80, 7, 7, 7, 7, (byte) 255, (byte) 255,
                (byte) 255, (byte) 255};
        INDArray x = Nd4j.createUninitializedDetached(DataType.UINT8, 2, 12);
        x.data().asNio().put(0, pixels);
        DataSet train = new DataSet(x, Nd4j.zeros(DataType.FLOAT, 2, 2));
        Pixels p = Pixels.fit(Normalization.STANDARDIZE, false, train, 3, plane);
        float[] out = p.input(x).data().asFloat();
        double redMean = 45;
        double redStd = Math.sqrt((35 * 35 + 25 * 25 + 15 * 15 + 5 * 5) * 2 / 8.0);
        assertEquals((float) ((10 - redMean) / redStd), out[0], 0f);
        assertEquals((float) ((80 - redMean) / redStd), out[12 + 3], 0f);
        assertEquals(0f, out[4], 0f, "a constant channel keeps std 1: its mean maps to 0");
        assertEquals(-1f, out[8], 0f, "blue: half 0, half 255 is mean 127.5, std 127.5");
        assertEquals(1f, out[12 + 8], 0f);
        assertArrayEquals(new float[]{(float) (-redMean / redStd), -7f, -1f}, p.black(), 0f);
        Pixels minmax = Pixels.fit(Normalization.MINMAX, false, train, 3, plane);
        float[] mm = minmax.input(x).data().asFloat();
        assertEquals(0f, mm[0], 0f);
        assertEquals(1f, mm[12 + 3], 0f);
        assertEquals(0f, mm[4], 0f, "a constant channel is only shifted");
        assertNotEquals(0f, minmax.black()[0]);
    }
}
