package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Race;
import io.ablate4j.results.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The race of a run with {@code sweep.race}, from its {@code race.csv}: the design and what it guarantees, the
 * survivors per rung, who left when and why (with the test's p), and the trial-epochs spent against the full grid's.
 * A section of its own, placed before Provenance.
 */
public final class RaceSection {
    private RaceSection() {
    }

    /**
     * Puts the race's blocks before the Provenance heading (at the end when there is none); nothing without a race.
     *
     * @param race the rows of race.csv, column → cell
     */
    public static void insert(List<Doc.Block> blocks, Manifest m, List<Map<String, String>> race,
                              List<TrialRow> trials) {
        if (race.isEmpty()) {
            return;
        }
        int at = blocks.size();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Doc.Heading h && "provenance".equals(h.anchor())) {
                at = i;
                break;
            }
        }
        blocks.addAll(at, blocks(m, race, trials));
    }

    static List<Doc.Block> blocks(Manifest m, List<Map<String, String>> race, List<TrialRow> trials) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (VariantCells v : m.variants()) {
            labels.put(v.variantId(), v.label());
        }
        int lastRung = race.stream().mapToInt(r -> Integer.parseInt(r.get("rung"))).max().orElse(0);
        boolean over = race.stream().anyMatch(r -> Race.Outcome.FINISHED.csvName().equals(r.get("outcome")));
        int deciding = over ? lastRung - 1 : lastRung;
        String level = race.stream().map(r -> r.get("level")).filter(s -> !s.isEmpty()).findFirst().orElse("");
        // the manifest's race key says the rule; a directory older than it tells by its leavers
        boolean top = m.race() != null ? "top".equals(m.race().rule())
                : race.stream().anyMatch(r -> Race.Outcome.NOT_TOP.csvName().equals(r.get("outcome")));
        long finished = race.stream().filter(r -> Race.Outcome.FINISHED.csvName().equals(r.get("outcome"))).count();
        long pruned = trials.stream().filter(t -> t.status() == TrialStatus.PRUNED).count();

        List<Doc.Block> d = new ArrayList<>();
        d.add(h2("Race", "race"));
        d.add(para("Successive halving over epochs with the seeds as paired replicates (sweep.race"
                + (m.race() != null ? ": " + m.race().describe() : "") + "): after each rung the surviving variants are compared on their validation score over their shared seeds. "
                + (top ? "Rule top: the best 1/eta go on (no error guarantee)."
                : "Rule test: a variant leaves when a one-sided paired t-test against the leader gives p below "
                + level + ", alpha divided by the " + (m.variants().size() - 1) + " rivals × " + deciding
                + " deciding rungs the best variant can meet (Bonferroni), so the probability that the truly best "
                + "variant leaves the race is at most alpha.")
                + " Statistics, claims and the selection in this report use the " + finished + " variant(s) that "
                + (over ? "finished the race" : "are still racing") + "; the " + pruned + " pruned trial(s) of the "
                + "variants that left are in trials.csv with the metrics of their best epoch up to their rung."));

        List<List<String>> perRung = new ArrayList<>();
        for (int rung = 1; rung <= lastRung; rung++) {
            int n = rung;
            List<Map<String, String>> at = race.stream().filter(r -> Integer.parseInt(r.get("rung")) == n).toList();
            long leaving = at.stream().filter(r -> leaves(r.get("outcome"))).count();
            String leader = at.stream().map(r -> r.get("leader")).filter(s -> !s.isEmpty()).findFirst().orElse("");
            perRung.add(List.of(Integer.toString(rung), at.isEmpty() ? "" : at.get(0).get("epoch"),
                    Integer.toString(at.size()), rung > deciding ? "finished" : Long.toString(leaving),
                    leader.isEmpty() ? "–" : labels.getOrDefault(leader, leader)));
        }
        d.add(new Doc.Table("Survivors per rung", List.of("rung", "epoch", "variants", "left", "leader"), perRung,
                null));

        List<List<String>> left = new ArrayList<>();
        for (Map<String, String> r : race) {
            if (!leaves(r.get("outcome"))) {
                continue;
            }
            left.add(List.of(labels.getOrDefault(r.get("variant_id"), r.get("variant_id")), r.get("rung"),
                    r.get("epoch"), r.get("val_score"), r.get("behind_leader"), r.get("p"), why(r.get("outcome"))));
        }
        if (!left.isEmpty()) {
            d.add(new Doc.Table("Who left when and why", List.of("variant", "rung", "epoch", "val score",
                    "behind leader", "p", "why"), left, null));
        }

        double spent = Race.trialEpochs(trials);
        double full = trials.stream().mapToDouble(t -> t.status() == TrialStatus.PRUNED ? epochs(m)
                : t.epochsRun()).filter(Double::isFinite).sum();
        if (full > 0) {
            d.add(para(String.format(Locale.ROOT, "Compute: %.0f trial-epochs spent against %.0f for the full grid "
                    + "(%.0f%%; the full grid's count assumes every pruned trial would have trained training.epochs "
                    + "= %d).", spent, full, 100 * spent / full, epochs(m))));
        }
        return d;
    }

    private static boolean leaves(String outcome) {
        Race.Outcome o = Race.Outcome.parse(outcome);
        return o != null && o != Race.Outcome.STAYS && o != Race.Outcome.FINISHED;
    }

    private static String why(String outcome) {
        Race.Outcome o = Race.Outcome.parse(outcome);
        return o == null ? outcome : switch (o) {
            case WORSE -> "worse than the leader (paired test)";
            case NOT_TOP -> "not among the best 1/eta";
            case DIVERGED -> "a trial diverged";
            case FAILED -> "a trial failed";
            default -> outcome;
        };
    }

    /** The base config's training.epochs, from the manifest. */
    private static int epochs(Manifest m) {
        Object training = m.config() == null ? null : m.config().get("training");
        Object e = training instanceof Map<?, ?> t ? t.get("epochs") : null;
        return e instanceof Number n ? n.intValue() : 0;
    }
}
