package io.ablate4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's package table is the architecture: every package of the sources is in it, imports (or names fully
 * qualified) only the ablate4j packages its row allows, and touches DL4J, ND4J or DataVec only where its row says
 * yes. The table is read from DESIGN.md itself, so the document and the code cannot drift apart.
 */
class ArchitectureTest {
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/main/vector"),
            Path.of("src/spark/java"));
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)`[^|]*\\|[^|]*\\| ([^|]*) \\| (yes|no) \\|$");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.ablate4j\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)"
            + "\\.[A-Z]");
    private static final Pattern DL4J = Pattern.compile("\\b(?:org\\.deeplearning4j|org\\.nd4j|org\\.datavec)\\.");

    record Row(Set<String> allowed, boolean dl4j) {
    }

    static Map<String, Row> table() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("DESIGN.md"))) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                Set<String> allowed = new TreeSet<>();
                for (String p : m.group(2).split(",")) {
                    String name = p.trim();
                    if (!name.isEmpty() && !name.equals("–")) {
                        allowed.add(name);
                    }
                }
                rows.put(m.group(1), new Row(allowed, m.group(3).equals("yes")));
            }
        }
        return rows;
    }

    /** Package name → the source files under it (directly), across the source roots. */
    static Map<String, List<Path>> packages() throws IOException {
        Map<String, List<Path>> out = new TreeMap<>();
        for (Path root : SOURCE_ROOTS) {
            Path base = root.resolve("io/ablate4j");
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String pkg = base.relativize(f.getParent()).toString().replace('/', '.');
                    out.computeIfAbsent(pkg, k -> new ArrayList<>()).add(f);
                }
            }
        }
        return out;
    }

    @Test
    void everyPackageIsInDesignsTableAndKeepsToIt() throws IOException {
        Map<String, Row> table = table();
        Map<String, List<Path>> packages = packages();
        assertTrue(table.size() >= 15, "DESIGN.md's package table was read: " + table.keySet());
        assertEquals(new TreeSet<>(table.keySet()), new TreeSet<>(packages.keySet()),
                "DESIGN.md lists exactly the packages of the sources");
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<Path>> p : packages.entrySet()) {
            Row row = table.get(p.getKey());
            for (Path f : p.getValue()) {
                String text = code(Files.readString(f));
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(p.getKey()) && !row.allowed().contains(used)) {
                        violations.add(f + " uses io.ablate4j." + used);
                    }
                }
                if (!row.dl4j() && DL4J.matcher(text).find()) {
                    violations.add(f + " uses DL4J, ND4J or DataVec");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /**
     * The source without comments and string literals: a name in a message or a javadoc is no dependency (the Spark
     * engine, loaded by name where it is built, is the one seam that uses a string on purpose).
     */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The table's order is the dependency order: a package may import only packages listed below it. */
    @Test
    void theTableRunsFromTopToBottom() throws IOException {
        List<String> order = new ArrayList<>(table().keySet());
        Map<String, Row> table = table();
        for (String p : order) {
            for (String used : table.get(p).allowed()) {
                assertTrue(order.indexOf(used) > order.indexOf(p), p + " may import " + used + ", listed above it");
            }
        }
    }
}
