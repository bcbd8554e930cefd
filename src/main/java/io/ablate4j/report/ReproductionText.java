package io.ablate4j.report;

import io.ablate4j.report.ReproductionResult.ClaimRow;
import io.ablate4j.report.ReproductionResult.VariantRow;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code compare}'s verdict in words: the one-line summary, what did not reproduce, why runs are not comparable. */
final class ReproductionText {
    private ReproductionText() {
    }

    /** Why the runs are not comparable, one line per key, for an error message. */
    static String notComparable(ReproductionResult r) {
        StringBuilder s = new StringBuilder(r.dirA() + " and " + r.dirB() + " are different experiments ("
                + r.differences().size() + " key(s) that define the experiment differ; seeds, expect, statistics, "
                + "name, description and paths are ignored):");
        r.differences().forEach(d -> s.append("\n  ").append(d));
        return s.toString();
    }

    /** The variants and claims that did not reproduce, one sentence each; empty when everything did. */
    static List<String> failures(ReproductionResult result) {
        List<String> out = new ArrayList<>();
        Score score = result.measure().format();
        for (VariantRow r : result.variants()) {
            if (!r.reproduced()) {
                Comparison.Result k = r.comparison();
                String numbers = k.defined() ? ": B − A = " + Fmt.difference(score, k.difference()) + " "
                        + Fmt.interval(k.ci(), y -> Fmt.plainDifference(score, y)) + ", p_adj " + Fmt.p(r.pAdjusted())
                        : "";
                out.add("variant " + r.variant().label() + " " + r.resultText() + numbers);
            }
        }
        result.race().filter(race -> !race.holds()).ifPresent(race -> out.add(selection(race)));
        for (ClaimRow c : result.claims()) {
            if (!c.reproduced()) {
                out.add("claim \"" + c.a().claim().claim() + "\": " + c.result().text() + " (A "
                        + c.a().verdict().text() + " " + Claims.difference(c.a().claim(), c.a().difference()) + ", B "
                        + c.b().verdict().text() + " " + Claims.difference(c.b().claim(), c.b().difference()) + ")");
            }
        }
        return out;
    }

    /** "B trained 605 trial-epochs, 49.8% of A's 1,215". */
    static String compute(RaceReproduction race) {
        return "B trained " + epochs(race.trialEpochsB()) + " trial-epochs, " + share(race) + " of A's "
                + epochs(race.trialEpochsA());
    }

    /** B's trial-epochs as a percentage of A's: "49.8%"; a dash when A has none. */
    static String share(RaceReproduction race) {
        return Double.isFinite(race.fraction()) ? String.format(Locale.ROOT, "%.1f%%", 100 * race.fraction()) : "–";
    }

    /** Whether the runs' selections agree, in a sentence. */
    static String selection(RaceReproduction race) {
        String a = race.pickA() == null ? "none" : race.pickA().label();
        String b = race.pickB() == null ? "none" : race.pickB().label();
        return switch (race.selection()) {
            case SAME_VARIANT -> "both select " + a + " by validation";
            case CANNOT_TELL_APART -> "B selects " + b + ", A " + a + ": " + race.judge() + "'s own results cannot "
                    + "tell them apart (validation, B's pick − A's " + difference(race) + ")";
            case DIFFERS -> "selection: B selects " + b + ", A " + a + ", and " + race.judge() + "'s own results "
                    + "tell them apart (validation, B's pick − A's " + difference(race) + ")";
            case UNCHECKED -> "B selects " + b + ", A " + a + (race.pickA() == null || race.pickB() == null ? ""
                    : ": neither run trained both to the end, so the selection cannot be checked");
        };
    }

    private static String difference(RaceReproduction race) {
        Comparison.Result k = race.comparison();
        return Fmt.difference(race.score(), k.difference()) + ", " + (k.paired() ? "paired t over " + k.n()
                + " seeds" : "Welch t") + ", p = " + Fmt.p(k.p());
    }

    /** A count of trial-epochs: "1,215". */
    static String epochs(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** One line: the outcome and its counts, naming what did not reproduce. */
    static String summary(ReproductionResult r) {
        return switch (r.outcome()) {
            case NOT_COMPARABLE -> "not comparable: " + r.differences().size() + " key(s) differ";
            case REPRODUCED -> {
                long identical = r.variants().stream().filter(VariantRow::identical).count();
                long leftA = r.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_A).count();
                long leftB = r.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_B).count();
                long leftBoth = r.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_BOTH)
                        .count();
                long matched = r.variants().stream().filter(v -> v.a() != null).count() - leftA - leftB - leftBoth;
                int claims = r.claims().size();
                yield "reproduced: " + matched + " of " + matched + " variant(s) of A reproduced (" + identical
                        + " identical)" + (leftB == 0 ? "" : ", " + leftB + " left B's race")
                        + (leftA == 0 ? "" : ", " + leftA + " left A's race")
                        + (leftBoth == 0 ? "" : ", " + leftBoth + " left both races") + (claims == 0 ? "" : ", " + claims
                        + " of " + claims + " claim(s) with the same verdict and an agreeing difference")
                        + r.race().map(race -> "; " + compute(race) + "; " + selection(race)).orElse("");
            }
            case NOT_REPRODUCED -> "not reproduced: " + String.join("; ", failures(r));
        };
    }
}
