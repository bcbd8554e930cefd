package io.ablate4j.cli;

import io.ablate4j.config.ConfigException;
import io.ablate4j.run.Runner;
import io.ablate4j.sweep.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks config files without running anything; reports every file's first error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check experiment configs and print what each would run. Writes nothing.",
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
        classpath.apply();
        int bad = 0;
        for (Path config : configs) {
            try {
                Plan plan = Runner.plan(config);
                spec.commandLine().getOut().printf("%s: ok (%s: %s = %d trials)%n", config,
                        plan.experiment().name(), plan.shape(), plan.trials().size());
                spec.commandLine().getOut().print(PlanCommand.Table.changes(plan));
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                bad++;
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return bad == 0 ? Main.OK : Main.USAGE;
    }
}
