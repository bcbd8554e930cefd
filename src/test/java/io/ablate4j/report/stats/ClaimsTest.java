package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.RunFixture;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.render.ConsoleVerdict;
import io.ablate4j.report.render.CsvOutputs;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict of each expectation, on hand-made trials whose numbers decide it. */
class ClaimsTest {
    private static final Map<String, String> NONE = Map.of("model.dropout", "0");
    private static final Map<String, String> HALF = Map.of("model.dropout", "0.5");

    private final List<TrialRow> trials = new ArrayList<>();
    private final Map<String, List<EpochRow>> epochs = new LinkedHashMap<>();

    private void trials(String variant, double... testAcc) {
        for (int i = 0; i < testAcc.length; i++) {
            trials.add(trial(variant, i + 1, TrialStatus.OK, testAcc[i], 10));
        }
    }

    private static TrialRow trial(String variant, long seed, TrialStatus status, double testAcc, double epochsRun) {
        String dropout = variant.equals("v0") ? "0" : "0.5";
        return new TrialRow(variant + "s" + seed, variant, seed, status, Map.of("model.dropout", dropout), epochsRun,
                epochsRun, 0.95, testAcc + 0.01, testAcc, 0.2, 0.4, 0.4, 0.95 - testAcc - 0.01, 10, 1000, "");
    }

    private RunData run() {
        Manifest m = new Manifest(1, "claims", null, null, null, List.of("model.dropout"), Map.of("model.dropout",
                "0"), "grid", List.of(1L, 2L, 3L), 6, 2, null, null, Map.of(),
                List.of(new VariantCells("v0", NONE), new VariantCells("v1", HALF)));
        return new RunData(m, trials, epochs, !epochs.isEmpty(), List.of());
    }

    private static String line(Claims.Result r) {
        return ConsoleVerdict.claimLine(r);
    }

    private static Claim claim(ExpectMetric metric, String direction, Map<String, String> subject,
                                      Map<String, String> than) {
        return new Claim("dropout helps", metric, Double.NaN, direction, subject, than);
    }

    @Test
    void clearDifferenceInTheClaimedDirectionIsConfirmed() {
        trials("v0", 0.80, 0.81, 0.82);
        trials("v1", 0.85, 0.86, 0.87);
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE));
        assertEquals(Conclusion.CONFIRMED, r.verdict());
        assertEquals(0.05, r.difference(), 1e-9);
        assertTrue(r.p() < 0.01, "p = " + r.p());
        assertEquals(3, r.subject().n());
        assertEquals(0.86, r.subject().mean(), 1e-9);
        assertTrue(r.subject().ci().low() < 0.86 && r.subject().ci().high() > 0.86);
    }

    @Test
    void differenceAgainstTheClaimIsRefuted() {
        trials("v0", 0.80, 0.81, 0.82);
        trials("v1", 0.85, 0.87, 0.86);
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "lower", HALF, NONE));
        assertEquals(Conclusion.REFUTED, r.verdict());
        assertTrue(r.comparison().paired());
        assertTrue(r.decision().reason().startsWith("the difference points the other way"), r.decision().reason());
        assertTrue(line(r).startsWith("refuted: dropout helps (test_acc: 86.00% vs 81.00%, +5.00 pts ["),
                line(r));
    }

    @Test
    void smallDifferenceInTheClaimedDirectionIsInconclusiveWithTheSeedsThatWouldDecideIt() {
        trials("v0", 0.80, 0.82, 0.81);
        trials("v1", 0.81, 0.83, 0.80);
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE));
        assertEquals(Conclusion.INCONCLUSIVE, r.verdict());
        assertTrue(r.p() > 0.5, "p = " + r.p());
        // Differences +1, +1, -1 pts: sd 1.155 pts, observed 0.333 pts. 80% power at α = 0.05 for 0.333 pts
        // needs n with (t(0.975; n-1) + t(0.8; n-1))·1.155/√n ≤ 0.333: n = 97 (scipy: see StatsFixtures).
        assertEquals(97, r.decision().seedsNeeded(), 0);
        assertTrue(line(r).endsWith("~97 seeds would decide it)") || line(r).endsWith(
                "≈97 seeds would decide it)"), line(r));
    }

    @Test
    void aCiInsideTheRopeRefutesTheClaim() {
        trials("v0", 0.800, 0.820, 0.810, 0.805, 0.815);
        trials("v1", 0.801, 0.822, 0.809, 0.806, 0.816);
        Claim c = new Claim("dropout helps", ExpectMetric.TEST_ACC, Double.NaN, "higher", HALF, NONE, 0.5);
        Claims.Result r = Claims.evaluate(run(), c);
        assertEquals(Conclusion.REFUTED, r.verdict());
        assertTrue(r.decision().equivalent());
        assertTrue(r.decision().reason().contains("lies inside the ROPE ±0.50 pts"), r.decision().reason());
        // The same numbers without a ROPE cannot be decided at these seeds.
        assertEquals(Conclusion.INCONCLUSIVE,
                Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE)).verdict());
    }

    @Test
    void aWideCiWithARopeIsInconclusiveWithSeedsForThePowerAtTheRope() {
        trials("v0", 0.80, 0.82, 0.81);
        trials("v1", 0.81, 0.83, 0.80);
        Claim c = new Claim("dropout helps", ExpectMetric.TEST_ACC, Double.NaN, "higher", HALF, NONE, 2.0);
        Claims.Result r = Claims.evaluate(run(), c);
        assertEquals(Conclusion.INCONCLUSIVE, r.verdict());
        // sd of the differences 1.155 pts, ROPE 2 pts: n = 5 gives (2.776 + 0.941)·1.155/√5 = 1.92 ≤ 2.
        assertEquals(5, r.decision().seedsNeeded(), 0);
    }

    @Test
    void unmatchedSeedsAreComparedByWelch() {
        trials("v0", 0.80, 0.81, 0.82);
        trials.add(trial("v1", 7, TrialStatus.OK, 0.85, 10));
        trials.add(trial("v1", 8, TrialStatus.OK, 0.86, 10));
        trials.add(trial("v1", 9, TrialStatus.OK, 0.88, 10));
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE));
        assertEquals("Welch", r.comparison().test());
        assertEquals(Stats.welch(new double[] {0.85, 0.86, 0.88}, new double[] {0.80, 0.81, 0.82}).p(), r.p(), 1e-15);
        assertTrue(r.note().contains("not paired"), r.note());
    }

    @Test
    void claimsOfOneRunAreAdjustedTogether() {
        trials("v0", 0.80, 0.82, 0.81, 0.79);
        trials("v1", 0.83, 0.84, 0.85, 0.80);
        Claim a = claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE);
        Claim b = new Claim("dropout keeps the gap small", ExpectMetric.GAP_ACC, Double.NaN, "lower", HALF, NONE);
        List<Claims.Result> both = Claims.evaluate(run(), List.of(a, b));
        double[] raw = {both.get(0).p(), both.get(1).p()};
        double[] holm = Stats.holm(raw);
        assertEquals(holm[0], both.get(0).pAdjusted(), 1e-15);
        assertEquals(holm[1], both.get(1).pAdjusted(), 1e-15);
        assertTrue(both.get(0).pAdjusted() >= both.get(0).p());
    }

    @Test
    void missingTrialsMakeTheClaimInconclusive() {
        trials("v0", 0.80, 0.81, 0.82);
        trials.add(trial("v1", 1, TrialStatus.OK, 0.86, 10));
        trials.add(trial("v1", 2, TrialStatus.FAILED, Double.NaN, 2));
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.TEST_ACC, "higher", HALF, NONE));
        assertEquals(Conclusion.INCONCLUSIVE, r.verdict());
        assertTrue(Double.isNaN(r.p()));
        assertTrue(r.note().contains("needs at least 2 ok trials on each side (has 1 and 3)"), r.note());
        assertTrue(r.note().contains("2 of 3 trials of model.dropout=0.5 are missing, failed or diverged"), r.note());
    }

    @Test
    void lowerGapIsCheckedOnGapAcc() {
        trials("v0", 0.80, 0.81, 0.82);
        trials("v1", 0.85, 0.86, 0.87);
        Claims.Result r = Claims.evaluate(run(), claim(ExpectMetric.GAP_ACC, "lower", HALF, NONE));
        assertEquals(Conclusion.CONFIRMED, r.verdict());
        assertEquals(-0.05, r.difference(), 1e-9);
    }

    @Test
    void epochsToValAccCountsTrialsThatNeverReachTheThresholdAsEpochsRunPlusOne() {
        for (long seed = 1; seed <= 3; seed++) {
            trials.add(trial("v0", seed, TrialStatus.OK, 0.7, 5));
            trials.add(trial("v1", seed, TrialStatus.OK, 0.85, 5));
            epochs.put("v0s" + seed, curve("v0", seed, 0.50, 0.60, 0.70, 0.75, 0.79));
            epochs.put("v1s" + seed, curve("v1", seed, 0.70, seed == 3 ? 0.79 : 0.81, 0.83, 0.84, 0.85));
        }
        Claim c = new Claim("BN converges faster", ExpectMetric.EPOCHS_TO_VAL_ACC, 0.8, "lower", HALF, NONE);
        Claims.Result r = Claims.evaluate(run(), c);
        assertEquals(6.0, r.than().mean(), 1e-9);
        assertEquals(3, r.than().unreached());
        assertEquals((2 + 2 + 3) / 3.0, r.subject().mean(), 1e-9);
        assertEquals(Conclusion.CONFIRMED, r.verdict());
        // Epochs, not a fraction, although the metric's name ends in _acc.
        assertTrue(line(r).contains("epochs_to_val_acc ≥ 0.80: 2.3 vs 6.0, -3.7 epochs"), line(r));
        assertTrue(r.note().contains("3 of 3 trials of model.dropout=0 never reached val_acc 0.80 and count as "
                + "epochs run + 1"), r.note());
    }

    @Test
    void gapFinalAccIsTheGapOfTheLastEpoch() {
        for (long seed = 1; seed <= 3; seed++) {
            trials.add(trial("v0", seed, TrialStatus.OK, 0.7, 3));
            trials.add(trial("v1", seed, TrialStatus.OK, 0.85, 3));
            epochs.put("v0s" + seed, curve("v0", seed, 0.80, 0.75, 0.70 - 0.01 * seed));
            epochs.put("v1s" + seed, curve("v1", seed, 0.80, 0.82, 0.84 + 0.01 * seed));
        }
        Claims.Result r = Claims.evaluate(run(), new Claim("dropout keeps the gap small", ExpectMetric.GAP_FINAL_ACC,
                Double.NaN, "lower", HALF, NONE));
        assertEquals(0.9 - 0.86, r.subject().mean(), 1e-9);
        assertEquals(0.9 - 0.68, r.than().mean(), 1e-9);
        assertEquals(Conclusion.CONFIRMED, r.verdict());
    }

    @Test
    void identicalValuesOnBothSidesStillGiveAVerdict() {
        for (long seed = 1; seed <= 3; seed++) {
            trials.add(trial("v0", seed, TrialStatus.OK, 0.7, 4));
            trials.add(trial("v1", seed, TrialStatus.OK, 0.85, 4));
            epochs.put("v0s" + seed, curve("v0", seed, 0.5, 0.6, 0.7, 0.7));
            epochs.put("v1s" + seed, curve("v1", seed, 0.9, 0.9, 0.9, 0.9));
        }
        Claims.Result r = Claims.evaluate(run(), new Claim("BN", ExpectMetric.EPOCHS_TO_VAL_ACC, 0.8, "lower", HALF,
                NONE));
        assertEquals(Conclusion.CONFIRMED, r.verdict());
        assertEquals(0.0, r.p());
        assertTrue(r.note().contains("no variance"), r.note());
    }

    private static List<EpochRow> curve(String variant, long seed, double... valAcc) {
        List<EpochRow> rows = new ArrayList<>();
        for (int e = 0; e < valAcc.length; e++) {
            rows.add(new EpochRow(variant + "s" + seed, variant, seed, e + 1, 0.3, 0.9, 0.4, valAcc[e], 0.4,
                    valAcc[e], 0.9 - valAcc[e], 1, 1000));
        }
        return rows;
    }

    @Test
    void selectorLeavingOutAnAxisPoolsItsVariants(@TempDir Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().experiment("claims", "pooled")
                .axis("model.dropout", "0.0", "0.5")
                .axis("regularization.l2", "0", "1e-3")
                .baselineFirstLevels()
                .shift(2, 0, 0.05).shift(3, 0, 0.05)
                .expect("dropout helps", "test_acc", null, "higher", Map.of("model.dropout", "0.5"),
                        Map.of("model.dropout", "0.0"))
                .expect("dropout hurts", "test_acc", null, "lower", Map.of("model.dropout", "0.5"),
                        Map.of("model.dropout", "0.0"))
                .expect("L2 speeds up", "epochs_to_val_acc", 0.7, "lower", Map.of("regularization.l2", "1e-3"),
                        Map.of("regularization.l2", "0"))
                .failed(3, 2).failed(3, 3)
                .expect("only one trial left", "test_acc", null, "higher",
                        Map.of("model.dropout", "0.5", "regularization.l2", "1e-3"),
                        Map.of("model.dropout", "0.0", "regularization.l2", "0"))
                .write(dir);
        ReportResult result = Report.generate(dir);
        List<String> csv = Files.readAllLines(dir.resolve(CsvOutputs.EXPECTATIONS));
        assertEquals(String.join(",", CsvOutputs.EXPECTATION_COLUMNS), csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("dropout helps,test_acc,,higher,model.dropout=0.5,model.dropout=0.0,2,4,6,0,"),
                csv.get(1));
        assertTrue(csv.get(1).contains(",confirmed,"), csv.get(1));
        assertTrue(csv.get(1).endsWith(",\"2 of 6 trials of model.dropout=0.5 are missing, failed or "
                + "diverged; not paired (the sides do not match one to one by seed): Welch's test\""), csv.get(1));
        assertTrue(csv.get(4).contains(",inconclusive,"), csv.get(4));
        String md = Files.readString(result.markdown());
        assertTrue(md.indexOf("Claims") < md.indexOf("Experiment"), "Claims section first");
        assertTrue(md.contains("| dropout hurts |") && md.contains("refuted"), md);
        String html = Files.readString(result.html());
        assertTrue(html.contains("id=\"claims\"") || html.contains("claims"), "html has the claims section");
        assertTrue(result.verdictText().contains("refuted: dropout hurts"), result.verdictText());
        assertTrue(result.verdictText().contains("inconclusive: only one trial left"), result.verdictText());
    }
}
