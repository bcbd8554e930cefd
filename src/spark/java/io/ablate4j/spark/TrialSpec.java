package io.ablate4j.spark;

import io.ablate4j.training.lean.StepMode;
import java.io.Serializable;
import java.util.List;

/**
 * What the driver sends for one trial: the experiment as text (an executor parses and expands it itself), the trial
 * to train, and where the executor finds the trial's data and what the driver ran with.
 *
 * @param source     the config's file name, for messages
 * @param yaml       the config file's YAML text
 * @param configHash the plan's config hash on the driver; an executor that expands a different one refuses the trial
 * @param trialId    the trial's stable id
 * @param dataFiles  the names under which the trial's data files were shipped ({@code SparkFiles}), in
 *                   {@code DataLoader.files} order; null: read the config's own paths (nothing to ship, a local
 *                   master, or shipping turned off)
 * @param driver     the driver's native settings for executors to match; null when the executor is the driver's JVM
 * @param kerasJson  the text of the config's Keras model file ({@code model.type: keras}), which an executor writes to a
 *                   file of its own and parses the config against; null: none, a local master, or a sweep that
 *                   varies {@code model.file} (executors then read the config's own path)
 * @param step       the run's step: executors train the minibatches on the driver's path
 */
record TrialSpec(String source, String yaml, String configHash, String trialId, List<String> dataFiles,
                 ExecutorSetup.Driver driver, String kerasJson, StepMode step) implements Serializable {
}
