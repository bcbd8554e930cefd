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

/** Datasets: where they are found, and downloading the full Fashion-MNIST and CIFAR files. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Datasets: list what is available, fetch full sets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListCommand.class, DataCommand.Split.class})
final class DataCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: fetch, list or split");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Download the official files, verify their SHA-256 (CIFAR: the archive's SHA-256 and its "
                    + "published MD5, then extract the binary files) and write them atomically.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "fashion-mnist, cifar10 or cifar100")
        String name;

        @Option(names = "--to", paramLabel = "DIR", description = "Target directory (default: datasets/NAME, where "
                + "source: auto looks first).")
        Path target;

        @Option(names = "--url", description = "Base URL of the files (default: the official location; "
                + "fashion-mnist: http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/, cifar10 and cifar100: "
                + "https://www.cs.toronto.edu/~kriz/).")
        URI url;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = target != null ? target : DataFetcher.defaultTarget(name);
            List<Path> files = DataFetcher.fetch(name, dir, url != null ? url : DataFetcher.defaultBaseUrl(name),
                    line -> {
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

    @Command(name = "split", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Write the base config's data splits as its trials see them (normalized; a regression "
                    + "target in training units) to CSV files, for training the same examples with another tool.")
    static final class Split implements Callable<Integer> {
        @Parameters(paramLabel = "CONFIG", description = "An experiment config.")
        Path config;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where train.csv, "
                + "validation.csv, test.csv and split.txt go.")
        Path out;

        @Option(names = "--fold", paramLabel = "F", description = "With dataset.folds: the fold that validates "
                + "(0-based).")
        int fold = -1;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        ClasspathOption classpath = new ClasspathOption();

        @Override
        public Integer call() throws java.io.IOException {
            io.ablate4j.config.DatasetConfig d = io.ablate4j.config.ConfigLoader.load(config).base().dataset();
            if (d.folds() > 0 != fold >= 0 || fold >= d.folds() && d.folds() > 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), d.folds() > 0
                        ? config + " has dataset.folds: " + d.folds() + "; pick the validating fold with --fold 0.."
                        + (d.folds() - 1) : "--fold needs a config with dataset.folds");
            }
            // A runner's data cache: relative paths, java data classes (--classpath) and errors as run has them
            io.ablate4j.run.Runner runner = new io.ablate4j.run.Runner(new io.ablate4j.run.RunOptions(null, 1,
                    io.ablate4j.run.RunOptions.Mode.AUTO, false, System.err, false,
                    io.ablate4j.run.RunOptions.EngineChoice.LOCAL, null, io.ablate4j.training.lean.StepMode.LEAN,
                    classpath.paths()));
            for (Path f : io.ablate4j.data.SplitExport.write(runner.trials().data().load(d, fold), out)) {
                spec.commandLine().getOut().println(f);
            }
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }
}
