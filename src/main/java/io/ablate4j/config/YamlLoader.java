package io.ablate4j.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML into a {@link RawConfig}. It composes the node tree itself instead of letting SnakeYAML
 * construct objects, so no tag can instantiate a type: only the core scalar, sequence and mapping tags
 * are accepted. Duplicate keys, merge keys and non-string keys are rejected; alias expansion is bounded.
 */
public final class YamlLoader {
    static final int MAX_ALIASES = 50;
    private static final int MAX_FILE_CHARS = 1 << 20;
    private static final Set<Tag> CORE_SCALARS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private YamlLoader() {
    }

    /** Loads a file; a missing or unreadable file is a {@link ConfigException}. */
    public static RawConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static RawConfig parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setNestingDepthLimit(50);
        Node node;
        try (Reader reader = new StringReader(text)) {
            node = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (problem != null && problem.contains("aliases")) {
                problem += " (at most " + MAX_ALIASES + " aliases are allowed)";
            }
            throw new ConfigException(source + ":" + line + ": invalid YAML: " + problem, e);
        } catch (YAMLException | IOException e) {
            throw new ConfigException(source + ": invalid YAML: " + e.getMessage(), e);
        }
        if (node == null) {
            throw new ConfigException(source + ":1: the file is empty; an experiment needs at least "
                    + "name, dataset, model and training");
        }
        Map<String, Integer> lines = new HashMap<>();
        lines.put("", node.getStartMark().getLine() + 1);
        Object value = new Converter(source, lines).convert(node, "");
        if (!(value instanceof Map)) {
            throw new ConfigException(source + ":1: the document must be a mapping of keys "
                    + "(name, dataset, model, ...), not " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value;
        return new RawConfig(source, text, root, lines);
    }

    static String describe(Object value) {
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return value == null ? "null" : "the scalar " + value;
    }

    private record Converter(String source, Map<String, Integer> lines) {
        Object convert(Node node, String path) {
            lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, path);
            }
            if (node instanceof SequenceNode seq) {
                checkTag(node, Tag.SEQ, path);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    list.add(convert(seq.getValue().get(i), path + "[" + i + "]"));
                }
                return list;
            }
            MappingNode mapping = (MappingNode) node;
            checkTag(node, Tag.MAP, path);
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                int line = keyNode.getStartMark().getLine() + 1;
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    throw new ConfigException(source + ":" + line + ": " + orRoot(path)
                            + ": merge keys (<<) are not supported; write the keys out");
                }
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    throw new ConfigException(source + ":" + line + ": " + orRoot(path)
                            + ": keys must be plain names, not lists or mappings");
                }
                String key = keyScalar.getValue();
                String child = path.isEmpty() ? key : path + "." + key;
                if (map.containsKey(key)) {
                    throw new ConfigException(source + ":" + line + ": " + child + ": duplicate key (first at line "
                            + lines.get(child) + "); each key may appear once");
                }
                lines.put(child, line);
                map.put(key, convert(tuple.getValueNode(), child));
            }
            return map;
        }

        private Object scalar(ScalarNode node, String path) {
            Tag tag = node.getTag();
            if (!CORE_SCALARS.contains(tag)) {
                fail(node, path, "the tag " + tag.getValue() + " is not allowed: configs hold plain values only");
            }
            String text = node.getValue();
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT))
                            || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on");
                }
                if (tag.equals(Tag.INT)) {
                    return Long.parseLong(text.replace("_", ""));
                }
                if (tag.equals(Tag.FLOAT)) {
                    String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
                    if (t.endsWith(".inf")) {
                        return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    }
                    if (t.equals(".nan")) {
                        return Double.NaN;
                    }
                    return Double.parseDouble(t);
                }
            } catch (NumberFormatException e) {
                // Hex, octal or sexagesimal integers: keep the text; the binder reports the value if a number is needed.
                return text;
            }
            return text;
        }

        private void checkTag(Node node, Tag expected, String path) {
            if (!node.getTag().equals(expected)) {
                fail(node, path, "the tag " + node.getTag().getValue() + " is not allowed: configs hold plain values only");
            }
        }

        private void fail(Node node, String path, String problem) {
            throw new ConfigException(source + ":" + (node.getStartMark().getLine() + 1) + ": " + orRoot(path) + ": "
                    + problem);
        }

        private static String orRoot(String path) {
            return path.isEmpty() ? "(document)" : path;
        }
    }
}
