package io.ablate4j.run;

import io.ablate4j.random.Prng;
import io.ablate4j.config.Schema;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.data.BatchIterator;
import io.ablate4j.data.DataCache;
import io.ablate4j.data.DataException;
import io.ablate4j.data.ExampleSource;
import io.ablate4j.data.LoadedData;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.network.TemplateException;
import io.ablate4j.network.Templates;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.Target;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.StepMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs one trial start to finish on the calling thread: data (from the owner's cache), network, training. Holds
 * everything a trial needs besides the plan: where datasets are cached, where java templates load from, which
 * step trains; an engine's threads share one.
 */
public final class TrialRunner {
    private final DataCache data;
    private final Templates templates;
    private final StepMode step;

    /**
     * @param data      the datasets, loaded once and shared by the trials
     * @param templates where java templates load from
     * @param step      which path trains each minibatch
     */
    public TrialRunner(DataCache data, Templates templates, StepMode step) {
        this.data = Objects.requireNonNull(data, "data");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.step = Objects.requireNonNull(step, "step");
    }

    /** A trial's work, replaceable in tests. */
    @FunctionalInterface
    interface Work {
        TrialOutcome run(Plan plan, Trial trial, Path runDir, BooleanSupplier cancelled, Consumer<EpochMetrics> onEpoch)
                throws IOException;
    }

    /** A leg of a trial's work ({@link #runLeg}), replaceable in tests. */
    @FunctionalInterface
    interface LegWork {
        Trainer.LegResult run(Plan plan, Trial trial, Path runDir, Checkpoint from, int until,
                              BooleanSupplier cancelled, Consumer<EpochMetrics> onEpoch) throws IOException;
    }

    /**
     * How a runner's data classes ({@code dataset: {name: java, class: …}}) are made: through the same class loader
     * as its java templates ({@link Templates#instance}), every failure a {@link DataException} at
     * {@code dataset.class}.
     */
    public static Function<String, ExampleSource> dataClasses(Templates templates) {
        return className -> {
            try {
                return templates.instance(className, ExampleSource.class, "ExampleTable examples()");
            } catch (TemplateException e) {
                throw new DataException(Schema.Dataset.CLASS.path(), e.getMessage(), e);
            }
        };
    }

    /** The datasets of these trials. */
    public DataCache data() {
        return data;
    }

    /** Where these trials' java templates load from. */
    public Templates templates() {
        return templates;
    }

    /** The path that trains these trials' minibatches. */
    public StepMode step() {
        return step;
    }

    /**
     * Trains a trial; {@code runDir} (may be null) receives its {@code config.yaml} and {@code network.json}.
     * Exceptions propagate: the caller records them as a failed trial, except a {@link StorageException} (writing
     * the trial's files failed), which stops the run.
     */
    public TrialOutcome run(Plan plan, Trial trial, Path runDir, BooleanSupplier cancelled,
                            Consumer<EpochMetrics> onEpoch) throws IOException {
        return runLeg(plan, trial, runDir, null, Integer.MAX_VALUE, cancelled, onEpoch).outcome();
    }

    /**
     * Trains one leg of a trial: from {@code from} (null: from scratch) to the end of epoch {@code until}, pausing
     * there with a checkpoint unless the trial ends first (a race's rung). The trial's files are written on its
     * first leg.
     */
    public Trainer.LegResult runLeg(Plan plan, Trial trial, Path runDir, Checkpoint from,
                                    int until, BooleanSupplier cancelled, Consumer<EpochMetrics> onEpoch)
            throws IOException {
        VariantConfig v = trial.variant().config();
        LoadedData loaded = data.load(v.dataset(), trial.fold());
        long startedAt = System.nanoTime();
        MultiLayerConfiguration conf = network(v, loaded, trial.seed());
        BatchIterator batches = batches(v, loaded, trial.seed());
        Target target = loaded.regression()
                ? new Target(true, v.training().loss(), loaded.targetMean(), loaded.targetStd()) : Target.CLASSES;
        Trainer.Splits splits = new Trainer.Splits(trainSample(loaded.train(), v.training().trainEvalSamples()),
                loaded.validation(), loaded.test(), loaded.train().numExamples(), target, loaded::input);
        if (runDir != null && from == null) {
            try {
                TrialFiles.write(runDir, plan, trial, conf);
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }
        Trainer.BatchState state = new Trainer.BatchState() {
            @Override
            public byte[] save() {
                return batches.state();
            }

            @Override
            public void restore(byte[] bytes) {
                batches.restore(bytes);
            }
        };
        return Trainer.train(startedAt, conf, batches, splits, v.training(), step, cancelled, onEpoch,
                new Trainer.Leg(from, until, state));
    }

    /** The network a trial trains, sized by its data (loaded through this runner's cache). */
    public MultiLayerConfiguration network(Trial trial) {
        VariantConfig v = trial.variant().config();
        return network(v, data.load(v.dataset(), trial.fold()), trial.seed());
    }

    /** The network of a trial of variant {@code v} on its data. */
    MultiLayerConfiguration network(VariantConfig v, LoadedData loaded, long seed) {
        return NetworkFactory.build(v, loaded.imageShape(), loaded.numFeatures(), loaded.numClasses(), seed,
                templates);
    }

    /**
     * The outcome of a trial that threw: status failed, the exception's class and message on one line.
     *
     * @param startNanos {@code System.nanoTime()} when the trial started
     */
    public static TrialOutcome failure(Throwable e, long startNanos) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return TrialOutcome.failed(message.replaceAll("\\s+", " "), (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Writes a trial's {@code config.yaml} and {@code network.json} without training it (for engines whose trials
     * run elsewhere); loads the trial's data (cached) to size the network.
     */
    public void writeFiles(Path runDir, Plan plan, Trial trial) throws IOException {
        VariantConfig v = trial.variant().config();
        TrialFiles.write(runDir, plan, trial, network(v, data.load(v.dataset(), trial.fold()), trial.seed()));
    }

    /**
     * A trial's training minibatches. Their order and augmentation draws depend on the trial's seed, the batch
     * size and the augmentation settings only, never on the model or the regularizers, so trials of different
     * variants with one seed see the same minibatches: what makes the report's comparisons paired by seed
     * (SeedPairingTest).
     */
    static BatchIterator batches(VariantConfig v, LoadedData data, long seed) {
        return new BatchIterator(data.train(), v.training().batchSize(), batchSeed(seed), v.dataset().augment(),
                data.height(), data.width(), data.channels(), data.pixels());
    }

    static long batchSeed(long seed) {
        return Prng.spread(seed);
    }

    /** The first {@code n} training examples (the split is already shuffled), or all of them for n = 0. */
    static DataSet trainSample(DataSet train, int n) {
        if (n == 0 || n >= train.numExamples()) {
            return train;
        }
        return new DataSet(train.getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()),
                train.getLabels().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()));
    }
}
