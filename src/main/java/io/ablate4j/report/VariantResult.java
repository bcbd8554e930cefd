package io.ablate4j.report;

/** Whether a variant of run A reproduces in run B, and why ({@code compare}'s "result" column). */
enum VariantResult {
    NO_OK_TRIALS_IN_A_OR_B("no ok trials in A or B", true),
    /** A has nothing to reproduce. */
    NO_OK_TRIALS_IN_A("no ok trials in A", true),
    /** Both runs' races pruned it (a race rerun): nothing to compare, as it should be. */
    PRUNED_IN_BOTH("left both races", true),
    /** A's race pruned it ({@code sweep.race}): A has nothing to reproduce. */
    PRUNED_IN_A("left A's race: nothing to reproduce", true),
    MISSING_IN_B("missing in B", false),
    /** B's race pruned it: leaving is what a race does; whether it left the right ones is the selection's question. */
    PRUNED_IN_B("left B's race: not compared", true),
    NO_OK_TRIALS_IN_B("no ok trials in B", false),
    /** Both runs hold the same trials with the same cells in {@code trials.csv}. */
    IDENTICAL("identical", true),
    /** B − A is not significant (adjusted p at least α). */
    WITHIN_NOISE("within seed noise", true),
    /** |B − A| is at most the ROPE. */
    WITHIN_ROPE("within ROPE", true),
    DIFFERS("differs", false),
    TOO_FEW_SEEDS("too few seeds to tell (fewer than 2 ok on a side)", false),
    /** A variant of B that A does not have: nothing to reproduce. */
    ONLY_IN_B("only in B", true);

    private final String text;
    private final boolean reproduces;

    VariantResult(String text, boolean reproduces) {
        this.text = text;
        this.reproduces = reproduces;
    }

    String text() {
        return text;
    }

    /** Whether the variant counts as reproduced. */
    boolean reproduces() {
        return reproduces;
    }

    @Override
    public String toString() {
        return text;
    }
}
