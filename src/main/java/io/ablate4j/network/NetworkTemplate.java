package io.ablate4j.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * A user's network as the base model of an experiment ({@code model: {type: java, class: com.example.MyNet}},
 * the jar on {@code --classpath} or {@code ABLATE4J_CLASSPATH}). The implementing class needs a public no-argument
 * constructor; ablate4j creates one instance per network it builds.
 *
 * <p>The template receives a trial's resolved factors and returns its network. Drop rates arrive as DL4J dropout
 * objects built by ablate4j ({@link TrialFactors#dropout(int)}): the drop-to-retain conversion is never the
 * template's. ablate4j then checks the returned configuration against the factors (a dropout layer for every
 * drop rate asked and none beyond them, BN layers exactly when asked and placed as asked, the penalties, the seed,
 * the number of outputs) and reports a contradiction instead of training it.
 */
@FunctionalInterface
public interface NetworkTemplate {
    /** The network of one trial; must not return null. */
    MultiLayerConfiguration build(TrialFactors factors);
}
