package io.ablate4j.config;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One key of the experiment schema, declared once (in {@link Schema}): its name, what kind of value it takes, its
 * default, what is allowed and a line of documentation. The YAML binder reads it ({@code Section.get}), the records
 * check their values with it ({@link #check}), {@code toMap()} writes it under its name and in its section's order,
 * and the schema listing ({@code ablate4j schema}) and the README's config reference show it.
 *
 * @param <T> the Java type of a bound value (Integer, Long, Double, Boolean, String, an {@link Enums} type, a list
 *            of Integer or Double; Object for mappings and the keys bound by code of their own)
 */
public final class Key<T> {
    /** What a key's value is in YAML. */
    enum Kind {
        /** A whole number within {@code [min, max]}, bound as Integer. */
        INT,
        /** A whole number within {@code [min, max]}, bound as Long. */
        LONG,
        /** A number the key's {@link Rule} allows, bound as Double. */
        NUMBER,
        BOOLEAN,
        TEXT,
        /** One of an {@link Enums} vocabulary. */
        CHOICE,
        /** A list of whole numbers, each within {@code [min, max]}. */
        INTS,
        /** A list of numbers, each allowed by the key's rule. */
        NUMBERS,
        /** A mapping: a section of keys of its own. */
        SECTION,
        /** A list of mappings, each a section of the same keys. */
        SECTIONS,
        /** Anything else (a list or a mapping, a name or an index): bound by code of its own. */
        OTHER
    }

    private final String section;
    private final String name;
    private final Kind kind;
    private final long min;
    private final long max;
    private final Rule rule;
    private final Class<? extends Enum<?>> choices;
    private final T defaultValue;
    private final String shownDefault;
    private final String type;
    private final String allowed;
    private final String doc;

    Key(String section, String name, Kind kind, long min, long max, Rule rule, Class<? extends Enum<?>> choices,
        T defaultValue, String shownDefault, String type, String allowed, String doc) {
        this.section = section;
        this.name = name;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.rule = rule;
        this.choices = choices;
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault;
        this.type = type;
        this.allowed = allowed;
        this.doc = doc;
    }

    /** The key's name within its section, e.g. {@code dropout}. */
    public String name() {
        return name;
    }

    /** The section path, e.g. {@code model}; {@code model.conv[]} for the keys of a list's items; empty at the top. */
    public String section() {
        return section;
    }

    /** The dotted key path, e.g. {@code model.dropout} or {@code model.conv[].filters}. */
    public String path() {
        return section.isEmpty() ? name : section + "." + name;
    }

    Kind kind() {
        return kind;
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }

    Rule rule() {
        return rule;
    }

    Class<? extends Enum<?>> choices() {
        return choices;
    }

    /** The value a config gets when it leaves the key out; null where there is none or it is derived. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation states it, derived defaults included, e.g. {@code 2000 (diabetes: 282)}. */
    public String shownDefault() {
        return shownDefault;
    }

    /** The kind of value in words, e.g. {@code whole number}. */
    public String type() {
        return type;
    }

    /** The allowed values in brief, e.g. {@code [1, 100000]} or {@code mlp | cnn | keras | java}. */
    public String allowed() {
        return allowed;
    }

    /** One line of documentation. */
    public String doc() {
        return doc;
    }

    /**
     * Checks a value the way the binder checks a YAML value, for records built from Java: a whole number against
     * the key's range, a number (or each of a list) against its rule, a choice for presence.
     *
     * @return the value
     * @throws ConfigException naming the key path, the value and what is allowed
     */
    public T check(T value) {
        switch (kind) {
            case INT, LONG -> checkWhole(path(), ((Number) value).longValue(), min, max);
            case NUMBER -> checkNumber(path(), (Double) value);
            case INTS -> {
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    checkWhole(path() + "[" + i + "]", ((Number) list.get(i)).longValue(), min, max);
                }
            }
            case NUMBERS -> {
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    checkNumber(path() + "[" + i + "]", ((Number) list.get(i)).doubleValue());
                }
            }
            case CHOICE -> {
                if (value == null) {
                    throw new ConfigException(path(), null, "required: one of " + allowed);
                }
            }
            default -> {
            }
        }
        return value;
    }

    /** Checks a whole number against bounds that depend on other values (e.g. friedman1's 5 features at least). */
    public long check(long value, long min, long max) {
        return checkWhole(path(), value, min, max);
    }

    private long checkWhole(String at, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new ConfigException(at, value, wholeNumber(lo, hi));
        }
        return value;
    }

    private void checkNumber(String at, double value) {
        if (!rule.allows(value)) {
            throw new ConfigException(at, value, rule.allowed());
        }
    }

    /** "must be a whole number in [min, max]" (or ">= min", or nothing when any whole number goes). */
    static String wholeNumber(long min, long max) {
        return "must be a whole number" + range(min, max, " in ", " >= ");
    }

    /** The range as the schema listing shows it: [1, 100000], >= 0, or any. */
    static String range(long min, long max) {
        String r = range(min, max, "", ">= ");
        return r.isEmpty() ? "any" : r;
    }

    private static String range(long min, long max, String in, String atLeast) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "";
        }
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return atLeast + min;
        }
        return in + "[" + min + ", " + max + "]";
    }

    /** "a | b | c" of an {@link Enums} vocabulary. */
    static String spellings(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> ((Enums.Named) e).yamlName())
                .collect(Collectors.joining(" | "));
    }

    @Override
    public String toString() {
        return path();
    }
}
