package io.ablate4j.run;

import io.ablate4j.config.ConfigException;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.ConvFit;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.data.DataCache;
import io.ablate4j.data.DataException;
import io.ablate4j.data.LoadedData;
import io.ablate4j.network.TemplateException;
import io.ablate4j.network.Templates;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.results.Damaged;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import io.ablate4j.results.ResultsException;
import io.ablate4j.results.TrialResults;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs experiments: the Java API behind {@code ablate4j run}.
 *
 * <pre>{@code
 * Runner runner = new Runner(RunOptions.defaults().withOut(Path.of("results/my-run")));
 * RunResult result = runner.run(runner.plan(Path.of("configs/quickstart.yaml")));
 * }</pre>
 *
 * A runner owns what its runs share: the loaded datasets (a {@link DataCache}: the several configs of one
 * {@code ablate4j run} load each dataset once) and the class loader of java templates ({@link Templates}, from
 * {@link RunOptions#classpath()}). Nothing is kept per process, so two runners in one JVM, one after the other or at
 * once, never see each other's data or classes. Trials of one runner's runs take its {@link RunOptions#step()}.
 *
 * <p>Everything that can be wrong with the input (config, data files, run directory) is checked before anything is
 * written. An {@link Engine} trains the trials (a local thread pool, or Spark tasks); each finished trial is recorded
 * at once, by this JVM only, so an interrupted run resumes where it stopped. A trial that throws is recorded as failed
 * and the others go on; a failing file system (disk full, read-only, I/O error, permission) is no trial's failure:
 * it stops the run at once with a {@link StorageException}.
 */
public final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private final RunOptions options;
    private final TrialRunner trials;

    /**
     * A runner with its own data cache and template class loader.
     *
     * @throws RunException when an entry of {@link RunOptions#classpath()} does not exist
     */
    public Runner(RunOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        Templates templates;
        try {
            templates = Templates.of(options.classpath());
        } catch (TemplateException e) {
            throw new RunException("--classpath: " + e.getMessage());
        }
        this.trials = new TrialRunner(new DataCache(TrialRunner.dataClasses(templates)), templates, options.step());
    }

    /** How this runner's trials train: its data cache, templates and step (for engines and tools of one's own). */
    public TrialRunner trials() {
        return trials;
    }

    /**
     * Loads and expands one config file (throws ConfigException on any problem, a java template's class that cannot
     * be loaded from this runner's class path included).
     */
    public Plan plan(Path config) {
        Experiment e = ConfigLoader.load(config);
        Plan plan = SweepExpander.expand(e);
        checkTemplateClasses(plan);
        return plan;
    }

    /**
     * Everything {@link #run(Plan)} checks before training, nothing written: loads and expands the config, loads
     * its data (each dataset once per runner, through the cache its runs use: {@code validate} and {@code plan}
     * then {@code run} in one runner read each file once), builds and checks every java template's networks and
     * checks that the network fits the data's shape. What {@code validate} and {@code plan} run.
     *
     * @throws ConfigException or {@link DataException}, located, on the first problem
     */
    public Plan check(Path config) {
        Plan plan = plan(config);
        preload(plan);
        checkNetworks(plan);
        checkShapes(plan);
        return plan;
    }

    /**
     * A Keras model's declared input and output against the loaded data's features (images: shape) and classes (the
     * binder checks them for synthetic data and images whose shape the config fixes; a table's and a folder's are
     * learnt here).
     */
    void checkShapes(Plan plan) {
        Set<DatasetConfig> datasets = new LinkedHashSet<>();
        plan.variants().forEach(v -> datasets.add(v.config().dataset()));
        for (DatasetConfig d : datasets) {
            LoadedData data = trials.data().load(d, d.folds() > 0 ? 0 : -1);
            ConfigLoader.checkKerasFitsData(plan.experiment(), data.numFeatures(), data.numClasses(),
                    data.regression(), data.imageShape(),
                    data.description().replaceFirst(" (fold \\d+/\\d+ )?train \\d.*", ""));
        }
    }

    /**
     * What the plan's data is and how it is split, one line per distinct dataset ({@code data: csv (t.csv) train 341 /
     * val 114 / test 114 (sizes from its 569 rows: …)}; the first fold's with cross-validation), from this runner's
     * cache: for {@code validate} and the run's log, so that a reader sees the sizes a table gave itself.
     */
    public List<String> dataLines(Plan plan) {
        Set<DatasetConfig> datasets = new LinkedHashSet<>();
        plan.variants().forEach(v -> datasets.add(v.config().dataset().withoutAugmentation()));
        List<String> lines = new ArrayList<>();
        for (DatasetConfig d : datasets) {
            if (lines.size() == 3) {
                lines.add("data: … and " + (datasets.size() - 3) + " more datasets of the sweep");
                break;
            }
            lines.add("data: " + trials.data().load(d, d.folds() > 0 ? 0 : -1).description());
        }
        return lines;
    }

    /** Every java template class of the plan loads and is a NetworkTemplate (no data needed). */
    void checkTemplateClasses(Plan plan) {
        Set<String> classes = new LinkedHashSet<>();
        plan.variants().forEach(v -> {
            if (v.config().model().type() == ModelType.JAVA) {
                classes.add(v.config().model().templateClass());
            }
        });
        for (String c : classes) {
            try {
                trials.templates().load(c);
            } catch (TemplateException e) {
                throw new ConfigException(plan.experiment().raw().message("model.class", c, e.getMessage()));
            }
        }
    }

    /**
     * Builds the network of every trial of a java template (configurations only, no weights), so that a template
     * that throws or contradicts the factors stops the run before anything is written; and checks that the conv
     * blocks of every cnn fit the images where their shape comes from the files ({@code name: images} without
     * {@code imageSize} and {@code channels}; other shapes are checked with the config). Needs the data loaded.
     */
    void checkNetworks(Plan plan) {
        for (Trial t : plan.trials()) {
            VariantConfig v = t.variant().config();
            if (v.model().type() == ModelType.CNN && v.dataset().imageShape() == null) {
                LoadedData data = trials.data().load(v.dataset(), t.fold());
                try {
                    ConvFit.check(v.model().conv(), data.imageShape(), "the " + data.imageShape() + " images of "
                            + v.dataset().path() + " (dataset.imageSize, dataset.channels)");
                } catch (ConfigException e) {
                    throw new ConfigException(plan.experiment().raw().message(e.path(), e.value(), "variant "
                            + t.variant().label() + ": " + e.problem()));
                }
                continue;
            }
            if (v.model().type() != ModelType.JAVA) {
                continue;
            }
            LoadedData data = trials.data().load(v.dataset(), t.fold());
            try {
                trials.network(v, data, t.seed());
            } catch (TemplateException e) {
                throw new ConfigException(plan.experiment().raw().message("model.class", v.model().templateClass(),
                        "trial " + t.id() + " (" + t.variant().label() + "): " + e.getMessage()));
            }
        }
    }

    /**
     * Runs several config files, sharing this runner's loaded data; each experiment gets its own directory
     * ({@link RunOptions#out()}{@code /<experiment>} when there are several).
     */
    public List<RunResult> run(List<Path> configs) throws IOException {
        List<Plan> plans = new ArrayList<>();
        for (Path config : configs) {
            plans.add(plan(config));
        }
        Engines.check(options);
        List<Path> dirs = new ArrayList<>();
        for (Plan p : plans) {
            Path dir = directoryFor(p, options, plans.size() > 1);
            if (dirs.contains(dir)) {
                throw new RunException(dir + ": two experiments would share this directory; give them different names");
            }
            dirs.add(dir);
        }
        for (int i = 0; i < plans.size(); i++) {
            RunDirectory.check(dirs.get(i), plans.get(i), options.mode());
            preload(plans.get(i));
            checkNetworks(plans.get(i));
            checkShapes(plans.get(i));
        }
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            RunResult r = run(plans.get(i), dirs.get(i), Engines.create(options, trials));
            results.add(r);
            if (r.interrupted()) {
                break;
            }
        }
        return results;
    }

    /** Runs one plan into {@code options.out()} (or a new timestamped directory) on the engine the options name. */
    public RunResult run(Plan plan) throws IOException {
        return run(plan, Engines.create(options, trials));
    }

    /** Like {@link #run(Plan)} with each trial's work replaced (tests). */
    RunResult runWith(Plan plan, TrialRunner.Work work) throws IOException {
        return run(plan, new LocalEngine(options.parallel(), work, trials::runLeg));
    }

    /**
     * Writes what {@code plan --out} writes, a run that has not started: {@code manifest.json} and each trial's
     * {@code config.yaml} and {@code network.json}. Refuses a directory holding a run of another config, and writes
     * nothing when the data or a java template's networks fail.
     */
    public void writePlan(Plan plan, Path dir) throws IOException {
        RunDirectory.check(dir, plan, RunOptions.Mode.AUTO);
        preload(plan);
        checkNetworks(plan);
        checkShapes(plan);
        Files.createDirectories(dir);
        Manifest.write(dir, Manifest.of(plan, trials, java.time.Instant.now(), null));
        for (Trial t : plan.trials()) {
            trials.writeFiles(dir, plan, t);
        }
    }

    /**
     * Runs one plan into {@code options.out()} (or a new timestamped directory) on the given engine
     * ({@code options.engine()} is not consulted).
     *
     * @throws StorageException when the file system fails (disk full, read-only, I/O error, permission): the run
     *                          stops at once, what was recorded is kept, and the message says how to go on
     */
    public RunResult run(Plan plan, Engine engine) throws IOException {
        return run(plan, options.out() != null ? options.out() : directoryFor(plan, options, false), engine);
    }

    private RunResult run(Plan plan, Path dir, Engine engine) throws IOException {
        RunDirectory.check(dir, plan, options.mode());
        preload(plan);
        checkNetworks(plan);
        checkShapes(plan);
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                stopped.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ablate4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RunObserver observer = new GuardedObserver(options.observer());
        AtomicBoolean endTold = new AtomicBoolean();
        AtomicReference<TrialResults> opened = new AtomicReference<>();
        // What could not be written once the trials are all recorded (null while training).
        AtomicReference<String> unwritten = new AtomicReference<>();
        try (RunDirectory rd = RunDirectory.open(dir, plan, options.mode(), trials)) {
            TrialResults results = TrialResults.open(dir, plan.axes(), belongs(plan));
            opened.set(results);
            tellQuarantined(plan, results.quarantined(), options.log());
            Set<String> finished = results.finished();
            List<Trial> pending = plan.trials().stream().filter(t -> !finished.contains(t.id())).toList();
            int skipped = plan.trials().size() - pending.size();
            options.log().printf("%s: %d trials (%s) → %s%s%n", plan.experiment().name(),
                    plan.trials().size(), plan.shape(), dir,
                    skipped > 0 ? " (resuming: " + skipped + " already done)" : "");
            dataLines(plan).forEach(line -> options.log().println(plan.experiment().name() + ": " + line));
            options.log().println(plan.experiment().name() + ": " + plan.baselineLine());
            observer.started(dir, plan, plan.trials().size(), skipped);
            Progress progress = new Progress(options.log(), options.progressBar(), plan.trials().size(), skipped);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger diverged = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger pruned = new AtomicInteger();
            // Only this JVM writes results, once per trial id: an engine that delivers a trial twice (a retried
            // Spark task) cannot duplicate rows.
            Set<String> recorded = ConcurrentHashMap.newKeySet();
            // Once a write has failed the run is stopping: outcomes that still arrive are not recorded.
            AtomicBoolean writeFailed = new AtomicBoolean();
            Engine.TrialSink sink = new Engine.TrialSink() {
                @Override
                public void started(Trial trial) {
                    observer.trialStarted(trial);
                }

                @Override
                public void finished(Trial trial, TrialOutcome outcome) throws IOException {
                    if (writeFailed.get()) {
                        return;
                    }
                    if (!recorded.add(trial.id())) {
                        LOG.debug("trial {} delivered twice; kept the first outcome", trial.id());
                        return;
                    }
                    try {
                        TrialRows.record(results, trial, outcome);
                    } catch (IOException e) {
                        writeFailed.set(true);
                        throw e;
                    }
                    (switch (outcome.status()) {
                        case OK -> ok;
                        case DIVERGED -> diverged;
                        case FAILED -> failed;
                        case PRUNED -> pruned;
                    }).incrementAndGet();
                    progress.finished(trial, outcome);
                    observer.trialFinished(trial, outcome.status());
                }

                @Override
                public void epoch(Trial trial, EpochMetrics m) {
                    progress.epoch(trial, m, trial.variant().config().training().epochs());
                    if (options.observer() != RunObserver.NONE) {
                        observer.epoch(trial, m.epoch(), TrialRows.epochCells(m));
                    }
                }
            };
            int planned = plan.trials().size();
            try {
                if (plan.experiment().sweep().race() != null) {
                    new Racing(plan, dir, results, engine, options.log()).run(cancelled, sink, writeFailed);
                } else {
                    engine.execute(plan, pending, dir, cancelled::get, sink);
                }
                if (plan.experiment().adaptive() != null) {
                    planned = looks(plan, dir, results, engine, cancelled, sink, progress, observer,
                            options.log(), writeFailed);
                }
            } finally {
                progress.end();
            }
            unwritten.set("the manifest could not be finished");
            if (Thread.currentThread().isInterrupted()) {
                cancelled.set(true);
            }
            boolean interrupted = cancelled.get();
            if (!interrupted) {
                rd.finish(plan);
            }
            if (options.report() && !interrupted) {
                unwritten.set("the report could not be written");
                Reporting.write(dir, options.log());
            }
            endTold.set(true);
            observer.ended(dir, interrupted);
            if (interrupted) {
                options.log().println("Stopped. " + results.finished().size() + " of " + planned
                        + " trials are recorded; run the same command again to resume.");
            }
            return new RunResult(dir, plan, ok.get(), diverged.get(), failed.get(), pruned.get(), skipped,
                    interrupted);
        } catch (IOException | UncheckedIOException | StorageException e) {
            RunDirectory.removeTemporaryFiles(dir);
            TrialResults results = opened.get();
            boolean resumable = Files.exists(dir.resolve(Manifest.FILE));
            String state = results != null
                    ? "The run stopped" + (unwritten.get() != null ? " after training" : "") + ": "
                    + results.finished().size() + " of " + plan.trials().size() + " trials are recorded and "
                    + "kept, no trial was recorded as failed for this, and no temporary file is left"
                    + (unwritten.get() != null ? "; " + unwritten.get() + "." : ".")
                    : "The run stopped before training" + (resumable ? "; the results already in " + dir
                    + " are as they were." : ".");
            throw StorageException.stopped(e, dir, state, resumable
                    ? "rerun with --resume:\n  " + command(plan, dir) + " --resume"
                    : "rerun:\n  " + command(plan, dir));
        } catch (ResultsException e) {
            throw new RunException(e.getMessage());
        } finally {
            if (!endTold.get()) {
                observer.ended(dir, true);
            }
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and has just been released.
            }
        }
    }

    /**
     * Adaptive seeds: after the initial trials, asks the report's {@link Looks} which seeds the undecided claims
     * and baseline comparisons need next, trains them, and asks again until a look adds none (or the run is
     * cancelled). Each look's trials are recorded before the next is decided, so a resumed run replays the same
     * looks from the recorded trials.
     *
     * @return the trials the looks planned in all
     */
    private static int looks(Plan plan, Path dir, TrialResults results, Engine engine, AtomicBoolean cancelled,
                             Engine.TrialSink sink, Progress progress, RunObserver observer, PrintStream log,
                             AtomicBoolean writeFailed)
            throws IOException {
        Map<String, List<Trial>> byVariantSeed = new HashMap<>();
        for (Trial t : plan.allTrials()) {
            byVariantSeed.computeIfAbsent(t.variant().id() + "\n" + t.seed(), k -> new ArrayList<>()).add(t);
        }
        List<Long> sequence = plan.experiment().allSeeds();
        int planned = plan.trials().size();
        int look = 1;
        while (!cancelled.get() && !writeFailed.get()) {
            Map<String, Integer> next;
            try {
                next = Looks.next(dir);
            } catch (ReportException e) {
                throw new RunException(dir + ": the adaptive seeds cannot be decided: " + e.getMessage());
            }
            if (next.isEmpty()) {
                break;
            }
            Set<String> finished = results.finished();
            List<Trial> wanted = new ArrayList<>();
            Map<String, Integer> grownTo = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : next.entrySet()) {
                for (long seed : sequence.subList(0, Math.min(e.getValue(), sequence.size()))) {
                    for (Trial t : byVariantSeed.getOrDefault(e.getKey() + "\n" + seed, List.of())) {
                        if (!finished.contains(t.id())) {
                            wanted.add(t);
                            grownTo.put(e.getKey(), e.getValue());
                        }
                    }
                }
            }
            if (wanted.isEmpty()) {
                // The replay goes as far as the recorded trials allow, so this means rows the report cannot use
                // (e.g. damaged): stop here rather than ask again forever.
                log.printf("%s: the next look's trials are all recorded but not readable; stopping the looks%n",
                        plan.experiment().name());
                break;
            }
            look++;
            planned += wanted.size();
            progress.add(wanted.size());
            observer.planned(planned);
            log.printf("%s: look %d: %d undecided variant(s) get more seeds (%s): %d trial(s)%n",
                    plan.experiment().name(), look, grownTo.size(), describe(plan, grownTo), wanted.size());
            engine.execute(plan, wanted, dir, cancelled::get, sink);
            Set<String> recorded = results.finished();
            if (wanted.stream().noneMatch(t -> recorded.contains(t.id()))) {
                break;
            }
        }
        return planned;
    }

    private static String describe(Plan plan, Map<String, Integer> seeds) {
        List<String> parts = new ArrayList<>();
        seeds.forEach((id, n) -> parts.add(plan.variants().stream().filter(v -> v.id().equals(id)).findFirst()
                .map(v -> v.axisValues().toString()).orElse(id) + " → " + n));
        return parts.size() > 4 ? String.join(", ", parts.subList(0, 4)) + ", …" : String.join(", ", parts);
    }

    /** A row belongs to the run when its trial id, variant id and seed are those of a planned trial. */
    private static ResultsCheck.Membership belongs(Plan plan) {
        Map<String, Trial> byId = new HashMap<>();
        plan.allTrials().forEach(t -> byId.put(t.id(), t));
        return (trialId, variantId, seed) -> {
            Trial t = byId.get(trialId);
            return t != null && t.variant().id().equals(variantId) && Long.toString(t.seed()).equals(seed);
        };
    }

    /** Says which rows opening the directory moved to damaged.csv, and which trials are trained again. */
    private static void tellQuarantined(Plan plan, List<Damaged> moved, PrintStream log) {
        if (moved.isEmpty()) {
            return;
        }
        String name = plan.experiment().name();
        int shown = 0;
        int withTrials = 0;
        Set<String> retrained = new LinkedHashSet<>();
        for (Damaged d : moved) {
            if (d.kind() == Damaged.Kind.WITH_TRIAL) {
                withTrials++;
            } else if (shown++ < 20) {
                log.printf("%s: %s: %s row moved to %s: %s%n", name, d.where(),
                        d.kind() == Damaged.Kind.FOREIGN ? "foreign" : d.kind() == Damaged.Kind.INCOMPLETE
                                ? "incomplete" : "damaged", Quarantine.FILE, d.reason());
            }
            if (d.kind() != Damaged.Kind.FOREIGN && !d.trialId().isEmpty()
                    && plan.allTrials().stream().anyMatch(t -> t.id().equals(d.trialId()))) {
                retrained.add(d.trialId());
            }
        }
        if (shown > 20) {
            log.printf("%s: ... and %d more%n", name, shown - 20);
        }
        if (withTrials > 0) {
            log.printf("%s: %d more row(s) of the same trials moved with them%n", name, withTrials);
        }
        if (!retrained.isEmpty()) {
            log.printf("%s: %d trial(s) counted as not done, to be trained again: %s%n", name, retrained.size(),
                    String.join(", ", retrained));
        }
    }

    /** The command that runs this plan in {@code dir}. */
    static String command(Plan plan, Path dir) {
        return "ablate4j run " + shellWord(plan.experiment().source()) + " --out " + shellWord(dir.toString());
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Loads every dataset the plan needs, so that a bad data file fails the run before anything is written. */
    void preload(Plan plan) {
        Set<DatasetConfig> datasets = new LinkedHashSet<>();
        plan.variants().forEach(v -> datasets.add(v.config().dataset()));
        for (DatasetConfig d : datasets) {
            try {
                if (d.folds() == 0) {
                    trials.data().load(d);
                }
                for (int fold = 0; fold < d.folds(); fold++) {
                    trials.data().load(d, fold);
                }
            } catch (DataException e) {
                throw located(plan, e);
            }
        }
    }

    /**
     * A data error located in the config: at the key that leads to it or fixes it ({@code x.yaml:5:
     * dataset.csv.trainFile = data.csv: /abs/data.csv: line 7, column 3 ("b"): …}), else at the dataset.
     */
    static DataException located(Plan plan, DataException e) {
        var raw = plan.experiment().raw();
        String key = e.key();
        String at = key != null ? raw.message(key, raw.get(key) instanceof java.util.Map<?, ?>
                || raw.get(key) instanceof List<?> ? null : raw.get(key), e.getMessage())
                : plan.experiment().source() + ": dataset: " + e.getMessage();
        return new DataException(key, at, e);
    }

    static Path directoryFor(Plan plan, RunOptions options, boolean several) {
        if (options.out() != null) {
            return several ? options.out().resolve(plan.experiment().name()) : options.out();
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("results", "runs", plan.experiment().name() + "-" + stamp);
    }
}
