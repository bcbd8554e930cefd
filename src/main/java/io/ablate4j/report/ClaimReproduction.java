package io.ablate4j.report;

import io.ablate4j.report.ReproductionResult.ClaimRow;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code compare}'s claims: A's {@code expect:} checked on both runs by {@link Claims} under A's statistics, and
 * whether B agrees with A: the same verdict, and the change of the difference ({@link Comparison#change}, B's minus
 * A's), p adjusted across the claims, not significant or within the claim's ROPE.
 */
final class ClaimReproduction {
    private ClaimReproduction() {
    }

    /** One row per claim of A; {@code b} is judged by A's claims already. */
    static List<ClaimRow> rows(RunData a, RunData b) {
        List<Claims.Result> ra = Claims.evaluate(a);
        List<Claims.Result> rb = Claims.evaluate(b);
        List<Comparison.Result> changes = new ArrayList<>();
        for (int i = 0; i < ra.size(); i++) {
            changes.add(Comparison.change(ra.get(i).comparison(), rb.get(i).comparison()));
        }
        double[] adjusted = Stats.adjust(changes.stream().mapToDouble(Comparison.Result::p).toArray(),
                a.manifest().statistics().correction());
        List<ClaimRow> rows = new ArrayList<>();
        for (int i = 0; i < ra.size(); i++) {
            Claims.Result x = ra.get(i);
            Claims.Result y = rb.get(i);
            Comparison.Result change = changes.get(i);
            double rope = x.claim().ropeInUnits();
            ClaimResult result;
            boolean agrees = change.defined()
                    && (adjusted[i] >= Stats.ALPHA || rope > 0 && Math.abs(change.difference()) <= rope);
            if (x.verdict() != y.verdict()) {
                // Confirmed against refuted contradicts A; a change from or to inconclusive with an agreeing
                // difference is a claim near the threshold, which more seeds would decide.
                boolean reversed = x.verdict() != Conclusion.INCONCLUSIVE && y.verdict() != Conclusion.INCONCLUSIVE;
                result = reversed ? ClaimResult.VERDICT_REVERSED : agrees
                        ? ClaimResult.VERDICT_CHANGED_DIFFERENCE_AGREES : ClaimResult.VERDICT_CHANGED;
            } else if (!change.defined()) {
                result = ClaimResult.NOT_TESTABLE;
            } else if (sameValues(x.subject(), y.subject()) && sameValues(x.than(), y.than())) {
                result = ClaimResult.IDENTICAL;
            } else if (adjusted[i] >= Stats.ALPHA) {
                result = ClaimResult.WITHIN_NOISE;
            } else if (rope > 0 && Math.abs(change.difference()) <= rope) {
                result = ClaimResult.WITHIN_ROPE;
            } else {
                result = ClaimResult.DIFFERENCE_CHANGED;
            }
            rows.add(new ClaimRow(x, y, change, adjusted[i], result));
        }
        return rows;
    }

    /** The same values on both sides, in any order (the order is that of trials.csv, which parallel runs vary). */
    private static boolean sameValues(Claims.Side x, Claims.Side y) {
        double[] a = x.values().clone();
        double[] b = y.values().clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b);
    }
}
