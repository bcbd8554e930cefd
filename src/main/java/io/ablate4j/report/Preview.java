package io.ablate4j.report;

import io.ablate4j.report.charts.Figures;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.render.FigureSet;
import io.ablate4j.report.render.HtmlRenderer;
import io.ablate4j.report.render.ReportDocument;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.Looks;
import java.util.List;

/**
 * The report's decisive sections for a run as it stands, computed in memory and written nowhere: what the live page
 * ({@code ablate4j serve}, {@code run --serve}) shows while a run trains. The statistics and the sections are the
 * report's own ({@link Analysis}, {@link ReportDocument#live}), so the page and the report say the same about the same
 * trials; only the PNG charts are left out.
 */
public final class Preview {
    private Preview() {
    }

    /**
     * @param html         the sections as an HTML fragment in the report's markup ({@link HtmlRenderer#css()})
     * @param completeness planned against delivered trials, with the report's warnings
     */
    public record Result(String title, String html, Completeness completeness) {
    }

    /** The style sheet of the sections' markup (the report's). */
    public static String css() {
        return HtmlRenderer.css();
    }

    /** The sections of a run read by {@link Looks#read} (adaptive looks replayed). */
    public static Result of(Looks.Replayed read) {
        Analysis a = Analysis.of(read);
        RunData run = a.run();
        FigureSet figures = Figures.build(run.manifest(), a.baseline(), a.summary(), a.effects(), run.score());
        ReportDocument.Content content = new ReportDocument.Content(run.manifest(), a.baseline(), a.completeness(),
                a.claims(), a.summary(), a.verdict(), a.effects(), a.trialCurves(), a.variantCurves(), List.of(),
                List.of(), List.of(), run.score(), run.crossValidated(), a.looks(), figures);
        return new Result(ReportDocument.title(run.manifest()),
                HtmlRenderer.fragment(ReportDocument.live(content)), a.completeness());
    }
}
