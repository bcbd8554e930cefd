package io.ablate4j.cli;

import io.ablate4j.config.Key;
import io.ablate4j.config.Schema;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the experiment schema as {@link Schema} declares it: the same keys, defaults and ranges the loader uses. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print every key of an experiment config: its type, default, allowed values and meaning, as the "
                + "loader applies them (README, 'Config reference', lists the same). Reads no config.",
                "Example: ./ablate4j schema model.dropout   ./ablate4j schema training"})
final class SchemaCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "KEY", description = "Only these key paths and the keys under them, "
            + "e.g. model or dataset.csv (default: every key).")
    List<String> prefixes = List.of();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Key<?>> keys = Schema.keys().stream().filter(k -> prefixes.isEmpty() || prefixes.stream()
                .anyMatch(p -> k.path().equals(p) || k.path().startsWith(p + ".") || k.path().startsWith(p + "[")))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (keys.isEmpty()) {
            spec.commandLine().getErr().println("error: no key of the schema is or starts with " + String.join(", ",
                    prefixes) + "; run ./ablate4j schema for all of them");
            spec.commandLine().getErr().flush();
            return Main.USAGE;
        }
        int keyWidth = keys.stream().mapToInt(k -> k.path().length()).max().orElse(0);
        int typeWidth = keys.stream().mapToInt(k -> k.type().length()).max().orElse(0);
        int defaultWidth = keys.stream().mapToInt(k -> k.shownDefault().length()).max().orElse(0);
        String row = "%-" + keyWidth + "s  %-" + typeWidth + "s  %-" + defaultWidth + "s  %s%n";
        out.printf(row, "KEY", "TYPE", "DEFAULT", "ALLOWED");
        for (Key<?> k : keys) {
            out.printf(row, k.path(), k.type(), k.shownDefault(), k.allowed());
            out.println("    " + k.doc());
        }
        out.flush();
        return Main.OK;
    }
}
