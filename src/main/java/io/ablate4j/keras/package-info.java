/**
 * Keras {@code Sequential} models, as {@code model.to_json()} writes them, mapped onto ablate4j's model schema: a
 * {@link io.ablate4j.keras.KerasNetwork} spelt in the config's own words, which the config binder reads once per load
 * ({@link io.ablate4j.keras.KerasFiles}). Jackson only: no DL4J, and no other ablate4j package (the config package
 * imports this one, never the other way).
 */
package io.ablate4j.keras;
