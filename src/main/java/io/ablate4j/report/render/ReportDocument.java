package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.BnDiagnosticsSummary;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the report's content, the same for HTML and Markdown: the decision first (the claims' verdicts in brief,
 * each change against the baseline in test score and gap, and the forest plot of every variant against the
 * baseline), then the claims in full (when the config states any), experiment (only the settings a reader needs),
 * verdict, selection, completeness, summary, factor effects (with the main-effect and interaction
 * plots), overfitting, charts, provenance; one class per section.
 */
public final class ReportDocument {
    private ReportDocument() {
    }

    /** Everything the report shows. */
    public record Content(Manifest manifest, Optional<VariantCells> baseline, Completeness completeness,
                          List<Claims.Result> claims, List<Summary.Row> summary, List<Verdict.Row> verdict,
                          FactorEffects.Effects effects, List<Overfitting.TrialCurve> trialCurves,
                          Map<String, Overfitting.VariantCurve> variantCurves, List<Doc.Image> plots,
                          List<String> notes, List<BnDiagnosticsSummary.Row> bnDiagnostics, Score score,
                          boolean crossValidated, Looks.Replay looks, FigureSet figures) {
    }

    public static String title(Manifest m) {
        return "ablate4j report: " + (m.experiment() == null ? "run" : m.experiment());
    }

    public static List<Doc.Block> build(Content c) {
        List<Doc.Block> d = new ArrayList<>();
        DecisionSection.add(d, c);
        ClaimsSection.add(d, c);
        LooksSection.add(d, c.manifest(), c.looks());
        ExperimentSection.add(d, c);
        VerdictSection.add(d, c);
        SelectionSection.add(d, c);
        CompletenessSection.add(d, c);
        SummarySection.add(d, c);
        FactorsSection.add(d, c);
        OverfittingSection.add(d, c);
        BnDiagnosticsSection.add(d, c);
        charts(d, c);
        ProvenanceSection.add(d, c);
        return d;
    }

    /**
     * What the live page shows of the report while a run trains: decision (with the forest plot), claims, adaptive
     * looks, verdict, completeness and summary, built by the same sections as the report.
     */
    public static List<Doc.Block> live(Content c) {
        List<Doc.Block> d = new ArrayList<>();
        DecisionSection.add(d, c);
        ClaimsSection.add(d, c);
        LooksSection.add(d, c.manifest(), c.looks());
        VerdictSection.add(d, c);
        CompletenessSection.add(d, c);
        SummarySection.add(d, c);
        return d;
    }

    private static void charts(List<Doc.Block> d, Content c) {
        if (c.plots().isEmpty()) {
            return;
        }
        d.add(h2("Charts", "charts"));
        d.addAll(c.plots());
    }
}
