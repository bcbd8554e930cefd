package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.read.RunFixture;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}: does run B reproduce run A, on fixture runs whose differences are known, and on every preset. */
class ReproductionTest {
    private static final Map<String, String> NONE = Map.of("model.dropout", "0");
    private static final Map<String, String> HALF = Map.of("model.dropout", "0.5");

    @TempDir
    Path tmp;

    /** Three dropout levels, five seeds; the claim "0.5 beats 0" holds in the fixture (regularized is better). */
    private static RunFixture fixture() {
        return new RunFixture().axis("model.dropout", "0", "0.2", "0.5").baselineFirstLevels()
                .seeds(1L, 2L, 3L, 4L, 5L).expect("dropout 0.5 beats none", "test_acc", null, "higher", HALF, NONE);
    }

    private Reproduction compare(RunFixture a, RunFixture b) throws IOException {
        return Reproduction.compare(a.write(tmp.resolve("a")), b.write(tmp.resolve("b")));
    }

    @Test
    void aRerunWithTheSameSeedsIsIdenticalAndReproduces() throws IOException {
        Reproduction r = compare(fixture(), fixture());
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        assertTrue(r.variants().stream().allMatch(v -> v.identical() && v.result() == VariantResult.IDENTICAL));
        ReproductionResult.ClaimRow claim = r.claims().get(0);
        assertEquals(Conclusion.CONFIRMED, claim.a().verdict());
        assertEquals(Conclusion.CONFIRMED, claim.b().verdict());
        assertEquals(0, claim.change().difference(), 0);
        assertTrue(claim.reproduced(), claim.result().text());
        assertEquals(ClaimResult.IDENTICAL, claim.result());
        assertTrue(r.failures().isEmpty());
        assertTrue(r.summary().startsWith("reproduced: 3 of 3 variant(s) of A reproduced (3 identical), 1 of 1 "
                + "claim(s)"), r.summary());
    }

    /** Every variant reproduced by Welch (the seed sets differ), none identical, each with the given result. */
    private static void assertWelchWithinNoise(Reproduction r, String result) {
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        for (ReproductionResult.VariantRow v : r.variants()) {
            assertFalse(v.identical());
            assertEquals("Welch", v.comparison().test(), "the seed sets differ");
            assertEquals(result, v.resultText());
            assertEquals(5, v.nA());
            assertEquals(6, v.nB());
            assertTrue(v.pAdjusted() >= Stats.ALPHA, v.comparison().toString());
        }
    }

    @Test
    void otherSeedsAreComparedByWelchAndReproduceWithinSeedNoise() throws IOException {
        // One of the three 95% CIs misses 0 (p 0.048) by chance; adjusted across the variants it is noise.
        Reproduction r = compare(fixture(), fixture().seeds(6L, 7L, 8L, 9L, 10L, 11L));
        assertWelchWithinNoise(r, VariantResult.WITHIN_NOISE.text());
        assertTrue(r.claims().get(0).reproduced(), r.claims().get(0).result().text());
        assertTrue(r.provenance().stream().anyMatch(d -> d.key().equals("seeds")));
    }

    @Test
    void anExtraSeedInBKeepsTheSharedSeedsIdentical() throws IOException {
        Reproduction r = compare(fixture(), fixture().seeds(1L, 2L, 3L, 4L, 5L, 6L));
        assertWelchWithinNoise(r, VariantResult.WITHIN_NOISE.text() + " (5 of 5 shared seeds identical)");
        assertEquals(ClaimResult.WITHIN_NOISE, r.claims().get(0).result());
    }

    @Test
    void aPartialRerunWithoutClaimsIsJudgedByAsClaims() throws IOException {
        Reproduction r = compare(fixture(), new RunFixture().axis("model.dropout", "0", "0.2", "0.5")
                .baselineFirstLevels().seeds(1L, 2L, 3L, 4L, 5L).omit(1, 3L));
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        ReproductionResult.VariantRow partial = r.variants().get(1);
        assertEquals(4, partial.nB());
        assertEquals(VariantResult.WITHIN_NOISE.text() + " (4 of 4 shared seeds identical)", partial.resultText());
        assertEquals(1, r.claims().size());
        assertTrue(r.render(Reproduction.Format.TEXT).contains("- B's expect: differs from A's; A's claims are "
                + "checked on both runs"));
    }

    @Test
    void aLargeShiftOfOneVariantIsNotReproducedAndNamesTheVariantAndTheClaim() throws IOException {
        Reproduction r = compare(fixture(), fixture().shift(2, 0, -0.08));
        assertEquals(Reproduction.Outcome.NOT_REPRODUCED, r.outcome());
        ReproductionResult.VariantRow shifted = r.variants().get(2);
        assertEquals(VariantResult.DIFFERS, shifted.result());
        assertEquals("paired t", shifted.comparison().test());
        assertEquals(-0.08, shifted.comparison().difference(), 0.01);
        assertTrue(r.variants().get(0).identical() && r.variants().get(1).identical());
        ReproductionResult.ClaimRow claim = r.claims().get(0);
        assertEquals(Conclusion.CONFIRMED, claim.a().verdict());
        assertFalse(claim.reproduced());
        List<String> failures = r.failures();
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("variant model.dropout=0.5 differs: B − A = -")),
                failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("claim \"dropout 0.5 beats none\"")),
                failures.toString());
        assertTrue(r.summary().startsWith("not reproduced: variant model.dropout=0.5"), r.summary());
    }

    @Test
    void aRopeAcceptsASmallSystematicShift() throws IOException {
        // A shift of 0.3 pts on every seed is significant under pairing, and within a ROPE of 0.5 pts.
        Reproduction strict = compare(fixture(), fixture().shift(1, 0, 0.003));
        assertEquals(VariantResult.DIFFERS, strict.variants().get(1).result());
        Path a = tmp.resolve("a");
        String manifest = Files.readString(a.resolve("manifest.json"));
        Files.writeString(a.resolve("manifest.json"), manifest.replaceFirst("\\{",
                "{ \"statistics\" : { \"rope\" : 0.5, \"correction\" : \"holm\" },"));
        Reproduction lenient = Reproduction.compare(a, tmp.resolve("b"));
        assertEquals(VariantResult.WITHIN_ROPE, lenient.variants().get(1).result());
        assertTrue(lenient.render(Reproduction.Format.TEXT).replace('\n', ' ')
                .contains("or within the ROPE (|B - A| <= 0.50 pts)"));
        assertEquals(VariantResult.DIFFERS, Reproduction.compare(a, tmp.resolve("b"), 0, null).variants().get(1)
                .result(), "--rope 0: no ROPE");
        assertEquals(VariantResult.WITHIN_ROPE, Reproduction.compare(tmp.resolve("b"), a, 0.3, null).variants().get(1)
                .result(), "--rope 0.3 (pts) covers a shift of 0.3 pts");
    }

    @Test
    void anotherMetricIsComparedInItsOwnUnits() throws IOException {
        // The shift moves test accuracy only: validation accuracy stays identical, the losses too.
        fixture().write(tmp.resolve("a"));
        fixture().shift(2, 0, -0.08).write(tmp.resolve("b"));
        Reproduction val = Reproduction.compare(tmp.resolve("a"), tmp.resolve("b"), Double.NaN, "val_acc");
        assertTrue(val.variants().stream().allMatch(v -> v.comparison().difference() == 0), val.summary());
        String text = val.render(Reproduction.Format.TEXT);
        assertTrue(text.contains("variant            n A  val_acc A (%)  n B  val_acc B (%)  B - A (%)"), text);
        Reproduction loss = Reproduction.compare(tmp.resolve("a"), tmp.resolve("b"), 0.01, "test_loss");
        String lossText = loss.render(Reproduction.Format.TEXT).replace('\n', ' ');
        assertTrue(lossText.contains("(|B - A| <= 0.01000)"), "a plain number, no pts: " + lossText);
        ReportException unknown = assertThrows(ReportException.class,
                () -> Reproduction.compare(tmp.resolve("a"), tmp.resolve("b"), Double.NaN, "test_accuracy"));
        assertTrue(unknown.getMessage().startsWith("metric 'test_accuracy' is not a metric of trials.csv; choose one "
                + "of train_loss, train_acc,"), unknown.getMessage());
        ReportException absent = assertThrows(ReportException.class,
                () -> Reproduction.compare(tmp.resolve("a"), tmp.resolve("b"), Double.NaN, "test_rmse"));
        assertTrue(absent.getMessage().endsWith(": no ok trial has a value of test_rmse (a classification run; its "
                + "score is test_acc)"), absent.getMessage());
    }

    @Test
    void aVariantMissingInBIsNotReproducedAndOneOnlyInBIsListed() throws IOException {
        Reproduction r = compare(fixture(), new RunFixture().axis("model.dropout", "0", "0.5", "0.8")
                .baselineFirstLevels().seeds(1L, 2L, 3L, 4L, 5L));
        // The fixture's ids are positional: v01 is 0.2 in A and 0.5 in B, so B's variants match by axis values.
        assertEquals(Reproduction.Outcome.NOT_REPRODUCED, r.outcome());
        assertEquals(VariantResult.MISSING_IN_B, r.variants().get(1).result());
        assertTrue(r.variants().stream().anyMatch(v -> v.a() == null && v.result() == VariantResult.ONLY_IN_B
                && v.variant().label().equals("model.dropout=0.8")));
    }

    @Test
    void theCommittedRaceReproducesTheFullGridWithHalfItsTrialEpochs() throws IOException {
        Path full = Path.of("results/grid-full-dropout-l2-lr");
        Path race = Path.of("results/grid-race-dropout-l2-lr");
        Reproduction r = Reproduction.compare(full, race);
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        // The 11 variants that finished the race are the full grid's trial for trial (continued from checkpoints)
        assertEquals(11, r.variants().stream().filter(ReproductionResult.VariantRow::identical).count());
        assertEquals(16, r.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_B).count());
        RaceReproduction check = r.race().orElseThrow();
        assertEquals(1215, check.trialEpochsA(), 0);
        assertEquals(605, check.trialEpochsB(), 0);
        assertEquals(RaceReproduction.Selection.SAME_VARIANT, check.selection());
        assertTrue(r.summary().startsWith("reproduced: 11 of 11 variant(s) of A reproduced (11 identical), 16 left "
                + "B's race; B trained 605 trial-epochs, 49.8% of A's 1,215; both select "), r.summary());
        String text = r.render(Reproduction.Format.TEXT);
        assertTrue(text.contains("left B's race: not compared (after epoch 1)"), text);
        assertTrue(text.contains("left B's race: not compared (after epoch 3)"), text);

        Reproduction back = Reproduction.compare(race, full);
        assertEquals(Reproduction.Outcome.REPRODUCED, back.outcome(), back.summary());
        assertEquals(16, back.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_A).count());
        assertEquals(RaceReproduction.Selection.SAME_VARIANT, back.race().orElseThrow().selection());
        assertTrue(back.summary().contains("16 left A's race"), back.summary());

        Reproduction rerun = Reproduction.compare(race, race);
        assertEquals(Reproduction.Outcome.REPRODUCED, rerun.outcome(), rerun.summary());
        assertEquals(16, rerun.variants().stream().filter(v -> v.result() == VariantResult.PRUNED_IN_BOTH).count());
        assertTrue(rerun.summary().startsWith("reproduced: 11 of 11 variant(s) of A reproduced (11 identical), 16 "
                + "left both races; B trained 605 trial-epochs, 100.0% of A's 605"), rerun.summary());
    }

    @Test
    void aRaceThatPrunedTheBestVariantDoesNotReproduceTheFullGrid() throws IOException {
        // Dropout 0.5 is far ahead in the full grid; the race lost it after epoch 2 and selects another.
        RunFixture full = fixture().shift(2, 0.03, 0.03);
        Reproduction r = compare(full, fixture().shift(2, 0.03, 0.03).pruned(2, 2));
        RaceReproduction check = r.race().orElseThrow();
        assertEquals(RaceReproduction.Selection.DIFFERS, check.selection(), r.summary());
        assertEquals("A", check.judge());
        assertEquals("model.dropout=0.5", check.pickA().label());
        assertEquals(Reproduction.Outcome.NOT_REPRODUCED, r.outcome());
        assertEquals(VariantResult.PRUNED_IN_B, r.variants().get(2).result());
        assertTrue(r.variants().stream().allMatch(ReproductionResult.VariantRow::reproduced), "only the selection");
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("selection: B selects model.dropout=")
                && f.contains("A model.dropout=0.5") && f.contains("A's own results tell them apart")), r.summary());
        // 5 seeds: two variants of 8 epochs and the pruned one's 2, against three variants of 8
        assertEquals(2 * 5 * 8 + 5 * 2, check.trialEpochsB(), 0);
        assertEquals(3 * 5 * 8, check.trialEpochsA(), 0);
    }

    @Test
    void aRaceWhosePickTheFullGridCannotTellFromItsOwnReproduces() throws IOException {
        // The three levels equally good: the race pruned the full grid's pick and selects one that is as good.
        Path a = fixture().shift(0, 0.016, 0.016).shift(1, 0.008, 0.008).write(tmp.resolve("a"));
        String pickA = Summary.selected(Looks.read(a).run()).orElseThrow().variantId();
        int best = Integer.parseInt(pickA.substring(1));
        Path b = fixture().shift(0, 0.016, 0.016).shift(1, 0.008, 0.008).pruned(best, 1).write(tmp.resolve("b"));
        Reproduction r = Reproduction.compare(a, b);
        RaceReproduction check = r.race().orElseThrow();
        assertEquals(RaceReproduction.Selection.CANNOT_TELL_APART, check.selection(), r.summary());
        assertEquals(pickA, check.pickA().variantId());
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        assertTrue(r.summary().contains("A's own results cannot tell them apart"), r.summary());
        assertTrue(Reproduction.compare(a, a).race().isEmpty(), "neither run a race: no race check");
    }

    @Test
    void aDifferentConfigKeyIsNotComparableAndNamesBothValues() throws IOException {
        Reproduction r = compare(fixture(), fixture().epochs(5).experiment("renamed", "other words"));
        assertEquals(Reproduction.Outcome.NOT_COMPARABLE, r.outcome());
        assertEquals(List.of(new Reproduction.KeyDifference("training.epochs", "8", "5")), r.differences());
        assertTrue(r.notComparableMessage().contains("training.epochs: A = 8, B = 5"), r.notComparableMessage());
    }

    @Test
    void numbersCompareByValueAndAbsentKeysAreNamed() {
        Manifest a = manifest(Map.of("training", Map.of("epochs", 30, "batchSize", 64),
                "model", Map.of("hidden", List.of(256, 256), "activation", "relu")));
        Manifest b = manifest(Map.of("training", Map.of("epochs", 30.0),
                "model", Map.of("hidden", List.of(256.0, 256), "activation", "tanh")));
        assertEquals(List.of(new Reproduction.KeyDifference("model.activation", "relu", "tanh"),
                new Reproduction.KeyDifference("training.batchSize", "64", Comparability.ABSENT)),
                Comparability.experimentDifferences(a, b).stream().sorted(java.util.Comparator.comparing(
                        Reproduction.KeyDifference::key)).toList());
    }

    private static Manifest manifest(Map<String, Object> config) {
        return new Manifest(1, "x", null, null, null, List.of("model.dropout"), Map.of(), "grid", List.of(1L), 1, 1,
                null, null, config, List.of());
    }

    @Test
    void aDirectoryThatIsNotARunIsAnErrorNamingIt() throws IOException {
        Path a = fixture().write(tmp.resolve("a"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ReportException e = assertThrows(ReportException.class, () -> Reproduction.compare(a, empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("not a run directory"),
                e.getMessage());
        assertThrows(ReportException.class, () -> Reproduction.compare(tmp.resolve("missing"), a));
    }

    @Test
    void textMarkdownAndLatexCarryTheSameTable() throws IOException {
        Reproduction r = compare(fixture().experiment("drop_rate", "d"), fixture().experiment("drop_rate", "d")
                .shift(2, 0, -0.08));
        String text = r.render(Reproduction.Format.TEXT);
        assertTrue(text.startsWith("compare drop_rate: does B reproduce A?\n====="), text);
        assertTrue(text.contains("variant            n A  test accuracy A (%)  n B  test accuracy B (%)  B - A (%)"),
                text);
        assertTrue(text.chars().allMatch(c -> c < 128), "console text is ASCII");
        assertTrue(text.contains("identical") && text.contains("differs") && text.contains("verdict reversed"), text);

        String md = r.render(Reproduction.Format.MARKDOWN);
        assertTrue(md.startsWith("# compare drop\\_rate: does B reproduce A?"), md);
        assertTrue(md.contains("| variant | n A | test accuracy A (%) | n B | test accuracy B (%) | B − A (%) | 95% CI "
                + "| test | p adj | vs baseline A → B | result |"), md);
        assertTrue(md.contains("| model.dropout=0 | 5 |"), md);

        String tex = r.render(Reproduction.Format.LATEX);
        assertTrue(tex.startsWith("% compare drop_rate: does B reproduce A?\n"), tex);
        assertTrue(tex.contains("\\begin{tabular}{lrrrrrrlrll}"), tex);
        assertTrue(tex.contains("    variant & n A & test accuracy A (\\%) & n B & test accuracy B (\\%) "
                + "& B $-$ A (\\%) & 95\\% CI & test & p adj & vs baseline A $\\to$ B & result \\\\"), tex);
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("\\caption{test accuracy per variant, B $-$ A}"), tex);
        assertTrue(tex.lines().filter(l -> !l.startsWith("%") && !l.isBlank())
                .noneMatch(l -> l.matches(".*[^\\\\]_.*")), "every _ outside comments is escaped:\n" + tex);
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedResultReproducesItselfIdentically() throws IOException {
        return CommittedResultsTest.committedRuns().stream().map(d -> DynamicTest.dynamicTest(
                d.getFileName().toString(), () -> {
                    Reproduction r = Reproduction.compare(d, d);
                    assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
                    assertTrue(r.variants().stream().filter(v -> v.nA() > 0)
                            .allMatch(ReproductionResult.VariantRow::identical), r.render(Reproduction.Format.TEXT));
                    assertEquals(r.variants().size(), r.variants().stream().filter(v -> v.a() != null).count());
                    assertTrue(r.claims().stream().allMatch(c -> c.result() == ClaimResult.IDENTICAL));
                    // B is judged by A's claims under its own seed design: the same numbers as A's.
                    r.claims().forEach(c -> assertEquals(c.a().comparison().difference(),
                            c.b().comparison().difference(), 0, c.a().claim().claim()));
                    assertTrue(r.provenance().isEmpty());
                }));
    }

    @Test
    void trialsInAnotherOrderAreStillIdentical() throws IOException {
        // A run with --parallel 1 finishes its trials in another order than one with --parallel 2.
        Path preset = Path.of("results", "srivastava-dropout-rate");
        Path b = Files.createDirectories(tmp.resolve("reordered"));
        Files.copy(preset.resolve("manifest.json"), b.resolve("manifest.json"));
        for (String f : List.of("trials.csv", "epochs.csv")) {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(preset.resolve(f)));
            java.util.Collections.reverse(lines.subList(1, lines.size()));
            Files.write(b.resolve(f), lines);
        }
        Reproduction r = Reproduction.compare(preset, b);
        assertEquals(Reproduction.Outcome.REPRODUCED, r.outcome(), r.summary());
        assertTrue(r.variants().stream().allMatch(ReproductionResult.VariantRow::identical));
        assertTrue(r.claims().stream().allMatch(c -> c.result() == ClaimResult.IDENTICAL), r.render(
                Reproduction.Format.TEXT));
    }
}
