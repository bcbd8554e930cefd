package io.ablate4j.run;

import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of a run: a redrawn status line on a terminal (trials done/total, running trials' epochs, ETA),
 * one plain line per finished trial otherwise (CI logs).
 */
final class Progress {
    private final PrintStream out;
    private final boolean bar;
    private int total;
    private final long start = System.nanoTime();
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private int done;
    private int startedDone;

    Progress(PrintStream out, boolean bar, int total, int alreadyDone) {
        this.out = out;
        this.bar = bar;
        this.total = total;
        this.done = alreadyDone;
        this.startedDone = alreadyDone;
    }

    /** More trials to go: an adaptive run's next look. */
    synchronized void add(int trials) {
        total += trials;
    }

    synchronized void epoch(Trial trial, EpochMetrics m, int epochs) {
        running.put(trial.id(), trial.id().substring(0, 6) + " " + m.epoch() + "/" + epochs);
        if (bar) {
            redraw();
        }
    }

    synchronized void finished(Trial trial, TrialOutcome o) {
        running.remove(trial.id());
        done++;
        String metrics = o.best() == null ? "" : Double.isNaN(o.best().testAcc())
                ? String.format(Locale.ROOT, " test_rmse %.4g r2 %.3f gap_loss %+.4f epochs %d", o.best().test().rmse(),
                o.best().test().r2(), o.best().gapLoss(), o.epochs().size())
                : String.format(Locale.ROOT, " test_acc %.4f gap %+.4f epochs %d", o.best().testAcc(),
                o.best().gapAcc(), o.epochs().size());
        String fold = trial.crossValidated() ? " fold " + (trial.fold() + 1) + "/"
                + trial.variant().config().dataset().folds() : "";
        String line = String.format(Locale.ROOT, "[%d/%d] %s %s seed %d%s: %s%s in %.1fs%s", done, total, trial.id(),
                trial.variant().label(), trial.seed(), fold, o.status().csvName(), metrics, o.trainSeconds(),
                o.error() == null ? "" : " (" + o.error() + ")");
        if (bar) {
            out.print("\r\033[K" + line + "\n");
            redraw();
        } else {
            out.println(line);
        }
        out.flush();
    }

    synchronized void end() {
        if (bar) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void redraw() {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        double elapsed = (System.nanoTime() - start) / 1e9;
        int doneHere = done - startedDone;
        String eta = doneHere == 0 ? "?" : formatSeconds(elapsed / doneHere * (total - done));
        out.print("\r\033[K[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total
                + " ETA " + eta + "  " + String.join("  ", running.values()));
        out.flush();
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
