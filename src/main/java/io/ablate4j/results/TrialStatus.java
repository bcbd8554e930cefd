package io.ablate4j.results;

import java.util.Locale;

/**
 * The outcome of one trial, as {@code trials.csv}'s {@code status} column spells it: written by the runner, read by
 * the report, one vocabulary for both.
 */
public enum TrialStatus {
    /** Trained to the end (or to early stopping); counts in the statistics. */
    OK,
    /** A loss became NaN or infinite; a result, not an error, but without usable metrics. */
    DIVERGED,
    /** Threw an error; the row carries it, and a resumed run trains the trial again. */
    FAILED,
    /**
     * Left a race ({@code sweep.race}) at a rung: its variant was decided worse than the leader. The row's metrics
     * are those of its best epoch up to that rung; statistics and claims leave it out (they use finished variants).
     */
    PRUNED;

    /** The CSV spelling: {@code ok}, {@code diverged}, {@code failed}, {@code pruned}. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a CSV spelling (any case, surrounding blanks ignored); null when it is none of them. */
    public static TrialStatus parse(String s) {
        for (TrialStatus t : values()) {
            if (t.csvName().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        return null;
    }
}
