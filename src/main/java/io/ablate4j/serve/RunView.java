package io.ablate4j.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ablate4j.report.Preview;
import io.ablate4j.report.Report;
import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.RunReader;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Curves;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.results.Damaged;
import io.ablate4j.results.ManifestKeys;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run as the live page shows it: the run directory read by the report's own reader and statistics
 * ({@link Looks#read}, {@link Preview}, {@link Curves}), completed by what a run in this JVM has not written yet
 * ({@link Live}: trials in training and their epochs), as one JSON document.
 *
 * <p>Reading costs little and happens rarely: the directory is read again only when one of its files changed, at
 * most once a second and with at most 2% of one core (a read that took 20 ms of CPU waits a second, one that took a
 * second waits fifty), on the thread of the request that finds it stale while the others answer from the last read. Reading while
 * a run appends is safe: rows are whole and checksummed, and a read that met a damaged row while a file changed under
 * it is read again, so that a row being written is not shown as damaged.
 *
 * <p>Only the run directory's own files are read: one of them that is a link leading out of the directory stops the
 * reading (the page says which), and the report is served only when it lies inside.
 */
final class RunView {
    private static final Logger LOG = LoggerFactory.getLogger(RunView.class);
    /** The files a read depends on: when none changed, the last read stands. */
    static final List<String> FILES = List.of(ManifestKeys.FILE, ResultsCheck.TRIALS, ResultsCheck.EPOCHS,
            ResultsCheck.DIAGNOSTICS, Quarantine.FILE, Report.HTML);
    /** Variants with learning curves on the page, at most (the baseline first, then in the manifest's order). */
    static final int MAX_CURVES = 24;
    private static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A read may take this fraction of the time: 1/50 = 2%. */
    private static final int COST_FACTOR = 50;
    private static final long FINGERPRINT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int READ_TRIES = 3;
    private static final long MAX_REPORT_BYTES = 256L << 20;

    /** The directory as last read. */
    /**
     * The directory as read; {@code cost} is the CPU time the read took.
     *
     * @param afterEnd whether the run of this JVM had ended when it was read (the first read after the end is not
     *                 held back by the rate, so that the page shows the end at once)
     */
    private record Read(Path dir, String files, long number, String status, String message, Manifest manifest,
                        RunData run, Preview.Result preview, boolean reportReady, long at, long cost,
                        boolean afterEnd) {
    }

    private final Path fixedDir;
    private final Live live;
    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Read last;
    private volatile String lastFiles = "";
    private volatile long lastFilesAt;
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    private String cachedVersion;
    private byte[] cachedState;

    /** The page of {@code ablate4j serve RUN_DIR}: the directory alone. */
    RunView(Path dir) {
        this.fixedDir = dir;
        this.live = null;
    }

    /** The page of {@code run --serve}: the directory of the run {@code live} follows, and what it has not written. */
    RunView(Live live) {
        this.fixedDir = null;
        this.live = live;
    }

    /** The directory shown now; null while the run has not started. */
    Path dir() {
        return live != null ? live.snapshot().dir() : fixedDir;
    }

    /** The state as JSON bytes, or null when it is still the one the page has ({@code since}, its version). */
    byte[] state(String since) throws IOException {
        Live.Snapshot before = live == null ? null : live.snapshot();
        Path dir = before != null ? before.dir() : fixedDir;
        Read read = refresh(dir, before != null && before.ended());
        synchronized (this) {
            Live.Snapshot now = live == null ? null : live.snapshot();
            String version = (read == null ? "0" : Long.toString(read.number())) + "-"
                    + (now == null ? "0" : Long.toString(now.version()));
            if (version.equals(since)) {
                return null;
            }
            if (!version.equals(cachedVersion)) {
                cachedState = json.writeValueAsBytes(document(version, dir, read, now));
                cachedVersion = version;
            }
            return cachedState;
        }
    }

    /** Whether the state is final: the run ended (and no other follows) and nothing will change. */
    boolean finished() {
        Read read = last;
        Live.Snapshot now = live == null ? null : live.snapshot();
        return finalState(read, now);
    }

    /**
     * The report to serve: the run's {@code report.html}, when the run has finished and the file is a regular file
     * inside the run directory; empty otherwise.
     */
    Optional<byte[]> report() throws IOException {
        Read read = last;
        if (read == null || !read.reportReady() || !finalOrFinished(read)) {
            return Optional.empty();
        }
        Path file = read.dir().resolve(Report.HTML);
        if (!inside(read.dir(), file) || !Files.isRegularFile(file) || Files.size(file) > MAX_REPORT_BYTES) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    private boolean finalOrFinished(Read read) {
        Live.Snapshot now = live == null ? null : live.snapshot();
        return status(read, now).equals("finished");
    }

    // ---- reading the directory ----

    /** The last read, or a new one when a file changed and the rate allows. */
    private Read refresh(Path dir, boolean ended) {
        Read read = last;
        if (dir == null) {
            return null;
        }
        long now = System.nanoTime();
        boolean sameDir = read != null && read.dir().equals(dir);
        boolean endUnread = ended && sameDir && !read.afterEnd();
        if (sameDir && !endUnread && now - read.at() < Math.max(MIN_INTERVAL_NANOS, COST_FACTOR * read.cost())) {
            return read;
        }
        String files = sameDir && now - lastFilesAt < FINGERPRINT_NANOS ? lastFiles : fingerprint(dir);
        lastFiles = files;
        lastFilesAt = now;
        if (sameDir && !endUnread && files.equals(read.files())) {
            return read;
        }
        if (!reading.tryLock()) {
            return read != null && sameDir ? read : null;
        }
        try {
            Read fresh = read(dir, files, ended);
            last = fresh;
            return fresh;
        } finally {
            reading.unlock();
        }
    }

    /**
     * This thread's CPU time, the cost a read is charged: the time taken from training (waiting for a core on a busy
     * machine is not), or wall time where the JVM cannot tell.
     */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Sizes and modification times of {@link #FILES}: what a change of the directory shows in. */
    static String fingerprint(Path dir) {
        StringBuilder b = new StringBuilder();
        for (String f : FILES) {
            try {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(f), BasicFileAttributes.class);
                b.append(a.size()).append('@').append(a.lastModifiedTime().toMillis()).append(';');
            } catch (IOException e) {
                b.append("-;");
            }
        }
        return b.toString();
    }

    private Read read(Path dir, String files, boolean ended) {
        long start = cpuNanos();
        long number = reads.incrementAndGet();
        try {
            String out = linkOut(dir);
            if (out != null) {
                return failed(dir, files, number, start, ended, out + " is a link that leads out of the run "
                        + "directory; the page reads nothing outside it");
            }
            if (!Files.isRegularFile(dir.resolve(ManifestKeys.FILE))) {
                return new Read(dir, files, number, "waiting", "The run has not written " + ManifestKeys.FILE
                        + " yet.", null, null, null, false, System.nanoTime(), cpuNanos() - start, ended);
            }
            if (!Files.isRegularFile(dir.resolve(ResultsCheck.TRIALS))) {
                Manifest m = RunReader.manifest(dir);
                return new Read(dir, files, number, "read", null, m, null, null, false, System.nanoTime(),
                        cpuNanos() - start, ended);
            }
            Looks.Replayed replayed = null;
            String before = files;
            for (int attempt = 1; attempt <= READ_TRIES; attempt++) {
                replayed = Looks.read(dir);
                String after = fingerprint(dir);
                boolean damaged = replayed.run().damaged().stream().anyMatch(d -> d.kind() == Damaged.Kind.DAMAGED);
                if (!damaged || after.equals(before) || attempt == READ_TRIES) {
                    break;
                }
                before = after; // a row was being appended as it was read: read again
                Thread.sleep(50);
            }
            RunData run = replayed.run();
            // Nothing recorded, nothing to say: the statistics wait for the first trial.
            Preview.Result preview = run.trials().isEmpty() ? null : Preview.of(replayed);
            return new Read(dir, before, number, "read", null, run.manifest(), run, preview,
                    reportReady(dir, run.manifest()), System.nanoTime(), cpuNanos() - start, ended);
        } catch (ReportException e) {
            return failed(dir, files, number, start, ended, e.getMessage());
        } catch (NoSuchFileException e) {
            return failed(dir, files, number, start, ended, "a file went away while it was read: " + e.getFile());
        } catch (IOException | UncheckedIOException e) {
            return failed(dir, files, number, start, ended, "the run directory could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(dir, files, number, start, ended, "interrupted");
        } catch (RuntimeException e) {
            LOG.debug("reading {} for the live page failed", dir, e);
            return failed(dir, files, number, start, ended, "the run directory could not be read: " + e);
        }
    }

    private Read failed(Path dir, String files, long number, long start, boolean ended, String message) {
        Read previous = last;
        // Keep what the last good read showed of this directory, with the message.
        if (previous != null && previous.dir().equals(dir) && previous.manifest() != null) {
            return new Read(dir, files, number, "error", message, previous.manifest(), previous.run(),
                    previous.preview(), false, System.nanoTime(), cpuNanos() - start, ended);
        }
        return new Read(dir, files, number, "error", message, null, null, null, false, System.nanoTime(),
                cpuNanos() - start, ended);
    }

    /** The first of {@link #FILES} that exists and leads out of {@code dir}; null when none does. */
    private static String linkOut(Path dir) throws IOException {
        for (String f : FILES) {
            Path p = dir.resolve(f);
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !inside(dir, p)) {
                return f;
            }
        }
        return null;
    }

    /** Whether {@code file}, links followed, lies inside {@code dir} (links followed too). */
    static boolean inside(Path dir, Path file) throws IOException {
        try {
            return file.toRealPath().startsWith(dir.toRealPath());
        } catch (NoSuchFileException e) {
            return false; // a dangling link: it leads nowhere inside
        }
    }

    /** A report written after the run finished (an older one may be a partial run's). */
    private static boolean reportReady(Path dir, Manifest m) throws IOException {
        Path report = dir.resolve(Report.HTML);
        if (m.finishedAt() == null || !Files.isRegularFile(report)) {
            return false;
        }
        FileTime written = Files.getLastModifiedTime(report);
        return written.compareTo(Files.getLastModifiedTime(dir.resolve(ManifestKeys.FILE))) >= 0;
    }

    // ---- the document ----

    private static boolean attached(Path dir, Live.Snapshot now) {
        return now != null && dir != null && dir.equals(now.dir());
    }

    /** waiting, training, unfinished (a directory not finished, not this JVM's run), finished, stopped, error. */
    private static String status(Read read, Live.Snapshot now) {
        if (read == null) {
            return "waiting";
        }
        if (attached(read.dir(), now)) {
            if (now.ended()) {
                return now.interrupted() ? "stopped" : "finished";
            }
            return read.status().equals("error") ? "error" : "training";
        }
        if (!read.status().equals("read")) {
            return read.status();
        }
        return read.manifest().finishedAt() != null ? "finished" : "unfinished";
    }

    private static boolean finalState(Read read, Live.Snapshot now) {
        String s = status(read, now);
        if (now != null) {
            return now.over() && (s.equals("finished") || s.equals("stopped"));
        }
        return s.equals("finished");
    }

    private ObjectNode document(String version, Path dir, Read read, Live.Snapshot now) {
        ObjectNode doc = json.createObjectNode();
        doc.put("version", version);
        doc.put("mode", live != null ? "live" : "directory");
        doc.put("directory", dir == null ? null : dir.toString());
        String status = status(read, now);
        doc.put("status", status);
        doc.put("message", read == null ? (live != null ? "The run is being checked and its data loaded." : null)
                : read.message());
        doc.put("provisional", !status.equals("finished"));
        doc.put("final", finalState(read, now));
        doc.put("report", read != null && read.reportReady() && status.equals("finished") ? Report.HTML : null);
        doc.put("updated", Instant.now().toString());
        Manifest m = read == null ? null : read.manifest();
        if (m == null) {
            return doc;
        }
        doc.put("experiment", m.experiment());
        doc.put("description", m.description());
        RunData run = read.run();
        Score score = run != null ? run.score() : Score.of(m.config());
        ObjectNode sc = doc.putObject("score");
        sc.put("name", score.name());
        sc.put("percent", score.fraction());
        counts(doc, m, run, attached(dir, now) ? now : null);
        curves(doc, m, run, score, attached(dir, now) ? now : null);
        doc.put("sections", read.preview() == null ? null : read.preview().html());
        ArrayNode notes = doc.putArray("notes");
        if (run != null) {
            run.readWarnings().forEach(notes::add);
        }
        return doc;
    }

    /** Trials planned, recorded (by status), training and queued, the measured time per trial and the ETA. */
    private void counts(ObjectNode doc, Manifest m, RunData run, Live.Snapshot now) {
        List<TrialRow> rows = run == null ? List.of() : run.trials();
        Set<String> recorded = new HashSet<>();
        Map<TrialStatus, Integer> byStatus = new LinkedHashMap<>();
        for (TrialStatus s : TrialStatus.values()) {
            byStatus.put(s, 0);
        }
        for (TrialRow t : rows) {
            recorded.add(t.trialId());
            byStatus.merge(t.status(), 1, Integer::sum);
        }
        int running = 0;
        if (now != null) {
            for (Live.Trial t : now.trials()) {
                if (recorded.contains(t.id())) {
                    continue;
                }
                if (t.running()) {
                    running++;
                } else {
                    // Finished and written, not read yet: count it as the directory soon will.
                    recorded.add(t.id());
                    byStatus.merge(t.status(), 1, Integer::sum);
                }
            }
            live.forget(rows.stream().map(TrialRow::trialId).toList());
        }
        int planned = Math.max(now != null ? now.planned() : m.plannedTrials(), recorded.size());
        ObjectNode trials = doc.putObject("trials");
        trials.put("planned", planned);
        trials.put("recorded", recorded.size());
        byStatus.forEach((s, n) -> trials.put(s.csvName(), n));
        int left = Math.max(0, planned - recorded.size());
        if (now != null && (now.startsSeen() || now.finishedHere() == 0)) {
            trials.put("running", running);
            trials.put("queued", Math.max(0, left - running));
        } else {
            // Read from the directory, or an engine that does not say when trials start (Spark): not known.
            trials.putNull("running");
            trials.putNull("queued");
        }
        trials.put("left", left);
        double[] seconds = Stats.finite(rows.stream().filter(TrialRow::ok).map(TrialRow::trainSeconds).toList());
        doc.put("trialSeconds", seconds.length == 0 ? null : round(Stats.mean(seconds)));
        ObjectNode eta = doc.putObject("eta");
        if (now == null || now.ended() || left == 0) {
            eta.putNull("seconds");
            eta.put("basis", now == null ? "this page reads the directory; it does not see the run's process"
                    : "nothing left to train");
            return;
        }
        if (now.finishedHere() > 0) {
            eta.put("seconds", round(now.seconds() / now.finishedHere() * left));
            eta.put("basis", now.finishedHere() + " trial(s) finished in " + Math.round(now.seconds()) + " s");
            return;
        }
        // No trial finished yet: the running trials' epochs so far, at the rate they go.
        int epochs = epochsPerTrial(m);
        double epochSeconds = 0;
        int counted = 0;
        int doneEpochs = 0;
        for (Live.Trial t : now.trials()) {
            if (t.running()) {
                for (Map<String, Double> cells : t.epochs().values()) {
                    Double s = cells.get("epoch_seconds");
                    if (s != null && Double.isFinite(s)) {
                        epochSeconds += s;
                        counted++;
                    }
                }
                doneEpochs += t.epochs().size();
            }
        }
        if (counted == 0 || epochs <= 0 || running == 0) {
            eta.putNull("seconds");
            eta.put("basis", "after the first epoch");
            return;
        }
        double perEpoch = epochSeconds / counted;
        double work = (double) left * epochs - doneEpochs;
        eta.put("seconds", round(Math.max(0, work) * perEpoch / running));
        eta.put("basis", "the first epochs (" + counted + " so far); early stopping may end trials sooner");
    }

    private static int epochsPerTrial(Manifest m) {
        Object training = m.config().get("training");
        if (training instanceof Map<?, ?> t && t.get("epochs") instanceof Number n) {
            return n.intValue();
        }
        return -1;
    }

    /** Per variant, the mean of each metric per epoch over its ok trials and the trials still training. */
    private void curves(ObjectNode doc, Manifest m, RunData run, Score score, Live.Snapshot now) {
        Map<String, List<List<EpochRow>>> byVariant = new LinkedHashMap<>();
        Map<String, Integer> training = new LinkedHashMap<>();
        Set<String> recorded = new HashSet<>();
        if (run != null) {
            for (TrialRow t : run.trials()) {
                recorded.add(t.trialId());
                if (t.ok()) {
                    byVariant.computeIfAbsent(t.variantId(), k -> new ArrayList<>()).add(run.epochsOf(t.trialId()));
                }
            }
        }
        if (now != null) {
            for (Live.Trial t : now.trials()) {
                if (recorded.contains(t.id()) || (t.status() != null && t.status() != TrialStatus.OK)) {
                    continue;
                }
                List<EpochRow> rows = new ArrayList<>();
                t.epochs().forEach((epoch, cells) -> rows.add(EpochRow.of(t.id(), t.variantId(), t.seed(), epoch,
                        c -> cells.getOrDefault(c, Double.NaN), score)));
                rows.sort(java.util.Comparator.comparingInt(EpochRow::epoch));
                byVariant.computeIfAbsent(t.variantId(), k -> new ArrayList<>()).add(rows);
                if (t.running()) {
                    training.merge(t.variantId(), 1, Integer::sum);
                }
            }
        }
        // Held out is the validation split, or the test split where there is none (known from the first epoch).
        boolean anyEpoch = byVariant.values().stream().flatMap(List::stream).anyMatch(rows -> !rows.isEmpty());
        boolean hasVal = !anyEpoch || byVariant.values().stream().flatMap(List::stream).flatMap(List::stream)
                .anyMatch(r -> Double.isFinite(r.valScore()));
        String heldOut = hasVal ? "validation" : "test";
        double k = score.fraction() ? 100 : 1;
        String unit = score.fraction() ? " (%)" : "";
        Map<String, ToDoubleFunction<EpochRow>> metrics = new LinkedHashMap<>();
        metrics.put(heldOut + " " + score.name() + unit, hasVal ? EpochRow::valScore : EpochRow::testScore);
        metrics.put("training " + score.name() + unit, EpochRow::trainScore);
        metrics.put(heldOut + " loss", hasVal ? EpochRow::valLoss : EpochRow::testLoss);
        metrics.put("training loss", EpochRow::trainLoss);
        ObjectNode curves = doc.putObject("curves");
        ArrayNode names = curves.putArray("metrics");
        metrics.keySet().forEach(names::add);

        List<VariantCells> order = new ArrayList<>();
        Optional<VariantCells> baseline = Summary.baseline(m);
        baseline.ifPresent(order::add);
        m.variants().stream().filter(v -> baseline.isEmpty() || !v.equals(baseline.get())).forEach(order::add);
        List<VariantCells> withData = order.stream().filter(v -> byVariant.containsKey(v.variantId())).toList();
        curves.put("variants", withData.size());
        ArrayNode shown = curves.putArray("shown");
        int index = 0;
        for (VariantCells v : withData) {
            if (index == MAX_CURVES) {
                break;
            }
            ObjectNode c = shown.addObject();
            c.put("index", order.indexOf(v));
            c.put("label", v.shortLabel());
            c.put("baseline", baseline.isPresent() && baseline.get().equals(v));
            List<List<EpochRow>> trials = byVariant.get(v.variantId());
            c.put("trials", trials.size());
            c.put("training", training.getOrDefault(v.variantId(), 0));
            ArrayNode series = c.putArray("series");
            for (Map.Entry<String, ToDoubleFunction<EpochRow>> e : metrics.entrySet()) {
                boolean loss = e.getKey().endsWith("loss");
                Curves.Curve curve = Curves.of(trials, e.getValue(), loss ? 1 : k);
                ArrayNode points = series.addArray();
                for (int i = 0; i < curve.epoch().length; i++) {
                    if (Double.isFinite(curve.mean()[i])) {
                        points.addArray().add((int) curve.epoch()[i]).add(round(curve.mean()[i]));
                    }
                }
            }
            index++;
        }
    }

    /** Five significant digits: what a chart can show, and a smaller document. */
    static double round(double x) {
        return Double.isFinite(x) ? new BigDecimal(x).round(new MathContext(5)).doubleValue() : x;
    }
}
