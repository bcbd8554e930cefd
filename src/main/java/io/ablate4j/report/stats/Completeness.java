package io.ablate4j.report.stats;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.results.Damaged;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.TrialStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the run planned against what it delivered, as counts and as one warning sentence per problem. A trial is
 * planned for every manifest variant × seed; it is missing when {@code trials.csv} has no row for it.
 *
 * @param planned  trials the manifest planned
 * @param present  trial rows found
 * @param ok       rows with status ok
 * @param failed   rows with status failed
 * @param diverged rows with status diverged
 * @param problems the failed and diverged trials, in file order
 * @param damaged     rows left out because they do not verify (still in their files)
 * @param quarantined rows earlier runs moved to {@code damaged.csv}
 */
public record Completeness(int planned, int present, int ok, int failed, int diverged, List<TrialRow> problems,
                           List<String> warnings, List<Damaged> damaged, List<Quarantine.Entry> quarantined) {
    private static final int LIST_LIMIT = 10;

    public Completeness {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        damaged = List.copyOf(damaged);
        quarantined = List.copyOf(quarantined);
    }

    /** The same with other warnings. */
    public Completeness withWarnings(List<String> other) {
        return new Completeness(planned, present, ok, failed, diverged, problems, other, damaged, quarantined);
    }

    public int missing() {
        return Math.max(0, planned - present);
    }

    public static Completeness of(RunData run, Optional<VariantCells> baseline, List<Summary.Row> rows) {
        Manifest m = run.manifest();
        List<TrialRow> trials = run.trials();
        List<String> warnings = new ArrayList<>();
        int planned = m.plannedTrials();
        int present = trials.size();
        if (present < planned) {
            String line = (planned - present) + " of " + planned + " trials missing";
            List<String> empty = rows.stream().filter(r -> r.n() == 0 && r.nFailed() == 0 && r.nDiverged() == 0)
                    .map(r -> r.variant().label()).toList();
            if (!empty.isEmpty()) {
                line += "; variants without results: " + list(empty);
            }
            warnings.add(line);
        }
        Set<String> seen = new HashSet<>();
        trials.forEach(t -> seen.add(t.variantId() + "/" + t.seed()));
        List<String> missingPairs = new ArrayList<>();
        for (Summary.Row r : rows) {
            boolean hasRows = r.n() + r.nFailed() + r.nDiverged() > 0;
            if (hasRows && r.n() == 0) {
                warnings.add("variant " + r.variant().label() + " has no usable result (" + r.nFailed()
                        + " failed, " + r.nDiverged() + " diverged)");
            }
            for (long seed : m.seedsOf(r.variant().variantId())) {
                if (hasRows && !seen.contains(r.variant().variantId() + "/" + seed)) {
                    missingPairs.add(r.variant().label() + " seed " + seed);
                }
            }
        }
        if (!missingPairs.isEmpty()) {
            warnings.add("seeds missing from variants that have results: " + list(missingPairs));
        }
        // Pruned trials left a race as it planned (race.csv and the report's Race section say who and why): no problem.
        List<TrialRow> problems = trials.stream().filter(t -> !t.ok() && t.status() != TrialStatus.PRUNED).toList();
        for (TrialRow t : problems) {
            String label = rows.stream().filter(r -> r.variant().variantId().equals(t.variantId())).findFirst()
                    .map(r -> r.variant().label()).orElse(t.variantId());
            warnings.add("trial " + t.trialId() + " (" + label + ", seed " + t.seed() + ") " + t.status().csvName()
                    + (t.error().isEmpty() ? "" : ": " + t.error()));
        }
        if (m.finishedAt() == null || m.finishedAt().isBlank()) {
            warnings.add("the manifest has no finishedAt: the run was still going or was stopped, so results "
                    + "may be partial");
        }
        if (!m.baseline().isEmpty() && baseline.isEmpty()) {
            warnings.add("no variant matches the manifest's baseline " + m.baseline()
                    + ": differences to the baseline and p-values are left out");
        }
        baseline.ifPresent(b -> rows.stream().filter(Summary.Row::baseline).findFirst().ifPresent(r -> {
            if (r.n() == 0) {
                warnings.add("the baseline (" + b.label() + ") has no usable result: differences to the "
                        + "baseline and p-values are left out");
            } else if (r.n() == 1) {
                warnings.add("the baseline (" + b.label() + ") has a single result: no p-values can be computed");
            }
        }));
        for (Summary.Row r : rows) {
            if (!r.baseline() && r.testScores().length >= 2 && Double.isNaN(r.p()) && baseline.isPresent()
                    && rows.stream().anyMatch(b -> b.baseline() && b.testScores().length >= 2)) {
                warnings.add("p-value of " + r.variant().label() + " is undefined: its test " + run.score().name()
                        + " and the baseline's do not vary across seeds");
            }
        }
        damagedWarnings(run, warnings);
        warnings.addAll(run.readWarnings());
        return new Completeness(planned, present, (int) trials.stream().filter(TrialRow::ok).count(),
                (int) trials.stream().filter(t -> t.status() == TrialStatus.FAILED).count(),
                (int) trials.stream().filter(t -> t.status() == TrialStatus.DIVERGED).count(), problems, warnings,
                run.damaged(), run.quarantined());
    }

    /** One warning per row left out (up to a limit), and one for the rows earlier runs moved to damaged.csv. */
    private static void damagedWarnings(RunData run, List<String> warnings) {
        List<Damaged> primary = run.damaged().stream().filter(d -> d.kind() != Damaged.Kind.WITH_TRIAL).toList();
        for (int i = 0; i < primary.size() && i < LIST_LIMIT; i++) {
            Damaged d = primary.get(i);
            boolean foreign = d.kind() == Damaged.Kind.FOREIGN;
            warnings.add(d.where() + ": " + kindWord(d.kind()) + " row left out (" + d.reason() + ")"
                    + (foreign || d.trialId().isEmpty() ? "" : "; trial " + d.trialId() + " counts as not done")
                    + ". A run with --out on this directory moves it to " + Quarantine.FILE
                    + (foreign ? "" : " and trains the trial again"));
        }
        if (primary.size() > LIST_LIMIT) {
            warnings.add((primary.size() - LIST_LIMIT) + " more damaged or foreign rows left out (see the "
                    + "Damaged rows table)");
        }
        long with = run.damaged().size() - primary.size();
        if (with > 0) {
            warnings.add(with + " more row(s) of the same trials left out with them");
        }
        Set<String> present = new HashSet<>();
        run.trials().forEach(t -> present.add(t.trialId()));
        List<String> moved = run.quarantined().stream().filter(e -> e.row().kind() != Damaged.Kind.WITH_TRIAL)
                .map(e -> e.row().where() + " (" + kindWord(e.row().kind()) + (e.row().trialId().isEmpty() ? ""
                        : ", trial " + e.row().trialId() + (present.contains(e.row().trialId())
                        ? ", trained again since" : ", not trained again yet")) + ")").toList();
        if (!moved.isEmpty()) {
            warnings.add(Quarantine.FILE + ": " + moved.size() + " row(s) that did not verify were moved there by "
                    + "earlier runs: " + list(moved));
        }
    }

    public static String kindWord(Damaged.Kind kind) {
        return switch (kind) {
            case DAMAGED -> "damaged";
            case FOREIGN -> "foreign";
            case INCOMPLETE -> "incomplete";
            case WITH_TRIAL -> "with its trial";
        };
    }

    private static String list(List<String> items) {
        if (items.size() <= LIST_LIMIT) {
            return String.join("; ", items);
        }
        return String.join("; ", items.subList(0, LIST_LIMIT)) + " and " + (items.size() - LIST_LIMIT) + " more";
    }
}
