package io.ablate4j.cli;

import io.ablate4j.config.ConfigException;
import io.ablate4j.data.DataException;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.Runner;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.sweep.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks config files as {@code run} would before training (the config, its data files, java templates' networks,
 * the network against the data's shape) without training or writing anything; reports every file's first error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check experiment configs as run would before training (config, data files, sizes, networks) "
                + "and print what each would run. Trains nothing, writes nothing.",
        footer = {"", "Every key with its type, default and allowed values: ./ablate4j schema [KEY]"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
    List<Path> configs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    ClasspathOption classpath = new ClasspathOption();

    @Override
    public Integer call() {
        // validate trains nothing: the step is irrelevant, the class path is not
        Runner runner = new Runner(new RunOptions(null, 1, RunOptions.Mode.AUTO, false, System.err, false,
                RunOptions.EngineChoice.LOCAL, null, StepMode.LEAN, classpath.paths()));
        int bad = 0;
        for (Path config : configs) {
            try {
                long start = System.nanoTime();
                Plan plan = runner.check(config);
                spec.commandLine().getOut().printf("%s: ok (%s: %s = %d trials; checked in %.1f s)%n", config,
                        plan.experiment().name(), plan.shape(), plan.trials().size(),
                        (System.nanoTime() - start) / 1e9);
                PlanCommand.raceLines(plan).forEach(line -> spec.commandLine().getOut().println("  " + line));
                runner.dataLines(plan).forEach(line -> spec.commandLine().getOut().println("  " + line));
                spec.commandLine().getOut().println("  " + plan.baselineLine());
                spec.commandLine().getOut().print(PlanCommand.Table.changes(plan));
            } catch (ConfigException | DataException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                bad++;
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return bad == 0 ? Main.OK : Main.USAGE;
    }
}
