/**
 * The epoch loop of one trial ({@link io.ablate4j.training.Trainer}): training each minibatch through the lean step
 * of {@link io.ablate4j.training.lean} in the {@link io.ablate4j.training.lean.StepMode} the run chose,
 * inference-mode evaluation ({@link io.ablate4j.training.Evaluation}), early stopping, divergence detection, timing,
 * batch-norm diagnostics, and the trial's outcome and per-epoch metrics. Nothing here reads a process-wide setting:
 * what a trial depends on comes in as arguments.
 */
package io.ablate4j.training;
