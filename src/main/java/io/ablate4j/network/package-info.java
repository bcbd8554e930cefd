/**
 * Variant → DL4J {@code MultiLayerConfiguration}: the only place that maps drop probabilities to DL4J retain probabilities and places batch norm and dropout.
 */
package io.ablate4j.network;
