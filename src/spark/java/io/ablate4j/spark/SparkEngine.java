package io.ablate4j.spark;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.run.Engine;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.TrialRunner;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Trains trials as Spark tasks, one task per trial: the driver sends {@link TrialSpec}s (config text and trial id),
 * each executor prepares its JVM as the launcher and the local engine prepare theirs ({@link ExecutorSetup}),
 * re-parses and expands the config once per JVM and loads the data once per JVM, from copies of the data files
 * shipped with the job ({@link DataShipping}), and the outcome comes back to the driver, which writes every file of
 * the run directory (trial files, CSVs, manifest) exactly as the local engine does. A race's leg
 * ({@link #executeLegs}) is one job too, its tasks carrying checkpoints in and out as bytes.
 *
 * <p>The master is {@link RunOptions#master()}, else {@code spark.master} as {@code spark-submit} sets it, else an
 * embedded {@code local[parallel]}. Each task gets one core ({@code spark.task.cpus=1}) and one native thread
 * ({@code OMP_NUM_THREADS=1} on executors), as a local trial does. On a cluster the data files travel with the job
 * unless {@value #SHIP_DATA} is false.
 *
 * <p>Results are collected with {@code SparkContext.submitJob} and a result handler rather than
 * {@code toLocalIterator()}: the latter runs one job per partition, in order, so one trial at a time.
 */
public final class SparkEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);
    private static final long POLL_MILLIS = 200;
    /** Spark property: ship the data files with the job (default); false when every executor has them at the same path. */
    static final String SHIP_DATA = "spark.ablate4j.shipData";
    private final int parallel;
    private final String master;
    private final PrintStream log;
    /** The run's trials on the driver: trial files, template jars, the step executors take, local tasks' data. */
    private final TrialRunner trials;

    /** Called by {@code run.Engines} (by name: the default build does not contain this class). */
    public SparkEngine(RunOptions options, TrialRunner trials) {
        this.parallel = options.parallel();
        this.master = options.master();
        this.log = options.log();
        this.trials = trials;
    }

    /** The Spark configuration of a run: system properties ({@code spark-submit --conf}) first, then our defaults. */
    SparkConf conf(Plan plan) {
        SparkConf conf = new SparkConf().setAppName("ablate4j " + plan.experiment().name());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + parallel + "]");
        }
        // One trial per core, one native thread per trial: two OpenMP threads per trial measured 2x slower here.
        conf.setIfMissing("spark.task.cpus", "1");
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        // A trial that fails is a result (a failed outcome), not a task failure; a task fails only when its JVM
        // does, and is then retried elsewhere. The driver records each trial once.
        return conf;
    }

    @Override
    public void execute(Plan plan, List<Trial> pending, Path runDir, BooleanSupplier cancelled,
                        TrialSink sink) throws IOException {
        run(plan, pending.stream().map(t -> new Leg(t, null, TrialSpec.WHOLE)).toList(), runDir, cancelled,
                (trial, r) -> sink.finished(trial, r.outcome()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Spark job per call, one task per leg: the task carries the trial's checkpoint as bytes and the epoch to
     * reach, the executor trains without a run directory, and the paused checkpoint (bytes) or the outcome comes
     * back; the caller writes the checkpoints on the driver.
     */
    @Override
    public void executeLegs(Plan plan, List<Leg> legs, Path runDir, BooleanSupplier cancelled, LegSink sink)
            throws IOException {
        run(plan, legs, runDir, cancelled, (trial, r) -> sink.finished(trial, r.leg()));
    }

    /** Where the driver hands a task's result. */
    @FunctionalInterface
    private interface Delivery {
        void deliver(Trial trial, TrialTask.Result result) throws IOException;
    }

    /** Writes the files of the legs that start from scratch, then runs the job. */
    private void run(Plan plan, List<Leg> legs, Path runDir, BooleanSupplier cancelled, Delivery delivery)
            throws IOException {
        if (legs.isEmpty() || cancelled.getAsBoolean()) {
            return;
        }
        Map<String, Trial> byId = new LinkedHashMap<>();
        Set<DatasetConfig> datasets = new LinkedHashSet<>();
        for (Leg leg : legs) {
            Trial trial = leg.trial();
            byId.put(trial.id(), trial);
            datasets.add(trial.variant().config().dataset());
            if (leg.from() != null) {
                continue;
            }
            try {
                trials.writeFiles(runDir, plan, trial);
            } catch (RuntimeException e) {
                // The network cannot be built: the task will fail the same way and the trial is recorded as failed.
                LOG.debug("no network.json for trial {}", trial.id(), e);
            }
        }
        String group = "ablate4j-" + plan.configHash();
        String yaml = plan.experiment().raw().text();
        SparkConf conf = conf(plan);
        try {
            runJob(plan, legs, cancelled, delivery, byId, datasets, group, yaml, conf);
        } finally {
            ExecutorTrials.driverJvmDone(trials);
        }
    }

    /** The Spark job of {@link #run}: one task per leg, results delivered as they arrive. */
    private void runJob(Plan plan, List<Leg> legs, BooleanSupplier cancelled, Delivery delivery,
                         Map<String, Trial> byId, Set<DatasetConfig> datasets, String group, String yaml,
                         SparkConf conf) throws IOException {
        try (JavaSparkContext sc = new JavaSparkContext(conf);
             DataShipping shipping = sc.isLocal() || !conf.getBoolean(SHIP_DATA, true) ? DataShipping.none()
                     : DataShipping.ship(sc, datasets)) {
            if (shipping.files() > 0) {
                log.printf(Locale.ROOT, "Shipping %d data file%s (%.1f MB, staged in %.2f s) with the Spark job; "
                                + "each executor fetches them once%n", shipping.files(), shipping.files() == 1 ? "" : "s",
                        shipping.bytes() / 1e6, shipping.seconds());
            }
            // Java templates: a local master's tasks load them through this JVM's --classpath loader; executors of a
            // cluster get the jars with the job and load them through Spark's class loader.
            if (!sc.isLocal()) {
                for (Path jar : trials.templates().classpath()) {
                    sc.addJar(jar.toAbsolutePath().toString());
                }
            }
            // On a local master the tasks run in this JVM, which the launcher prepared
            ExecutorSetup.Driver driver = sc.isLocal() ? null : ExecutorSetup.Driver.current();
            Map<String, String> kerasFiles = ConfigLoader.kerasTexts(plan.experiment());
            List<TrialSpec> specs = new ArrayList<>();
            for (Leg leg : legs) {
                Trial trial = leg.trial();
                specs.add(new TrialSpec(plan.experiment().source(), yaml, plan.configHash(), trial.id(),
                        shipping.names(trial.variant().config().dataset()), driver, kerasFiles, trials.step(),
                        leg.from() == null ? null : leg.from().toBytes(), leg.until()));
            }
            if (sc.isLocal()) {
                // the tasks run in this JVM: they train with this run's data and template class loader
                ExecutorTrials.driverJvm(trials);
            }
            Set<String> notes = new HashSet<>();
            sc.setJobGroup(group, plan.experiment().name(), true);
            JavaRDD<TrialSpec> rdd = sc.parallelize(specs, specs.size());
            BlockingQueue<TrialTask.Result> arrived = new LinkedBlockingQueue<>();
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                partitions.add(i);
            }
            SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd.rdd(), new TrialTask(),
                    JavaConverters.asScalaBuffer(partitions).toSeq(),
                    new AbstractFunction2<Object, ArrayList<TrialTask.Result>, BoxedUnit>() {
                        @Override
                        public BoxedUnit apply(Object partition, ArrayList<TrialTask.Result> results) {
                            // On Spark's scheduler thread: hand over, record on the driver thread.
                            arrived.addAll(results);
                            return BoxedUnit.UNIT;
                        }
                    },
                    new AbstractFunction0<BoxedUnit>() {
                        @Override
                        public BoxedUnit apply() {
                            return BoxedUnit.UNIT;
                        }
                    });
            int received = 0;
            while (received < specs.size()) {
                if (cancelled.getAsBoolean()) {
                    cancel(sc, group);
                    return;
                }
                TrialTask.Result r;
                try {
                    r = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel(sc, group);
                    return;
                }
                if (r != null) {
                    received++;
                    if (r.note() != null && notes.add(r.note())) {
                        // once per kind of difference, not per executor
                        log.println("Warning: executor " + r.executor() + " (and any other like it): " + r.note());
                    }
                    Trial trial = byId.get(r.trialId());
                    if (trial == null) {
                        LOG.warn("Spark returned an unknown trial {}; ignored", r.trialId());
                    } else {
                        delivery.deliver(trial, r);
                    }
                } else if (job.isCompleted() && arrived.isEmpty()) {
                    // Every result handler runs before the job completes: nothing more will arrive.
                    scala.util.Try<BoxedUnit> outcome = job.value().get();
                    if (outcome.isFailure() && !cancelled.getAsBoolean()) {
                        Throwable cause = outcome.failed().get();
                        throw new IllegalStateException("the Spark job failed after " + received + " of " + specs.size()
                                + " trials (those are recorded; run again to resume): " + cause.getMessage(), cause);
                    }
                    return;
                }
            }
        }
    }

    /** Cancels the running trials; they are not recorded, and a resumed run trains them again. */
    private static void cancel(JavaSparkContext sc, String group) {
        try {
            sc.cancelJobGroup(group);
        } catch (IllegalStateException e) {
            // Spark's own shutdown hook (Ctrl-C) stopped the context first, and with it the job.
            LOG.debug("Spark context already stopped", e);
        }
    }
}
