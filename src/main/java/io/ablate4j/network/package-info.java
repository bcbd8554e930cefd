/**
 * Variant → DL4J {@code MultiLayerConfiguration}: the only place that maps drop probabilities to DL4J retain probabilities and places batch norm and dropout. A java model's network comes from the user's {@link io.ablate4j.network.NetworkTemplate} (loaded by {@link io.ablate4j.network.Templates}), which receives the factors as DL4J objects built here and whose result is checked against them ({@code TemplateCheck}).
 */
package io.ablate4j.network;
