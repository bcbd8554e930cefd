package io.ablate4j.spark;

import java.io.Serializable;

/**
 * What the driver sends for one trial: the experiment as text (an executor parses and expands it itself) and the
 * trial to train.
 *
 * @param source     the config's file name, for messages
 * @param yaml       the config file's YAML text
 * @param configHash the plan's config hash on the driver; an executor that expands a different one refuses the trial
 * @param trialId    the trial's stable id
 */
record TrialSpec(String source, String yaml, String configHash, String trialId) implements Serializable {
}
