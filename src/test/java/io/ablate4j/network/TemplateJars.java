package io.ablate4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar of user classes compiled in-test (javax.tools), as the example projects' READMEs build them: an example
 * project's sources and resources plus given sources. The suite thus builds the examples from their files and they
 * cannot drift from ablate4j's interfaces.
 */
public final class TemplateJars {
    /** The java-template example's template, compiled into every template jar. */
    public static final Path EXAMPLE = Path.of("examples/java-template/src/main/java/com/example/TaperedMlp.java");
    /** The java-data example project (its sources under src/main/java, its iris.csv under src/main/resources). */
    public static final Path DATA_EXAMPLE = Path.of("examples/java-data");

    private TemplateJars() {
    }

    /** Compiles the example and {@code sources} (each a compilation unit with a package) into {@code dir/templates.jar}. */
    public static Path compile(Path dir, String... sources) throws IOException {
        return compile(dir, List.of(EXAMPLE), null, sources);
    }

    /**
     * Compiles the java-data example project (sources and resources) and {@code sources} into
     * {@code dir/templates.jar}.
     */
    public static Path compileDataExample(Path dir, String... sources) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(DATA_EXAMPLE.resolve("src/main/java"))) {
            files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        return compile(dir, files, DATA_EXAMPLE.resolve("src/main/resources"), sources);
    }

    /**
     * Compiles {@code files} and {@code sources} into {@code dir/templates.jar}, with the files under
     * {@code resources} (may be null) at their relative paths, as Maven's jar plugin packs them.
     */
    public static Path compile(Path dir, List<Path> files, Path resources, String... sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString()));
        files.forEach(f -> args.add(f.toString()));
        if (resources != null) {
            try (Stream<Path> r = Files.walk(resources)) {
                for (Path f : r.filter(Files::isRegularFile).toList()) {
                    Path target = classes.resolve(resources.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
        for (String source : sources) {
            String pkg = source.replaceAll("(?s).*?package\\s+([\\w.]+);.*", "$1");
            String cls = source.replaceAll("(?s).*?public class\\s+(\\w+).*", "$1");
            Path file = src.resolve(pkg.replace('.', '/')).resolve(cls + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve("templates.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> built = Files.walk(classes)) {
            for (Path f : built.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
