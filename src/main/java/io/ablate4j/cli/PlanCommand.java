package io.ablate4j.cli;

import io.ablate4j.run.RunOptions;
import io.ablate4j.run.Runner;
import io.ablate4j.run.StorageException;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the trials of configs; with --out writes each trial's resolved config and network without training. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Check configs as run would before training (config, data files, sizes, networks) and print "
                + "the trials each expands to; trains nothing.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
    List<Path> configs;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write manifest.json and trials/<trial_id>/"
            + "{config.yaml,network.json} there (one subdirectory per experiment when several).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    ClasspathOption classpath = new ClasspathOption();

    @Override
    public Integer call() throws IOException {
        // the manifest of plan --out records the step a run would take by default
        Runner runner = new Runner(new RunOptions(null, 1, RunOptions.Mode.AUTO, false, System.err, false,
                RunOptions.EngineChoice.LOCAL, null, RunCommand.stepMode(RunOptions.defaultStepName()),
                classpath.paths()));
        List<Plan> plans = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (Path config : configs) {
            long start = System.nanoTime();
            plans.add(runner.check(config));
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        PrintWriter o = spec.commandLine().getOut();
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            o.printf("%s (%s): %s = %d trials, sweep %s, config hash %s (checked in %.1f s)%n",
                    plan.experiment().name(), plan.experiment().source(), plan.shape(), plan.trials().size(),
                    plan.experiment().sweep().mode().yamlName(), plan.configHash(), seconds.get(i));
            raceLines(plan).forEach(o::println);
            if (!plan.reserve().isEmpty()) {
                o.printf("adaptive seeds: these are the initial trials; up to %d more (seeds %s) are trained for "
                        + "the variants of undecided claims and baseline comparisons%n", plan.reserve().size(),
                        plan.experiment().allSeeds().subList(plan.experiment().seeds().size(),
                                plan.experiment().allSeeds().size()));
            }
            o.println(plan.baselineLine());
            o.println(Table.of(plan));
            String changes = Table.changes(plan);
            if (!changes.isEmpty()) {
                o.print(changes);
            }
            if (out != null) {
                Path dir = plans.size() > 1 ? out.resolve(plan.experiment().name()) : out;
                try {
                    runner.writePlan(plan, dir);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw StorageException.stopped(e, dir, "The plan's files in " + dir + " are incomplete.",
                            "rerun the same command");
                }
                o.println("wrote " + dir.resolve("manifest.json") + " and " + plan.trials().size() + " trial directories");
            }
        }
        o.flush();
        return Main.OK;
    }

    /**
     * The race's design, for {@code plan} and {@code validate}: the rule, the legs and rungs, what each test is held
     * to, and what the full grid would train (the race trains at most that); empty without a race.
     */
    static List<String> raceLines(Plan plan) {
        io.ablate4j.config.RaceConfig race = plan.experiment().sweep().race();
        if (race == null) {
            return List.of();
        }
        long full = plan.trials().stream().mapToLong(t -> t.variant().config().training().epochs()).sum();
        long firstLeg = (long) plan.trials().size() * race.rungs().get(0);
        String rungs = race.rungs().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        String rule = switch (race.rule()) {
            case TEST -> String.format(java.util.Locale.ROOT, "rule test: a variant leaves when its one-sided paired "
                    + "t-test against the leader gives p < %.3g = alpha %s / (%d rivals × %d rungs), so the truly "
                    + "best variant leaves with probability at most %s", race.testLevel(plan.variants().size()),
                    race.alpha(), plan.variants().size() - 1, race.rungs().size(), race.alpha());
            case TOP -> "rule top: the best 1/" + race.eta() + " by mean validation score go on at each rung (no "
                    + "error guarantee)";
        };
        return List.of("race: rungs after epoch" + (race.rungs().size() == 1 ? " " : "s ") + rungs + ", then the "
                + "survivors train to training.epochs; " + rule,
                String.format(java.util.Locale.ROOT, "race: every trial trains to the first rung (%,d trial-epochs); "
                        + "the full grid would train %,d trial-epochs", firstLeg, full));
    }

    /** The trial table: ids, seed, one column per axis, and the layer sequence of each variant. */
    static final class Table {
        private Table() {
        }

        static String of(Plan plan) {
            List<String> header = new ArrayList<>(List.of("trial_id", "variant_id", "seed"));
            header.addAll(plan.axes());
            header.add("baseline");
            List<List<String>> rows = new ArrayList<>();
            for (Trial t : plan.trials()) {
                List<String> row = new ArrayList<>(List.of(t.id(), t.variant().id(), Long.toString(t.seed())));
                plan.axes().forEach(a -> row.add(t.variant().axisValues().get(a)));
                row.add(t.variant().baseline() ? "yes" : "");
                rows.add(row);
            }
            int[] width = new int[header.size()];
            for (int i = 0; i < header.size(); i++) {
                width[i] = header.get(i).length();
                for (List<String> r : rows) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            }
            StringBuilder b = new StringBuilder();
            appendRow(b, header, width);
            rows.forEach(r -> appendRow(b, r, width));
            return b.toString().stripTrailing();
        }

        /**
         * For a Keras model: what each variant changes relative to the file ("as written" when nothing), one block
         * per variant; empty for other models.
         */
        static String changes(Plan plan) {
            java.nio.file.Path file = io.ablate4j.config.ConfigLoader.kerasFile(plan.experiment().raw());
            boolean imported = file != null || "keras".equals(plan.experiment().raw().get("model.type"));
            if (!imported) {
                return "";
            }
            StringBuilder b = new StringBuilder("relative to " + (file != null ? file : "the Keras layers")
                    + ", each variant:\n");
            for (io.ablate4j.sweep.Variant v : plan.variants()) {
                List<String> lines = v.config().model().changes();
                b.append("  ").append(v.id()).append(" (").append(v.label()).append(")")
                        .append(v.baseline() ? " [baseline]" : "").append(lines.isEmpty() ? ": as written\n" : ":\n");
                lines.forEach(l -> b.append("    ").append(l).append('\n'));
            }
            return b.toString();
        }

        private static void appendRow(StringBuilder b, List<String> cells, int[] width) {
            for (int i = 0; i < cells.size(); i++) {
                b.append(i + 1 < cells.size() ? String.format("%-" + width[i] + "s  ", cells.get(i)) : cells.get(i));
            }
            b.append('\n');
        }
    }
}
