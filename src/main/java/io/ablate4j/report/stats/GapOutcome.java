package io.ablate4j.report.stats;

/**
 * What a variant did to the overfitting gap against the baseline, tested as the score is ({@link Summary}: paired
 * by seed, adjusted over the variants, the same {@link Decision}), as the verdict table, the Decision section, the
 * console and the {@code gap_verdict} column of {@code summary.csv} say it. A smaller gap is less overfitting.
 */
public enum GapOutcome {
    /** A smaller gap with adjusted p below α. */
    NARROWED("narrowed"),
    /** A larger gap with adjusted p below α. */
    WIDENED("widened"),
    /** The 95% CI of the gap's change lies inside the ROPE. */
    EQUIVALENT("equivalent"),
    /** Tested, neither of the above. */
    UNDECIDED("undecided"),
    /** The variant or the baseline has fewer than 2 ok seeds with a gap. */
    NOT_TESTED("not tested (fewer than 2 ok seeds)", "not tested"),
    /** Nothing to compare: the baseline itself, a run without a baseline, a variant without results. */
    NONE("");

    private final String text;
    private final String shortText;

    GapOutcome(String text) {
        this(text, text);
    }

    GapOutcome(String text, String shortText) {
        this.text = text;
        this.shortText = shortText;
    }

    /** The full text: {@code narrowed}, {@code not tested (fewer than 2 ok seeds)}; empty for {@link #NONE}. */
    public String text() {
        return text;
    }

    /** Without the explanation in parentheses; for counts. */
    public String shortText() {
        return shortText;
    }

    /** The outcome of a summary row's gap comparison. */
    static GapOutcome of(Summary.Row r) {
        Decision d = r.gapDecision();
        if (r.baseline() || r.n() == 0 || !Double.isFinite(r.gapDelta())) {
            return NONE;
        } else if (!r.gapComparison().defined()) {
            return NOT_TESTED;
        } else if (d.verdict() == Conclusion.CONFIRMED) {
            return NARROWED;
        } else if (d.verdict() == Conclusion.REFUTED) {
            return d.equivalent() ? EQUIVALENT : WIDENED;
        }
        return UNDECIDED;
    }

    @Override
    public String toString() {
        return text;
    }
}
