package io.ablate4j.report;

import io.ablate4j.report.ReproductionResult.ClaimRow;
import io.ablate4j.report.ReproductionResult.VariantRow;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.results.ManifestKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code compare}'s result as a {@link Doc}: both runs described, the summary line, the variants and claims tables
 * with how to read them, and the notes (provenance that differs, B's own claims, warnings, matched variants).
 */
final class ReproductionDocument {
    private ReproductionDocument() {
    }

    static String title(ReproductionResult r) {
        String name = r.a().manifest().experiment() == null ? "run" : r.a().manifest().experiment();
        return "compare " + name + ": does B reproduce A?";
    }

    static List<Doc.Block> blocks(ReproductionResult r) {
        List<Doc.Block> blocks = new ArrayList<>();
        blocks.add(new Doc.Paragraph("A: " + describe(r.dirA(), r.a()), Doc.Style.NORMAL));
        blocks.add(new Doc.Paragraph("B: " + describe(r.dirB(), r.b()), Doc.Style.NORMAL));
        blocks.add(new Doc.Paragraph(ReproductionText.summary(r), r.outcome() == Reproduction.Outcome.REPRODUCED
                ? Doc.Style.NORMAL : Doc.Style.WARNING));
        if (r.outcome() == Reproduction.Outcome.NOT_COMPARABLE) {
            blocks.add(new Doc.Table("Keys of the experiment that differ", List.of("key", "A", "B"),
                    r.differences().stream().map(d -> List.of(d.key(), d.a(), d.b())).toList()));
            return blocks;
        }
        r.race().ifPresent(race -> blocks.addAll(raceBlocks(race)));
        blocks.add(new Doc.Heading(2, "Variants", "variants"));
        blocks.add(variantTable(r));
        blocks.add(new Doc.Paragraph(variantRule(r), Doc.Style.NOTE));
        if (!r.claims().isEmpty()) {
            blocks.add(new Doc.Heading(2, "Claims", "claims"));
            blocks.add(claimTable(r.claims()));
            blocks.add(new Doc.Paragraph("A claim of A's expect: is checked on both runs (A's statistics); it "
                    + "reproduces when B gives the same verdict and B's difference minus A's (95% CI, a Welch-style "
                    + "test on the two independent estimates, p adjusted across the claims) is not significant, or "
                    + "lies within the claim's ROPE.", Doc.Style.NOTE));
        }
        List<String> notes = new ArrayList<>();
        r.provenance().forEach(d -> notes.add("the runs differ in " + d));
        if (!r.original().equals(r.a().manifest().expectations())) {
            notes.add("B's expect: differs from A's; A's claims are checked on both runs");
        }
        for (RunData run : List.of(r.a(), r.b())) {
            String side = run == r.a() ? "A" : "B";
            run.readWarnings().forEach(w -> notes.add(side + ": " + w));
            if (!run.damaged().isEmpty()) {
                notes.add(side + ": " + run.damaged().size() + " row(s) do not verify and are left out (their "
                        + "trials count as missing)");
            }
        }
        r.variants().stream().filter(v -> !v.note().isEmpty() && v.a() != null)
                .forEach(v -> notes.add(v.variant().label() + ": " + v.note()));
        if (!notes.isEmpty()) {
            blocks.add(new Doc.Heading(2, "Notes", "notes"));
            blocks.add(new Doc.Bullets(notes, Doc.Style.NORMAL));
        }
        return blocks;
    }

    /** What a race saved and whether its selection holds (either run a race). */
    private static List<Doc.Block> raceBlocks(RaceReproduction race) {
        List<List<String>> rows = List.of(
                List.of("trial-epochs", ReproductionText.epochs(race.trialEpochsA()),
                        ReproductionText.epochs(race.trialEpochsB()), "B: " + ReproductionText.share(race) + " of A's"),
                List.of("selected by validation", race.pickA() == null ? "none" : race.pickA().label(),
                        race.pickB() == null ? "none" : race.pickB().label(), switch (race.selection()) {
                            case SAME_VARIANT -> "holds: the same variant";
                            case CANNOT_TELL_APART -> "holds: " + race.judge() + " cannot tell them apart";
                            case DIFFERS -> "does not hold";
                            case UNCHECKED -> "cannot be checked";
                        }));
        return List.of(new Doc.Heading(2, "Race", "race"),
                new Doc.Table("The race: compute and selection", List.of("", "A", "B", "result"), rows,
                        java.util.Arrays.asList(null, race.holds() ? null : "bad")),
                new Doc.Paragraph(ReproductionText.compute(race) + "; " + ReproductionText.selection(race) + ". "
                        + "Trial-epochs count every epoch trained, those of trials that left a race included. The "
                        + "selection holds when both runs select the same variant by validation "
                        + race.score().name() + ", or when the run that trained both picks to the end (A when it did) cannot tell them "
                        + "apart (B's pick − A's in its validation score, paired by seed, p ≥ " + Stats.ALPHA
                        + "). A variant that left a race is not compared variant by variant.", Doc.Style.NOTE));
    }

    private static String describe(Path dir, RunData run) {
        Manifest m = run.manifest();
        long ok = run.trials().stream().filter(TrialRow::ok).count();
        String seeds = m.adaptive() == null ? seedList(m.seeds()) : "adaptive " + m.adaptive().initial() + " to "
                + m.adaptive().max() + " per variant, up to " + m.variants().stream()
                .mapToInt(v -> m.seedsOf(v.variantId()).size()).max().orElse(0) + " used";
        String commit = m.provenance(ManifestKeys.GIT_COMMIT);
        return dir + " (" + ok + " of " + m.plannedTrials() + " trials ok, seeds " + seeds
                + (commit == null ? "" : ", commit " + abbreviate(commit))
                + (m.startedAt() == null ? "" : ", started " + m.startedAt()) + ")";
    }

    private static String seedList(List<Long> seeds) {
        return seeds.isEmpty() ? "none listed" : seeds.stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static Doc.Table variantTable(ReproductionResult result) {
        Measure measure = result.measure();
        Score score = measure.format();
        boolean baseline = result.variants().stream()
                .anyMatch(r -> !r.baselineA().isEmpty() || !r.baselineB().isEmpty());
        String unit = score.unit();
        List<String> header = new ArrayList<>(List.of("variant", "n A", measure.label() + " A" + unit, "n B",
                measure.label() + " B" + unit, "B − A" + unit, "95% CI", "test", "p adj"));
        if (baseline) {
            header.add("vs baseline A → B");
        }
        header.add("result");
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (VariantRow r : result.variants()) {
            Comparison.Result k = r.comparison();
            double diff = r.meanB() - r.meanA();
            List<String> row = new ArrayList<>(List.of(r.variant().label(), String.valueOf(r.nA()),
                    r.a() == null ? "" : Fmt.plain(score, r.meanA()), String.valueOf(r.nB()),
                    Fmt.plain(score, r.meanB()), Double.isFinite(diff) ? Fmt.plainDifference(score, diff) : "–",
                    k.defined() ? Fmt.interval(k.ci(), y -> Fmt.plainDifference(score, y)) : "–",
                    k.defined() ? k.test() : "–", Fmt.p(r.pAdjusted())));
            if (baseline) {
                String left = "left the race";
                row.add(r.baselineA().isEmpty() && r.baselineB().isEmpty() ? ""
                        : (r.a() == null ? "–" : leftA(r) ? left : r.baselineA().text())
                        + " → " + (r.b() == null ? "–" : leftB(r) ? left : r.baselineB().text()));
            }
            row.add(r.resultText());
            rows.add(row);
            classes.add(r.reproduced() ? null : "bad");
        }
        return new Doc.Table(measure.label() + " per variant, B − A", header, rows, classes);
    }

    private static boolean leftA(VariantRow r) {
        return r.result() == VariantResult.PRUNED_IN_A || r.result() == VariantResult.PRUNED_IN_BOTH;
    }

    private static boolean leftB(VariantRow r) {
        return r.result() == VariantResult.PRUNED_IN_B || r.result() == VariantResult.PRUNED_IN_BOTH;
    }

    private static String variantRule(ReproductionResult r) {
        return "B − A: the difference of the means with its 95% CI, paired t by seed when both runs have the same "
                + "seeds, else Welch; p adjusted across the variants ("
                + Stats.correctionName(r.a().manifest().statistics().correction()) + "). A variant reproduces when "
                + "it is identical (the same trials with the same cells in trials.csv), within seed noise (adjusted p "
                + "≥ " + Stats.ALPHA + ")" + (r.rope() > 0 ? " or within the ROPE (|B − A| ≤ "
                + Fmt.difference(r.measure().format(), r.rope()).replace("+", "") + ")" : "") + ".";
    }

    private static Doc.Table claimTable(List<ClaimRow> claims) {
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (ClaimRow r : claims) {
            Claim c = r.a().claim();
            Comparison.Result k = r.change();
            rows.add(List.of(c.claim(), Claims.metricLabel(c), r.a().verdict().text(),
                    Claims.difference(c, r.a().difference()), r.b().verdict().text(),
                    Claims.difference(c, r.b().difference()),
                    k.defined() ? Claims.difference(c, k.difference()) : "–",
                    k.defined() ? Fmt.interval(k.ci(), d -> plain(c, d)) : "–", Fmt.p(r.pAdjusted()),
                    r.result().text()));
            classes.add(r.reproduced() ? null : "bad");
        }
        return new Doc.Table("Claims of A on both runs", List.of("claim", "metric", "A verdict", "A difference",
                "B verdict", "B difference", "change B − A", "95% CI", "p adj", "result"), rows, classes);
    }

    /** A claim's difference without its unit (the column beside it states it). */
    private static String plain(Claim c, double d) {
        return Claims.difference(c, d).replace(" pts", "").replace(" epochs", "");
    }
}
