package io.ablate4j.serve;

import io.ablate4j.results.TrialStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run in this JVM is doing that its directory does not say yet: which trials are training, their epochs so
 * far (a trial's rows are written when it finishes), the trials planned (adaptive looks add some) and whether the run
 * has ended. Fed by the run's observer ({@code run.RunObserver}, wired by {@code run --serve}), read by the page.
 *
 * <p>Every method takes one short lock and returns: the trial threads that call it never wait on a page. A
 * finished trial's epochs are kept until the page has read its rows from the directory ({@link #forget}), so that
 * a curve never loses points between the two.
 */
public final class Live {
    /**
     * One trial of this run as the observer saw it.
     *
     * @param epochs epoch number → its {@code epochs.csv} cells by column
     * @param status null while it trains
     */
    public record Trial(String id, String variantId, long seed, Map<Integer, Map<String, Double>> epochs,
                        TrialStatus status) {
        public Trial {
            epochs = Map.copyOf(epochs);
        }

        public boolean running() {
            return status == null;
        }
    }

    /**
     * The state at one moment.
     *
     * @param version         changes whenever anything else does
     * @param dir             the run directory (null before the run starts)
     * @param planned         trials planned in all
     * @param recordedAtStart trials the directory held when the run started (a resumed run)
     * @param finishedHere    trials this run finished since it started
     * @param seconds         since the run started
     * @param trials          the trials that train, and those that finished but may not be read from the directory
     * @param ended           the run of {@code dir} ended
     * @param interrupted     ... stopped early (Ctrl-C, the file system)
     * @param over            no run follows: the command is done
     * @param startsSeen      whether the engine reports trials as they start (Spark's does not: then which trials
     *                        train is unknown)
     */
    public record Snapshot(long version, Path dir, int planned, int recordedAtStart, int finishedHere,
                           double seconds, List<Trial> trials, boolean ended, boolean interrupted, boolean over,
                           boolean startsSeen) {
        public Snapshot {
            trials = List.copyOf(trials);
        }

        public int running() {
            return (int) trials.stream().filter(Trial::running).count();
        }
    }

    private static final class Mutable {
        final String id;
        final String variantId;
        final long seed;
        final TreeMap<Integer, Map<String, Double>> epochs = new TreeMap<>();
        TrialStatus status;

        Mutable(String id, String variantId, long seed) {
            this.id = id;
            this.variantId = variantId;
            this.seed = seed;
        }
    }

    private long version;
    private Path dir;
    private int planned;
    private int recordedAtStart;
    private int finishedHere;
    private long start = System.nanoTime();
    private final Map<String, Mutable> trials = new LinkedHashMap<>();
    private boolean ended;
    private boolean interrupted;
    private boolean over;
    private boolean startsSeen;

    /** A run starts in {@code dir}: {@code planned} trials, {@code recorded} of them already in the directory. */
    public synchronized void started(Path dir, int planned, int recorded) {
        this.dir = dir;
        this.planned = planned;
        this.recordedAtStart = recorded;
        this.finishedHere = 0;
        this.start = System.nanoTime();
        this.trials.clear();
        this.ended = false;
        this.interrupted = false;
        version++;
    }

    /** The trials planned in all (adaptive seeds' next look). */
    public synchronized void planned(int total) {
        planned = total;
        version++;
    }

    public synchronized void trialStarted(String id, String variantId, long seed) {
        startsSeen = true;
        trials.put(id, new Mutable(id, variantId, seed));
        version++;
    }

    /** An epoch of a running trial: its {@code epochs.csv} cells by column. */
    public synchronized void epoch(String id, String variantId, long seed, int epoch, Map<String, Double> cells) {
        trials.computeIfAbsent(id, k -> new Mutable(id, variantId, seed)).epochs.put(epoch, Map.copyOf(cells));
        version++;
    }

    /** A trial's rows are written. */
    public synchronized void trialFinished(String id, String variantId, long seed, TrialStatus status) {
        trials.computeIfAbsent(id, k -> new Mutable(id, variantId, seed)).status = status;
        finishedHere++;
        version++;
    }

    /** The run of {@code dir} ended (its report written), or stopped early. */
    public synchronized void ended(Path dir, boolean interrupted) {
        if (this.dir == null || this.dir.equals(dir)) {
            this.ended = true;
            this.interrupted = interrupted;
            trials.values().removeIf(Live::running);
            version++;
        }
    }

    /** No run follows: the command is done (the page may turn into the report). */
    public synchronized void over() {
        over = true;
        version++;
    }

    /**
     * The page has read these trials' rows from the directory: their epochs are no longer needed here. What the page
     * shows does not change (the directory says the same), so neither does the version.
     */
    public synchronized void forget(Collection<String> recorded) {
        for (String id : recorded) {
            Mutable m = trials.get(id);
            if (m != null && m.status != null) {
                trials.remove(id);
            }
        }
    }

    public synchronized Snapshot snapshot() {
        List<Trial> copy = new ArrayList<>();
        for (Mutable m : trials.values()) {
            copy.add(new Trial(m.id, m.variantId, m.seed, m.epochs, m.status));
        }
        return new Snapshot(version, dir, planned, recordedAtStart, finishedHere, (System.nanoTime() - start) / 1e9,
                copy, ended, interrupted, over, startsSeen);
    }

    private static boolean running(Mutable m) {
        return m.status == null;
    }
}
