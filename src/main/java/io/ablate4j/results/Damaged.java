package io.ablate4j.results;

import java.util.Locale;

/**
 * A row of a result file that a run moves aside to {@link Quarantine damaged.csv} (or, read by the report, would).
 *
 * @param file    the result file's name ({@code trials.csv}, ...)
 * @param line    its line number there (the header is line 1)
 * @param trialId the trial it belongs to, as far as can be told ("" when not)
 * @param kind    why it is moved
 * @param reason  the same in words, with the details
 * @param text    the line exactly as it stood, without its line end
 */
public record Damaged(String file, long line, String trialId, Kind kind, String reason, String text) {
    /** Why a row is moved aside. */
    public enum Kind {
        /** The line does not verify: not a record, wrong cell count, checksum mismatch, cut off. */
        DAMAGED,
        /** A good row of a trial that this run does not plan. */
        FOREIGN,
        /** A good trial row whose epoch rows are not all there. */
        INCOMPLETE,
        /** A good row of a trial that another row's damage makes not done. */
        WITH_TRIAL;

        /** The name in {@code damaged.csv}. */
        public String csvName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind of a {@code damaged.csv} cell, or null. */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.csvName().equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** {@code file:line}, as messages name a row. */
    public String where() {
        return file + ":" + line;
    }
}
