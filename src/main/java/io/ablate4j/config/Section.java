package io.ablate4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

/**
 * A typed, located view of one mapping in a {@link RawConfig}. Construction rejects keys the schema does not
 * allow; {@link #get(Key)} reads a declared key, checking kind and range with the key's own rule, and fails with the
 * file, line, key path, bad value and what is allowed; {@link #build} puts the file and line in front of a record's
 * own refusal.
 */
final class Section {
    private final RawConfig raw;
    private final String path;
    private final String schemaPath;
    private final Map<String, Object> map;

    private Section(RawConfig raw, String path, String schemaPath, Map<String, Object> map) {
        this.raw = raw;
        this.path = path;
        this.schemaPath = schemaPath;
        this.map = map;
        List<String> allowed = Schema.keys(schemaPath);
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                String hint = DidYouMean.closest(key, allowed);
                throw new ConfigException(raw.message(child(key), null, "unknown key"
                        + (hint != null ? "; did you mean '" + hint + "'? Allowed here: " : "; allowed here: ")
                        + String.join(", ", allowed)));
            }
        }
    }

    static Section root(RawConfig raw) {
        return new Section(raw, "", "", raw.root());
    }

    String path() {
        return path;
    }

    RawConfig raw() {
        return raw;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    Object value(String key) {
        return map.get(key);
    }

    ConfigException error(String key, Object value, String problem) {
        return new ConfigException(raw.message(child(key), value, problem));
    }

    boolean has(Key<?> key) {
        return has(own(key));
    }

    Object value(Key<?> key) {
        return value(own(key));
    }

    ConfigException error(Key<?> key, Object value, String problem) {
        return error(own(key), value, problem);
    }

    /** The key's value, its declared default when absent. */
    <T> T get(Key<T> key) {
        return get(key, key.defaultValue());
    }

    /**
     * The key's value, {@code def} when absent (a default derived from other values), read as the key's kind and
     * checked with its range or rule.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // a CHOICE key's class is an Enums.Named enum by construction
    <T> T get(Key<T> key, T def) {
        String name = own(key);
        Object v = switch (key.kind()) {
            case INT -> integer(name, def == null ? 0 : (Integer) def, (int) key.min(), (int) key.max());
            case LONG -> integerValue(name, def == null ? 0 : (Long) def, key.min(), key.max());
            case NUMBER -> number(name, def == null ? Double.NaN : (Double) def, key.rule().test(),
                    key.rule().allowed());
            case BOOLEAN -> bool(name, (Boolean) def);
            case TEXT -> string(name, (String) def);
            case CHOICE -> choice(name, (Class) key.choices(), def == null ? null : ((Enums.Named) def).yamlName());
            case INTS -> integers(name, (List<Integer>) def, (int) key.min(), (int) key.max());
            case NUMBERS -> has(name) ? numbers(name, key.rule().test(), key.rule().allowed()) : def;
            case SECTION, SECTIONS, OTHER -> throw new IllegalArgumentException(key + " is bound by code of its own");
        };
        return (T) v;
    }

    /** A whole-number key whose bounds depend on other values (they still read "must be a whole number in …"). */
    int get(Key<Integer> key, int def, int min, int max) {
        return integer(own(key), def, min, max);
    }

    /**
     * Builds a record; a problem the record refuses (a {@link ConfigException} with a key path) is reported at that
     * path in the file, with the value as the file wrote it where it did.
     */
    <R> R build(Supplier<R> record) {
        try {
            return record.get();
        } catch (ConfigException e) {
            if (e.path() == null) {
                throw e;
            }
            String at = e.path().startsWith(schemaPath + ".") && !schemaPath.isEmpty()
                    ? path + e.path().substring(schemaPath.length()) : e.path();
            String key = at.startsWith(path + ".") && !path.isEmpty() ? at.substring(path.length() + 1)
                    : path.isEmpty() ? at : null;
            Object value = key != null && map.containsKey(key) ? map.get(key)
                    : raw.has(at) ? raw.get(at) : e.value();
            throw new ConfigException(raw.message(at, value, e.problem()), e);
        }
    }

    /** Applies a record's rule early (where the order of errors matters), located as {@link #build} locates it. */
    void check(Runnable rule) {
        build(() -> {
            rule.run();
            return null;
        });
    }

    /** The name of a key declared for this section. */
    private String own(Key<?> key) {
        if (!key.section().equals(schemaPath)) {
            throw new IllegalArgumentException(key + " is not a key of " + schemaPath);
        }
        return key.name();
    }

    Section section(Key<?> key) {
        return section(own(key));
    }

    /** The section under {@code key} as if its mapping were empty (a {@code true} that asks for the defaults). */
    Section defaults(Key<?> key) {
        return new Section(raw, child(own(key)), schemaOf(child(own(key))), new LinkedHashMap<>());
    }

    List<Section> sections(Key<?> key) {
        return sections(own(key));
    }

    Section section(String key) {
        Object v = map.get(key);
        if (v == null) {
            return new Section(raw, child(key), schemaOf(child(key)), new LinkedHashMap<>());
        }
        if (!(v instanceof Map)) {
            throw error(key, v, "must be a mapping with keys " + String.join(", ", Schema.keys(schemaOf(child(key)))));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return new Section(raw, child(key), schemaOf(child(key)), m);
    }

    List<Section> sections(String key) {
        List<Section> out = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = child(key) + "[" + i + "]";
            if (!(item instanceof Map)) {
                throw new ConfigException(raw.message(itemPath, item, "must be a mapping with keys "
                        + String.join(", ", Schema.keys(schemaOf(child(key)) + "[]"))));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            out.add(new Section(raw, itemPath, schemaOf(child(key)) + "[]", m));
        }
        return out;
    }

    private static String schemaOf(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    List<?> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw error(key, v, "must be a list, e.g. [" + RawConfig.render(v) + "]");
        }
        return list;
    }

    String string(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, v, "must be a single value");
        }
        return String.valueOf(v);
    }

    boolean bool(String key, boolean def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, v, "must be true or false");
        }
        return b;
    }

    <E extends Enum<E> & Enums.Named> E choice(String key, Class<E> type, String def) {
        String text = string(key, def);
        E e = Enums.parse(type, text);
        if (e == null) {
            throw error(key, text, "must be one of " + Enums.allowed(type));
        }
        return e;
    }

    long integerValue(String key, long def, long min, long max) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        return checkInteger(child(key), v, min, max);
    }

    int integer(String key, int def, int min, int max) {
        return (int) integerValue(key, def, min, max);
    }

    long checkInteger(String at, Object v, long min, long max) {
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            n = d.longValue();
        } else {
            throw new ConfigException(raw.message(at, v, Key.wholeNumber(min, max)));
        }
        if (n < min || n > max) {
            throw new ConfigException(raw.message(at, v, Key.wholeNumber(min, max)));
        }
        return n;
    }


    /** A number; {@code rule} decides validity and {@code allowed} says what is allowed. */
    double number(String key, double def, DoublePredicate rule, String allowed) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        return checkNumber(child(key), v, rule, allowed);
    }

    double checkNumber(String at, Object v, DoublePredicate rule, String allowed) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s && looksNumeric(s)) {
            d = Double.parseDouble(s);
        } else {
            throw new ConfigException(raw.message(at, v, "must be a number: " + allowed));
        }
        if (Double.isNaN(d) || !rule.test(d)) {
            throw new ConfigException(raw.message(at, v, allowed));
        }
        return d;
    }

    private static boolean looksNumeric(String s) {
        return s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    }

    List<Integer> integers(String key, List<Integer> def, int min, int max) {
        if (!map.containsKey(key)) {
            return def;
        }
        List<?> list = list(key);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add((int) checkInteger(child(key) + "[" + i + "]", list.get(i), min, max));
        }
        return out;
    }

    List<Double> numbers(String key, DoublePredicate rule, String allowed) {
        List<?> list = list(key);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(checkNumber(child(key) + "[" + i + "]", list.get(i), rule, allowed));
        }
        return out;
    }
}
