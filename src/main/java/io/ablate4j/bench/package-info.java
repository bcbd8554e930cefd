/**
 * {@code ablate4j bench}: trial throughput of one reference workload (the MLP or the CNN, with or without batch
 * norm) on Fashion-MNIST, one trial and parallel trials, side by side with the PyTorch reference script on the
 * same machine in one run.
 */
package io.ablate4j.bench;
