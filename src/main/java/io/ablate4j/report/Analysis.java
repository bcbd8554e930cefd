package io.ablate4j.report;

import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics of one run as the report computes them, before anything is drawn or written: shared by the report
 * ({@link Report}) and the live page ({@link Preview}), so the two say the same.
 */
record Analysis(RunData run, Looks.Replay looks, Optional<VariantCells> baseline,
                List<Overfitting.TrialCurve> trialCurves, Map<String, Overfitting.VariantCurve> variantCurves,
                List<Summary.Row> summary, FactorEffects.Effects effects, Completeness completeness,
                List<Verdict.Row> verdict, List<Claims.Result> claims) {

    static Analysis of(Looks.Replayed read) {
        RunData run = read.run();
        Optional<VariantCells> baseline = Summary.baseline(run.manifest());
        List<Overfitting.TrialCurve> trialCurves = Overfitting.trials(run);
        Map<String, Overfitting.VariantCurve> variantCurves = Overfitting.variants(run.manifest(), trialCurves);
        List<Summary.Row> summary = Summary.compute(run, baseline, variantCurves);
        return new Analysis(run, read.looks(), baseline, trialCurves, variantCurves, summary,
                FactorEffects.compute(run), Completeness.of(run, baseline, summary),
                Verdict.rows(run.manifest(), baseline, summary, run.score()), Claims.evaluate(run));
    }
}
