package io.ablate4j.report;

import io.ablate4j.files.AtomicFiles;
import io.ablate4j.report.charts.Charts;
import io.ablate4j.report.charts.Figures;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.render.ConsoleVerdict;
import io.ablate4j.report.render.CsvOutputs;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.render.FigureSet;
import io.ablate4j.report.render.HtmlRenderer;
import io.ablate4j.report.render.MarkdownRenderer;
import io.ablate4j.report.render.ReportDocument;
import io.ablate4j.report.stats.BnDiagnosticsSummary;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.awt.AWTError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.ablate4j.report.render.LargeGrid;
import io.ablate4j.report.render.RaceSection;
import io.ablate4j.results.RaceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generates the report of one run directory. Reads {@code manifest.json}, {@code trials.csv} and (when present)
 * {@code epochs.csv} and {@code diagnostics.csv}; writes {@code summary.csv}, {@code factors.csv}, {@code
 * overfitting.csv},
 * {@code expectations.csv} (when the config states expectations),
 * {@code plots/*.png}, {@code plots/*.svg}, {@code report.html} and {@code report.md} into the same directory,
 * replacing an earlier
 * report. A partial run (trials missing, variants without results, failed or diverged trials) is reported as far
 * as it goes, with warnings saying what is missing.
 */
public final class Report {
    /** The report's HTML file in a run directory. */
    public static final String HTML = "report.html";
    static final String MARKDOWN = "report.md";

    private Report() {
    }

    /**
     * Reads {@code runDir} and writes the report files into it.
     *
     * @return where the report went, what is missing or wrong in the run, and a short console verdict
     * @throws ReportException when {@code runDir} has no {@code manifest.json} or {@code trials.csv}, or one of
     *                         the files is malformed (the message names file and line)
     * @throws IOException     when reading or writing fails
     */
    public static ReportResult generate(Path runDir) throws IOException {
        Analysis a = Analysis.of(Looks.read(runDir));
        RunData run = a.run();
        Manifest manifest = run.manifest();
        Optional<VariantCells> baseline = a.baseline();
        List<Overfitting.TrialCurve> trialCurves = a.trialCurves();
        Map<String, Overfitting.VariantCurve> variantCurves = a.variantCurves();
        List<Summary.Row> summary = a.summary();
        FactorEffects.Effects effects = a.effects();
        Completeness completeness = a.completeness();
        List<Verdict.Row> verdict = a.verdict();
        List<Claims.Result> claims = a.claims();

        CsvOutputs.writeSummary(runDir.resolve(CsvOutputs.SUMMARY), manifest.axes(), summary, run.score(),
                manifest.statistics().correction());
        CsvOutputs.writeFactors(runDir.resolve(CsvOutputs.FACTORS), effects, run.score());
        CsvOutputs.writeOverfitting(runDir.resolve(CsvOutputs.OVERFITTING), manifest.axes(), trialCurves,
                variantCurves);
        Path expectationsFile = runDir.resolve(CsvOutputs.EXPECTATIONS);
        if (!claims.isEmpty()) {
            CsvOutputs.writeExpectations(expectationsFile, claims);
        } else {
            java.nio.file.Files.deleteIfExists(expectationsFile);
        }

        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>(completeness.warnings());
        List<Doc.Image> plots;
        try {
            plots = Charts.render(runDir, run, summary, verdict, effects, notes);
        } catch (AWTError | LinkageError | RuntimeException e) {
            // Headless Java without fonts cannot draw text; the numbers are still worth a report.
            plots = List.of();
            warnings.add("charts could not be drawn (" + e + "); on a minimal system install fontconfig and a "
                    + "font package such as fonts-dejavu-core");
        }
        Completeness shown = completeness.withWarnings(warnings);
        FigureSet figures = Figures.write(runDir, manifest, baseline, summary, effects, run.score());

        ReportDocument.Content content = new ReportDocument.Content(manifest, baseline, shown, claims, summary,
                verdict, effects, trialCurves, variantCurves, plots, notes, BnDiagnosticsSummary.read(runDir, run),
                run.score(), run.crossValidated(), a.looks(), figures);
        List<Doc.Block> blocks = new ArrayList<>(ReportDocument.build(content));
        RaceSection.insert(blocks, manifest, RaceFile.read(runDir), run.trials());
        LargeGrid.apply(blocks, manifest, summary, run.score(),
                Figures.parallelCoordinates(runDir, manifest, summary, run.score()));
        String title = ReportDocument.title(manifest);
        Path html = runDir.resolve(HTML);
        Path markdown = runDir.resolve(MARKDOWN);
        AtomicFiles.write(html, HtmlRenderer.render(title, blocks, runDir).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(markdown, MarkdownRenderer.render(title, blocks).getBytes(StandardCharsets.UTF_8));

        String text = ConsoleVerdict.text(manifest, shown, baseline, claims, summary, verdict, effects.main(),
                run.score());
        return new ReportResult(html, markdown, warnings, text);
    }
}
