/**
 * The epoch loop of one trial: fitting, inference-mode evaluation, early stopping, divergence detection and timing.
 */
package io.ablate4j.training;
