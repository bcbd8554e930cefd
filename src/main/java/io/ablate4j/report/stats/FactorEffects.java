package io.ablate4j.report.stats;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Main effects and two-way interactions of the sweep axes on trial-level test accuracy (and on the overfitting
 * gap). The unit of analysis is the ok trial; each trial belongs to the levels of its variant.
 *
 * <ul>
 *   <li><b>Main effect of axis A</b>: for each level a, the marginal mean of the test accuracies of all trials
 *       with A = a (averaged over every other axis and seed), their sample standard deviation and the t-based
 *       95% CI of that mean (n−1 df). Its size is η²(A) = SS_A / SS_total with
 *       SS_A = Σ_a n_a (ȳ_a − ȳ)² and SS_total = Σ (y − ȳ)² over all ok trials: the share of the
 *       trial-to-trial variance of test accuracy explained by A's level means.</li>
 *   <li><b>Interaction of A and B</b>: the cell means ȳ_ab over trials with A = a and B = b, and
 *       η²(A×B) = (SS_AB − SS_A − SS_B) / SS_total where SS_AB = Σ_ab n_ab (ȳ_ab − ȳ)²: the variance the cell
 *       means explain beyond the two main effects ({@link Stats#interactionEtaSquared}). Exact for balanced
 *       full grids; for incomplete designs (random or one-at-a-time sweeps, missing trials) it is an
 *       approximation, clipped at 0.</li>
 * </ul>
 * The same decompositions are made of the gap ({@code gap_acc}, train − validation accuracy at the best epoch).
 */
public final class FactorEffects {
    private FactorEffects() {
    }

    /** One level of one axis, or one cell of two axes ({@code levelB} null for a main effect). */
    public record Level(String level, String levelB, int n, double testMean, double testStd, Stats.Interval testCi,
                        double gapMean, double gapStd, Stats.Interval gapCi) {
    }

    /** η² of test accuracy and of the gap; levels in manifest order. */
    public record MainEffect(String axis, List<Level> levels, double etaSquared, double gapEtaSquared) {
    }

    public record Interaction(String axisA, String axisB, List<String> levelsA, List<String> levelsB,
                              List<Level> cells, double etaSquared, double gapEtaSquared) {

        public Level cell(String a, String b) {
            return cells.stream().filter(c -> c.level().equals(a) && c.levelB().equals(b)).findFirst()
                    .orElse(null);
        }
    }

    public record Effects(List<MainEffect> main, List<Interaction> interactions) {
    }

    /** Levels of each axis in the order they first appear among the manifest's variants. */
    public static Map<String, List<String>> levels(Manifest manifest) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String axis : manifest.axes()) {
            List<String> levels = new ArrayList<>();
            for (VariantCells v : manifest.variants()) {
                String value = v.axes().get(axis);
                if (value != null && !levels.contains(value)) {
                    levels.add(value);
                }
            }
            out.put(axis, levels);
        }
        return out;
    }

    public static Effects compute(RunData run) {
        Manifest m = run.manifest();
        Map<String, VariantCells> variants = new LinkedHashMap<>();
        m.variants().forEach(v -> variants.put(v.variantId(), v));
        List<TrialRow> ok = run.trials().stream().filter(TrialRow::ok).filter(t -> Double.isFinite(t.testScore()))
                .toList();
        Map<String, List<String>> levels = levels(m);

        List<MainEffect> main = new ArrayList<>();
        for (String axis : m.axes()) {
            List<Level> rows = new ArrayList<>();
            List<double[]> testGroups = new ArrayList<>();
            List<double[]> gapGroups = new ArrayList<>();
            for (String level : levels.get(axis)) {
                List<TrialRow> at = ok.stream().filter(t -> level.equals(valueOf(variants, t, axis))).toList();
                Level row = level(level, null, at, run.score());
                rows.add(row);
                testGroups.add(test(at));
                gapGroups.add(gap(at));
            }
            main.add(new MainEffect(axis, rows, Stats.etaSquared(testGroups), Stats.etaSquared(gapGroups)));
        }

        List<Interaction> interactions = new ArrayList<>();
        for (int i = 0; i < m.axes().size(); i++) {
            for (int j = i + 1; j < m.axes().size(); j++) {
                String a = m.axes().get(i);
                String b = m.axes().get(j);
                List<Level> cells = new ArrayList<>();
                Map<String, Map<String, double[]>> testCells = new LinkedHashMap<>();
                Map<String, Map<String, double[]>> gapCells = new LinkedHashMap<>();
                for (String la : levels.get(a)) {
                    for (String lb : levels.get(b)) {
                        List<TrialRow> at = ok.stream().filter(t -> la.equals(valueOf(variants, t, a))
                                && lb.equals(valueOf(variants, t, b))).toList();
                        if (at.isEmpty()) {
                            continue;
                        }
                        cells.add(level(la, lb, at, run.score()));
                        testCells.computeIfAbsent(la, k -> new LinkedHashMap<>()).put(lb, test(at));
                        gapCells.computeIfAbsent(la, k -> new LinkedHashMap<>()).put(lb, gap(at));
                    }
                }
                interactions.add(new Interaction(a, b, levels.get(a), levels.get(b), cells,
                        Stats.interactionEtaSquared(testCells), Stats.interactionEtaSquared(gapCells)));
            }
        }
        return new Effects(main, interactions);
    }

    private static String valueOf(Map<String, VariantCells> variants, TrialRow t, String axis) {
        VariantCells v = variants.get(t.variantId());
        return v != null ? v.axes().get(axis) : t.axes().get(axis);
    }

    private static Level level(String level, String levelB, List<TrialRow> trials, Score score) {
        double[] test = test(trials);
        double[] gap = gap(trials);
        return new Level(level, levelB, test.length, Stats.mean(test), Stats.std(test),
                Stats.ci95(test, score.range()),
                Stats.mean(gap), Stats.std(gap), Stats.ci95(gap));
    }

    /** Test scores of the ok trials, one per seed and variant (folds averaged, see {@link Replicates}). */
    private static double[] test(List<TrialRow> trials) {
        return Replicates.values(trials, TrialRow::testScore);
    }

    private static double[] gap(List<TrialRow> trials) {
        return Replicates.values(trials, TrialRow::gap);
    }
}
