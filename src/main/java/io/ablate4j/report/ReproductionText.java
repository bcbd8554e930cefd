package io.ablate4j.report;

import io.ablate4j.report.ReproductionResult.ClaimRow;
import io.ablate4j.report.ReproductionResult.VariantRow;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Fmt;
import java.util.ArrayList;
import java.util.List;

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
        for (ClaimRow c : result.claims()) {
            if (!c.reproduced()) {
                out.add("claim \"" + c.a().claim().claim() + "\": " + c.result().text() + " (A "
                        + c.a().verdict().text() + " " + Claims.difference(c.a().claim(), c.a().difference()) + ", B "
                        + c.b().verdict().text() + " " + Claims.difference(c.b().claim(), c.b().difference()) + ")");
            }
        }
        return out;
    }

    /** One line: the outcome and its counts, naming what did not reproduce. */
    static String summary(ReproductionResult r) {
        return switch (r.outcome()) {
            case NOT_COMPARABLE -> "not comparable: " + r.differences().size() + " key(s) differ";
            case REPRODUCED -> {
                long identical = r.variants().stream().filter(VariantRow::identical).count();
                long matched = r.variants().stream().filter(v -> v.a() != null).count();
                int claims = r.claims().size();
                yield "reproduced: " + matched + " of " + matched + " variant(s) of A reproduced (" + identical
                        + " identical)" + (claims == 0 ? "" : ", " + claims + " of " + claims
                        + " claim(s) with the same verdict and an agreeing difference");
            }
            case NOT_REPRODUCED -> "not reproduced: " + String.join("; ", failures(r));
        };
    }
}
