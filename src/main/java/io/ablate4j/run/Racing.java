package io.ablate4j.run;

import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.RaceConfig;
import io.ablate4j.report.stats.Race;
import io.ablate4j.results.Cells;
import io.ablate4j.results.RaceFile;
import io.ablate4j.results.TrialResults;
import io.ablate4j.results.TrialStatus;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import io.ablate4j.sweep.Variant;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a race ({@code sweep.race}): leg by leg, the surviving variants' trials train to the next rung (from their
 * checkpoints) on the run's engine ({@link Engine#executeLegs}: a pool of threads, or one Spark job per leg whose
 * tasks get and return checkpoints as bytes), {@link Race} decides who leaves, the decision goes to
 * {@code race.csv}, the leavers' trials are recorded as {@code pruned} and their checkpoints removed; the last
 * survivors train to {@code training.epochs} and are recorded as usual. Checkpoints are written and read here, on the
 * driver, never by the engine. Everything a decision needs is on disk before the next leg starts (race.csv,
 * checkpoints, rows), so an interrupted race resumes at the leg it was in.
 */
final class Racing {
    /** How many variants the console ranks at the end. */
    static final int TOP = 5;

    private final Plan plan;
    private final Path dir;
    private final TrialResults results;
    private final Engine engine;
    private final PrintStream log;
    private final RaceConfig race;
    private final Race.Design design;
    private final boolean higherBetter;
    private final List<List<String>> rows = new ArrayList<>();

    /** A race of {@code plan} in {@code dir}, each leg trained by {@code engine} ({@link Engine#executeLegs}). */
    Racing(Plan plan, Path dir, TrialResults results, Engine engine, PrintStream log) {
        this.plan = plan;
        this.dir = dir;
        this.results = results;
        this.engine = engine;
        this.log = log;
        this.race = plan.experiment().sweep().race();
        this.design = design(plan);
        this.higherBetter = plan.experiment().base().dataset().task() != Task.REGRESSION;
    }

    /** The race of {@code plan} as {@link Race} decides it (the plan must have one). */
    static Race.Design design(Plan plan) {
        RaceConfig race = plan.experiment().sweep().race();
        return new Race.Design(race.rule(), race.alpha(), race.eta(), plan.variants().size(), race.rungs().size());
    }

    /**
     * Runs the race's remaining legs.
     *
     * @return whether it ran to the end (false: cancelled, or a write failed)
     */
    boolean run(AtomicBoolean cancelled, Engine.TrialSink sink, AtomicBoolean writeFailed) throws IOException {
        Set<String> left = new LinkedHashSet<>();
        int decided = 0;
        for (Map<String, String> r : RaceFile.read(dir)) {
            rows.add(new ArrayList<>(r.values()));
            decided = Math.max(decided, Integer.parseInt(r.get("rung")));
            Race.Outcome o = Race.Outcome.parse(r.get("outcome"));
            if (o != null && o != Race.Outcome.STAYS && o != Race.Outcome.FINISHED) {
                left.add(r.get("variant_id"));
            }
        }
        int legs = race.rungs().size() + 1;
        if (decided >= legs) {
            return true;
        }
        if (decided > 0) {
            log.printf("%s: race: resuming after rung %d (%d variant(s) left the race so far)%n",
                    plan.experiment().name(), decided, left.size());
        }
        Map<String, Checkpoint> state = new ConcurrentHashMap<>();
        settle(left, sink);
        for (int leg = decided + 1; leg <= legs; leg++) {
            boolean last = leg == legs;
            List<Variant> alive = plan.variants().stream().filter(v -> !left.contains(v.id())).toList();
            Set<String> finished = results.finished();
            List<Engine.Leg> pending = new ArrayList<>();
            for (Trial t : trialsOf(alive)) {
                if (finished.contains(t.id())) {
                    Checkpoints.delete(dir, t.id());
                    continue;
                }
                Checkpoint c = state.containsKey(t.id()) ? state.get(t.id()) : read(t);
                if (c != null && (c.ended() != null || c.epochsDone() >= target(t, leg))) {
                    state.put(t.id(), c);
                } else {
                    pending.add(new Engine.Leg(t, c, target(t, leg)));
                }
            }
            log.printf("%s: race: leg %d of %d: %d variant(s) to epoch %s, %d trial(s) to train%n",
                    plan.experiment().name(), leg, legs, alive.size(), last ? "training.epochs"
                            : Integer.toString(race.rungs().get(leg - 1)), pending.size());
            engine.executeLegs(plan, pending, dir, cancelled::get, new Engine.LegSink() {
                @Override
                public void started(Trial trial) {
                    sink.started(trial);
                }

                @Override
                public void finished(Trial trial, Trainer.LegResult r) throws IOException {
                    if (r.paused() != null) {
                        save(trial, r.paused());
                        state.put(trial.id(), r.paused());
                        return;
                    }
                    TrialOutcome o = r.outcome();
                    if (o.status() == TrialStatus.OK && !last) {
                        // ended early before the rung: recorded when the race is over, with the other survivors
                        Checkpoint ended = Checkpoint.ended(o);
                        save(trial, ended);
                        state.put(trial.id(), ended);
                        return;
                    }
                    sink.finished(trial, o);
                }

                @Override
                public void epoch(Trial trial, EpochMetrics metrics) {
                    sink.epoch(trial, metrics);
                }
            });
            // An engine whose thread was interrupted returns early too: the leg is not complete, decide nothing
            if (cancelled.get() || writeFailed.get() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            Set<String> recorded = results.finished();
            for (Trial t : trialsOf(alive)) {
                if (recorded.contains(t.id())) {
                    Checkpoints.delete(dir, t.id());
                    state.remove(t.id());
                }
            }
            if (last) {
                finish(alive, recorded, state, sink);
                return true;
            }
            if (!decide(leg, alive, left, state, sink)) {
                return false;
            }
        }
        return true;
    }

    /** The epoch trial {@code t} trains to in leg {@code leg}: a rung, or its own training.epochs at the last. */
    private int target(Trial t, int leg) {
        return leg <= race.rungs().size() ? race.rungs().get(leg - 1) : t.variant().config().training().epochs();
    }

    private List<Trial> trialsOf(List<Variant> variants) {
        Set<String> ids = new LinkedHashSet<>();
        variants.forEach(v -> ids.add(v.id()));
        return plan.trials().stream().filter(t -> ids.contains(t.variant().id())).toList();
    }

    private void save(Trial trial, Checkpoint c) {
        try {
            Checkpoints.write(dir, trial.id(), c);
        } catch (IOException e) {
            throw new StorageException(e);
        }
    }

    /** The trial's checkpoint, verified; a damaged one is deleted (the trial then starts over, to the same result). */
    private Checkpoint read(Trial t) throws IOException {
        try {
            return Checkpoints.read(dir, t.id());
        } catch (Checkpoints.Damaged e) {
            log.printf("%s: %s: damaged checkpoint (%s); deleted, trial %s trains again from the start%n",
                    plan.experiment().name(), Checkpoints.file(dir, t.id()), e.getMessage(), t.id());
            Checkpoints.delete(dir, t.id());
            return null;
        }
    }

    /**
     * A resumed race: trials of variants that left but were not yet recorded (the run stopped between race.csv and
     * their rows) are recorded as pruned from their checkpoints.
     */
    private void settle(Set<String> left, Engine.TrialSink sink) throws IOException {
        Set<String> finished = results.finished();
        for (Trial t : plan.trials()) {
            if (!left.contains(t.variant().id())) {
                continue;
            }
            if (!finished.contains(t.id())) {
                String why = rows.stream().filter(r -> r.get(2).equals(t.variant().id()))
                        .map(r -> reason(r.get(9), Integer.parseInt(r.get(0)), Integer.parseInt(r.get(1)), r.get(6),
                                r.get(7))).findFirst().orElse("left the race");
                sink.finished(t, pruned(read(t), why));
            }
            Checkpoints.delete(dir, t.id());
        }
    }

    /** Decides a rung; records the leavers as pruned. Returns false when the scores are not all there. */
    private boolean decide(int leg, List<Variant> alive, Set<String> left, Map<String, Checkpoint> state,
                           Engine.TrialSink sink) throws IOException {
        int epoch = race.rungs().get(leg - 1);
        Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
        Map<String, Race.Outcome> broken = new HashMap<>();
        Map<String, TrialStatus> statuses = new HashMap<>();
        trialRows().forEach(r -> statuses.put(r.trialId(), r.status()));
        for (Variant v : alive) {
            Map<Long, List<Double>> bySeed = new LinkedHashMap<>();
            for (Trial t : trialsOf(List.of(v))) {
                TrialStatus s = statuses.get(t.id());
                if (s == TrialStatus.DIVERGED || s == TrialStatus.FAILED) {
                    broken.put(v.id(), s == TrialStatus.DIVERGED ? Race.Outcome.DIVERGED : Race.Outcome.FAILED);
                    continue;
                }
                Checkpoint c = state.get(t.id());
                if (c == null) {
                    log.printf("%s: race: trial %s has no score at epoch %d; the race stops here%n",
                            plan.experiment().name(), t.id(), epoch);
                    return false;
                }
                bySeed.computeIfAbsent(t.seed(), k -> new ArrayList<>()).add(score(c.epochs(), epoch));
            }
            Map<Long, Double> means = new LinkedHashMap<>();
            bySeed.forEach((seed, xs) -> means.put(seed, xs.stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN)));
            scores.put(v.id(), means);
        }
        Race.Rung rung = Race.decide(design, leg, epoch, scores, higherBetter, broken);
        for (Race.Standing s : rung.standings()) {
            rows.add(row(rung, s));
        }
        RaceFile.write(dir, rows);
        int leaving = 0;
        for (Race.Standing s : rung.standings()) {
            if (!s.leaves()) {
                continue;
            }
            leaving++;
            left.add(s.variant());
            String why = reason(s.outcome().csvName(), leg, epoch, Cells.probability(s.p()),
                    Cells.probability(rung.level()));
            for (Trial t : trialsOf(plan.variants().stream().filter(v -> v.id().equals(s.variant())).toList())) {
                if (!results.finished().contains(t.id())) {
                    sink.finished(t, pruned(state.get(t.id()), why));
                }
                Checkpoints.delete(dir, t.id());
                state.remove(t.id());
            }
        }
        log.printf("%s: race: rung %d (epoch %d): %d of %d variant(s) left the race, %d go on; leader %s%n",
                plan.experiment().name(), leg, epoch, leaving, alive.size(), alive.size() - leaving,
                label(rung.leader()));
        return true;
    }

    /** The last leg's survivors: their final scores in race.csv, and the top of them on the console. */
    private void finish(List<Variant> alive, Set<String> recorded, Map<String, Checkpoint> state,
                        Engine.TrialSink sink) throws IOException {
        Map<String, Double> finalScores = new LinkedHashMap<>();
        Map<String, Integer> seeds = new LinkedHashMap<>();
        for (Variant v : alive) {
            Map<Long, List<Double>> bySeed = new LinkedHashMap<>();
            for (Trial t : trialsOf(List.of(v))) {
                Checkpoint c = state.get(t.id());
                if (c != null && c.ended() != null && !recorded.contains(t.id())) {
                    sink.finished(t, c.ended()); // ended early in an earlier leg: recorded now that the race is over
                    Checkpoints.delete(dir, t.id());
                }
            }
            for (io.ablate4j.report.read.TrialRow r : trialRows()) {
                if (r.variantId().equals(v.id()) && r.ok()) {
                    bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r.metric(higherBetter ? "val_acc"
                            : "val_rmse"));
                }
            }
            double mean = bySeed.values().stream().mapToDouble(xs -> xs.stream().mapToDouble(Double::doubleValue)
                    .average().orElse(Double.NaN)).filter(Double::isFinite).average().orElse(Double.NaN);
            finalScores.put(v.id(), mean);
            seeds.put(v.id(), bySeed.size());
        }
        int epochsAll = alive.stream().mapToInt(v -> v.config().training().epochs()).max().orElse(0);
        for (Variant v : alive) {
            rows.add(List.of(Integer.toString(race.rungs().size() + 1), Integer.toString(v.config().training().epochs()),
                    v.id(), Integer.toString(seeds.get(v.id())), Cells.metric(finalScores.get(v.id())), "", "", "",
                    "", Race.Outcome.FINISHED.csvName()));
        }
        RaceFile.write(dir, rows);
        double sign = higherBetter ? 1 : -1;
        List<Variant> ranked = new ArrayList<>(alive);
        ranked.sort(Comparator.comparingDouble((Variant v) -> Double.isNaN(finalScores.get(v.id()))
                ? Double.NEGATIVE_INFINITY : sign * finalScores.get(v.id())).reversed());
        log.printf("%s: race over: %d of %d variant(s) trained to epoch %d; top %d by mean validation %s:%n",
                plan.experiment().name(), alive.size(), plan.variants().size(), epochsAll,
                Math.min(TOP, ranked.size()), higherBetter ? "accuracy" : "RMSE");
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            Variant v = ranked.get(i);
            log.printf("  %d. %s  %s (%d seeds)%n", i + 1, String.format(Locale.ROOT, higherBetter ? "%.4f" : "%.4g",
                    finalScores.get(v.id())), v.axisValues(), seeds.get(v.id()));
        }
        log.printf("%s: statistics and claims use the %d variant(s) that finished the race; the %d that left are "
                + "in race.csv and trials.csv (status pruned)%n", plan.experiment().name(), alive.size(),
                plan.variants().size() - alive.size());
    }

    private List<io.ablate4j.report.read.TrialRow> trialRows() throws IOException {
        try {
            return io.ablate4j.report.read.RunReader.read(dir).trials();
        } catch (io.ablate4j.report.read.ReportException e) {
            throw new RunException(dir + ": the race's results cannot be read: " + e.getMessage());
        }
    }

    /** A trial that left the race: its epochs so far, its best one of them, and why it left. */
    private static TrialOutcome pruned(Checkpoint c, String why) {
        if (c == null) {
            return new TrialOutcome(TrialStatus.PRUNED, List.of(), 0, Double.NaN, Double.NaN, why
                    + " (its checkpoint was lost: no metrics)", Double.NaN);
        }
        List<EpochMetrics> epochs = c.epochs();
        int best = c.ended() != null ? c.ended().bestEpoch() : c.bestEpoch();
        double rate = c.ended() != null ? c.ended().samplesPerSecond()
                : c.fitSeconds() > 0 ? c.fitted() / c.fitSeconds() : Double.NaN;
        return new TrialOutcome(TrialStatus.PRUNED, epochs, best, c.elapsedSeconds(), rate, why, c.setupSeconds(),
                c.diagnostics());
    }

    /** The error column of a pruned trial: the rung it reached and why it left. */
    private static String reason(String outcome, int rung, int epoch, String p, String level) {
        String at = "left the race at rung " + rung + " (epoch " + epoch + "): ";
        Race.Outcome o = Race.Outcome.parse(outcome);
        return at + (o == null ? outcome : switch (o) {
            case WORSE -> "worse than the leader (paired t, p = " + p + " < " + level + ")";
            case NOT_TOP -> "not among the best 1/eta";
            case DIVERGED -> "a trial of the variant diverged";
            case FAILED -> "a trial of the variant failed";
            default -> outcome;
        });
    }

    private List<String> row(Race.Rung rung, Race.Standing s) {
        return List.of(Integer.toString(rung.number()), Integer.toString(rung.epoch()), s.variant(),
                Integer.toString(s.seeds()), Cells.metric(s.mean()), Cells.metric(s.behind()),
                Cells.probability(s.p()), Cells.probability(rung.level()), rung.leader() == null ? "" : rung.leader(), s.outcome().csvName());
    }

    private String label(String variantId) {
        return plan.variants().stream().filter(v -> v.id().equals(variantId)).findFirst()
                .map(v -> v.axisValues().toString()).orElse("none");
    }

    private double score(List<EpochMetrics> epochs, int rung) {
        double[] loss = epochs.stream().mapToDouble(m -> m.val().loss()).toArray();
        double[] score = epochs.stream().mapToDouble(m -> higherBetter ? m.val().acc() : m.val().rmse()).toArray();
        return Race.scoreAt(loss, score, rung);
    }
}
