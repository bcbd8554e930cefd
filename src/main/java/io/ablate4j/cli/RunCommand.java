package io.ablate4j.cli;

import io.ablate4j.config.Defaults;
import io.ablate4j.run.RunOptions;
import io.ablate4j.run.RunResult;
import io.ablate4j.run.Runner;
import io.ablate4j.serve.Listen;
import io.ablate4j.serve.Live;
import io.ablate4j.serve.LivePage;
import io.ablate4j.training.lean.StepMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains every trial of one or more experiments and writes their run directories. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train every trial of the experiments and write metrics, summary and report.",
                "Several configs share one JVM and the loaded data."})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment YAML files.")
    List<Path> configs;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: results/runs/<experiment>-"
            + "<timestamp>); with several configs, DIR/<experiment>. An existing DIR of the same config resumes.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials trained at once, each on one native thread "
            + "(default: one per core = ${DEFAULT-VALUE}).")
    int parallel = Defaults.parallelism();

    @ArgGroup(exclusive = true)
    ResumeMode resumeMode;

    static final class ResumeMode {
        @Option(names = "--resume", description = "Require DIR to hold an earlier run of the same config and finish it "
                + "(resuming is also the default when it does).")
        boolean resume;

        @Option(names = "--fresh", description = "Discard the results DIR holds and start over.")
        boolean fresh;
    }

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Where trials train: local (a thread pool in "
            + "this JVM) or spark (one Spark task per trial; needs a jar built with ./mvnw -Pspark package).")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "Spark master URL (spark://host:7077, yarn, "
            + "k8s://https://host:443, local[N]) for --engine spark. Default: spark.master as spark-submit sets it, "
            + "else embedded local[N] with N = --parallel.")
    String master;

    @Option(names = "--step", paramLabel = "STEP", description = "How each minibatch is trained: lean (the Java "
            + "kernels for convolution, pooling, batch norm and ReLU layers: equal to DL4J's fit to float rounding, bit "
            + "for bit for networks without such layers), exact (bit-identical to DL4J's fit), or dl4j (DL4J's fit "
            + "itself). Recorded as trainingStep in manifest.json; compare names it when two runs differ in it. The "
            + "default is the system property " + RunOptions.STEP_PROPERTY + " (ABLATE4J_JAVA_OPTS=-D"
            + RunOptions.STEP_PROPERTY + "=dl4j), else lean.")
    String step = RunOptions.defaultStepName();

    @Option(names = "--serve", paramLabel = "[HOST:]PORT", description = "Serve a live page of the run while it "
            + "trains: progress with an ETA, learning curves that grow each epoch, the summary, verdicts and claims "
            + "(provisional until the run ends), then the final report. HOST is 127.0.0.1 (this machine only) unless "
            + "given; PORT 0 picks a free port. The page stops with the run.")
    String serve;

    @Option(names = "--no-report", negatable = true, description = "Skip summary.csv and the report at the end.")
    boolean noReport;

    @picocli.CommandLine.Mixin
    ClasspathOption classpath = new ClasspathOption();

    /**
     * The run is over: the page shows its end, open pages get a moment (at most 10 s) to fetch the final state and the
     * report, and the server stops. After Ctrl-C or a failure it stops at once.
     */
    private static void stopPage(Live live, LivePage page, boolean finished, PrintStream log) {
        live.over();
        try {
            if (finished) {
                page.awaitPages(java.time.Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            page.close();
            log.println("live page: stopped");
        }
    }

    /** A {@code --step} value (or the system property's, its default) as a mode; a usage error when it names none. */
    static StepMode stepMode(String value) {
        try {
            return StepMode.parse(value);
        } catch (IllegalArgumentException e) {
            boolean fromProperty = value.equals(System.getProperty(RunOptions.STEP_PROPERTY));
            throw new io.ablate4j.run.RunException((fromProperty ? "-D" + RunOptions.STEP_PROPERTY + "=" + value
                    + " (the default of --step)" : "--step " + value) + ": expected lean, exact or dl4j");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (parallel < 1) {
            throw new io.ablate4j.run.RunException("--parallel must be >= 1, got " + parallel);
        }
        RunOptions.Mode mode = resumeMode == null ? RunOptions.Mode.AUTO
                : resumeMode.fresh ? RunOptions.Mode.FRESH : RunOptions.Mode.RESUME;
        PrintStream log = System.err;
        boolean terminal = System.console() != null && System.getenv("CI") == null;
        RunOptions.EngineChoice choice = switch (engine) {
            case "local" -> RunOptions.EngineChoice.LOCAL;
            case "spark" -> RunOptions.EngineChoice.SPARK;
            default -> throw new io.ablate4j.run.RunException("--engine must be local or spark, got '" + engine + "'");
        };
        if (master != null && choice != RunOptions.EngineChoice.SPARK) {
            throw new io.ablate4j.run.RunException("--master " + master + " needs --engine spark");
        }
        RunOptions options = new RunOptions(out, parallel, mode, !noReport, log, terminal, choice, master,
                stepMode(step), classpath.paths());
        Live live = null;
        LivePage page = null;
        if (serve != null) {
            Listen listen = Serving.listen("--serve", serve);
            Live fed = new Live();
            page = Serving.start("--serve", listen, l -> LivePage.serve(fed, l), log);
            live = fed;
            options = options.withObserver(new LiveFeed(fed));
        }
        List<RunResult> results;
        boolean finished = false;
        try {
            results = new Runner(options).run(configs);
            finished = results.stream().noneMatch(RunResult::interrupted);
        } finally {
            if (page != null) {
                stopPage(live, page, finished, log);
            }
        }
        int failed = 0;
        boolean interrupted = false;
        for (RunResult r : results) {
            log.printf("%s: %d ok, %d diverged, %d failed%s%s → %s%n", r.plan().experiment().name(), r.ok(),
                    r.diverged(), r.failed(), r.pruned() > 0 || r.plan().experiment().sweep().race() != null
                            ? ", " + r.pruned() + " pruned" : "",
                    r.skipped() > 0 ? ", " + r.skipped() + " done earlier" : "", r.directory());
            failed += r.failed();
            interrupted |= r.interrupted();
        }
        if (interrupted) {
            return 130;
        }
        return failed > 0 ? Main.TRIALS_FAILED : Main.OK;
    }
}
