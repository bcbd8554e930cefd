package io.ablate4j.data;

import io.ablate4j.config.Enums.Normalization;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * How stored image pixels become network input. Image splits keep their pixels as UINT8 arrays (0..255, a quarter of
 * a FLOAT copy: CIFAR-10's 60,000 images are 184 MB as bytes, 737 MB as floats); each minibatch and each evaluation
 * chunk is turned into FLOAT here, normalized with statistics fitted once on the training split.
 *
 * <ul>
 *   <li>{@code none}, {@code scale01}, and for CIFAR and image folders {@code standardize} and {@code minmax}: one
 *       value per channel and byte, looked up in a 256-entry table per channel. scale01's table is ND4J's own
 *       {@code ImagePreProcessingScaler} applied to the 256 byte values, so its floats are those the whole-split
 *       transform always gave. standardize is (b − mean) / std with the channel's mean and population standard
 *       deviation over the training split's pixels (std 1 for a constant channel); minmax (b − min) / (max − min)
 *       with the channel's extremes (a constant channel is only shifted).</li>
 *   <li>{@code standardize} and {@code minmax} of fashion-mnist and mnist: per pixel, as they have always been:
 *       ND4J's {@code NormalizerStandardize} / {@code NormalizerMinMaxScaler} fitted on the FLOAT training split, then
 *       per batch the operations their transform runs ({@code StandardizeStrategy}: subtract the mean, divide by the
 *       standard deviation with 0 replaced by 1; {@code MinMaxStrategy}: subtract the minimum, divide by the range,
 *       times 1, plus 0), each one float operation per value, in Java: the same floats as the whole-split transform
 *       gave before pixels were kept as bytes, without an ND4J op per batch.</li>
 * </ul>
 * Immutable once fitted; shared read-only by the trials of a dataset.
 */
public final class Pixels {
    /** Lookup tables {@code [channel][byte]}; null when normalized per pixel. */
    private final float[][] tables;
    /** Per pixel: what is subtracted from each feature, then what it is divided by; null with tables. */
    private final float[] offsets;
    private final float[] divisors;
    private final int channels;
    private final int plane;

    private Pixels(float[][] tables, float[] offsets, float[] divisors, int channels, int plane) {
        this.tables = tables;
        this.offsets = offsets;
        this.divisors = divisors;
        this.channels = channels;
        this.plane = plane;
    }

    /**
     * Fits on the training split's pixels.
     *
     * @param train    the training split, UINT8 features {@code [n, channels·plane]}
     * @param perPixel standardize and minmax per pixel (fashion-mnist, mnist) rather than per channel
     */
    static Pixels fit(Normalization kind, boolean perPixel, DataSet train, int channels, int plane) {
        INDArray x = train.getFeatures();
        if (x.dataType() != DataType.UINT8 || x.size(1) != (long) channels * plane) {
            throw new IllegalArgumentException("expected UINT8 pixels [n, " + channels * plane + "], got "
                    + x.dataType() + " " + Arrays.toString(x.shape()));
        }
        return switch (kind) {
            case NONE -> uniform(identity(), channels, plane);
            case SCALE01 -> uniform(scale01(), channels, plane);
            case STANDARDIZE, MINMAX -> perPixel ? nd4j(kind, train, channels, plane)
                    : perChannel(kind, x, channels, plane);
        };
    }

    /** The pixels as bytes: the identity table for each channel. */
    static Pixels raw(int channels, int plane) {
        return uniform(identity(), channels, plane);
    }

    private static Pixels uniform(float[] table, int channels, int plane) {
        float[][] tables = new float[channels][];
        Arrays.fill(tables, table);
        return new Pixels(tables, null, null, channels, plane);
    }

    private static float[] identity() {
        float[] t = new float[256];
        for (int b = 0; b < 256; b++) {
            t[b] = b;
        }
        return t;
    }

    /** ND4J's {@code ImagePreProcessingScaler(0, 1)} on each byte value: what scale01 gave images before. */
    static float[] scale01() {
        INDArray values = Nd4j.create(identity(), new long[]{1, 256}, 'c');
        new ImagePreProcessingScaler(0, 1).preProcess(values);
        return values.data().asFloat();
    }

    private static Pixels nd4j(Normalization kind, DataSet train, int channels, int plane) {
        // fitted on the same FLOAT training split as before the pixels were kept as bytes: the same statistics
        INDArray floats = train.getFeatures().castTo(DataType.FLOAT);
        DataSet split = new DataSet(floats, train.getLabels());
        float[] offsets;
        float[] divisors;
        if (kind == Normalization.STANDARDIZE) {
            NormalizerStandardize n = new NormalizerStandardize();
            n.fit(split);
            offsets = n.getMean().castTo(DataType.FLOAT).toFloatVector();
            // StandardizeStrategy.filteredStd: ND4J's own replacement of (near-)zero deviations by 1. Its condition
            // compares within Nd4j.EPS_THRESHOLD, so a constant pixel (std at DistributionStats' floor of 1e-5) is
            // divided by 1, not by its std.
            INDArray std = n.getStd().dup();
            BooleanIndexing.replaceWhere(std, 1.0, Conditions.equals(0));
            divisors = std.castTo(DataType.FLOAT).toFloatVector();
        } else {
            MinMax n = new MinMax();
            n.fit(split);
            offsets = n.getMin().castTo(DataType.FLOAT).toFloatVector();
            divisors = n.range().castTo(DataType.FLOAT).toFloatVector(); // max − min, at least EPS_THRESHOLD
        }
        floats.close();
        return new Pixels(null, offsets, divisors, channels, plane);
    }

    private static Pixels perChannel(Normalization kind, INDArray x, int channels, int plane) {
        long[][] histogram = histogram(x, channels, plane);
        float[][] tables = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            long[] h = histogram[c];
            if (kind == Normalization.STANDARDIZE) {
                long n = 0;
                long sum = 0;
                long squares = 0;
                for (int b = 0; b < 256; b++) {
                    n += h[b];
                    sum += h[b] * b;
                    squares += h[b] * b * b;
                }
                double mean = n == 0 ? 0 : (double) sum / n;
                double variance = n == 0 ? 0 : ((double) squares - (double) sum * sum / n) / n;
                double std = variance > 0 ? Math.sqrt(variance) : 1;
                for (int b = 0; b < 256; b++) {
                    tables[c][b] = (float) ((b - mean) / std);
                }
            } else {
                int min = 0;
                while (min < 255 && h[min] == 0) {
                    min++;
                }
                int max = 255;
                while (max > 0 && h[max] == 0) {
                    max--;
                }
                double range = max > min ? max - min : 1;
                for (int b = 0; b < 256; b++) {
                    tables[c][b] = (float) ((b - min) / range);
                }
            }
        }
        return new Pixels(tables, null, null, channels, plane);
    }

    /** ND4J's min-max scaler, with the range its transform divides by in view. */
    private static final class MinMax extends NormalizerMinMaxScaler {
        private static final long serialVersionUID = 1L;

        MinMax() {
            super(0, 1);
        }

        INDArray range() {
            return getFeatureStats().getRange();
        }
    }

    /** How often each byte value occurs in each channel of the split. */
    static long[][] histogram(INDArray x, int channels, int plane) {
        long[][] counts = new long[channels][256];
        ByteBuffer bytes = x.data().asNio();
        long n = x.size(0);
        int features = channels * plane;
        for (long i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                long[] h = counts[c];
                int from = (int) (i * features) + c * plane;
                for (int j = 0; j < plane; j++) {
                    h[bytes.get(from + j) & 0xff]++;
                }
            }
        }
        return counts;
    }

    /**
     * What a pixel value of 0 (black) becomes in each channel: the border {@code augment.cropPadding} adds; 0 under a
     * per-pixel normalization, where black has no one value (as the border of a shift).
     */
    public float[] black() {
        float[] black = new float[channels];
        for (int c = 0; c < channels; c++) {
            black[c] = tables == null ? 0f : tables[c][0];
        }
        return black;
    }

    /** The network input of some rows of pixels: a new FLOAT array of {@code pixels}' shape. */
    public INDArray input(INDArray pixels) {
        INDArray out = Nd4j.createUninitializedDetached(DataType.FLOAT, pixels.size(0), pixels.size(1));
        input(pixels, out);
        return out;
    }

    /**
     * Writes the network input of {@code pixels} (UINT8 {@code [n, channels·plane]}, any layout) into {@code into}, a
     * row-major FLOAT array of the same shape.
     */
    public void input(INDArray pixels, INDArray into) {
        long features = (long) channels * plane;
        if (pixels.rank() != 2 || pixels.size(1) != features || pixels.dataType() != DataType.UINT8) {
            throw new IllegalArgumentException("expected UINT8 pixels [n, " + features + "], got "
                    + pixels.dataType() + " " + Arrays.toString(pixels.shape()));
        }
        INDArray src = plainRows(pixels);
        int n = (int) src.size(0);
        ByteBuffer bytes = src.data().asNio();
        FloatBuffer out = into.data().asNioFloat();
        float[] row = new float[(int) features];
        for (int i = 0; i < n; i++) {
            int from = i * (int) features;
            if (tables != null) {
                for (int c = 0; c < channels; c++) {
                    float[] table = tables[c];
                    int base = c * plane;
                    for (int j = 0; j < plane; j++) {
                        row[base + j] = table[bytes.get(from + base + j) & 0xff];
                    }
                }
            } else {
                for (int k = 0; k < row.length; k++) {
                    float b = bytes.get(from + k) & 0xff;
                    row[k] = (b - offsets[k]) / divisors[k];
                }
            }
            out.put(i * (int) features, row);
        }
        if (src != pixels) {
            src.close();
        }
    }

    /** {@code a} when its rows lie one after the other from offset 0, else a row-major copy. */
    private static INDArray plainRows(INDArray a) {
        boolean plain = a.ordering() == 'c' && a.elementWiseStride() == 1 && a.offset() == 0 && !a.isView();
        return plain ? a : a.dup('c');
    }

    /** The split with its pixels turned into FLOAT network input (a new DataSet; labels shared). */
    DataSet inputs(DataSet split) {
        return new DataSet(input(split.getFeatures()), split.getLabels());
    }
}
