package io.ablate4j.data;

import io.ablate4j.random.Prng;
import io.ablate4j.config.AugmentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training minibatches over a shared, read-only DataSet: reshuffled each epoch from a seeded
 * {@link Random}, features and labels copied per batch (never a view of the shared data, never changed
 * in place), augmentation applied to the copy and drawn fresh each epoch. The last, partial batch is
 * included.
 *
 * <p>A batch is valid until the next call to {@link #next()}: its rows are copied into arrays that the iterator
 * keeps and refills (one pair for full batches, one for the shorter last batch of an epoch), and arrays made for
 * it (augmented images, a pre-processor's output) are closed by the next call. Allocating and freeing a fresh
 * 400 KB batch cost ~190 µs per step (the allocator maps and unmaps it; measured on full Fashion-MNIST, batch
 * 128), as much as 5% of a training step, and left native garbage for the collector.
 *
 * <p>The epoch order and the augmentation draws come from two separate seeded streams, so switching
 * augmentation on or off leaves the order of examples unchanged. This exists because DL4J's
 * {@code ExistingDataSetIterator} pre-processes its cached DataSet in place: augmentation would freeze
 * after the first epoch and the shared data would be lost.
 *
 * <p>Not thread-safe (one iterator per trial). {@link #asyncSupported()} is false: DL4J would otherwise
 * wrap it in a prefetching thread, which adds a thread per trial and nothing a one-thread trial needs.
 */
public final class BatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private static final long AUGMENT_STREAM = 7;

    private final INDArray features;
    private final INDArray labels;
    /** Turns gathered pixel rows into network input; null when the features are network input already. */
    private final Pixels pixels;
    private final int batchSize;
    private Random order;
    private Random augmentRng;
    private final Augmenter augmenter;
    private final int[] permutation;
    /** Reused batch arrays, features and labels: [0] full batches, [1] the shorter last batch of an epoch. */
    private final INDArray[] featureBuffers = new INDArray[2];
    private final INDArray[] labelBuffers = new INDArray[2];
    /** With pixels: the reused FLOAT network input made from {@code featureBuffers}, as they are. */
    private final INDArray[] inputBuffers = new INDArray[2];
    /** Arrays made for the batch handed out last (not reused buffers), closed by the next call. */
    private final List<INDArray> madeForLast = new ArrayList<>();
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data      the shared training split; read, never written
     * @param batchSize examples per batch (the last batch of an epoch may be smaller)
     * @param seed      seeds the epoch order and the augmentation draws
     * @param augment   augmentation of the copied batches; {@link AugmentConfig#NONE} for none
     * @param height    image height (0 for non-image data, which cannot be augmented)
     * @param width     image width
     * @param channels  image channels
     */
    public BatchIterator(DataSet data, int batchSize, long seed, AugmentConfig augment, int height, int width,
                         int channels) {
        this(data, batchSize, seed, augment, height, width, channels, null);
    }

    /**
     * Minibatches of image pixels ({@link LoadedData#pixels()}): each batch's rows are gathered as bytes and turned
     * into normalized FLOAT input ({@link Pixels#input(INDArray, INDArray)}) before augmentation; with pixels null the
     * features are network input as they are (the seven-argument constructor).
     */
    public BatchIterator(DataSet data, int batchSize, long seed, AugmentConfig augment, int height, int width,
                         int channels, Pixels pixels) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.features = data.getFeatures();
        this.labels = data.getLabels();
        this.pixels = pixels;
        this.batchSize = batchSize;
        this.order = Prng.lcg(seed);
        this.augmentRng = Prng.lcg(Prng.stream(seed, AUGMENT_STREAM).nextLong());
        if (augment != null && augment.enabled()) {
            if ((long) channels * height * width != features.size(1)) {
                throw new IllegalArgumentException("augmentation needs images of channels × height × width = "
                        + features.size(1) + " features, got " + channels + "×" + height + "×" + width);
            }
            this.augmenter = new Augmenter(augment, height, width, channels, pixels == null ? null : pixels.black());
        } else {
            this.augmenter = null;
        }
        this.permutation = Splits.range((int) features.size(0));
        shuffle();
    }

    /**
     * The iterator's state between epochs as bytes: its order and augmentation streams, the current permutation
     * (each epoch's shuffle starts from the last) and the epoch. {@link #restore} on an iterator over the same data
     * with the same settings continues exactly where this one is (a race's checkpoint).
     */
    public byte[] state() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeInt(epoch);
            out.writeInt(cursor);
            out.writeObject(permutation);
            out.writeObject(order);
            out.writeObject(augmentRng);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Continues from {@link #state()}.
     *
     * @throws IllegalArgumentException when the bytes are not the state of an iterator over data of this size
     */
    public void restore(byte[] state) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(state))) {
            in.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == Random.class
                    || info.serialClass() == int[].class ? java.io.ObjectInputFilter.Status.ALLOWED
                    : java.io.ObjectInputFilter.Status.REJECTED);
            int e = in.readInt();
            int c = in.readInt();
            int[] p = (int[]) in.readObject();
            if (p.length != permutation.length) {
                throw new IllegalArgumentException("the state is of " + p.length + " examples, not " + permutation.length);
            }
            Random o = (Random) in.readObject();
            Random a = (Random) in.readObject();
            System.arraycopy(p, 0, permutation, 0, p.length);
            epoch = e;
            cursor = c;
            order = o;
            augmentRng = a;
        } catch (java.io.IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("not a minibatch iterator's state: " + e.getMessage(), e);
        }
    }

    /** Epochs started so far, counting the current one from 0. */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < permutation.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * The given rows of a matrix as a new row-major matrix: {@code Nd4j.pullRows(m, 1, rows)}'s result, copied
     * with one memcpy per row when {@code m} is a plain row-major matrix (about 15x faster for a 128-image batch,
     * which pullRows gathers element by element through its tensor-along-dimension machinery).
     */
    static INDArray gather(INDArray m, int[] rows) {
        return gather(m, rows, null);
    }

    /**
     * As {@link #gather(INDArray, int[])}, into {@code into} when it is a row-major matrix of m's type with
     * {@code rows.length} rows and m's columns (reused across batches), else into a new array.
     */
    static INDArray gather(INDArray m, int[] rows, INDArray into) {
        if (!plain(m)) {
            return Nd4j.pullRows(m, 1, rows);
        }
        long cols = m.columns();
        long rowBytes = cols * m.dataType().width();
        INDArray out = fits(into, m, rows.length) ? into
                : Nd4j.createUninitializedDetached(m.dataType(), rows.length, cols);
        BytePointer src = new BytePointer(m.data().addressPointer());
        BytePointer dst = new BytePointer(out.data().addressPointer());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= m.rows()) {
                throw new IndexOutOfBoundsException("row " + rows[i] + " of " + m.rows());
            }
            Pointer.memcpy(dst.position(i * rowBytes), src.position(rows[i] * rowBytes), rowBytes);
        }
        return out;
    }

    private static boolean plain(INDArray m) {
        return m.rank() == 2 && m.ordering() == 'c' && m.elementWiseStride() == 1 && !m.isView() && m.offset() == 0
                && !m.isAttached();
    }

    private static boolean fits(INDArray buffer, INDArray m, int rows) {
        return buffer != null && !buffer.wasClosed() && plain(buffer) && buffer.dataType() == m.dataType()
                && buffer.rows() == rows && buffer.columns() == m.columns();
    }

    /** {@code rows} of {@code m}, copied into the reused array {@code buffers[slot]} (made when missing). */
    private static INDArray gather(INDArray m, int[] rows, INDArray[] buffers, int slot) {
        INDArray out = gather(m, rows, buffers[slot]);
        if (out != buffers[slot] && plain(m)) {
            if (buffers[slot] != null && buffers[slot].closeable()) {
                buffers[slot].close();
            }
            buffers[slot] = out;
        }
        return out;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over; call reset() to start the next one");
        }
        for (INDArray a : madeForLast) {
            if (a.closeable()) {
                a.close();
            }
        }
        madeForLast.clear();
        int n = Math.min(num, permutation.length - cursor);
        int[] rows = new int[n];
        System.arraycopy(permutation, cursor, rows, 0, n);
        cursor += n;
        int slot = n == batchSize ? 0 : 1;
        INDArray x = gather(features, rows, featureBuffers, slot);
        INDArray y = gather(labels, rows, labelBuffers, slot);
        if (pixels != null) {
            INDArray input = inputBuffers[slot];
            if (input == null || input.wasClosed() || input.rows() != n) {
                input = Nd4j.createUninitializedDetached(org.nd4j.linalg.api.buffer.DataType.FLOAT, n,
                        features.size(1));
                inputBuffers[slot] = input;
            }
            pixels.input(x, input);
            x = input;
        }
        if (augmenter != null) {
            x = augmenter.apply(x, augmentRng);
        }
        DataSet batch = new DataSet(x, y);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        for (INDArray a : new INDArray[]{batch.getFeatures(), batch.getLabels()}) {
            if (a != null && a != featureBuffers[slot] && a != labelBuffers[slot] && a != inputBuffers[slot]
                    && a != features && a != labels) {
                madeForLast.add(a);
            }
        }
        return batch;
    }

    /** Starts the next epoch with a new permutation (and, through the advancing stream, new augmentation). */
    @Override
    public void reset() {
        epoch++;
        cursor = 0;
        shuffle();
    }

    private void shuffle() {
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    /** The pre-processor runs on each copied batch, never on the shared data. */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
