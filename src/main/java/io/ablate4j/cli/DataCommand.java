package io.ablate4j.cli;

import io.ablate4j.data.DataCatalog;
import io.ablate4j.data.DataFetcher;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Datasets: where they are found, and downloading the full Fashion-MNIST files. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Datasets: list what is available, fetch full sets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListCommand.class})
final class DataCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: fetch or list");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Download the official files, verify their SHA-256 and write them atomically.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "fashion-mnist")
        String name;

        @Option(names = "--to", paramLabel = "DIR", description = "Target directory (default: datasets/NAME, where "
                + "source: auto looks first).")
        Path target;

        @Option(names = "--url", description = "Base URL of the files.")
        URI url = DataFetcher.DEFAULT_BASE_URL;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = target != null ? target : DataFetcher.defaultTarget(name);
            List<Path> files = DataFetcher.fetch(name, dir, url, line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
            files.forEach(f -> spec.commandLine().getOut().println(f));
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show which datasets are available where.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DataCatalog.describe().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }
}
