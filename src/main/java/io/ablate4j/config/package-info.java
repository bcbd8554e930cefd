/**
 * The experiment schema: every key declared once in {@link io.ablate4j.config.Schema} (name, kind, default,
 * range, documentation); immutable records that check their own values with those keys, so that the Java API gets
 * the YAML binder's errors; YAML loading that refuses unknown keys, tags and duplicates, and binding whose messages
 * name file, line, key path, value and what is allowed. A Keras model file ({@code model.type: keras}) is mapped
 * by the {@code keras} package, once per load, and bound like the file's own model keys. Imports no other ablate4j
 * package but {@code keras}.
 */
package io.ablate4j.config;
