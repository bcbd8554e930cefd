package io.ablate4j.report.stats;

/**
 * What a {@link Decision} concludes about a comparison: for a claim whether it holds, for a baseline comparison
 * whether the change is better, worse or equivalent ({@link BaselineOutcome} names those).
 */
public enum Conclusion {
    /** The difference points the claimed way with adjusted p below α. */
    CONFIRMED("confirmed"),
    /** The CI lies inside the ROPE, or the difference points the other way with adjusted p below α. */
    REFUTED("refuted"),
    /** Neither; more seeds may decide it. */
    INCONCLUSIVE("inconclusive");

    private final String text;

    Conclusion(String text) {
        this.text = text;
    }

    /** As the report, the console and {@code expectations.csv} write it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
