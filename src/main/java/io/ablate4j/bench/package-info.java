/**
 * {@code ablate4j bench}: trial throughput of the reference network on full Fashion-MNIST, one trial and
 * parallel trials, side by side with the PyTorch reference script on the same machine in one run.
 */
package io.ablate4j.bench;
