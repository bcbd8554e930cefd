package io.ablate4j.report.stats;

/**
 * What a variant did against the baseline, as the verdict table, the forest plot, the console and the
 * {@code verdict} column of {@code summary.csv} say it.
 */
public enum BaselineOutcome {
    /** Better score with adjusted p below α. */
    HELPED("helped"),
    /** Worse score with adjusted p below α. */
    HURT("hurt"),
    /** The 95% CI lies inside the ROPE. */
    EQUIVALENT("equivalent"),
    /** Tested, neither of the above. */
    UNDECIDED("undecided"),
    /** The variant or the baseline has fewer than 2 ok seeds. */
    NOT_TESTED("not tested (fewer than 2 ok seeds)", "not tested"),
    /** The variant has no ok trials. */
    NO_RESULTS("no results"),
    /** Nothing to compare: the baseline itself, a run without a baseline, or a baseline without results. */
    NONE("");

    private final String text;
    private final String shortText;

    BaselineOutcome(String text) {
        this(text, text);
    }

    BaselineOutcome(String text, String shortText) {
        this.text = text;
        this.shortText = shortText;
    }

    /** The full text: {@code helped}, {@code not tested (fewer than 2 ok seeds)}; empty for {@link #NONE}. */
    public String text() {
        return text;
    }

    /** Without the explanation in parentheses: {@code not tested}; for legends and counts. */
    public String shortText() {
        return shortText;
    }

    /** Where a row is shown for a variant, "nothing to compare" reads as {@link #NO_RESULTS}. */
    public BaselineOutcome shown() {
        return this == NONE ? NO_RESULTS : this;
    }

    @Override
    public String toString() {
        return text;
    }
}
