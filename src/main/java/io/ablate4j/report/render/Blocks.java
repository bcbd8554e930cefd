package io.ablate4j.report.render;

import io.ablate4j.report.read.VariantCells;

/** The blocks and cells every section of the report uses. */
final class Blocks {
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

    /** A variant's label by its id; the id when the manifest does not list it. */
    static String label(ReportDocument.Content c, String variantId) {
        return c.manifest().variants().stream().filter(v -> v.variantId().equals(variantId)).findFirst()
                .map(VariantCells::label).orElse(variantId);
    }
}
