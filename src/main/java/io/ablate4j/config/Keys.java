package io.ablate4j.config;

import io.ablate4j.config.Key.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one section of the schema, in documentation order: the order the README lists them, the binder's
 * "Allowed here" names them and {@code toMap()} writes them (so that {@code config.yaml} and the manifest keep
 * their layout). Keys are declared by the factory methods, each registering itself in the order written.
 */
public final class Keys {
    /** The shown default of a key without one. */
    static final String NONE = "–";

    private final String path;
    private final List<Key<?>> keys = new ArrayList<>();

    /** @param path the section's path, e.g. {@code model}; {@code model.conv[]} for a list's items; empty at the top */
    Keys(String path) {
        this.path = path;
    }

    /** The section's path. */
    public String path() {
        return path;
    }

    /** The keys, in documentation order. */
    public List<Key<?>> all() {
        return Collections.unmodifiableList(keys);
    }

    /** The key names, in documentation order. */
    public List<String> names() {
        return keys.stream().map(Key::name).toList();
    }

    private <T> Key<T> add(Key<T> key) {
        keys.add(key);
        return key;
    }

    /** A whole number in {@code [min, max]}; no default when {@code def} is null. */
    Key<Integer> integer(String name, int min, int max, Integer def, String doc) {
        return integer(name, min, max, def, def == null ? NONE : def.toString(), doc);
    }

    /** A whole number in {@code [min, max]} whose default is shown as {@code shownDefault} (e.g. derived ones). */
    Key<Integer> integer(String name, int min, int max, Integer def, String shownDefault, String doc) {
        return add(new Key<>(path, name, Kind.INT, min, max, null, null, def, shownDefault, "whole number",
                Key.range(min, max), doc));
    }

    /** A whole number in {@code [min, max]}, bound as a long. */
    Key<Long> longInteger(String name, long min, long max, Long def, String doc) {
        return add(new Key<>(path, name, Kind.LONG, min, max, null, null, def, def == null ? NONE : def.toString(),
                "whole number", Key.range(min, max), doc));
    }

    /** A number the rule allows; no default when {@code def} is null. */
    Key<Double> number(String name, Rule rule, Double def, String doc) {
        return number(name, rule, def, def == null ? NONE : RawConfig.renderNumber(def), doc);
    }

    /** A number the rule allows, whose default is shown as {@code shownDefault}. */
    Key<Double> number(String name, Rule rule, Double def, String shownDefault, String doc) {
        return add(new Key<>(path, name, Kind.NUMBER, 0, 0, rule, null, def, shownDefault, "number", rule.range(),
                doc));
    }

    Key<Boolean> bool(String name, boolean def, String doc) {
        return add(new Key<>(path, name, Kind.BOOLEAN, 0, 0, null, null, def, String.valueOf(def), "boolean",
                "true | false", doc));
    }

    /** Text; {@code allowed} says which (the binder checks it with code of its own); no default when null. */
    Key<String> text(String name, String def, String allowed, String doc) {
        return text(name, def, def == null ? NONE : def.isEmpty() ? "\"\"" : def, allowed, doc);
    }

    /** Text whose default is shown as {@code shownDefault}. */
    Key<String> text(String name, String def, String shownDefault, String allowed, String doc) {
        return add(new Key<>(path, name, Kind.TEXT, 0, 0, null, null, def, shownDefault, "text", allowed, doc));
    }

    /** One of a vocabulary; no default when {@code def} is null. */
    <E extends Enum<E> & Enums.Named> Key<E> choice(String name, Class<E> type, E def, String doc) {
        return choice(name, type, def, def == null ? NONE : def.yamlName(), doc);
    }

    /** One of a vocabulary, whose default is shown as {@code shownDefault}. */
    <E extends Enum<E> & Enums.Named> Key<E> choice(String name, Class<E> type, E def, String shownDefault,
                                                     String doc) {
        return add(new Key<>(path, name, Kind.CHOICE, 0, 0, null, type, def, shownDefault, "choice",
                Key.spellings(type), doc));
    }

    /** A list of whole numbers, each in {@code [min, max]}. */
    Key<List<Integer>> integers(String name, int min, int max, List<Integer> def, String shownDefault, String doc) {
        return add(new Key<>(path, name, Kind.INTS, min, max, null, null, def, shownDefault,
                "list of whole numbers", "each " + Key.range(min, max), doc));
    }

    /** A list of numbers, each allowed by the rule. */
    Key<List<Double>> numbers(String name, Rule rule, String doc) {
        return add(new Key<>(path, name, Kind.NUMBERS, 0, 0, rule, null, null, NONE, "list of numbers",
                "each " + rule.range(), doc));
    }

    /** A mapping whose keys are declared under {@code path.name}. */
    Key<Object> section(String name, String doc) {
        return add(new Key<>(path, name, Kind.SECTION, 0, 0, null, null, null, NONE, "mapping",
                "keys " + child(name) + ".*", doc));
    }

    /** A list of mappings whose keys are declared under {@code path.name[]}. */
    Key<Object> sections(String name, String doc) {
        return add(new Key<>(path, name, Kind.SECTIONS, 0, 0, null, null, null, NONE, "list of mappings",
                "keys " + child(name) + "[].*", doc));
    }

    /** A value bound by code of its own; {@code type} and {@code allowed} say what it takes. */
    Key<Object> other(String name, String type, String shownDefault, String allowed, String doc) {
        return add(new Key<>(path, name, Kind.OTHER, 0, 0, null, null, null, shownDefault, type, allowed, doc));
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A {@code toMap()} of this section under construction: values put by key, written in documentation order. */
    Writer writer() {
        return new Writer();
    }

    /**
     * Collects a record's values by key and writes them as plain YAML values in the section's order: a choice as its
     * YAML spelling, everything else as it is. Keys never put are left out.
     */
    final class Writer {
        private final Map<Key<?>, Object> values = new HashMap<>();

        <T> Writer put(Key<T> key, T value) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(key + " is not a key of " + path);
            }
            values.put(key, value);
            return this;
        }

        /** Puts only when {@code condition} holds (keys left out of the canonical map unless set, for stable ids). */
        <T> Writer putIf(boolean condition, Key<T> key, T value) {
            return condition ? put(key, value) : this;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Key<?> key : keys) {
                if (values.containsKey(key)) {
                    Object v = values.get(key);
                    m.put(key.name(), v instanceof Enums.Named n ? n.yamlName() : v);
                }
            }
            return m;
        }
    }
}
