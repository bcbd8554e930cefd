package io.ablate4j.spark;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.data.DataException;
import io.ablate4j.run.TrialRunner;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The executor side: prepares the JVM once ({@link ExecutorSetup}), trains the trials of one partition (one trial per
 * partition as the engine submits them) on the data shipped with the job, and returns their outcomes, or, for a
 * race's leg that reached its rung, the paused trial's checkpoint as bytes. A trial that throws becomes a failed
 * outcome, as in the local engine, so a Spark task fails only when its JVM does.
 */
final class TrialTask extends AbstractFunction1<Iterator<TrialSpec>, ArrayList<TrialTask.Result>> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Plans expanded in this JVM, by config text: each executor parses and expands a config once. */
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    /**
     * One trial's outcome, or its leg's checkpoint, sent back to the driver.
     *
     * @param outcome  the trial's outcome when it ended; null when it paused
     * @param paused   the checkpoint of a leg that paused at its epoch ({@link Checkpoint#toBytes}); null when it
     *                 ended
     * @param executor the executor's host and process id
     * @param note     what the executor could not match of the driver's settings ({@link ExecutorSetup}), or null
     */
    record Result(String trialId, TrialOutcome outcome, byte[] paused, String executor, String note)
            implements Serializable {
        /** The leg's result as the driver reads it; a checkpoint that does not read back fails its trial. */
        Trainer.LegResult leg() {
            if (paused == null) {
                return new Trainer.LegResult(outcome, null);
            }
            try {
                return new Trainer.LegResult(null, Checkpoint.fromBytes(paused));
            } catch (IOException e) {
                return failed(TrialOutcome.failed("the checkpoint executor " + executor + " sent back does not read: "
                        + e.getMessage(), 0));
            }
        }
    }

    @Override
    public ArrayList<Result> apply(Iterator<TrialSpec> specs) {
        ArrayList<Result> results = new ArrayList<>();
        while (specs.hasNext()) {
            TrialSpec spec = specs.next();
            String note = null;
            Trainer.LegResult leg;
            try {
                note = ExecutorSetup.prepare(spec.driver());
                leg = run(spec);
            } catch (RuntimeException | LinkageError e) {
                // ND4J did not load: every trial of this executor fails the same way, each with a row saying why
                leg = failed(TrialRunner.failure(e, System.nanoTime()));
            }
            results.add(new Result(spec.trialId(), leg.outcome(), leg.paused() == null ? null : leg.paused().toBytes(),
                    ExecutorSetup.executor(), note));
        }
        return results;
    }

    /** Trains the spec's trial, or its leg: the outcome, or the checkpoint where the leg paused. */
    static Trainer.LegResult run(TrialSpec spec) {
        long start = System.nanoTime();
        DatasetConfig dataset = null;
        try {
            // The config as the driver loaded it, its Keras files included (sent with the task, not read here)
            Plan plan = PLANS.computeIfAbsent(spec.source() + "\n" + spec.yaml() + "\n" + spec.kerasFiles(),
                    k -> SweepExpander.expand(ConfigLoader.parse(spec.source(), spec.yaml(), spec.kerasFiles())));
            if (!plan.configHash().equals(spec.configHash())) {
                return failed(TrialOutcome.failed("the executor expanded " + spec.source() + " to config hash "
                        + plan.configHash() + ", the driver to " + spec.configHash()
                        + "; do the driver and the executors run the same ablate4j jar?", 0));
            }
            Trial trial = plan.allTrials().stream().filter(t -> t.id().equals(spec.trialId())).findFirst().orElse(null);
            if (trial == null) {
                return failed(TrialOutcome.failed("the executor's plan of " + spec.source() + " has no trial "
                        + spec.trialId(), 0));
            }
            dataset = trial.variant().config().dataset();
            TrialRunner trials = ExecutorTrials.forTask(spec);
            if (spec.dataFiles() != null) {
                // The copies shipped with the job; cached, so the trial's own load finds them
                trials.data().load(dataset, trial.fold(), spec.dataFiles().stream()
                        .map(name -> Path.of(SparkFiles.get(name))).toList());
            }
            // The checkpoint the driver read from the run directory and verified, as bytes
            Checkpoint from = spec.from() == null ? null : Checkpoint.fromBytes(spec.from());
            // No run directory: the driver writes every file. No cancellation: the driver cancels the Spark job.
            return trials.runLeg(plan, trial, null, from, spec.until(), () -> false, m -> {
            });
        } catch (DataException e) {
            boolean readsFiles = dataset != null && (dataset.name() == DatasetName.CSV
                    || dataset.isImage() && dataset.source() != DataSource.BUNDLED);
            if (readsFiles && spec.dataFiles() == null && spec.driver() != null) {
                // On a cluster without shipping: say why the executor looked for the files itself
                return failed(TrialRunner.failure(new DataException(e.getMessage() + " (on executor "
                        + ExecutorSetup.executor() + ": with " + SparkEngine.SHIP_DATA + "=false every executor needs "
                        + "the data files at the driver's paths; leave it true to ship them with the job)", e), start));
            }
            return failed(TrialRunner.failure(e, start));
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return failed(TrialRunner.failure(e, start));
        }
    }

    private static Trainer.LegResult failed(TrialOutcome outcome) {
        return new Trainer.LegResult(outcome, null);
    }
}
