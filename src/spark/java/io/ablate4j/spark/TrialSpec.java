package io.ablate4j.spark;

import io.ablate4j.training.lean.StepMode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the driver sends for one trial: the experiment as text (an executor parses and expands it itself), the trial
 * to train (whole, or one leg of a race from a checkpoint), and where the executor finds the trial's data and what
 * the driver ran with.
 *
 * @param source     the config's file name, for messages
 * @param yaml       the config file's YAML text
 * @param configHash the plan's config hash on the driver; an executor that expands a different one refuses the trial
 * @param trialId    the trial's stable id
 * @param dataFiles  the names under which the trial's data files were shipped ({@code SparkFiles}), in
 *                   {@code DataLoader.files} order; null: read the config's own paths (nothing to ship, a local
 *                   master, or shipping turned off)
 * @param driver     the driver's native settings for executors to match; null when the executor is the driver's JVM
 * @param kerasFiles the text of every Keras model file the driver's load read (the base model's and any a sweep
 *                   names), by path ({@code ConfigLoader.kerasTexts}): an executor loads the config with them and
 *                   needs no copy of the files; empty without Keras models
 * @param step       the run's step: executors train the minibatches on the driver's path
 * @param from       a race's leg: the checkpoint the trial resumes from ({@code training.Checkpoint#toBytes}, as
 *                   the driver read and verified it from the run directory); null: from scratch
 * @param until      the epoch the trial trains to, pausing there with a checkpoint unless it ends first (a race's
 *                   rung); {@link Integer#MAX_VALUE}: to its end
 */
record TrialSpec(String source, String yaml, String configHash, String trialId, List<String> dataFiles,
                 ExecutorSetup.Driver driver, Map<String, String> kerasFiles, StepMode step, byte[] from, int until)
        implements Serializable {
    /** A whole trial (no race): from scratch to its end. */
    static final int WHOLE = Integer.MAX_VALUE;
}
