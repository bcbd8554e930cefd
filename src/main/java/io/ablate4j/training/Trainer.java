package io.ablate4j.training;

import io.ablate4j.results.TrialStatus;
import io.ablate4j.config.TrainingConfig;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The epoch loop of one trial: fit an epoch, evaluate train (sample), validation and test in inference mode,
 * stop early when validation loss has not improved for {@code patience} epochs, stop as diverged when a loss
 * turns NaN or infinite. The whole trial runs on the calling thread, which is what makes a seeded trial
 * reproducible: DL4J draws dropout masks from the calling thread's ND4J random generator, seeded by
 * {@code init()}.
 *
 * <p>With {@code training.bnDiagnostics} on, each epoch also measures {@link BnDiagnostics} after its regular
 * evaluation (see {@link BnProbe}); the train-mode pass consumes dropout masks from that same generator, so the
 * option changes the later training trajectory (deterministically per seed).
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * The data one trial sees. {@code validation} may be null; {@code trainEval} is the training sample evaluated
     * each epoch; {@code target} says how outputs are scored; {@code input} turns rows of the splits' features into
     * network input (image pixels kept as bytes are normalized chunk by chunk; the identity for features that are
     * network input already).
     */
    public record Splits(DataSet trainEval, DataSet validation, DataSet test, long trainExamples, Target target,
                         UnaryOperator<INDArray> input) {
        public Splits {
            input = input == null ? UnaryOperator.identity() : input;
        }

        /** Splits whose features are network input. */
        public Splits(DataSet trainEval, DataSet validation, DataSet test, long trainExamples, Target target) {
            this(trainEval, validation, test, trainExamples, target, null);
        }

        /** A classification's splits. */
        public Splits(DataSet trainEval, DataSet validation, DataSet test, long trainExamples) {
            this(trainEval, validation, test, trainExamples, Target.CLASSES);
        }

        /** A split as network input (a converted copy where {@code input} converts). */
        DataSet inputs(DataSet split) {
            return new DataSet(input.apply(split.getFeatures()), split.getLabels());
        }
    }

    /**
     * How far one call trains, and from where: a whole trial ({@link #WHOLE}), or a leg of a race from a
     * {@link Checkpoint} (null: a fresh network) to the end of epoch {@code until}.
     *
     * @param from       the paused trial to continue; null for a fresh one
     * @param until      the epoch after which to pause (at least training.epochs: run to the end)
     * @param batchState saves and restores the minibatch iterator's state; null when legs are never paused
     */
    public record Leg(Checkpoint from, int until, BatchState batchState) {
        public static final Leg WHOLE = new Leg(null, Integer.MAX_VALUE, null);
    }

    /** The minibatch iterator's state as bytes (its order and augmentation streams, the permutation, the epoch). */
    public interface BatchState {
        byte[] save();

        void restore(byte[] state);
    }

    /**
     * What a leg produced: the trial's outcome when it ended (ran to training.epochs, stopped early, diverged), or
     * the checkpoint of a trial paused after {@link Leg#until}.
     */
    public record LegResult(TrialOutcome outcome, Checkpoint paused) {
    }

    /**
     * Trains a fresh network.
     *
     * @param startedAt {@code System.nanoTime()} when the caller began setting up the trial (network build)
     * @param conf      the network
     * @param batches   training minibatches; {@code reset()} is called before each epoch, and each batch is
     *                  trained before the next is asked for (so an iterator may reuse its arrays)
     * @param splits    evaluation data
     * @param training  epochs and early stopping
     * @param stepMode  which path trains each minibatch ({@link TrainingStep}); the run's setting
     * @param cancelled polled between minibatches; when true the trial is abandoned with a CancellationException
     * @param onEpoch   called after each epoch (progress)
     */
    public static TrialOutcome train(long startedAt, MultiLayerConfiguration conf, DataSetIterator batches, Splits splits,
                                     TrainingConfig training, StepMode stepMode, BooleanSupplier cancelled,
                                     Consumer<EpochMetrics> onEpoch) {
        return train(startedAt, conf, batches, splits, training, stepMode, cancelled, onEpoch, Leg.WHOLE).outcome();
    }

    /**
     * Trains one leg: as {@link #train(long, MultiLayerConfiguration, DataSetIterator, Splits, TrainingConfig,
     * StepMode, BooleanSupplier, Consumer)}, but from {@code leg.from()} when given (the network built from
     * {@code conf} and initialized, then its state replaced by the checkpoint's) and pausing after epoch
     * {@code leg.until()} when the trial has not ended by then. A paused and continued trial equals an
     * uninterrupted one bit for bit, on the thread that runs it.
     */
    public static LegResult train(long startedAt, MultiLayerConfiguration conf, DataSetIterator batches, Splits splits,
                                  TrainingConfig training, StepMode stepMode, BooleanSupplier cancelled,
                                  Consumer<EpochMetrics> onEpoch, Leg leg) {
        long legStart = startedAt;
        Checkpoint from = leg.from();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        if (from != null) {
            restore(net, from, leg.batchState());
        }
        // the step's native buffers are freed when the trial ends, however it ends
        try (TrainingStep step = TrainingStep.of(net, stepMode)) {
            double before = from == null ? 0 : from.elapsedSeconds();
            double setup = from == null ? (System.nanoTime() - legStart) / 1e9 : from.setupSeconds();
            List<EpochMetrics> epochs = new ArrayList<>(from == null ? List.of() : from.epochs());
            List<BnDiagnostics> diagnostics = new ArrayList<>(from == null ? List.of() : from.diagnostics());
            double bestValLoss = from == null ? Double.POSITIVE_INFINITY : from.bestValLoss();
            int bestEpoch = from == null ? 0 : from.bestEpoch();
            int sinceBest = from == null ? 0 : from.sinceBest();
            double fitSeconds = from == null ? 0 : from.fitSeconds();
            long fitted = from == null ? 0 : from.fitted();
            boolean hasValidation = splits.validation() != null && splits.validation().numExamples() > 0;
            for (int epoch = epochs.size() + 1; epoch <= training.epochs(); epoch++) {
                if (epoch > leg.until()) {
                    // step.syncUpdaterState() ran at the end of the last epoch: the network holds the whole state
                    return new LegResult(null, checkpoint(net, epochs, diagnostics, bestValLoss, bestEpoch, sinceBest,
                            fitSeconds, fitted, before + (System.nanoTime() - legStart) / 1e9, setup,
                            leg.batchState()));
                }
                long epochStart = System.nanoTime();
                batches.reset();
                long examples = 0;
                while (batches.hasNext()) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("stopped");
                    }
                    DataSet batch = batches.next();
                    boolean finite = step.fit(batch);
                    examples += batch.numExamples();
                    if (!finite) {
                        double seconds = before + (System.nanoTime() - legStart) / 1e9;
                        return new LegResult(new TrialOutcome(TrialStatus.DIVERGED, epochs, bestEpoch > 0 ? bestEpoch
                                : epochs.size(), seconds, rate(fitted, fitSeconds), "training diverged (non-finite "
                                + "loss or network output) in epoch " + epoch, setup, diagnostics), null);
                    }
                }
                step.syncUpdaterState(); // two copies an epoch keep the network's updater state current between epochs
                double epochFit = (System.nanoTime() - epochStart) / 1e9;
                fitSeconds += epochFit;
                fitted += examples;
                Target target = splits.target();
                Scores train = Evaluation.scores(step, splits.trainEval(), target, splits.input());
                Scores val = hasValidation ? Evaluation.scores(step, splits.validation(), target, splits.input())
                        : Scores.NONE;
                Scores test = Evaluation.scores(step, splits.test(), target, splits.input());
                if (training.bnDiagnostics()) {
                    // After the regular (inference-mode) evaluation, so this epoch's metrics are unaffected; the
                    // train-mode pass draws dropout masks and so moves later epochs' random stream.
                    DataSet probed = splits.inputs(hasValidation ? splits.validation() : splits.test());
                    diagnostics.add(BnProbe.measure(net, probed,
                            hasValidation ? val.acc() : test.acc(), training.batchSize(), epoch));
                }
                EpochMetrics m = EpochMetrics.of(epoch, train, val, test, (System.nanoTime() - epochStart) / 1e9,
                        examples / epochFit);
                epochs.add(m);
                onEpoch.accept(m);
                if (!m.finite()) {
                    double seconds = before + (System.nanoTime() - legStart) / 1e9;
                    return new LegResult(new TrialOutcome(TrialStatus.DIVERGED, epochs, bestEpoch > 0 ? bestEpoch
                            : epochs.size(), seconds, rate(fitted, fitSeconds), "loss became non-finite in epoch "
                            + epoch, setup, diagnostics), null);
                }
                if (!hasValidation) {
                    bestEpoch = epoch;
                } else if (val.loss() < bestValLoss) {
                    bestValLoss = val.loss();
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (training.patience() > 0 && ++sinceBest >= training.patience()) {
                    break;
                }
            }
            double seconds = before + (System.nanoTime() - legStart) / 1e9;
            return new LegResult(new TrialOutcome(TrialStatus.OK, epochs, bestEpoch, seconds,
                    rate(fitted, fitSeconds), null, setup, diagnostics), null);
        }
    }

    /** The state of {@code net} and of this thread's ND4J random generator, after the last epoch's update sync. */
    private static Checkpoint checkpoint(MultiLayerNetwork net, List<EpochMetrics> epochs,
                                         List<BnDiagnostics> diagnostics, double bestValLoss, int bestEpoch,
                                         int sinceBest, double fitSeconds, long fitted, double elapsed, double setup,
                                         BatchState batchState) {
        if (batchState == null) {
            throw new IllegalStateException("a leg that pauses needs the minibatch iterator's state");
        }
        try {
            INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
            var rng = Nd4j.getRandom();
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            return new Checkpoint(epochs.size(), epochs, diagnostics, bestValLoss, bestEpoch, sinceBest, fitSeconds,
                    fitted, elapsed, setup, Nd4j.toByteArray(net.params()),
                    updater == null ? null : Nd4j.toByteArray(updater), conf.getIterationCount(),
                    conf.getEpochCount(), rng.rootState(), rng.nodeState(), batchState.save(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a checkpoint's state into a freshly initialized network, this thread's random generator and the batches. */
    private static void restore(MultiLayerNetwork net, Checkpoint from, BatchState batchState) {
        if (from.ended() != null || from.params() == null) {
            throw new IllegalArgumentException("the checkpoint is of a trial that ended; nothing to continue");
        }
        net.setParams(Nd4j.fromByteArray(from.params()));
        if (from.updaterState() != null) {
            net.getUpdater().getStateViewArray().assign(Nd4j.fromByteArray(from.updaterState()));
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        conf.setIterationCount(from.iterationCount());
        conf.setEpochCount(from.epochCount());
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            l.setIterationCount(from.iterationCount());
            l.setEpochCount(from.epochCount());
        }
        Nd4j.getRandom().setStates(from.rngRoot(), from.rngNode());
        batchState.restore(from.batchState());
    }

    private static double rate(long examples, double seconds) {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}
