/**
 * The experiment schema: immutable records, YAML loading that refuses unknown keys, tags and duplicates, and validation whose messages name file, line, key path, value and what is allowed. Defaults live in {@link io.ablate4j.config.Defaults}.
 */
package io.ablate4j.config;
