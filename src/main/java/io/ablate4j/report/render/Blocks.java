package io.ablate4j.report.render;

import io.ablate4j.config.BaselineSource;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.BaselineOutcome;

/** The blocks and cells every section of the report uses. */
public final class Blocks {
    private Blocks() {
    }

    static Doc.Heading h2(String text, String anchor) {
        return new Doc.Heading(2, text, anchor);
    }

    static Doc.Paragraph para(String text) {
        return new Doc.Paragraph(text, Doc.Style.NORMAL);
    }

    static Doc.Paragraph note(String text) {
        return new Doc.Paragraph(text, Doc.Style.NOTE);
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    /** The row class of a variant's outcome against the baseline: {@code good} helped, {@code bad} hurt. */
    public static String rowClass(BaselineOutcome outcome) {
        return outcome == BaselineOutcome.HELPED ? "good" : outcome == BaselineOutcome.HURT ? "bad" : null;
    }

    /**
     * Why a run has no baseline variant, as a sentence's end: "off by request (baseline: none)", "none recorded
     * (…)" for a run made before every config got one, or "… is not among the variants".
     */
    static String whyNoBaseline(Manifest m) {
        if (m.baselineSource() == BaselineSource.NONE) {
            return "comparisons with a baseline are off by request (baseline: none)";
        } else if (!m.baseline().isEmpty()) {
            return "the baseline " + m.baseline() + " is not among the variants";
        }
        return "the run recorded no baseline (its config named none, before ablate4j chose one for every config)";
    }

    /** A variant's label by its id; the id when the manifest does not list it. */
    static String label(ReportDocument.Content c, String variantId) {
        return c.manifest().variants().stream().filter(v -> v.variantId().equals(variantId)).findFirst()
                .map(VariantCells::label).orElse(variantId);
    }
}
