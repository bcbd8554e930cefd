package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.AugmentConfig;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmenterTest {
    /** A 3×4 image, row-major: value = 1 + 10·y + x, so every pixel is distinct and nonzero. */
    private static float[] image() {
        float[] img = new float[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                img[y * 4 + x] = 1 + 10 * y + x;
            }
        }
        return img;
    }

    private static float[] transform(float[] img, int dx, int dy, boolean flip, double angle) {
        float[] out = new float[img.length];
        Augmenter.transform(img, 0, out, 0, 1, 3, 4, dx, dy, flip, angle);
        return out;
    }

    @Test
    void shiftMovesRightAndDownByWholePixelsWithZeroFill() {
        assertArrayEquals(new float[] {
            0, 0, 0, 0,
            0, 1, 2, 3,
            0, 11, 12, 13}, transform(image(), 1, 1, false, 0));
        assertArrayEquals(new float[] {
            2, 3, 4, 0,
            12, 13, 14, 0,
            22, 23, 24, 0}, transform(image(), -1, 0, false, 0));
    }

    @Test
    void flipMirrorsEachRow() {
        assertArrayEquals(new float[] {
            4, 3, 2, 1,
            14, 13, 12, 11,
            24, 23, 22, 21}, transform(image(), 0, 0, true, 0));
    }

    @Test
    void rotationByAQuarterTurnOfASquareImageIsExact() {
        float[] square = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = new float[9];
        Augmenter.transform(square, 0, out, 0, 1, 3, 3, 0, 0, false, Math.PI / 2);
        // clockwise on screen (y down): the left column becomes the top row
        float[] expected = {7, 4, 1, 8, 5, 2, 9, 6, 3};
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], out[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void channelsAreTransformedAlike() {
        float[] two = new float[24];
        System.arraycopy(image(), 0, two, 0, 12);
        System.arraycopy(image(), 0, two, 12, 12);
        float[] out = new float[24];
        Augmenter.transform(two, 0, out, 0, 2, 3, 4, 1, 0, true, 0);
        float[] one = transform(image(), 1, 0, true, 0);
        for (int i = 0; i < 12; i++) {
            assertEquals(one[i], out[i]);
            assertEquals(one[i], out[12 + i]);
        }
    }

    @Test
    void applyDrawsOneOfTheAllowedShiftsAndLeavesItsInputAlone() {
        Augmenter aug = new Augmenter(new AugmentConfig(1, false, 0), 3, 4, 1);
        INDArray batch = Nd4j.create(new float[][] {image()});
        INDArray before = batch.dup();
        Set<String> seen = new HashSet<>();
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            INDArray out = aug.apply(batch, rng);
            assertNotSame(batch, out);
            float[] got = out.toFloatVector();
            String match = null;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    if (java.util.Arrays.equals(got, transform(image(), dx, dy, false, 0))) {
                        match = dx + "," + dy;
                    }
                }
            }
            assertTrue(match != null, "not a ±1 px shift: " + java.util.Arrays.toString(got));
            seen.add(match);
        }
        assertEquals(9, seen.size(), "every shift in ±1 should occur: " + seen);
        assertEquals(before, batch);
    }

    @Test
    void rejectsBatchesOfTheWrongWidthAndNonImages() {
        Augmenter aug = new Augmenter(new AugmentConfig(1, true, 0), 3, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> aug.apply(Nd4j.zeros(2, 10), new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new Augmenter(new AugmentConfig(1, true, 0), 0, 0, 0));
    }
}
