package io.ablate4j.report;

import java.util.Locale;

/** Outcome of one trial as written in {@code trials.csv}. */
enum TrialStatus {
    /** Trained to the end (or to early stopping); counts in the statistics. */
    OK,
    /** Loss became non-finite; a result, not an error, but without usable metrics. */
    DIVERGED,
    /** Threw an error; the row carries it. */
    FAILED;

    /** The CSV spelling. */
    String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code ok | diverged | failed} (any case); null when it is none of them. */
    static TrialStatus parse(String s) {
        for (TrialStatus t : values()) {
            if (t.csvName().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        return null;
    }
}
