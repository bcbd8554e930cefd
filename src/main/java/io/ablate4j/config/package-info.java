/**
 * The experiment schema: immutable records, YAML loading that refuses unknown keys, tags and duplicates, and validation whose messages name file, line, key path, value and what is allowed. Defaults live in {@link io.ablate4j.config.Defaults}. A Keras model file ({@code model.type: keras}) is mapped onto the same schema here ({@link io.ablate4j.config.KerasModel}), without DL4J.
 */
package io.ablate4j.config;
