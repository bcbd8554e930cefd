package io.ablate4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The config package imports no ablate4j package but keras, and keras imports none: no cycle between them. */
class PackageDependenciesTest {
    private static List<String> ablate4jImports(String pkg, String... allowed) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/ablate4j", pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("import io.ablate4j.")) {
                        continue;
                    }
                    String target = line.substring("import ".length());
                    if (Stream.of(allowed).noneMatch(a -> target.startsWith("io.ablate4j." + a + "."))) {
                        bad.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void configImportsOnlyKerasAndKerasImportsNothingOfAblate4j() throws IOException {
        assertEquals(List.of(), ablate4jImports("config", "config", "keras"));
        assertEquals(List.of(), ablate4jImports("keras", "keras"));
    }
}
