package io.ablate4j.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --classpath}: the jars of java templates ({@code model.type: java}), for run, plan and validate. */
final class ClasspathOption {
    @Option(names = "--classpath", paramLabel = "JAR", description = "Jars or class directories holding java "
            + "templates (model.type: java), separated by the path separator (: or ; on Windows) or given repeatedly. "
            + "Default: the ABLATE4J_CLASSPATH environment variable.")
    List<String> entries = new ArrayList<>();

    /** The entries, split at the path separator; null without any: the runner then reads ABLATE4J_CLASSPATH. */
    List<Path> paths() {
        if (entries.isEmpty()) {
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String e : entries) {
            for (String part : e.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    paths.add(Path.of(part));
                }
            }
        }
        return paths;
    }
}
