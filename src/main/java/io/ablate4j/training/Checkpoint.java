package io.ablate4j.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A trial paused after an epoch, with everything its continuation needs to equal an uninterrupted trial bit for bit
 * ({@code CheckpointTest}): the network's parameters (batch-norm running statistics included) and updater state,
 * DL4J's iteration and epoch counts (Adam's bias correction reads them), the thread's ND4J random generator (dropout
 * masks), the minibatch iterator's state (data order, augmentation draws), the early-stopping state and the epochs so
 * far. Or a trial that ended before the rung it was asked to reach (early stopping): then only {@link #ended}.
 *
 * <p>Bytes by {@link #toBytes()}; the run directory keeps them under a checksum ({@code run.Checkpoints}).
 *
 * @param epochsDone     epochs trained
 * @param epochs         their metrics
 * @param diagnostics    BN diagnostics per epoch, when on
 * @param bestValLoss    the lowest validation loss so far
 * @param bestEpoch      its epoch
 * @param sinceBest      epochs since it (early stopping)
 * @param fitSeconds     seconds spent fitting so far
 * @param fitted         examples fitted so far
 * @param elapsedSeconds the trial's wall time so far
 * @param setupSeconds   the first leg's network build and initialization
 * @param params         {@code Nd4j.toByteArray} of the network's parameters
 * @param updaterState   {@code Nd4j.toByteArray} of the updater's state view; null when it has none (SGD)
 * @param iterationCount DL4J's iteration count
 * @param epochCount     DL4J's epoch count
 * @param rngRoot        the ND4J random generator's root state
 * @param rngNode        its node state
 * @param batchState     the minibatch iterator's state
 * @param ended          the outcome of a trial that ended before its rung; null for a paused one
 */
public record Checkpoint(int epochsDone, List<EpochMetrics> epochs, List<BnDiagnostics> diagnostics,
                         double bestValLoss, int bestEpoch, int sinceBest, double fitSeconds, long fitted,
                         double elapsedSeconds, double setupSeconds, byte[] params, byte[] updaterState,
                         int iterationCount, int epochCount, long rngRoot, long rngNode, byte[] batchState,
                         TrialOutcome ended) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public Checkpoint {
        epochs = List.copyOf(epochs);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A trial that ended (early stopping) before the rung it was asked to reach. */
    public static Checkpoint ended(TrialOutcome outcome) {
        return new Checkpoint(outcome.epochs().size(), outcome.epochs(), outcome.diagnostics(), Double.NaN,
                outcome.bestEpoch(), 0, Double.NaN, 0, outcome.trainSeconds(), outcome.setupSeconds(), null, null, 0,
                0, 0, 0, null, outcome);
    }

    /** The checkpoint as bytes (Java serialization of this record). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether a checkpoint may hold instances of {@code c}: its records, their collections, boxed numbers. */
    private static boolean own(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String n = c.getName();
        return c.isPrimitive() || n.startsWith("io.ablate4j.training.") || n.startsWith("io.ablate4j.results.")
                || n.startsWith("java.lang.") || n.startsWith("java.util.");
    }

    /**
     * A checkpoint from {@link #toBytes()}; only this record's own classes are read.
     *
     * @throws IOException when the bytes are not a checkpoint
     */
    public static Checkpoint fromBytes(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> info.serialClass() == null || own(info.serialClass())
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED);
            return (Checkpoint) in.readObject();
        } catch (ClassNotFoundException | ClassCastException | InvalidClassException e) {
            throw new IOException("not a checkpoint: " + e.getMessage(), e);
        }
    }
}
