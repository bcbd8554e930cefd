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

/** A jar of java templates compiled in-test (javax.tools): the example project's template plus given sources. */
public final class TemplateJars {
    /** The example project's template, compiled into every jar. */
    public static final Path EXAMPLE = Path.of("examples/java-template/src/main/java/com/example/TaperedMlp.java");

    private TemplateJars() {
    }

    /** Compiles the example and {@code sources} (each a compilation unit with a package) into {@code dir/templates.jar}. */
    public static Path compile(Path dir, String... sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), EXAMPLE.toString()));
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
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
