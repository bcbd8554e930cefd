package io.ablate4j.report;

/** Whether a claim of run A reproduces in run B, and why ({@code compare}'s claims table, "result" column). */
enum ClaimResult {
    /** Confirmed in one run, refuted in the other. */
    VERDICT_REVERSED("verdict reversed", false),
    /** From or to inconclusive with an agreeing difference. */
    VERDICT_CHANGED_DIFFERENCE_AGREES("verdict changed, difference agrees (a claim near the threshold: more seeds "
            + "would decide it)", false),
    VERDICT_CHANGED("verdict changed", false),
    NOT_TESTABLE("same verdict (the difference is not testable)", true),
    /** Both sides hold the same values in both runs. */
    IDENTICAL("identical", true),
    WITHIN_NOISE("same verdict, difference within seed noise", true),
    WITHIN_ROPE("same verdict, difference within ROPE", true),
    DIFFERENCE_CHANGED("same verdict, but the difference changed", false);

    private final String text;
    private final boolean reproduces;

    ClaimResult(String text, boolean reproduces) {
        this.text = text;
        this.reproduces = reproduces;
    }

    String text() {
        return text;
    }

    /** Whether the claim counts as reproduced. */
    boolean reproduces() {
        return reproduces;
    }

    @Override
    public String toString() {
        return text;
    }
}
