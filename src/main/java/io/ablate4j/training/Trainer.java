package io.ablate4j.training;

import io.ablate4j.results.TrialStatus;
import io.ablate4j.config.TrainingConfig;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
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
        long trialStart = startedAt;
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // the step's native buffers are freed when the trial ends, however it ends
        try (TrainingStep step = TrainingStep.of(net, stepMode)) {
            double setup = (System.nanoTime() - trialStart) / 1e9;
            List<EpochMetrics> epochs = new ArrayList<>();
            List<BnDiagnostics> diagnostics = new ArrayList<>();
            double bestValLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            double fitSeconds = 0;
            long fitted = 0;
            boolean hasValidation = splits.validation() != null && splits.validation().numExamples() > 0;
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
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
                        double seconds = (System.nanoTime() - trialStart) / 1e9;
                        return new TrialOutcome(TrialStatus.DIVERGED, epochs, bestEpoch > 0 ? bestEpoch : epochs.size(), seconds,
                                rate(fitted, fitSeconds), "training diverged (non-finite loss or network output) in epoch " + epoch, setup,
                                diagnostics);
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
                    double seconds = (System.nanoTime() - trialStart) / 1e9;
                    return new TrialOutcome(TrialStatus.DIVERGED, epochs, bestEpoch > 0 ? bestEpoch : epochs.size(), seconds,
                            rate(fitted, fitSeconds), "loss became non-finite in epoch " + epoch, setup, diagnostics);
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
            double seconds = (System.nanoTime() - trialStart) / 1e9;
            return new TrialOutcome(TrialStatus.OK, epochs, bestEpoch, seconds, rate(fitted, fitSeconds), null, setup,
                    diagnostics);
        }
    }

    private static double rate(long examples, double seconds) {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}
